/*
 * Random differential test of XChaCha20-Poly1305: the reference backend against noble's
 * xchacha20poly1305 directly, and the fast backend against the reference; tampered cases must fail on
 * both. 10,000 cases (1,000,000 with WGUP_LONG=1), seeded.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha';
import { getCrypto } from '@wgup/crypto';
import { forRandomCases, LONG, tamper } from './helpers';

const ref = getCrypto('reference');
const fast = getCrypto('fast');

jest.setTimeout(LONG ? 6 * 3600e3 : 600e3);

test('xchacha20poly1305: reference = noble, fast = reference, tampering always rejected', () => {
	forRandomCases('xchacha20poly1305 differential', LONG ? 1_000_000 : 10_000, (rng) => {
		const key = rng.bytes(32);
		const nonce = rng.bytes(24);
		const pt = rng.bytes(rng.below(2049));
		const aad = rng.bytes(rng.below(257));
		const sealed = ref.xchacha20poly1305Seal(key, nonce, pt, aad);
		expect(Buffer.from(sealed).equals(xchacha20poly1305(key, nonce, aad).encrypt(pt))).toBe(true);
		expect(Buffer.from(fast.xchacha20poly1305Seal(key, nonce, pt, aad)).equals(sealed)).toBe(true);
		if (rng.below(2) === 0) {
			expect(Buffer.from(ref.xchacha20poly1305Open(key, nonce, sealed, aad)!).equals(pt)).toBe(true);
		} else {
			const [s, a] = tamper(rng, sealed, aad);
			expect(ref.xchacha20poly1305Open(key, nonce, s, a)).toBeNull();
			expect(fast.xchacha20poly1305Open(key, nonce, s, a)).toBeNull();
		}
	});
});
