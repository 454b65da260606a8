/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * `wgup bench kernel` driver: the emitted sys/crypto C against what FreeBSD's kernel runs today, both
 * compiled (by tools/ts2c/src/bench-kernel.ts) with the amd64 kernel flags; only this file is built
 * with ordinary userspace flags. The baselines:
 *   - libsodium 1.0.18's portable code, as sys/contrib/libsodium (chacha20 ref, poly1305 donna64 with
 *     HAVE_TI_MODE or donna32 without, x25519 ref10 with fe_51 or fe_25_5). The AEAD is put together
 *     the way the kernel's OCF xform does it: keystream block 0 keys Poly1305, then
 *     crypto_stream_chacha20_ietf_xor_ic from counter 1, crypto_onetimeauth_poly1305_*.
 *   - BLAKE2s: the private copy in FreeBSD main's sys/dev/wg/wg_crypto.c, compiled from the real
 *     tree into wgmain_blake2s() by the bench (never copied into this repository).
 * Every pair is first checked to give identical outputs on known vectors and seeded random inputs;
 * a mismatch exits 2 before anything is timed. Then ours and the baseline alternate, best of N
 * repetitions, and each line reports "name ns_per_op tsc_per_op".
 *
 * usage: bench_kernel full|quick ti|noti
 */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* the emitted C's extern API (sys/crypto/chacha20_poly1305.h, curve25519.h, blake2s.h) */
void	chacha20_poly1305_encrypt(uint8_t *, const uint8_t *, size_t, const uint8_t *, size_t,
	    const uint8_t *, size_t, const uint8_t *);
bool	chacha20_poly1305_decrypt(uint8_t *, const uint8_t *, size_t, const uint8_t *, size_t,
	    const uint8_t *, size_t, const uint8_t *);
bool	curve25519(uint8_t *, const uint8_t *, const uint8_t *);
int	blake2s_hash(uint8_t *, size_t, const uint8_t *, size_t, const uint8_t *, size_t);

/* libsodium 1.0.18 (public names; the implementation behind them is the portable one) */
typedef struct { _Alignas(16) unsigned char opaque[256]; } sodium_poly1305_state;
int	crypto_stream_chacha20_ietf(unsigned char *, unsigned long long, const unsigned char *,
	    const unsigned char *);
int	crypto_stream_chacha20_ietf_xor_ic(unsigned char *, const unsigned char *, unsigned long long,
	    const unsigned char *, uint32_t, const unsigned char *);
int	crypto_onetimeauth_poly1305_init(sodium_poly1305_state *, const unsigned char *);
int	crypto_onetimeauth_poly1305_update(sodium_poly1305_state *, const unsigned char *,
	    unsigned long long);
int	crypto_onetimeauth_poly1305_final(sodium_poly1305_state *, unsigned char *);
int	crypto_scalarmult_curve25519(unsigned char *, const unsigned char *, const unsigned char *);

/* main's wg_crypto.c BLAKE2s behind a wrapper the bench appends to it */
void	wgmain_blake2s(uint8_t *, const uint8_t *, size_t, const uint8_t *, size_t, size_t);

/*
 * What libsodium's core.c would provide; the bench does not link core.c (sodium_init picks SIMD code).
 * randombytes_buf is referenced only by keygen helpers the bench never calls; sodium_misuse by
 * argument checks the bench never fails.
 */
void	randombytes_buf(void *, size_t);
void	sodium_misuse(void);
void
randombytes_buf(void *buf, size_t n)
{
	memset(buf, 0, n);
}

void
sodium_misuse(void)
{
	abort();
}

static const uint8_t zeroes[16];

/* RFC 8439 2.8 (an 8-byte nonce is WireGuard's, zero-extended to 12), as the kernel's xform builds it from libsodium */
static void
sodium_seal(uint8_t *dst, const uint8_t *src, size_t len, const uint8_t *aad, size_t aad_len,
    const uint8_t *nonce, size_t nonce_len, const uint8_t *key)
{
	sodium_poly1305_state st;
	uint8_t nonce12[12] = { 0 };
	uint8_t block0[64];
	uint64_t lens[2];

	memcpy(nonce12 + 12 - nonce_len, nonce, nonce_len);
	crypto_stream_chacha20_ietf(block0, sizeof(block0), nonce12, key);
	crypto_onetimeauth_poly1305_init(&st, block0);
	crypto_onetimeauth_poly1305_update(&st, aad, aad_len);
	if (aad_len % 16 != 0)
		crypto_onetimeauth_poly1305_update(&st, zeroes, 16 - aad_len % 16);
	crypto_stream_chacha20_ietf_xor_ic(dst, src, len, nonce12, 1, key);
	crypto_onetimeauth_poly1305_update(&st, dst, len);
	if (len % 16 != 0)
		crypto_onetimeauth_poly1305_update(&st, zeroes, 16 - len % 16);
	lens[0] = aad_len;	/* little-endian host */
	lens[1] = len;
	crypto_onetimeauth_poly1305_update(&st, (const uint8_t *)lens, sizeof(lens));
	crypto_onetimeauth_poly1305_final(&st, dst + len);
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static void
fill(uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		rng ^= rng << 13;
		rng ^= rng >> 7;
		rng ^= rng << 17;
		p[i] = (uint8_t)rng;
	}
}

