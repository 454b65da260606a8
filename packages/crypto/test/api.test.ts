/*
 * The friendly API's contract: argument checks name the parameter and the length, open never releases
 * plaintext on a bad tag, the KDF is WireGuard's construction, and the top-level functions are the fast
 * backend's.
 */
import * as nodeCrypto from 'node:crypto';
import * as wg from '@wgup/crypto';
import { BACKENDS, crypto, hex } from './helpers';

const K = new Uint8Array(32).fill(7);

describe.each(BACKENDS)('%s backend: API contract', (backend) => {
	const c = crypto(backend);

	test('wrong key and nonce lengths throw a RangeError naming the parameter and length', () => {
		expect(() => c.chacha20poly1305Seal(new Uint8Array(31), new Uint8Array(12), new Uint8Array(1))).toThrow(
			new RangeError('key must be 32 bytes, got 31'));
		expect(() => c.chacha20poly1305Open(K, new Uint8Array(11), new Uint8Array(16))).toThrow(
			new RangeError('nonce must be 8 or 12 bytes, got 11'));
		expect(() => c.xchacha20poly1305Seal(K, new Uint8Array(12), new Uint8Array(0))).toThrow(
			new RangeError('nonce must be 24 bytes, got 12'));
		expect(() => c.xchacha20poly1305Open(new Uint8Array(16), new Uint8Array(24), new Uint8Array(16))).toThrow(
			new RangeError('key must be 32 bytes, got 16'));
		expect(() => c.x25519(new Uint8Array(32), new Uint8Array(31))).toThrow(new RangeError('u must be 32 bytes, got 31'));
		expect(() => c.x25519PublicKey(new Uint8Array(33))).toThrow(new RangeError('scalar must be 32 bytes, got 33'));
		expect(() => c.blake2s(new Uint8Array(1), { key: new Uint8Array(33) })).toThrow(RangeError);
		expect(() => c.blake2s(new Uint8Array(1), { outLen: 0 })).toThrow(/outLen/);
		expect(() => c.blake2s(new Uint8Array(1), { outLen: 33 })).toThrow(/outLen/);
		expect(() => c.kdf(4, K, new Uint8Array(0))).toThrow(/n must be 1, 2 or 3/);
	});

	test('open returns null on a short input, a flipped tag bit, a changed aad or nonce', () => {
		const n = new Uint8Array(8);
		const sealed = c.chacha20poly1305Seal(K, n, new Uint8Array(100).fill(1), hex('aa'));
		expect(c.chacha20poly1305Open(K, n, sealed.subarray(0, 15), hex('aa'))).toBeNull();
		expect(c.chacha20poly1305Open(K, n, sealed, hex('ab'))).toBeNull();
		expect(c.chacha20poly1305Open(K, hex('0100000000000000'), sealed, hex('aa'))).toBeNull();
		const bad = sealed.slice();
		bad[bad.length - 1] ^= 0x80;
		expect(c.chacha20poly1305Open(K, n, bad, hex('aa'))).toBeNull();
		expect(c.chacha20poly1305Open(K, n, sealed, hex('aa'))).toEqual(new Uint8Array(100).fill(1));
		const x = c.xchacha20poly1305Seal(K, new Uint8Array(24), new Uint8Array(3));
		x[0] ^= 1;
		expect(c.xchacha20poly1305Open(K, new Uint8Array(24), x)).toBeNull();
	});

	test('hmacBlake2s is RFC 2104 HMAC over BLAKE2s-256, any key length', () => {
		for (const keyLen of [0, 1, 32, 64, 65, 100]) {
			const key = new Uint8Array(keyLen).map((_, i) => i);
			const data = new Uint8Array(77).map((_, i) => 255 - i);
			const want = nodeCrypto.createHmac('blake2s256', key).update(data).digest();
			expect(Buffer.from(c.hmacBlake2s(key, data))).toEqual(want);
		}
	});

	test('kdf(n) is WireGuard\'s HKDF: tau0 = HMAC(key, in), tau_i = HMAC(tau0, tau_{i-1} || i)', () => {
		const key = new Uint8Array(32).map((_, i) => i * 3);
		const input = new Uint8Array(32).map((_, i) => i ^ 0x5a);
		const h = (k: Uint8Array, d: Uint8Array) => new Uint8Array(nodeCrypto.createHmac('blake2s256', k).update(d).digest());
		const t0 = h(key, input);
		const t1 = h(t0, Uint8Array.of(1));
		const t2 = h(t0, Uint8Array.of(...t1, 2));
		const t3 = h(t0, Uint8Array.of(...t2, 3));
		expect(c.kdf(1, key, input)).toEqual([t1]);
		expect(c.kdf(2, key, input)).toEqual([t1, t2]);
		expect(c.kdf(3, key, input)).toEqual([t1, t2, t3]);
	});

	test('blake2s outLen and key change the hash as RFC 7693 parameter block says', () => {
		const d = new Uint8Array(10);
		expect(c.blake2s(d, { outLen: 16 }).length).toBe(16);
		expect(c.blake2s(d, { outLen: 16 })).not.toEqual(c.blake2s(d).subarray(0, 16));
		expect(c.blake2s(d, { key: new Uint8Array(0) })).toEqual(c.blake2s(d));
	});
});

test('the top-level functions are the fast backend', () => {
	expect(wg.getCrypto().backend).toBe('fast');
	const pub = wg.x25519PublicKey(K);
	expect(pub).toEqual(wg.getCrypto('fast').x25519PublicKey(K));
	expect(wg.x25519(K, new Uint8Array(32))).toBeNull();
	expect(wg.chacha20poly1305Open(K, new Uint8Array(12), wg.chacha20poly1305Seal(K, new Uint8Array(12), hex('01')))).toEqual(hex('01'));
});

test('the fast backend\'s private-key cache follows changes to the caller\'s array', () => {
	const fast = wg.getCrypto('fast');
	const ref = wg.getCrypto('reference');
	const k = new Uint8Array(32).fill(9);
	const u = ref.x25519PublicKey(new Uint8Array(32).fill(1));
	const first = fast.x25519(k, u);
	expect(fast.x25519(k, u)).toEqual(first);
	k[7] ^= 0x10;
	expect(fast.x25519(k, u)).toEqual(ref.x25519(k, u));
	expect(fast.x25519PublicKey(k)).toEqual(ref.x25519PublicKey(k));
	k.fill(0);
	expect(fast.x25519PublicKey(k)).toEqual(ref.x25519PublicKey(k));
});
