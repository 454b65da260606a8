/*
 * The C-shaped BLAKE2s functions: streaming under any split equals the one-shot, out-of-range
 * lengths return EINVAL, and blake2s_hkdf rejects n outside 1..3.
 */
import { EINVAL } from '@wgup/prelude';
import { blake2s as nobleBlake2s } from '@noble/hashes/blake2s';
import {
	blake2s_hash, blake2s_hash_final, blake2s_hash_init, blake2s_hash_init_key, blake2s_hash_state, blake2s_hash_update,
	blake2s_hkdf,
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
