/*
 * The libkern functions the harness's <sys/systm.h> declares, for every userspace program built on
 * this harness (the glue's harness and compat-port's OCF stand-in test): panic prints and aborts, as
 * an INVARIANTS kernel would stop; timingsafe_bcmp is written as the kernel's, without an early exit.
 */
#include <sys/param.h>
#include <sys/systm.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void
panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "panic: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	fflush(stdout);
	abort();
}

int
timingsafe_bcmp(const void *b1, const void *b2, size_t n)
{
	const unsigned char *p1 = b1, *p2 = b2;
	int ret = 0;

	for (; n > 0; n--)
		ret |= *p1++ ^ *p2++;
	return (ret != 0);
}
