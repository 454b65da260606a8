/* Userspace stand-in for FreeBSD's <sys/endian.h> little-endian encoders. */
#ifndef _HARNESS_SYS_ENDIAN_H_
#define	_HARNESS_SYS_ENDIAN_H_

#include <stdint.h>

static inline void
le32enc(void *pp, uint32_t u)
{
	uint8_t *p = pp;

	p[0] = u & 0xff;
	p[1] = (u >> 8) & 0xff;
	p[2] = (u >> 16) & 0xff;
	p[3] = (u >> 24) & 0xff;
}

static inline void
le64enc(void *pp, uint64_t u)
{
	uint8_t *p = pp;

	le32enc(p, (uint32_t)(u & 0xffffffffU));
	le32enc(p + 4, (uint32_t)(u >> 32));
}

static inline uint32_t
le32dec(const void *pp)
{
	const uint8_t *p = pp;

	return ((uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	    ((uint32_t)p[3] << 24));
}

static inline uint64_t
le64dec(const void *pp)
{
	const uint8_t *p = pp;

	return ((uint64_t)le32dec(p) | ((uint64_t)le32dec(p + 4) << 32));
}

#endif /* !_HARNESS_SYS_ENDIAN_H_ */
