/*
 * The C-shaped reference functions themselves (src/ref), below the friendly API: RFC 8439 and
 * draft-irtf-cfrg-xchacha vectors for the block, stream, HChaCha20 and Poly1305 pieces the OCF
 * fallback calls, both Poly1305 builds (64-bit limbs and 32-bit limbs) against noble under any split
 * of the input, and the AEAD's promise to write nothing on a bad tag.
 */
import * as nodeCrypto from 'node:crypto';
import { poly1305 as noblePoly1305 } from '@noble/ciphers/_poly1305';
import { chacha20_block, chacha20_init, chacha20_xor, hchacha20 } from '../src/ref/chacha20';
import * as p64 from '../src/ref/poly1305';
import * as p32 from '../src/ref/poly1305_32';
import { chacha20_poly1305_decrypt, chacha20_poly1305_encrypt, xchacha20_poly1305_decrypt, xchacha20_poly1305_encrypt } from '../src/ref/chacha20_poly1305';
import { forRandomCases, hex, LONG, toHex } from './helpers';

const enc = (s: string) => new TextEncoder().encode(s);
const KEY_00_1F = hex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
const SUNSCREEN = enc("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");

function block(key: Uint8Array, nonce: Uint8Array, counter: number): Uint8Array {
	const state = new Uint32Array(16);
	const out = new Uint8Array(64);
	chacha20_init(state, key, nonce, counter);
	chacha20_block(out, state);
	return out;
}

describe('ChaCha20 and HChaCha20', () => {
	test('RFC 8439 2.3.2 block function', () => {
		expect(toHex(block(KEY_00_1F, hex('000000090000004a00000000'), 1))).toBe(
			'10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e' +
			'd2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e');
	});

	test('RFC 8439 A.1 test vector #1: zero key, nonce and counter', () => {
		expect(toHex(block(new Uint8Array(32), new Uint8Array(12), 0))).toBe(
			'76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7' +
			'da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586');
	});

	test('RFC 8439 2.4.2 encryption (counter 1), in place as well', () => {
		const nonce = hex('000000000000004a00000000');
		const out = new Uint8Array(SUNSCREEN.length);
		chacha20_xor(out, SUNSCREEN, SUNSCREEN.length, KEY_00_1F, nonce, 1);
		expect(toHex(out.subarray(0, 32))).toBe('6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b');
		const inPlace = SUNSCREEN.slice();
		chacha20_xor(inPlace, inPlace, inPlace.length, KEY_00_1F, nonce, 1);
		expect(inPlace).toEqual(out);
	});

	test('RFC 8439 2.6.2 Poly1305 key generation (block 0, first 32 bytes)', () => {
		const key = hex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
		expect(toHex(block(key, hex('000000000001020304050607'), 0).subarray(0, 32))).toBe(
			'8ad5a08b905f81cc815040274ab29471a833b637e3fd0da508dbb8e2fdd1a646');
	});

	test('draft-irtf-cfrg-xchacha 2.2.1 HChaCha20', () => {
		const out = new Uint8Array(32);
		hchacha20(out, KEY_00_1F, hex('000000090000004a0000000031415927'));
		expect(toHex(out)).toBe('82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc');
	});

	test('chacha20_xor equals OpenSSL ChaCha20 at random counters, lengths and segment splits', () => {
		forRandomCases('chacha20_xor vs node', LONG ? 100000 : 500, (rng) => {
			const key = rng.bytes(32);
			const nonce = rng.bytes(12);
			const counter = rng.below(1000);
			const len = rng.below(1200);
			const msg = rng.bytes(len);
			/* OpenSSL's 'chacha20' IV is the 32-bit little-endian counter followed by the 12-byte nonce */
			const iv = new Uint8Array(16);
			new DataView(iv.buffer).setUint32(0, counter, true);
			iv.set(nonce, 4);
			const want = nodeCrypto.createCipheriv('chacha20', key, iv).update(msg);
			const got = new Uint8Array(len);
			/* as the OCF fallback does: resume at a block boundary with the advanced counter */
			const split = Math.min(len, 64 * rng.below(10));
			chacha20_xor(got, msg, split, key, nonce, counter);
			chacha20_xor(got.subarray(split), msg.subarray(split), len - split, key, nonce, counter + split / 64);
			expect(Buffer.from(got).equals(want)).toBe(true);
		});
	});
});

/* RFC 8439 2.5.2 and A.3: [key, message, tag] */
const IETF_TEXT = enc('Any submission to the IETF intended by the Contributor for publication as all or part of an IETF ' +
	'Internet-Draft or RFC and any statement made within the context of an IETF activity is considered an "IETF ' +
	'Contribution". Such statements include oral statements in IETF sessions, as well as written and electronic ' +
	'communications made at any time or place, which are addressed to');
