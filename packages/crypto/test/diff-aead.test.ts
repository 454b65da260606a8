/*
 * Random differential test of ChaCha20-Poly1305: the reference backend against node:crypto (OpenSSL)
 * directly, and the fast backend against the reference. Random key, 8- or 12-byte nonce, plaintext of
 * 0..2048 bytes, AAD of 0..256 bytes; every other case is tampered (one bit of ciphertext, tag or AAD)
 * and must fail to open on both backends. 10,000 cases (1,000,000 with WGUP_LONG=1), seeded.
 */
import * as nodeCrypto from 'node:crypto';
import { getCrypto } from '@wgup/crypto';
import { forRandomCases, LONG, tamper } from './helpers';

const ref = getCrypto('reference');
const fast = getCrypto('fast');

function opensslSeal(key: Uint8Array, nonce12: Uint8Array, pt: Uint8Array, aad: Uint8Array): Buffer {
	const c = nodeCrypto.createCipheriv('chacha20-poly1305', key, nonce12, { authTagLength: 16 });
	c.setAAD(aad, { plaintextLength: pt.length });
	return Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]);
}

jest.setTimeout(LONG ? 6 * 3600e3 : 600e3);

test('chacha20poly1305: reference = OpenSSL, fast = reference, tampering always rejected', () => {
	forRandomCases('chacha20poly1305 differential', LONG ? 1_000_000 : 10_000, (rng) => {
		const key = rng.bytes(32);
		const nonce = rng.bytes(rng.below(2) === 0 ? 8 : 12);
		const nonce12 = nonce.length === 12 ? nonce : Uint8Array.of(0, 0, 0, 0, ...nonce);
		const pt = rng.bytes(rng.below(2049));
		const aad = rng.bytes(rng.below(257));
		const sealed = ref.chacha20poly1305Seal(key, nonce, pt, aad);
		expect(Buffer.from(sealed).equals(opensslSeal(key, nonce12, pt, aad))).toBe(true);
		expect(Buffer.from(fast.chacha20poly1305Seal(key, nonce, pt, aad)).equals(sealed)).toBe(true);
		if (rng.below(2) === 0) {
			expect(Buffer.from(ref.chacha20poly1305Open(key, nonce, sealed, aad)!).equals(pt)).toBe(true);
		} else {
			const [s, a] = tamper(rng, sealed, aad);
			expect(ref.chacha20poly1305Open(key, nonce, s, a)).toBeNull();
			expect(fast.chacha20poly1305Open(key, nonce, s, a)).toBeNull();
		}
	});
});
