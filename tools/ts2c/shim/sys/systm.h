/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Userspace shim: the parts of the FreeBSD kernel's <sys/systm.h> (and <sys/libkern.h>) the emitted
 * C uses. timingsafe_bcmp is glibc-less, written as the kernel's: no early exit.
 */
#ifndef _WGUP_SHIM_SYS_SYSTM_H_
#define	_WGUP_SHIM_SYS_SYSTM_H_

#include <sys/types.h>
#include <stdlib.h>
#include <string.h>

static inline int
timingsafe_bcmp(const void *b1, const void *b2, size_t n)
{
	const unsigned char *p1 = b1, *p2 = b2;
	int ret = 0;

	for (; n > 0; n--)
		ret |= *p1++ ^ *p2++;
	return (ret != 0);
}

/*
 * KASSERT as the kernel has it: with INVARIANTS a false condition prints the message and stops
 * (the kernel panics; here abort(3)), without it the check is compiled out.
 */
#ifdef INVARIANTS
#include <stdio.h>
#define	KASSERT(exp, msg) do {						\
	if (!(exp)) {							\
		printf msg;						\
		printf("\n");						\
		fflush(stdout);						\
		abort();						\
	}								\
} while (0)
#else
#define	KASSERT(exp, msg) do {						\
} while (0)
#endif

#endif /* !_WGUP_SHIM_SYS_SYSTM_H_ */
