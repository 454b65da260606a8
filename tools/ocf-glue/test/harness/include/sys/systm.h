/* Userspace stand-in for FreeBSD's <sys/systm.h>: what the glue and its harness use. */
#ifndef _HARNESS_SYS_SYSTM_H_
#define	_HARNESS_SYS_SYSTM_H_

#include <sys/param.h>
#include <string.h>

/* 0 when equal, in time that depends on len only (FreeBSD libkern/timingsafe_bcmp.c). */
int	timingsafe_bcmp(const void *, const void *, size_t);

/* glibc declares explicit_bzero in <string.h> under _DEFAULT_SOURCE. */
void	explicit_bzero(void *, size_t);

/* The harness's panic: print and abort, as an INVARIANTS kernel would stop. */
void	panic(const char *, ...) __attribute__((__noreturn__, __format__(__printf__, 1, 2)));

/* KASSERT as the kernel has it: with INVARIANTS a panic on a false condition, otherwise nothing. */
#ifdef INVARIANTS
#define	KASSERT(exp, msg) do {						\
	if (!(exp))							\
		panic msg;						\
} while (0)
#else
#define	KASSERT(exp, msg) do {						\
} while (0)
#endif

#endif /* !_HARNESS_SYS_SYSTM_H_ */
