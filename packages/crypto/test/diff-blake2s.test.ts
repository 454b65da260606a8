/*
 * Random differential tests of BLAKE2s and the WireGuard constructions on it: unkeyed BLAKE2s-256
 * against node:crypto's blake2s256, keyed and truncated BLAKE2s against noble, HMAC-BLAKE2s against
 * node:crypto's HMAC, KDF1..3 against HMAC composed by hand, and the fast backend against the
 * reference throughout. 10,000 cases each (1,000,000 with WGUP_LONG=1), seeded.
 */
import * as nodeCrypto from 'node:crypto';
import { blake2s as nobleBlake2s } from '@noble/hashes/blake2s';
import { getCrypto } from '@wgup/crypto';
import { forRandomCases, LONG, toHex } from './helpers';

const ref = getCrypto('reference');
const fast = getCrypto('fast');
const N = LONG ? 1_000_000 : 10_000;

jest.setTimeout(LONG ? 6 * 3600e3 : 600e3);

test('blake2s-256 unkeyed: reference = node:crypto blake2s256 = fast', () => {
	forRandomCases('blake2s unkeyed differential', N, (rng) => {
		const data = rng.bytes(rng.below(2049));
		const got = ref.blake2s(data);
		expect(Buffer.from(got).equals(nodeCrypto.createHash('blake2s256').update(data).digest())).toBe(true);
		expect(toHex(fast.blake2s(data))).toBe(toHex(got));
	});
});

test('blake2s keyed (0..32-byte key), outLen 1..32: reference = noble = fast', () => {
	forRandomCases('blake2s keyed differential', N, (rng) => {
		const data = rng.bytes(rng.below(2049));
		const key = rng.bytes(rng.below(33));
		const outLen = 1 + rng.below(32);
		const got = ref.blake2s(data, { key, outLen });
		expect(toHex(got)).toBe(toHex(nobleBlake2s(data, { key: key.length ? key : undefined, dkLen: outLen })));
		expect(toHex(fast.blake2s(data, { key, outLen }))).toBe(toHex(got));
	});
});

test('hmacBlake2s (keys 0..100 bytes) = node:crypto HMAC; kdf(1..3) = the HMAC chain; fast = reference', () => {
	const hmac = (k: Uint8Array, d: Uint8Array) => new Uint8Array(nodeCrypto.createHmac('blake2s256', k).update(d).digest());
	forRandomCases('hmac/kdf differential', LONG ? 100_000 : 3_000, (rng) => {
		const key = rng.bytes(rng.below(101));
		const data = rng.bytes(rng.below(300));
		expect(toHex(ref.hmacBlake2s(key, data))).toBe(toHex(hmac(key, data)));
		const n = 1 + rng.below(3);
		const ck = rng.bytes(32);
		const t0 = hmac(ck, data);
		const want: Uint8Array[] = [];
		let prev = new Uint8Array(0);
		for (let i = 1; i <= n; i++) {
			prev = hmac(t0, Uint8Array.of(...prev, i));
			want.push(prev);
		}
		expect(ref.kdf(n, ck, data).map(toHex)).toEqual(want.map(toHex));
		expect(fast.kdf(n, ck, data).map(toHex)).toEqual(want.map(toHex));
	});
});
