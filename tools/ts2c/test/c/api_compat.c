/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The emitted headers are a drop-in for FreeBSD's: this file includes them and then repeats the
 * prototypes of FreeBSD's sys/crypto/chacha20_poly1305.h and sys/crypto/curve25519.h (freebsd-src
 * 168e4886, 0c6274a8) word for word. A C compiler rejects a redeclaration with a different type, so
 * this compiles only if the APIs match.
 */
#include <sys/types.h>

#include <crypto/chacha20_poly1305.h>
#include <crypto/curve25519.h>

void	chacha20_poly1305_encrypt(uint8_t *dst, const uint8_t *src,
	    const size_t src_len, const uint8_t *aad, const size_t aad_len,
	    const uint8_t *nonce, const size_t nonce_len, const uint8_t *key);

bool	chacha20_poly1305_decrypt(uint8_t *dst, const uint8_t *src,
	    const size_t src_len, const uint8_t *aad, const size_t aad_len,
	    const uint8_t *nonce, const size_t nonce_len, const uint8_t *key);

void	xchacha20_poly1305_encrypt(uint8_t *dst, const uint8_t *src,
	    const size_t src_len, const uint8_t *aad, const size_t aad_len,
	    const uint8_t *nonce, const uint8_t *key);

bool	xchacha20_poly1305_decrypt(uint8_t *dst, const uint8_t *src,
	    const size_t src_len, const uint8_t *aad, const size_t aad_len,
	    const uint8_t *nonce, const uint8_t *key);

bool	curve25519(uint8_t *public, const uint8_t *secret,
    const uint8_t *basepoint);
bool	curve25519_generate_public(uint8_t *public,
    const uint8_t *secret);

#if CURVE25519_KEY_SIZE != 32
#error "CURVE25519_KEY_SIZE"
#endif

int
main(void)
{
	uint8_t secret[CURVE25519_KEY_SIZE];

	curve25519_generate_secret(secret);
	return ((secret[0] & 7) != 0 || (secret[31] & 0xc0) != 0x40);
}