static int
hexeq(const uint8_t *p, const char *hex, size_t n)
{
	unsigned int b;
	size_t i;

	for (i = 0; i < n; i++) {
		if (sscanf(hex + 2 * i, "%2x", &b) != 1 || p[i] != b)
			return (0);
	}
	return (1);
}

static void
fail(const char *what)
{
	fprintf(stderr, "bench_kernel: outputs differ: %s\n", what);
	exit(2);
}

#define	MAXLEN	16384
static uint8_t in[MAXLEN + 16], out1[MAXLEN + 16], out2[MAXLEN + 16], back[MAXLEN];

/* identical outputs on vectors and seeded random inputs, or exit 2 */
static void
check(void)
{
	static const char *pt = "Ladies and Gentlemen of the class of '99: If I could offer you only "
	    "one tip for the future, sunscreen would be it.";
	static const size_t lens[] = { 0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 1420, 4096, MAXLEN };
	uint8_t key[32], nonce[8], aad[32], sk[32], pk[32], r1[32], r2[32], h1[32], h2[32];
	uint8_t nonce12[12] = { 7, 0, 0, 0, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47 };
	uint8_t aad0[12] = { 0x50, 0x51, 0x52, 0x53, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7 };
	size_t i, len, aad_len, n, k;

	/* RFC 8439 2.8.2 */
	for (i = 0; i < 32; i++)
		key[i] = (uint8_t)(0x80 + i);
	n = strlen(pt);
	chacha20_poly1305_encrypt(out1, (const uint8_t *)pt, n, aad0, 12, nonce12, 12, key);
	sodium_seal(out2, (const uint8_t *)pt, n, aad0, 12, nonce12, 12, key);
	if (!hexeq(out1 + n, "1ae10b594f09e26a7e902ecbd0600691", 16) || memcmp(out1, out2, n + 16) != 0)
		fail("RFC 8439 2.8.2");
	/* RFC 7748 6.1 */
	for (i = 0; i < 32; i++)
		sscanf("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a" + 2 * i, "%2hhx",
		    &sk[i]);
	memset(pk, 0, 32);
	pk[0] = 9;
	curve25519(r1, sk, pk);
	crypto_scalarmult_curve25519(r2, sk, pk);
	if (!hexeq(r1, "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", 32) ||
	    memcmp(r1, r2, 32) != 0)
		fail("RFC 7748 6.1");
	/* BLAKE2s-256("abc") (RFC 7693 appendix B) */
	blake2s_hash(h1, 32, (const uint8_t *)"abc", 3, NULL, 0);
	wgmain_blake2s(h2, (const uint8_t *)"abc", 3, NULL, 0, 32);
	if (!hexeq(h1, "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982", 32) ||
	    memcmp(h1, h2, 32) != 0)
		fail("BLAKE2s abc");

	for (k = 0; k < 200; k++) {
		len = k < 13 ? lens[k] : (size_t)(rng % (MAXLEN + 1));
		aad_len = k % 3 == 0 ? 0 : (size_t)(rng % 33);
		fill(key, 32);
		fill(nonce, 8);
		fill(aad, 32);
		fill(in, len);
		chacha20_poly1305_encrypt(out1, in, len, aad, aad_len, nonce, 8, key);
		sodium_seal(out2, in, len, aad, aad_len, nonce, 8, key);
		if (memcmp(out1, out2, len + 16) != 0)
			fail("ChaCha20-Poly1305 seal");
		if (!chacha20_poly1305_decrypt(back, out2, len + 16, aad, aad_len, nonce, 8, key) ||
		    memcmp(back, in, len) != 0)
			fail("ChaCha20-Poly1305 open of libsodium's output");
		fill(sk, 32);
		fill(pk, 32);
		curve25519(r1, sk, pk);
		crypto_scalarmult_curve25519(r2, sk, pk);
		if (memcmp(r1, r2, 32) != 0)
			fail("X25519");
		n = 1 + (size_t)(rng % 32);
		blake2s_hash(h1, n, in, len, k % 2 ? key : NULL, k % 2 ? 32 : 0);
		wgmain_blake2s(h2, in, len, k % 2 ? key : NULL, k % 2 ? 32 : 0, n);
		if (memcmp(h1, h2, n) != 0)
			fail("BLAKE2s");
	}
}

