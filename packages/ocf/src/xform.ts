/*
 * The ChaCha20-Poly1305 transform as OCF's software drivers use it (sys/opencrypto/xform_chacha20_poly1305.c
 * [X]): reinit with key and nonce (block 0 keys Poly1305, data starts at block 1), a keystream XOR over
 * whole blocks with an explicit block counter, and an incremental Poly1305. The driver model walks
 * buffers with it; the tests hold its results equal to @wgup/crypto's contiguous AEAD.
 *
 * The primitives are the streaming ones (ChaCha20 with a block counter, Poly1305 init/update/final) that
 * the fallback C also uses; here they come from @noble/ciphers, an implementation independent of both
 * @wgup/crypto and the emitted C, so a test that compares the three compares three implementations.
 */
import { chacha20, chacha20orig } from '@noble/ciphers/chacha';
import { poly1305 } from '@noble/ciphers/_poly1305';
import { CHACHA20_NATIVE_BLOCK_LEN, POLY1305_HASH_LEN } from './constants';

export interface Poly1305State {
	update(data: Uint8Array): void;
	/** the 16-byte tag; the state is spent afterwards */
	final(): Uint8Array;
}

export interface ChachaPolyContext {
	/** XOR len bytes of in into out with the keystream from block `block` on; len a multiple of 64 except last */
	xor(out: Uint8Array, inp: Uint8Array, block: number): void;
	readonly mac: Poly1305State;
}

/**
 * chacha20_poly1305_reinit [X]: the 8-byte nonce is the original ChaCha20's 64-bit nonce with a 64-bit
 * counter, the 12-byte nonce RFC 8439's; both derive the Poly1305 key from block 0.
 */
export function chachapoly_reinit(key: Uint8Array, nonce: Uint8Array): ChachaPolyContext {
	if (key.length !== 32) throw new RangeError(`ChaCha20-Poly1305 key must be 32 bytes, got ${key.length}`);
	if (nonce.length !== 8 && nonce.length !== 12) {
		throw new RangeError(`ChaCha20-Poly1305 nonce must be 8 or 12 bytes, got ${nonce.length}`);
	}
	const stream = nonce.length === 8 ? chacha20orig : chacha20;
	const polyKey = stream(key, nonce, new Uint8Array(32), undefined, 0);
	const h = poly1305.create(polyKey);
	polyKey.fill(0);
	return {
		xor(out, inp, block) {
			/* noble writes into `out` only when it has exactly inp's length */
			const r = stream(key, nonce, inp, undefined, block);
			out.set(r);
			r.fill(0);
		},
		mac: {
			update: (data) => void h.update(data),
			final: () => h.digest(),
		},
	};
}

export const BLOCK = CHACHA20_NATIVE_BLOCK_LEN;
export const TAG = POLY1305_HASH_LEN;

/** RFC 8439 2.8: zeros up to a 16-byte boundary after len bytes */
export const PAD16 = new Uint8Array(16);
export function pad16(len: number): Uint8Array {
	return PAD16.subarray(0, (16 - (len % 16)) % 16);
}

/** RFC 8439 2.8: le64(aad length) || le64(ciphertext length) */
export function lengthsBlock(aadLen: number, dataLen: number): Uint8Array {
	const b = new Uint8Array(16);
	const v = new DataView(b.buffer);
	v.setBigUint64(0, BigInt(aadLen), true);
	v.setBigUint64(8, BigInt(dataLen), true);
	return b;
}
