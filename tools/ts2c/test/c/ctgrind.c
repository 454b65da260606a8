/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Constant-time check (the ctgrind technique): secrets are marked undefined for valgrind's memcheck,
 * so any branch or memory index that depends on them is reported as "Conditional jump or move depends
 * on uninitialised value(s)" or "Use of uninitialised value of size N". Outputs are marked defined
 * again before the driver looks at them. Run under valgrind with --error-exitcode.
 */
#include <sys/types.h>
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include <crypto/blake2s.h>
#include <crypto/chacha20_poly1305.h>
#include <crypto/chacha20_poly1305_internal.h>
#include <crypto/curve25519.h>

#define	SECRET(p, n)	VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define	PUBLIC(p, n)	VALGRIND_MAKE_MEM_DEFINED((p), (n))

int
main(int argc, char **argv)
{
	uint8_t key[32], nonce[12], msg[1420], out[1420 + 16], scalar[32], point[32], mac[32];
	struct poly1305_ctx ctx;
	struct blake2s_hash_state st;

	memset(key, 0x42, sizeof(key));
	memset(nonce, 1, sizeof(nonce));
	memset(msg, 0x17, sizeof(msg));
	memset(scalar, 0x5a, sizeof(scalar));
	memset(point, 9, sizeof(point));

	/* ChaCha20 (and Poly1305 through the AEAD): secret key and plaintext */
	SECRET(key, sizeof(key));
	SECRET(msg, sizeof(msg));
	chacha20_poly1305_encrypt(out, msg, sizeof(msg), nonce, 0, nonce, 12, key);
	chacha20_poly1305_keystream_xor(out, msg, sizeof(msg), key, nonce, 1);
	PUBLIC(out, sizeof(out));

	/* Poly1305 alone: secret one-time key */
	chacha20_poly1305_mac_init(&ctx, key);
	chacha20_poly1305_mac_update(&ctx, msg, 100);
	chacha20_poly1305_mac_update(&ctx, msg + 100, 1000);
	chacha20_poly1305_mac_final(&ctx, mac);
	PUBLIC(mac, 16);

	/* BLAKE2s keyed, and HMAC */
	blake2s_hash_init_key(&st, 32, key, 32);
	blake2s_hash_update(&st, msg, sizeof(msg));
	blake2s_hash_final(&st, mac);
	PUBLIC(mac, 32);
	blake2s_hmac(mac, msg, key, 32, 64, 32);
	PUBLIC(mac, 32);

	/* negative control (argument "leak"): a branch on the key must be reported */
	if (argc > 1 && strcmp(argv[1], "leak") == 0 && key[0] == 0x42)
		puts("leaked");

	/* X25519: secret scalar; the all-zero check result is public by design */
	SECRET(scalar, sizeof(scalar));
	{
		bool ok = curve25519(out, scalar, point);

		PUBLIC(&ok, sizeof(ok));
		PUBLIC(out, 32);
		printf("%d %02x\n", ok, out[0]);
	}
	return (0);
}
