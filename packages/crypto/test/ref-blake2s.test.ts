/*
 * The C-shaped BLAKE2s functions: streaming under any split equals the one-shot, out-of-range
 * lengths return EINVAL, and blake2s_hkdf rejects n outside 1..3.
 */
import { EINVAL } from '@wgup/prelude';
import { blake2s as nobleBlake2s } from '@noble/hashes/blake2s';
import {
	blake2s_hash, blake2s_hash_final, blake2s_hash_init, blake2s_hash_init_key, blake2s_hash_state, blake2s_hash_update,
	blake2s_blocks_before_last, blake2s_hkdf,
} from '../src/ref/blake2s';
import { forRandomCases, LONG, toHex } from './helpers';

test('streaming in random pieces equals noble, keyed and unkeyed, for every outlen', () => {
	forRandomCases('blake2s streaming', LONG ? 100_000 : 2_000, (rng) => {
		const data = rng.bytes(rng.below(400));
		const key = rng.bytes(rng.below(33));
		const outlen = 1 + rng.below(32);
		const s = new blake2s_hash_state();
		expect(key.length ? blake2s_hash_init_key(s, outlen, key, key.length) : blake2s_hash_init(s, outlen)).toBe(0);
		let off = 0;
		while (off < data.length) {
			const n = Math.min(data.length - off, rng.below(130));
			blake2s_hash_update(s, data.subarray(off), n);
			off += n;
		}
		const out = new Uint8Array(outlen);
		blake2s_hash_final(s, out);
		expect(toHex(out)).toBe(toHex(nobleBlake2s(data, { key: key.length ? key : undefined, dkLen: outlen })));
	});
});

test('bad lengths return EINVAL and write nothing', () => {
	const s = new blake2s_hash_state();
	expect(blake2s_hash_init(s, 0)).toBe(EINVAL);
	expect(blake2s_hash_init(s, 33)).toBe(EINVAL);
	expect(blake2s_hash_init_key(s, 32, new Uint8Array(33), 33)).toBe(EINVAL);
	const out = new Uint8Array(32).fill(7);
	expect(blake2s_hash(out, 32, new Uint8Array(1), 1, new Uint8Array(33), 33)).toBe(EINVAL);
	expect(out.every((b) => b === 7)).toBe(true);
	const kdf = new Uint8Array(96).fill(7);
	expect(blake2s_hkdf(kdf, 0, new Uint8Array(1), 1, new Uint8Array(32), 32)).toBe(EINVAL);
	expect(blake2s_hkdf(kdf, 4, new Uint8Array(1), 1, new Uint8Array(32), 32)).toBe(EINVAL);
	expect(kdf.every((b) => b === 7)).toBe(true);
});

/*
 * blake2s_hash_update's block count in size_t (the C once truncated `(inlen - off - 1) >> 6` to
 * uint32_t: 2^32 + 100 input bytes then left 2^32 + 36 bytes for the 64-byte buffer). For every
 * length that follows a full buffer, the blocks compressed from the input leave a tail of 1..64
 * bytes. Checked at the 2^32 and 2^33 boundaries and up to 2^53 (exact in a JS number) against a
 * bigint oracle; the emitted C's helper is checked the same way by tools/ts2c/test/blake2s-length.
 */
test('the block count of an update leaves 1..64 bytes for the buffer, also past 2^32', () => {
	const edges = [1, 2, 63, 64, 65, 127, 128, 129];
	const rests = [...edges, ...[2 ** 32, 2 ** 33, 2 ** 52].flatMap((b) => [-65, -64, -63, -1, 0, 1, 36, 63, 64, 65].map((d) => b + d)), 2 ** 53 - 1];
	for (const rest of rests) {
		const n = blake2s_blocks_before_last(rest);
		expect([rest, n]).toEqual([rest, Number((BigInt(rest) - 1n) / 64n)]);
		const tail = rest - 64 * n;
		expect([rest, tail >= 1 && tail <= 64]).toEqual([rest, true]);
	}
	// the case: 2^32 + 100 bytes into an empty state, 64 of them fill the buffer first
	expect(blake2s_blocks_before_last(2 ** 32 + 100 - 64)).toBe(2 ** 26);
});
