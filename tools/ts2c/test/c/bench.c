/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Benchmark driver (npx wgup bench crypto): the emitted sys/crypto C against libsodium and OpenSSL 3
 * on the same inputs in one process. Each operation runs in a loop long enough to time, the best of
 * REPS repetitions is kept, and one line "name ns_per_op" is printed per measurement.
 */
#include <sys/types.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>
#include <sodium.h>

#include <crypto/blake2s.h>
#include <crypto/chacha20_poly1305.h>
#include <crypto/curve25519.h>

static uint8_t key[32], nonce[24], aad[16], msg[16384], out[16384 + 64];
static volatile uint8_t sink;
static int reps = 7;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (ts.tv_sec * 1e9 + ts.tv_nsec);
}

typedef void (*op_t)(size_t);

static double
time_op(op_t op, size_t len, long iters)
{
	double t;
	long i;

	t = now();
	for (i = 0; i < iters; i++)
		op(len);
	return ((now() - t) / iters);
}

/*
 * Ours and the baseline alternate within each repetition, so both see the same machine load; the
 * best (smallest) time of each is kept.
 */
static void
measure(const char *name, op_t ours, const char *bname, op_t base, size_t len, long iters)
{
	double best = 1e30, bbest = 1e30, t;
	int r;

	time_op(ours, len, iters / 10 + 1);
	time_op(base, len, iters / 10 + 1);
	for (r = 0; r < reps; r++) {
		if ((t = time_op(ours, len, iters)) < best)
			best = t;
		if ((t = time_op(base, len, iters)) < bbest)
			bbest = t;
	}
	sink ^= out[0];
	printf("%s %.2f\n%s %.2f\n", name, best, bname, bbest);
	fflush(stdout);
}

static void
ours_seal(size_t len)
{
	chacha20_poly1305_encrypt(out, msg, len, aad, 0, nonce, 12, key);
}

static void
ours_xseal(size_t len)
{
	xchacha20_poly1305_encrypt(out, msg, len, aad, 0, nonce, key);
}

static void
ours_blake2s(size_t len)
{
	blake2s_hash(out, 32, msg, len, NULL, 0);
}

static void
ours_x25519(size_t len)
{
	(void)len;
	curve25519(out, key, msg);
	key[0] ^= out[0];
}

static void
sodium_seal(size_t len)
{
	crypto_aead_chacha20poly1305_ietf_encrypt(out, NULL, msg, len, aad, 0, NULL, nonce, key);
}

static void
sodium_xseal(size_t len)
{
	crypto_aead_xchacha20poly1305_ietf_encrypt(out, NULL, msg, len, aad, 0, NULL, nonce, key);
}

static void
sodium_x25519(size_t len)
{
	(void)len;
	if (crypto_scalarmult_curve25519(out, key, msg) != 0)
		out[0] = 1;
	key[0] ^= out[0];
}

static EVP_CIPHER_CTX *evp;
static EVP_MD_CTX *mdctx;

static void
openssl_seal(size_t len)
{
	int n;

	EVP_EncryptInit_ex(evp, NULL, NULL, key, nonce);
	EVP_EncryptUpdate(evp, out, &n, msg, (int)len);
	EVP_EncryptFinal_ex(evp, out + n, &n);
	EVP_CIPHER_CTX_ctrl(evp, EVP_CTRL_AEAD_GET_TAG, 16, out + len);
}

static void
openssl_blake2s(size_t len)
{
	unsigned int n;

	EVP_DigestInit_ex(mdctx, EVP_blake2s256(), NULL);
	EVP_DigestUpdate(mdctx, msg, len);
	EVP_DigestFinal_ex(mdctx, out, &n);
}

int
main(int argc, char **argv)
{
	int quick = argc > 1 && strcmp(argv[1], "quick") == 0;
	long scale = quick ? 10 : 1;
	size_t i;

	if (quick)
		reps = 2;
	if (sodium_init() < 0)
		return (1);
	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 7 + 1);
	for (i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(i + 3);
	for (i = 0; i < sizeof(nonce); i++)
		nonce[i] = (uint8_t)i;
	evp = EVP_CIPHER_CTX_new();
	EVP_EncryptInit_ex(evp, EVP_chacha20_poly1305(), NULL, NULL, NULL);
	EVP_CIPHER_CTX_ctrl(evp, EVP_CTRL_AEAD_SET_IVLEN, 12, NULL);
	mdctx = EVP_MD_CTX_new();

	if (argc > 2 && strcmp(argv[2], "x25519") == 0) {
		measure("ours_x25519", ours_x25519, "libsodium_x25519", sodium_x25519, 0, 2000 / scale);
		return (0);
	}
	measure("ours_chacha20poly1305_64", ours_seal, "libsodium_chacha20poly1305_64", sodium_seal, 64, 200000 / scale);
	measure("ours_chacha20poly1305_1420", ours_seal, "libsodium_chacha20poly1305_1420", sodium_seal, 1420, 20000 / scale);
	measure("ours_chacha20poly1305_16384", ours_seal, "libsodium_chacha20poly1305_16384", sodium_seal, 16384, 2000 / scale);
	measure("ours_chacha20poly1305_1420", ours_seal, "openssl_chacha20poly1305_1420", openssl_seal, 1420, 20000 / scale);
	measure("ours_xchacha20poly1305_64", ours_xseal, "libsodium_xchacha20poly1305_64", sodium_xseal, 64, 200000 / scale);
	measure("ours_blake2s_64", ours_blake2s, "openssl_blake2s_64", openssl_blake2s, 64, 200000 / scale);
	measure("ours_blake2s_1420", ours_blake2s, "openssl_blake2s_1420", openssl_blake2s, 1420, 20000 / scale);
	measure("ours_x25519", ours_x25519, "libsodium_x25519", sodium_x25519, 0, 2000 / scale);
	return (sink == 255 ? 2 : 0);
}
