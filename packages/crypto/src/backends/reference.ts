/*
 * The reference backend: the friendly API over the C-able sources in ../ref, the same code ts2c emits
 * as sys/crypto C. Slow (u64 arithmetic is bigint) but the one the emitted C is proven against.
 */
import type { Primitives } from '../api';
import {
	chacha20_poly1305_decrypt, chacha20_poly1305_encrypt, xchacha20_poly1305_decrypt, xchacha20_poly1305_encrypt,
} from '../ref/chacha20_poly1305';
import { blake2s_hash, blake2s_hkdf, blake2s_hmac } from '../ref/blake2s';
import { curve25519 } from '../ref/x25519';

const TAG = 16;

function fail(what: string, error: number): never {
	throw new Error(`${what} failed with errno ${error} after the API checked its arguments`);
}

export const referencePrimitives: Primitives = {
	aeadSeal(key, nonce12, plaintext, aad) {
		const dst = new Uint8Array(plaintext.length + TAG);
		chacha20_poly1305_encrypt(dst, plaintext, plaintext.length, aad, aad.length, nonce12, 12, key);
		return dst;
	},
	aeadOpen(key, nonce12, sealed, aad) {
		const dst = new Uint8Array(sealed.length - TAG);
		return chacha20_poly1305_decrypt(dst, sealed, sealed.length, aad, aad.length, nonce12, 12, key) ? dst : null;
	},
	xaeadSeal(key, nonce24, plaintext, aad) {
		const dst = new Uint8Array(plaintext.length + TAG);
		xchacha20_poly1305_encrypt(dst, plaintext, plaintext.length, aad, aad.length, nonce24, key);
		return dst;
	},
	xaeadOpen(key, nonce24, sealed, aad) {
		const dst = new Uint8Array(sealed.length - TAG);
		return xchacha20_poly1305_decrypt(dst, sealed, sealed.length, aad, aad.length, nonce24, key) ? dst : null;
	},
	blake2s(data, key, outLen) {
		const out = new Uint8Array(outLen);
		const error = blake2s_hash(out, outLen, data, data.length, key, key.length);
		if (error !== 0) fail('blake2s_hash', error);
		return out;
	},
	hmacBlake2s(key, data) {
		const out = new Uint8Array(32);
		const error = blake2s_hmac(out, data, key, 32, data.length, key.length);
		if (error !== 0) fail('blake2s_hmac', error);
		return out;
	},
	kdf(n, key, input) {
		const out = new Uint8Array(32 * n);
		const error = blake2s_hkdf(out, n, input, input.length, key, key.length);
		if (error !== 0) fail('blake2s_hkdf', error);
		const parts: Uint8Array[] = [];
		for (let i = 0; i < n; i++) parts.push(out.slice(32 * i, 32 * i + 32));
		return parts;
	},
	x25519(scalar, u) {
		const out = new Uint8Array(32);
		return curve25519(out, scalar, u) ? out : null;
	},
};