const POLY_VECTORS: [string, Uint8Array, string][] = [
	['85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b', enc('Cryptographic Forum Research Group'), 'a8061dc1305136c6c22b8baf0c0127a9'],
	['00'.repeat(32), new Uint8Array(64), '00'.repeat(16)],
	['00'.repeat(16) + '36e5f6b5c5e06070f0efca96227a863e', IETF_TEXT, '36e5f6b5c5e06070f0efca96227a863e'],
	['36e5f6b5c5e06070f0efca96227a863e' + '00'.repeat(16), IETF_TEXT, 'f3477e7cd95417af89a6b8794c310cf0'],
	['1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0', hex(
		'2754776173206272696c6c69672c20616e642074686520736c6974687920746f7665730a446964206779726520616e64' +
		'2067696d626c6520696e2074686520776162653a0a416c6c206d696d737920776572652074686520626f726f676f7665' +
		'732c0a416e6420746865206d6f6d65207261746873206f757467726162652e'), '4541669a7eaaee61e708dc7cbcc5eb62'],
	/* A.3 #5..#11: h >= p at the end, the 2^130 - 5 wrap, long carry chains */
	['02' + '00'.repeat(31), hex('ff'.repeat(16)), '03' + '00'.repeat(15)],
	['02' + '00'.repeat(15) + 'ff'.repeat(16), hex('02' + '00'.repeat(15)), '03' + '00'.repeat(15)],
	['01' + '00'.repeat(31), hex('ff'.repeat(16) + 'f0' + 'ff'.repeat(15) + '11' + '00'.repeat(15)), '05' + '00'.repeat(15)],
	['01' + '00'.repeat(31), hex('ff'.repeat(16) + 'fb' + 'fe'.repeat(15) + '01'.repeat(16)), '00'.repeat(16)],
	['02' + '00'.repeat(31), hex('fd' + 'ff'.repeat(15)), 'fa' + 'ff'.repeat(15)],
	['0100000000000000040000000000000000000000000000000000000000000000', hex(
		'e33594d7505e43b900000000000000003394d7505e4379cd010000000000000000000000000000000000000000000000' +
		'01000000000000000000000000000000'), '14000000000000005500000000000000'],
	['0100000000000000040000000000000000000000000000000000000000000000', hex(
		'e33594d7505e43b900000000000000003394d7505e4379cd01000000000000000000000000000000000000000000000000'.slice(0, 96)),
		'13000000000000000000000000000000'],
];

type PolyModule = typeof p64 | typeof p32;

function mac(p: PolyModule, key: Uint8Array, msg: Uint8Array, cuts: number[] = []): Uint8Array {
	const ctx = new p.poly1305_ctx();
	const tag = new Uint8Array(16);
	p.poly1305_init(ctx as never, key);
	let off = 0;
	for (const cut of [...cuts, msg.length]) {
		const end = Math.min(Math.max(cut, off), msg.length);
		p.poly1305_update(ctx as never, msg.subarray(off), end - off);
		off = end;
	}
	p.poly1305_final(ctx as never, tag);
	return tag;
}

describe.each([['64-bit limbs (poly1305.ts)', p64], ['32-bit limbs (poly1305_32.ts)', p32]] as [string, PolyModule][])(
	'Poly1305, %s', (_name, p) => {
		test('RFC 8439 2.5.2 and every A.3 vector', () => {
			for (const [key, msg, tag] of POLY_VECTORS) expect({ key, tag: toHex(mac(p, hex(key), msg)) }).toEqual({ key, tag });
		});

		test('random keys and messages, random streaming splits, equal noble', () => {
			forRandomCases(`poly1305 ${_name}`, LONG ? 100000 : 2000, (rng) => {
				const key = rng.bytes(32);
				/* a quarter of the keys saturate r and s, to reach the top of every limb */
				if (rng.below(4) === 0) key.fill(0xff);
				const msg = rng.bytes(rng.below(600));
				if (rng.below(4) === 0) msg.fill(0xff);
				const cuts = [rng.below(msg.length + 1), rng.below(msg.length + 1)].sort((a, b) => a - b);
				expect(toHex(mac(p, key, msg, cuts))).toBe(toHex(noblePoly1305(msg, key)));
			});
		});
	});

