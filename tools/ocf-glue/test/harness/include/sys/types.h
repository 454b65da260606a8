/*
 * Userspace stand-in for what FreeBSD's kernel <sys/types.h> gives its C on top of the host's: bool
 * and the fixed-width integers (the emitted sys/crypto headers use bool without including
 * <stdbool.h>, as kernel code does).
 */
#ifndef _HARNESS_SYS_TYPES_H_
#define	_HARNESS_SYS_TYPES_H_

#include_next <sys/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* FreeBSD's <sys/cdefs.h> spelling: the bare attribute (glibc's adds __inline) */
#undef __always_inline
#define	__always_inline	__attribute__((__always_inline__))
#undef __noinline
#define	__noinline	__attribute__((__noinline__))

#endif /* !_HARNESS_SYS_TYPES_H_ */
