/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Userspace shim: FreeBSD's <sys/endian.h> little-endian decoders and encoders, which glibc lacks.
 * Byte by byte, so they are correct on any host and alignment.
 */
#ifndef _WGUP_SHIM_SYS_ENDIAN_H_
#define	_WGUP_SHIM_SYS_ENDIAN_H_

#include <sys/types.h>

static inline uint32_t
le32dec(const void *pp)
{
	const uint8_t *p = pp;

	return ((uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	    ((uint32_t)p[3] << 24));
}

static inline void
le32enc(void *pp, uint32_t v)
{
	uint8_t *p = pp;

	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = (v >> 24) & 0xff;
}

static inline uint64_t
le64dec(const void *pp)
{
	const uint8_t *p = pp;

	return ((uint64_t)le32dec(p + 4) << 32 | le32dec(p));
}

static inline void
le64enc(void *pp, uint64_t v)
{
	uint8_t *p = pp;

	le32enc(p, (uint32_t)v);
	le32enc(p + 4, (uint32_t)(v >> 32));
}

#endif /* !_WGUP_SHIM_SYS_ENDIAN_H_ */
