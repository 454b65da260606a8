/*
 * Known-answer vectors typed from the RFC text, through the friendly API of every backend.
 */
import { BACKENDS, crypto, hex, toHex } from './helpers';

const enc = (s: string) => new TextEncoder().encode(s);

describe.each(BACKENDS)('%s backend: RFC vectors', (backend) => {
	const c = crypto(backend);

	test('RFC 8439 2.8.2 ChaCha20-Poly1305 AEAD', () => {
		const key = hex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
		const nonce = hex('070000004041424344454647');
		const aad = hex('50515253c0c1c2c3c4c5c6c7');
		const pt = enc("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");
		const ct = `d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b
			1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc
			3ff4def08e4b7a9de576d26586cec64b6116`;
		const tag = '1ae10b594f09e26a7e902ecbd0600691';
		const sealed = c.chacha20poly1305Seal(key, nonce, pt, aad);
		expect(toHex(sealed)).toBe(ct.replace(/\s/g, '') + tag);
		expect(c.chacha20poly1305Open(key, nonce, sealed, aad)).toEqual(pt);
		sealed[0] ^= 1;
		expect(c.chacha20poly1305Open(key, nonce, sealed, aad)).toBeNull();
	});

	test('an 8-byte nonce is RFC 8439\'s 12-byte nonce with 4 leading zero bytes', () => {
		const key = hex('1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0');
		const n8 = hex('0102030405060708');
		const pt = enc('WireGuard transport data');
		expect(c.chacha20poly1305Seal(key, n8, pt)).toEqual(c.chacha20poly1305Seal(key, hex('000000000102030405060708'), pt));
	});

	test('RFC 7693 appendix A: BLAKE2s-256("abc")', () => {
		expect(toHex(c.blake2s(enc('abc')))).toBe('508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982');
	});

	test('RFC 7748 5.2 X25519 vectors', () => {
		expect(toHex(c.x25519(
			hex('a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4'),
			hex('e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c')))).toBe(
			'c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552');
		expect(toHex(c.x25519(
			hex('4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d'),
			hex('e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493')))).toBe(
			'95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957');
	});

	test('RFC 7748 6.1 Diffie-Hellman', () => {
		const aPriv = hex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
		const aPub = '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a';
		const bPriv = hex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb');
		const bPub = 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f';
		const shared = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';
		expect(toHex(c.x25519PublicKey(aPriv))).toBe(aPub);
		expect(toHex(c.x25519PublicKey(bPriv))).toBe(bPub);
		expect(toHex(c.x25519(aPriv, hex(bPub)))).toBe(shared);
		expect(toHex(c.x25519(bPriv, hex(aPub)))).toBe(shared);
	});
});
