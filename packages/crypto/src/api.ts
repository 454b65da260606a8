/*
 * The friendly API: WireGuard's primitives as allocating functions over Uint8Array, the same for every
 * backend. This layer owns what a caller can get wrong (key, nonce and length checks, thrown as a
 * RangeError that names the parameter and the length it needs) so each backend only computes.
 *
 * Two backends implement `Primitives`: 'reference' runs the C-able sources in ./ref (what ts2c turns
 * into sys/crypto C), 'fast' runs node:crypto and noble. Tests hold the two equal.
 */

export type BackendName = 'fast' | 'reference';

/** The computations a backend supplies; inputs arrive already checked by `makeCrypto`. */
export interface Primitives {
	/** RFC 8439 2.8 AEAD with a 12-byte nonce; returns ciphertext || 16-byte tag. */
	aeadSeal(key: Uint8Array, nonce12: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array;
	/** Verifies the tag first; null on a bad tag (sealed is at least 16 bytes). */
	aeadOpen(key: Uint8Array, nonce12: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array | null;
	/** draft-irtf-cfrg-xchacha 2: HChaCha20 subkey, then the AEAD. */
	xaeadSeal(key: Uint8Array, nonce24: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array;
	xaeadOpen(key: Uint8Array, nonce24: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array | null;
	/** RFC 7693 BLAKE2s; key 0..32 bytes (empty: unkeyed), outLen 1..32. */
	blake2s(data: Uint8Array, key: Uint8Array, outLen: number): Uint8Array;
	/** RFC 2104 HMAC over BLAKE2s-256 (64-byte block), as WireGuard's Noise construction uses it. */
	hmacBlake2s(key: Uint8Array, data: Uint8Array): Uint8Array;
	/** WireGuard's KDF_n (HKDF with HMAC-BLAKE2s), n = 1..3. */
	kdf(n: 1 | 2 | 3, key: Uint8Array, input: Uint8Array): Uint8Array[];
	/** RFC 7748 5 X25519 with clamping; null when the result is all zeros. */
	x25519(scalar: Uint8Array, u: Uint8Array): Uint8Array | null;
}

export interface Crypto {
	readonly backend: BackendName;
	/** ChaCha20-Poly1305 (RFC 8439 2.8). nonce: 8 bytes (WireGuard's little-endian counter) or 12. */
	chacha20poly1305Seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array;
	/** Returns the plaintext, or null when the tag does not verify (no plaintext is ever released then). */
	chacha20poly1305Open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Uint8Array | null;
	/** XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha), 24-byte nonce. */
	xchacha20poly1305Seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array;
	xchacha20poly1305Open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Uint8Array | null;
	/** BLAKE2s (RFC 7693): key 0..32 bytes, outLen 1..32 (default 32). */
	blake2s(data: Uint8Array, options?: { key?: Uint8Array; outLen?: number }): Uint8Array;
	/** HMAC-BLAKE2s, 32-byte result. */
	hmacBlake2s(key: Uint8Array, data: Uint8Array): Uint8Array;
	/** WireGuard's KDF1/KDF2/KDF3: n 32-byte outputs. */
	kdf(n: number, key: Uint8Array, input: Uint8Array): Uint8Array[];
	/** X25519(scalar, u); null when the shared secret is all zeros (WireGuard rejects it). */
	x25519(scalar: Uint8Array, u: Uint8Array): Uint8Array | null;
	/** X25519(scalar, 9): the public key of a private key. */
	x25519PublicKey(scalar: Uint8Array): Uint8Array;
}

export const KEY_BYTES = 32;
export const TAG_BYTES = 16;
export const BLAKE2S_OUT_BYTES = 32;
export const BLAKE2S_KEY_BYTES = 32;
export const X25519_BYTES = 32;

const EMPTY = new Uint8Array(0);
const BASEPOINT = new Uint8Array(32);
BASEPOINT[0] = 9;

function need(name: string, value: Uint8Array, ...lengths: number[]): void {
	if (!(value instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array`);
	if (!lengths.includes(value.length)) {
		const want = lengths.join(' or ');
		throw new RangeError(`${name} must be ${want} bytes, got ${value.length}`);
	}
}

function bytes(name: string, value: Uint8Array | undefined): Uint8Array {
	if (value === undefined) return EMPTY;
	if (!(value instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array`);
	return value;
}

/** RFC 8439's 12-byte nonce from WireGuard's 8-byte counter nonce: 4 zero bytes || the 8 bytes. */
export function nonce12(nonce: Uint8Array): Uint8Array {
	need('nonce', nonce, 8, 12);
	if (nonce.length === 12) return nonce;
	const n = new Uint8Array(12);
	n.set(nonce, 4);
	return n;
}

export function makeCrypto(backend: BackendName, p: Primitives): Crypto {
	return {
		backend,
		chacha20poly1305Seal(key, nonce, plaintext, aad) {
			need('key', key, KEY_BYTES);
			return p.aeadSeal(key, nonce12(nonce), bytes('plaintext', plaintext), bytes('aad', aad));
		},
		chacha20poly1305Open(key, nonce, sealed, aad) {
			need('key', key, KEY_BYTES);
			const n = nonce12(nonce);
			const s = bytes('sealed', sealed);
			if (s.length < TAG_BYTES) return null;
			return p.aeadOpen(key, n, s, bytes('aad', aad));
		},
		xchacha20poly1305Seal(key, nonce, plaintext, aad) {
			need('key', key, KEY_BYTES);
			need('nonce', nonce, 24);
			return p.xaeadSeal(key, nonce, bytes('plaintext', plaintext), bytes('aad', aad));
		},
		xchacha20poly1305Open(key, nonce, sealed, aad) {
			need('key', key, KEY_BYTES);
			need('nonce', nonce, 24);
			const s = bytes('sealed', sealed);
			if (s.length < TAG_BYTES) return null;
			return p.xaeadOpen(key, nonce, s, bytes('aad', aad));
		},
		blake2s(data, options = {}) {
			const key = bytes('key', options.key);
			const outLen = options.outLen ?? BLAKE2S_OUT_BYTES;
			if (key.length > BLAKE2S_KEY_BYTES) throw new RangeError(`key must be 0..32 bytes, got ${key.length}`);
			if (!Number.isInteger(outLen) || outLen < 1 || outLen > BLAKE2S_OUT_BYTES) {
				throw new RangeError(`outLen must be an integer 1..32, got ${outLen}`);
			}
			return p.blake2s(bytes('data', data), key, outLen);
		},
		hmacBlake2s(key, data) {
			return p.hmacBlake2s(bytes('key', key), bytes('data', data));
		},
		kdf(n, key, input) {
			if (n !== 1 && n !== 2 && n !== 3) throw new RangeError(`n must be 1, 2 or 3 (KDF1..KDF3), got ${n}`);
			return p.kdf(n, bytes('key', key), bytes('input', input));
		},
		x25519(scalar, u) {
			need('scalar', scalar, X25519_BYTES);
			need('u', u, X25519_BYTES);
			return p.x25519(scalar, u);
		},
		x25519PublicKey(scalar) {
			need('scalar', scalar, X25519_BYTES);
			const pub = p.x25519(scalar, BASEPOINT);
			/* A clamped scalar is a nonzero multiple of 8 below the group order, so [k]9 is never zero. */
			if (pub === null) throw new Error('x25519PublicKey: the base point gave zero, the backend is broken');
			return pub;
		},
	};
}
