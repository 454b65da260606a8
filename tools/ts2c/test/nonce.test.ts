/*
 * The emitted chacha20_poly1305_{en,de}crypt with a nonce length other than 8 or 12, as the kernel
 * builds them: with INVARIANTS the KASSERT stops the program (abort here, a panic in the kernel)
 * and names the function; without it decrypt returns false and leaves dst alone, and encrypt
 * zeroes dst (in place, the plaintext with it) and computes nothing. Lengths 8 and 12 still work.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compile, makeBuildDir, OVERLAY_SYS } from '../src';

const DRIVER = `#include <sys/types.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <crypto/chacha20_poly1305.h>

int
main(int argc, char **argv)
{
	static const uint8_t key[32] = { 1, 2, 3 };
	uint8_t nonce[24], buf[48 + 16], out[48], sealed[48 + 16];
	size_t len = (size_t)atoi(argv[1]), i;
	int ok, untouched = 1;

	(void)argc;
	memset(nonce, 7, sizeof(nonce));
	memset(buf, 0xa5, sizeof(buf));
	chacha20_poly1305_encrypt(buf, buf, 48, NULL, 0, nonce, len, key);
	for (i = 0; i < sizeof(buf); i++)
		printf("%02x", buf[i]);
	printf("\\n");
	memset(sealed, 0xa5, 48);
	chacha20_poly1305_encrypt(sealed, sealed, 48, NULL, 0, nonce, 12, key);
	memset(out, 0x5a, sizeof(out));
	ok = chacha20_poly1305_decrypt(out, sealed, sizeof(sealed), NULL, 0,
	    nonce, len, key);
	for (i = 0; i < sizeof(out); i++)
		untouched &= out[i] == 0x5a;
	printf("decrypt %d untouched %d\\n", ok, untouched);
	return (0);
}
`;

const dir = makeBuildDir('wgup-nonce-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const src = path.join(dir, 'nonce.c');
fs.writeFileSync(src, DRIVER);

function build(cc: 'gcc' | 'clang', flags: string[]): string {
	const exe = path.join(dir, `nonce-${cc}${flags.join('')}`);
	compile([src, path.join(OVERLAY_SYS, 'crypto', 'chacha20_poly1305.c')], exe, { cc, flags });
	return exe;
}

describe.each([['gcc'], ['clang']] as const)('%s', (cc) => {
	test.each([0, 7, 9, 11, 13, 16, 24])('nonce length %d without INVARIANTS: encrypt zeroes dst, decrypt refuses', (len) => {
		const r = spawnSync(build(cc, []), [String(len)], { encoding: 'utf8' });
		expect(r.status).toBe(0);
		expect(r.stdout).toBe(`${'00'.repeat(64)}\ndecrypt 0 untouched 1\n`);
	});

	test.each([0, 9, 24])('nonce length %d with INVARIANTS: KASSERT stops in chacha20_poly1305_nonce', (len) => {
		const r = spawnSync(build(cc, ['-DINVARIANTS']), [String(len)], { encoding: 'utf8' });
		expect(r.signal).toBe('SIGABRT');
		expect(r.stdout).toBe('chacha20_poly1305_nonce: nonce length is not 8 or 12\n');
	});

	test.each([8, 12])('nonce length %d works with INVARIANTS: a real ciphertext and tag that decrypt', (len) => {
		const r = spawnSync(build(cc, ['-DINVARIANTS']), [String(len)], { encoding: 'utf8' });
		expect(r.status).toBe(0);
		const [ct, verdict] = r.stdout.trim().split('\n');
		expect(ct).not.toMatch(/^(a5)+$|^(00)+$/);
		// decrypting the 12-byte-nonce message: accepted at 12; at 8 the nonce differs, so the tag fails
		expect(verdict).toBe(len === 12 ? 'decrypt 1 untouched 0' : 'decrypt 0 untouched 1');
	});
});