static inline uint64_t
tsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32 | lo);
}

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec * 1e9 + (double)ts.tv_nsec);
}

enum op { SEAL_OURS, SEAL_SODIUM, X25519_OURS, X25519_SODIUM, B2S_OURS, B2S_MAIN };

static uint8_t key[32], nonce[8], sk[32], pk[32], res[32];

static void
run(enum op op, size_t len, long iters)
{
	long i;

	for (i = 0; i < iters; i++) {
		switch (op) {
		case SEAL_OURS:
			chacha20_poly1305_encrypt(out1, in, len, NULL, 0, nonce, 8, key);
			break;
		case SEAL_SODIUM:
			sodium_seal(out1, in, len, NULL, 0, nonce, 8, key);
			break;
		case X25519_OURS:
			curve25519(res, sk, pk);
			break;
		case X25519_SODIUM:
			crypto_scalarmult_curve25519(res, sk, pk);
			break;
		case B2S_OURS:
			blake2s_hash(res, 32, in, len, NULL, 0);
			break;
		case B2S_MAIN:
			wgmain_blake2s(res, in, len, NULL, 0, 32);
			break;
		}
		__asm__ __volatile__("" ::: "memory");
	}
}

struct item {
	const char *ours, *base;
	enum op o, b;
	size_t len;
	long iters;
	double ns[2], tsc[2];
};

int
main(int argc, char **argv)
{
	/*
	 * Short batches (about half a millisecond) and many repetitions: on a shared machine the best
	 * batch is one that ran undisturbed, and short ones find such slices more often.
	 */
	struct item items[] = {
		{ "ours_seal_64", "sodium_seal_64", SEAL_OURS, SEAL_SODIUM, 64, 2000, { 0 }, { 0 } },
		{ "ours_seal_1420", "sodium_seal_1420", SEAL_OURS, SEAL_SODIUM, 1420, 200, { 0 }, { 0 } },
		{ "ours_seal_16384", "sodium_seal_16384", SEAL_OURS, SEAL_SODIUM, 16384, 20, { 0 }, { 0 } },
		{ "ours_x25519", "sodium_x25519", X25519_OURS, X25519_SODIUM, 0, 10, { 0 }, { 0 } },
		{ "ours_blake2s_64", "main_blake2s_64", B2S_OURS, B2S_MAIN, 64, 2000, { 0 }, { 0 } },
		{ "ours_blake2s_1420", "main_blake2s_1420", B2S_OURS, B2S_MAIN, 1420, 200, { 0 }, { 0 } },
	};
	const size_t nitems = sizeof(items) / sizeof(items[0]);
	bool quick = argc > 1 && strcmp(argv[1], "quick") == 0;
	int reps = quick ? 3 : 101;
	double t0, ns;
	uint64_t c0, c;
	size_t i;
	long iters;
	int r, side;

	check();
	fill(key, 32);
	fill(nonce, 8);
	fill(sk, 32);
	fill(pk, 32);
	fill(in, MAXLEN);
	for (i = 0; i < nitems; i++)
		items[i].ns[0] = items[i].ns[1] = items[i].tsc[0] = items[i].tsc[1] = 1e300;
	for (r = 0; r < reps; r++) {
		for (i = 0; i < nitems; i++) {
			iters = quick ? items[i].iters / 10 + 1 : items[i].iters;
			/* ours first on even repetitions, the baseline first on odd ones */
			for (side = 0; side < 2; side++) {
				int which = (side + r) % 2;

				t0 = now_ns();
				c0 = tsc();
				run(which == 0 ? items[i].o : items[i].b, items[i].len, iters);
				c = tsc() - c0;
				ns = now_ns() - t0;
				if (ns / iters < items[i].ns[which])
					items[i].ns[which] = ns / iters;
				if ((double)c / iters < items[i].tsc[which])
					items[i].tsc[which] = (double)c / iters;
			}
		}
	}
	for (i = 0; i < nitems; i++) {
		printf("%s %.1f %.1f\n", items[i].ours, items[i].ns[0], items[i].tsc[0]);
		printf("%s %.1f %.1f\n", items[i].base, items[i].ns[1], items[i].tsc[1]);
	}
	return (0);
}
