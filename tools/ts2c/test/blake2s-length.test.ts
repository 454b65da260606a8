/*
 * blake2s_hash_update on inputs of 4 GiB and more. The emitted C once computed the number of blocks
 * to compress as `(uint32_t)(inlen - off - 1) >> 6`: an input of 2^32 + 100 bytes gave 0 blocks and
 * the whole input was then copied into the 64-byte buffer. What proves the fix:
 *  1. the emitted helper, compiled (gcc, clang; 64-bit size_t, where the truncation bit), returns for
 *     lengths around 2^32, 2^33 and SIZE_MAX the block counts a bigint oracle gives, each leaving a
 *     1..64-byte tail (-m32 builds are not run: CI's kernel may lack i386 binary support);
 *  2. the emitted update gets its block count from that helper in size_t, nothing narrower;
 *  3. end to end, blake2s_hash_update in one call over 2^32 + 100 bytes (WGUP_LONG=1; 2^20 + 100
 *     otherwise, same path without the 32-bit crossing) gives OpenSSL's BLAKE2s-256 of those bytes.
 *     The bytes are zero pages mapped MAP_NORESERVE: nothing is allocated.
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { makeBuildDir, OVERLAY_SYS, SHIM_DIR, STRICT_FLAGS } from '../src';

const LONG = process.env.WGUP_LONG === '1';
const dir = makeBuildDir('wgup-blake2s-len-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/* The driver includes the emitted file itself, so it reaches the static helper. */
const DRIVER = `#include <sys/mman.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include "crypto/blake2s.c"

int
main(int argc, char **argv)
{
	struct blake2s_hash_state s;
	uint8_t out[32];
	const uint8_t *p;
	size_t len;
	int i;

	if (argc == 3 && argv[1][0] == 'n') {
		/* argv[2]: a decimal rest; prints the helper's block count */
		printf("%ju\\n", (uintmax_t)blake2s_blocks_before_last(
		    (size_t)strtoumax(argv[2], NULL, 10)));
		return (0);
	}
	len = (size_t)strtoumax(argv[2], NULL, 10);
	p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
	    MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return (2);
	blake2s_hash_init(&s, 32);
	blake2s_hash_update(&s, p, len);
	blake2s_hash_final(&s, out);
	for (i = 0; i < 32; i++)
		printf("%02x", out[i]);
	printf("\\n");
	return (0);
}
`;

function build(cc: string, flags: string[]): string {
	const src = path.join(dir, 'driver.c');
	fs.writeFileSync(src, DRIVER);
	const exe = path.join(dir, `driver-${cc}${flags.join('')}`);
	const r = spawnSync(cc, [...STRICT_FLAGS, '-D_DEFAULT_SOURCE', ...flags, `-I${SHIM_DIR}`, `-I${OVERLAY_SYS}`, src, '-o', exe], { encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`${cc} ${flags.join(' ')}:\n${r.stderr}`);
	return exe;
}

function run(exe: string, args: string[]): string {
	const r = spawnSync(exe, args, { encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`${exe} ${args.join(' ')} exited ${r.status} (signal ${r.signal}): ${r.stderr}`);
	return r.stdout.trim();
}

const oracle = (rest: bigint): bigint => (rest - 1n) / 64n;

describe.each([
	['gcc', [] as string[], 64n],
	['clang', [] as string[], 64n],
])('the emitted block-count helper, %s %j', (cc, flags, bits) => {
	test('matches (rest - 1) / 64 around 2^32, 2^33 and SIZE_MAX, leaving 1..64 bytes', () => {
		const exe = build(cc, flags);
		const max = (1n << bits) - 1n;
		const bases = [1n << 32n, 1n << 33n, max];
		const rests = [1n, 63n, 64n, 65n, 128n, 129n, ...bases.flatMap((b) => [-65n, -64n, -63n, -1n, 0n, 1n, 36n, 64n].map((d) => b + d))]
			.filter((r) => r >= 1n && r <= max);
		for (const rest of rests) {
			const n = BigInt(run(exe, ['n', rest.toString()]));
			expect([rest, n]).toEqual([rest, oracle(rest)]);
			const tail = rest - 64n * n;
			expect([rest, tail >= 1n && tail <= 64n]).toEqual([rest, true]);
		}
	});
});

test('blake2s_hash_update takes its block count from the helper, in size_t', () => {
	const c = fs.readFileSync(path.join(OVERLAY_SYS, 'crypto', 'blake2s.c'), 'utf8');
	const update = c.slice(c.indexOf('\nblake2s_hash_update('), c.indexOf('\n}\n', c.indexOf('\nblake2s_hash_update(')));
	expect(update).toMatch(/\tsize_t nblocks;/);
	expect(update).toMatch(/nblocks = blake2s_blocks_before_last\(inlen - off\);/);
	expect(update).not.toMatch(/uint32_t|>> 6/);
	expect(c).toMatch(/^blake2s_blocks_before_last\(size_t rest\)$/m);
	expect(path.relative(REPO_ROOT, OVERLAY_SYS)).toBe(path.join('freebsd-overlay', 'sys'));
});

const LEN = LONG ? 2n ** 32n + 100n : 2n ** 20n + 100n;

test(`one blake2s_hash_update over ${LEN} zero bytes (${LONG ? '2^32 + 100' : '2^20 + 100; 2^32 + 100 with WGUP_LONG=1'}) equals OpenSSL's BLAKE2s-256`, () => {
	const exe = build('gcc', []);
	const got = run(exe, ['h', LEN.toString()]);
	const h = crypto.createHash('blake2s256');
	const zeros = Buffer.alloc(1 << 20);
	for (let left = Number(LEN); left > 0; left -= zeros.length) h.update(left >= zeros.length ? zeros : zeros.subarray(0, left));
	expect(got).toBe(h.digest('hex'));
}, LONG ? 600_000 : 30_000);
