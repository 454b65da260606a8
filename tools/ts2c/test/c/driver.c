/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Test driver for the emitted sys/crypto C: one long-running process that reads one request per
 * line on stdin and answers one line on stdout, so the TS tests can run thousands of cases through
 * a pipe. Byte strings are hex, "-" is the empty string.
 *
 *	seal KEY NONCE AAD MSG		-> CT||TAG		(nonce of 8 or 12 bytes)
 *	open KEY NONCE AAD CT||TAG	-> PT or "bad"
 *	xseal KEY NONCE24 AAD MSG	-> CT||TAG
 *	xopen KEY NONCE24 AAD CT||TAG	-> PT or "bad"
 *	x25519 SCALAR POINT		-> "1 OUT" or "0 OUT"	(0: all-zero result)
 *	blake2s OUTLEN KEY MSG		-> DIGEST
 *	hmac KEY MSG			-> 32-byte HMAC-BLAKE2s
 *	poly1305 KEY MSG		-> TAG (streamed in two pieces at the middle)
 */
#include <sys/types.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crypto/blake2s.h>
#include <crypto/chacha20_poly1305.h>
#include <crypto/chacha20_poly1305_internal.h>
#include <crypto/curve25519.h>

#define	MAXLEN	(1 << 20)

static uint8_t bufs[4][MAXLEN];
static uint8_t out[MAXLEN + 64];
static char line[8 * MAXLEN];

static size_t
unhex(const char *s, uint8_t *dst)
{
	size_t n = 0;

	if (s == NULL || strcmp(s, "-") == 0)
		return (0);
	for (; s[0] != '\0' && s[1] != '\0'; s += 2) {
		unsigned int v;

		sscanf(s, "%2x", &v);
		dst[n++] = (uint8_t)v;
	}
	return (n);
}

static void
puthex(const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	if (n == 0)
		putchar('-');
	for (i = 0; i < n; i++) {
		putchar(digits[p[i] >> 4]);
		putchar(digits[p[i] & 15]);
	}
}

int
main(void)
{
	char *op, *a[4];
	size_t n[4];
	int i;

	while (fgets(line, sizeof(line), stdin) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		op = strtok(line, " ");
		if (op == NULL)
			continue;
		for (i = 0; i < 4; i++) {
			a[i] = strtok(NULL, " ");
			n[i] = strcmp(op, "blake2s") == 0 && i == 0 ? 0 : unhex(a[i], bufs[i]);
		}
		if (strcmp(op, "seal") == 0) {
			chacha20_poly1305_encrypt(out, bufs[3], n[3], bufs[2], n[2], bufs[1], n[1], bufs[0]);
			puthex(out, n[3] + 16);
		} else if (strcmp(op, "open") == 0) {
			if (n[3] < 16 || !chacha20_poly1305_decrypt(out, bufs[3], n[3], bufs[2], n[2], bufs[1], n[1], bufs[0]))
				fputs("bad", stdout);
			else
				puthex(out, n[3] - 16);
		} else if (strcmp(op, "xseal") == 0) {
			xchacha20_poly1305_encrypt(out, bufs[3], n[3], bufs[2], n[2], bufs[1], bufs[0]);
			puthex(out, n[3] + 16);
		} else if (strcmp(op, "xopen") == 0) {
			if (n[3] < 16 || !xchacha20_poly1305_decrypt(out, bufs[3], n[3], bufs[2], n[2], bufs[1], bufs[0]))
				fputs("bad", stdout);
			else
				puthex(out, n[3] - 16);
		} else if (strcmp(op, "x25519") == 0) {
			bool ok = curve25519(out, bufs[0], bufs[1]);

			printf("%d ", ok ? 1 : 0);
			puthex(out, 32);
		} else if (strcmp(op, "blake2s") == 0) {
			size_t outlen = (size_t)atoi(a[0]);

			blake2s_hash(out, outlen, bufs[2], n[2], bufs[1], n[1]);
			puthex(out, outlen);
		} else if (strcmp(op, "hmac") == 0) {
			blake2s_hmac(out, bufs[1], bufs[0], 32, n[1], n[0]);
			puthex(out, 32);
		} else if (strcmp(op, "poly1305") == 0) {
			struct poly1305_ctx ctx;

			chacha20_poly1305_mac_init(&ctx, bufs[0]);
			chacha20_poly1305_mac_update(&ctx, bufs[1], n[1] / 2);
			chacha20_poly1305_mac_update(&ctx, bufs[1] + n[1] / 2, n[1] - n[1] / 2);
			chacha20_poly1305_mac_final(&ctx, out);
			puthex(out, 16);
		} else {
			fputs("unknown", stdout);
		}
		putchar('\n');
	}
	return (0);
}
