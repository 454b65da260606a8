/*
 * @wgup/crypto: WireGuard's primitives. The top-level functions run the fast backend (node:crypto and
 * noble); getCrypto('reference') runs the C-able reference in ./ref that ts2c emits as sys/crypto C.
 */
import { makeCrypto, type BackendName, type Crypto } from './api';
import { fastPrimitives } from './backends/fast';
import { referencePrimitives } from './backends/reference';

export type { BackendName, Crypto, Primitives } from './api';
export { KEY_BYTES, TAG_BYTES, BLAKE2S_OUT_BYTES, BLAKE2S_KEY_BYTES, X25519_BYTES, nonce12 } from './api';

const backends: Partial<Record<BackendName, Crypto>> = {};

/** The API bound to one backend. */
export function getCrypto(backend: BackendName = 'fast'): Crypto {
	let c = backends[backend];
	if (c === undefined) {
		if (backend === 'fast') c = makeCrypto('fast', fastPrimitives);
		else if (backend === 'reference') c = makeCrypto('reference', referencePrimitives);
		else throw new RangeError(`backend must be 'fast' or 'reference', got '${String(backend)}'`);
		backends[backend] = c;
	}
	return c;
}

const fast = getCrypto('fast');

export const chacha20poly1305Seal = fast.chacha20poly1305Seal;
export const chacha20poly1305Open = fast.chacha20poly1305Open;
export const xchacha20poly1305Seal = fast.xchacha20poly1305Seal;
export const xchacha20poly1305Open = fast.xchacha20poly1305Open;
export const blake2s = fast.blake2s;
export const hmacBlake2s = fast.hmacBlake2s;
export const kdf = fast.kdf;
export const x25519 = fast.x25519;
export const x25519PublicKey = fast.x25519PublicKey;

/** The C-shaped reference functions (snake_case, output parameters first), as ts2c emits them. */
export * as ref from './ref/index';

export { runCryptoRefBench, BENCH_SIZES, type CryptoBenchOptions, type CryptoBenchResult } from './bench';
