/*
 * The X25519 differential body, shared by two test files so jest's two workers split the bigint work.
 */
import * as nodeCrypto from 'node:crypto';
import { getCrypto } from '@wgup/crypto';
import { forRandomCases, toHex } from './helpers';

const PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI = Buffer.from('302a300506032b656e032100', 'hex');

/** OpenSSL's X25519 through KeyObjects; null where it refuses an all-zero shared secret. */
function opensslX25519(scalar: Uint8Array, u: Uint8Array): Buffer | null {
	const privateKey = nodeCrypto.createPrivateKey({ key: Buffer.concat([PKCS8, scalar]), format: 'der', type: 'pkcs8' });
	const publicKey = nodeCrypto.createPublicKey({ key: Buffer.concat([SPKI, u]), format: 'der', type: 'spki' });
	try {
		return nodeCrypto.diffieHellman({ privateKey, publicKey });
	} catch {
		return null;
	}
}

/**
 * count random cases: the scalar is random; u is a random public key from node half the time and 32
 * random bytes (often not on the curve, on the twist, or >= p) otherwise. The reference must equal
 * OpenSSL and the fast backend; public keys must equal node's own.
 */
export function x25519Differential(suite: string, count: number): void {
	const ref = getCrypto('reference');
	const fast = getCrypto('fast');
	forRandomCases(suite, count, (rng) => {
		const scalar = rng.bytes(32);
		let u: Uint8Array;
		if (rng.below(2) === 0) {
			const peer = rng.bytes(32);
			u = fast.x25519PublicKey(peer);
			const pubFromNode = nodeCrypto.createPublicKey(
				nodeCrypto.createPrivateKey({ key: Buffer.concat([PKCS8, peer]), format: 'der', type: 'pkcs8' }))
				.export({ format: 'der', type: 'spki' }).subarray(SPKI.length);
			expect(Buffer.from(u).equals(pubFromNode)).toBe(true);
		} else {
			u = rng.bytes(32);
		}
		const got = ref.x25519(scalar, u);
		const want = opensslX25519(scalar, u);
		expect(got === null ? null : Buffer.from(got).toString('hex')).toBe(want === null ? null : want.toString('hex'));
		expect(toHex(fast.x25519(scalar, u))).toBe(toHex(got));
	});
}