describe('AEAD (C interface)', () => {
	const key = hex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
	const aad = hex('50515253c0c1c2c3c4c5c6c7');

	test('decrypt writes nothing and returns false on a bad tag; in-place round trip works', () => {
		const nonce = hex('070000004041424344454647');
		const sealed = new Uint8Array(SUNSCREEN.length + 16);
		chacha20_poly1305_encrypt(sealed, SUNSCREEN, SUNSCREEN.length, aad, aad.length, nonce, 12, key);
		for (const flip of [0, SUNSCREEN.length - 1, SUNSCREEN.length, sealed.length - 1]) {
			const bad = sealed.slice();
			bad[flip] ^= 0x01;
			const dst = new Uint8Array(SUNSCREEN.length).fill(0xa5);
			expect(chacha20_poly1305_decrypt(dst, bad, bad.length, aad, aad.length, nonce, 12, key)).toBe(false);
			expect(dst.every((b) => b === 0xa5)).toBe(true);
		}
		expect(chacha20_poly1305_decrypt(new Uint8Array(0), sealed, 15, aad, aad.length, nonce, 12, key)).toBe(false);
		const buf = sealed.slice();
		expect(chacha20_poly1305_decrypt(buf, buf, buf.length, aad, aad.length, nonce, 12, key)).toBe(true);
		expect(buf.subarray(0, SUNSCREEN.length)).toEqual(SUNSCREEN);
	});

	test('draft-irtf-cfrg-xchacha A.3.1 XChaCha20-Poly1305', () => {
		const nonce = hex('404142434445464748494a4b4c4d4e4f5051525354555657');
		const out = new Uint8Array(SUNSCREEN.length + 16);
		xchacha20_poly1305_encrypt(out, SUNSCREEN, SUNSCREEN.length, aad, aad.length, nonce, key);
		expect(toHex(out)).toBe(
			'bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f4eda7e39' +
			'ae64c6708c54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9' +
			'21f9664c97637da9768812f615c68b13b52e' + 'c0875924c1c7987947deafd8780acf49');
		const back = new Uint8Array(SUNSCREEN.length);
		expect(xchacha20_poly1305_decrypt(back, out, out.length, aad, aad.length, nonce, key)).toBe(true);
		expect(back).toEqual(SUNSCREEN);
		out[5] ^= 4;
		expect(xchacha20_poly1305_decrypt(back.fill(0), out, out.length, aad, aad.length, nonce, key)).toBe(false);
		expect(back.every((b) => b === 0)).toBe(true);
	});
});

/*
 * The nonce length is 8 (WireGuard) or 12 (RFC 8439); anything else is a caller's bug. It used to be
 * read as 12 bytes whatever its length. Now: KASSERT (an exception here, a panic in an INVARIANTS
 * kernel), and with invariants off (a production kernel) a refusal: decrypt returns false and writes
 * nothing, encrypt writes no ciphertext and zeroes dst (in place, the plaintext is gone too).
 */
describe('a nonce that is neither 8 nor 12 bytes', () => {
	const { setInvariants } = require('@wgup/prelude') as typeof import('@wgup/prelude');
	const BAD = [0, 1, 7, 9, 11, 13, 16, 24];
	const nonce = new Uint8Array(24).fill(7);
	const pt = SUNSCREEN.subarray(0, 40);

	test.each(BAD)('length %d: KASSERT stops encrypt and decrypt (INVARIANTS)', (len) => {
		expect(() => chacha20_poly1305_encrypt(new Uint8Array(pt.length + 16), pt, pt.length, new Uint8Array(0), 0, nonce, len, KEY_00_1F))
			.toThrow(/KASSERT failed: nonce length is not 8 or 12/);
		expect(() => chacha20_poly1305_decrypt(new Uint8Array(pt.length), new Uint8Array(pt.length + 16), pt.length + 16, new Uint8Array(0), 0, nonce, len, KEY_00_1F))
			.toThrow(/KASSERT failed/);
	});

	test.each(BAD)('length %d without INVARIANTS: encrypt zeroes dst, decrypt refuses and writes nothing', (len) => {
		const prev = setInvariants(false);
		try {
			const inPlace = new Uint8Array(pt.length + 16);
			inPlace.set(pt);
			inPlace.fill(0xa5, pt.length);
			chacha20_poly1305_encrypt(inPlace, inPlace, pt.length, new Uint8Array(0), 0, nonce, len, KEY_00_1F);
			expect(inPlace).toEqual(new Uint8Array(pt.length + 16));
			// a real sealed message under the 12-byte prefix of the same nonce: still refused at this length
			const sealed = new Uint8Array(pt.length + 16);
			chacha20_poly1305_encrypt(sealed, pt, pt.length, new Uint8Array(0), 0, nonce, 12, KEY_00_1F);
			const out = new Uint8Array(pt.length).fill(0x5a);
			expect(chacha20_poly1305_decrypt(out, sealed, sealed.length, new Uint8Array(0), 0, nonce, len, KEY_00_1F)).toBe(false);
			expect(out).toEqual(new Uint8Array(pt.length).fill(0x5a));
		} finally {
			setInvariants(prev);
		}
	});

	test('8 and 12 still work, and differ as the RFC nonce with and without the zero prefix', () => {
		const a = new Uint8Array(pt.length + 16);
		const b = new Uint8Array(pt.length + 16);
		chacha20_poly1305_encrypt(a, pt, pt.length, new Uint8Array(0), 0, nonce, 8, KEY_00_1F);
		const n12 = new Uint8Array(12);
		n12.set(nonce.subarray(0, 8), 4);
		chacha20_poly1305_encrypt(b, pt, pt.length, new Uint8Array(0), 0, n12, 12, KEY_00_1F);
		expect(toHex(a)).toBe(toHex(b));
		const out = new Uint8Array(pt.length);
		expect(chacha20_poly1305_decrypt(out, a, a.length, new Uint8Array(0), 0, nonce, 8, KEY_00_1F)).toBe(true);
		expect(out).toEqual(pt);
	});
});
