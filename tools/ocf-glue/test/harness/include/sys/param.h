/*
 * Userspace stand-in for the parts of FreeBSD's <sys/param.h> the emitted glue uses, so the harness can
 * compile sys/dev/wg/wg_crypto_ocf.c unchanged on Linux. Not generated: part of the test harness.
 */
#ifndef _HARNESS_SYS_PARAM_H_
#define	_HARNESS_SYS_PARAM_H_

#include <sys/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifndef MIN
#define	MIN(a, b)	(((a) < (b)) ? (a) : (b))
#endif
#ifndef MAX
#define	MAX(a, b)	(((a) > (b)) ? (a) : (b))
#endif
#define	rounddown(x, y)	(((x) / (y)) * (y))
#define	nitems(x)	(sizeof((x)) / sizeof((x)[0]))
#define	__unused	__attribute__((__unused__))

typedef const char	*c_caddr_t;

#endif /* !_HARNESS_SYS_PARAM_H_ */
