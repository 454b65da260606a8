/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Runs the generated self-test tables (sys/dev/wg/selftest/crypto_vectors.h, computed by the TS
 * reference) against the emitted sys/crypto C, as the kernel module's self-test would. Prints the
 * number of vectors and failures; exits 1 on any failure.
 */
#include <sys/types.h>
#include <stdio.h>
#include <string.h>

#include <crypto/blake2s.h>
#include <crypto/chacha20_poly1305.h>
#include <crypto/curve25519.h>

#include <dev/wg/selftest/crypto_vectors.h>

#define	N(a)	(sizeof(a) / sizeof((a)[0]))

int
main(void)
{
	uint8_t buf[WG_SELFTEST_MAXLEN + 16];
	size_t i, total = 0, failed = 0;

	for (i = 0; i < N(wg_selftest_chacha20poly1305); i++, total += 2) {
		const struct wg_selftest_aead *v = &wg_selftest_chacha20poly1305[i];

		chacha20_poly1305_encrypt(buf, v->pt, v->pt_len, v->aad, v->aad_len, v->nonce, v->nonce_len, v->key);
		failed += memcmp(buf, v->sealed, v->pt_len + 16) != 0;
		failed += !chacha20_poly1305_decrypt(buf, v->sealed, v->pt_len + 16, v->aad, v->aad_len, v->nonce, v->nonce_len, v->key) ||
		    memcmp(buf, v->pt, v->pt_len) != 0;
	}
	for (i = 0; i < N(wg_selftest_xchacha20poly1305); i++, total += 2) {
		const struct wg_selftest_aead *v = &wg_selftest_xchacha20poly1305[i];

		xchacha20_poly1305_encrypt(buf, v->pt, v->pt_len, v->aad, v->aad_len, v->nonce, v->key);
		failed += memcmp(buf, v->sealed, v->pt_len + 16) != 0;
		failed += !xchacha20_poly1305_decrypt(buf, v->sealed, v->pt_len + 16, v->aad, v->aad_len, v->nonce, v->key) ||
		    memcmp(buf, v->pt, v->pt_len) != 0;
	}
	for (i = 0; i < N(wg_selftest_blake2s); i++, total++) {
		const struct wg_selftest_blake2s *v = &wg_selftest_blake2s[i];

		blake2s_hash(buf, v->out_len, v->in, v->in_len, v->key, v->key_len);
		failed += memcmp(buf, v->out, v->out_len) != 0;
	}
	for (i = 0; i < N(wg_selftest_hmac_blake2s); i++, total++) {
		const struct wg_selftest_blake2s *v = &wg_selftest_hmac_blake2s[i];

		blake2s_hmac(buf, v->in, v->key, v->out_len, v->in_len, v->key_len);
		failed += memcmp(buf, v->out, v->out_len) != 0;
	}
	for (i = 0; i < N(wg_selftest_x25519); i++, total++) {
		const struct wg_selftest_x25519 *v = &wg_selftest_x25519[i];
		bool ok = curve25519(buf, v->secret, v->basepoint);

		failed += ok != v->ok || memcmp(buf, v->shared, 32) != 0;
	}
	printf("%zu %zu\n", total, failed);
	return (failed != 0);
}
