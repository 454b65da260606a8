/*
 * Stand-in for the streaming half of the emitted sys/crypto ChaCha20-Poly1305 (ChaCha20 keystream XOR
 * from a block counter, Poly1305 init/update/final), on top of libsodium. The fallback glue is compiled
 * against this only while freebsd-overlay/sys/crypto does not provide these functions yet; the build
 * (tools/ocf-glue/src/harness.ts) prefers the emitted header when it exists.
 */
#ifndef _HARNESS_CRYPTO_CHACHA20_POLY1305_H_
#define	_HARNESS_CRYPTO_CHACHA20_POLY1305_H_

#include <sys/param.h>
#include <sodium.h>

struct poly1305_ctx {
	crypto_onetimeauth_poly1305_state st;
};

static inline void
chacha20_xor(uint8_t *dst, const uint8_t *src, size_t len, const uint8_t *key,
    const uint8_t *nonce, uint32_t counter)
{
	crypto_stream_chacha20_ietf_xor_ic(dst, src, len, nonce, counter, key);
}

static inline void
poly1305_init(struct poly1305_ctx *ctx, const uint8_t *key)
{
	crypto_onetimeauth_poly1305_init(&ctx->st, key);
}

static inline void
poly1305_update(struct poly1305_ctx *ctx, const uint8_t *m, size_t len)
{
	crypto_onetimeauth_poly1305_update(&ctx->st, m, len);
}

static inline void
poly1305_final(struct poly1305_ctx *ctx, uint8_t *mac)
{
	crypto_onetimeauth_poly1305_final(&ctx->st, mac);
}

#endif /* !_HARNESS_CRYPTO_CHACHA20_POLY1305_H_ */
