/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Userspace shim for testing the emitted sys/crypto C on Linux: what the FreeBSD kernel's
 * <sys/types.h> provides to it (fixed-width integers, bool, size_t, __unused).
 */
#ifndef _WGUP_SHIM_SYS_TYPES_H_
#define	_WGUP_SHIM_SYS_TYPES_H_

#ifndef _DEFAULT_SOURCE
#define	_DEFAULT_SOURCE
#endif

#include_next <sys/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef __unused
#define	__unused	__attribute__((__unused__))
#endif

/* FreeBSD's <sys/cdefs.h> spelling: the bare attribute (glibc's adds __inline) */
#undef __always_inline
#define	__always_inline	__attribute__((__always_inline__))
#undef __noinline
#define	__noinline	__attribute__((__noinline__))

#endif /* !_WGUP_SHIM_SYS_TYPES_H_ */
