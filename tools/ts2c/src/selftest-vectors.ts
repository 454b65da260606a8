/*
 * Self-test vectors for the kernel module, computed by @wgup/crypto's fast backend (node:crypto/OpenSSL and
 * noble), not by the TypeScript reference that ts2c translates, so the C is checked against an independent
 * implementation: ChaCha20-Poly1305 (8- and 12-byte nonces), XChaCha20-Poly1305,
 * BLAKE2s (keyed and unkeyed), HMAC-BLAKE2s and X25519, as static const tables in one header. The
 * inputs are a fixed byte pattern, so the file is byte-stable.
 */
import { fileHeader } from '@wgup/codegen';
import { getCrypto } from '@wgup/crypto';
import { GENERATOR_NAME } from './emit';

export const SELFTEST_PATH = 'freebsd-overlay/sys/dev/wg/selftest/crypto_vectors.h';

/** bytes i*mul+add mod 256: distinct, reproducible inputs */
function pattern(n: number, mul: number, add: number): Uint8Array {
	const b = new Uint8Array(n);
	for (let i = 0; i < n; i++) b[i] = (i * mul + add) & 0xff;
	return b;
}

function bytes(b: Uint8Array): string {
	if (b.length === 0) return '{ 0 }';
	const parts: string[] = [];
	for (let i = 0; i < b.length; i += 8) parts.push(Array.from(b.subarray(i, i + 8), (x) => `0x${x.toString(16).padStart(2, '0')}`).join(', '));
	return `{\n\t\t    ${parts.join(',\n\t\t    ')} }`;
}

const AEAD_LENGTHS = [0, 1, 16, 63, 64, 65, 130];
const MAXLEN = 130;

export function renderSelftestVectors(): string {
	const fast = getCrypto('fast');
	const out: string[] = [];
	out.push(fileHeader('c', { generator: GENERATOR_NAME, inputs: ['packages/crypto/src/backends/fast.ts', 'tools/ts2c/src/selftest-vectors.ts'] }));
	out.push('#ifndef _WG_SELFTEST_CRYPTO_VECTORS_H_');
	out.push('#define\t_WG_SELFTEST_CRYPTO_VECTORS_H_');
	out.push('');
	out.push('#include <sys/types.h>');
	out.push('');
	out.push(`#define\tWG_SELFTEST_MAXLEN\t${MAXLEN}`);
	out.push('');
	out.push('struct wg_selftest_aead {');
	out.push('\tuint8_t\t\tkey[32];');
	out.push('\tuint8_t\t\tnonce[24];');
	out.push('\tsize_t\t\tnonce_len;\t/* 8 or 12; 24 for XChaCha20-Poly1305 */');
	out.push('\tuint8_t\t\taad[16];');
	out.push('\tsize_t\t\taad_len;');
	out.push('\tuint8_t\t\tpt[WG_SELFTEST_MAXLEN];');
	out.push('\tsize_t\t\tpt_len;');
	out.push('\t/* ciphertext || tag */');
	out.push('\tuint8_t\t\tsealed[WG_SELFTEST_MAXLEN + 16];');
	out.push('};');
	out.push('');
	out.push('struct wg_selftest_blake2s {');
	out.push('\tuint8_t\t\tkey[32];');
	out.push('\tsize_t\t\tkey_len;');
	out.push('\tuint8_t\t\tin[WG_SELFTEST_MAXLEN];');
	out.push('\tsize_t\t\tin_len;');
	out.push('\tuint8_t\t\tout[32];');
	out.push('\tsize_t\t\tout_len;');
	out.push('};');
	out.push('');
	out.push('struct wg_selftest_x25519 {');
	out.push('\tuint8_t\t\tsecret[32];');
	out.push('\tuint8_t\t\tbasepoint[32];');
	out.push('\tuint8_t\t\tshared[32];');
	out.push('\tbool\t\tok;');
	out.push('};');

	const aead = (x: boolean): string[] => {
		const rows: string[] = [];
		AEAD_LENGTHS.forEach((len, i) => {
			const key = pattern(32, 7, i + 1);
			const nonceLen = x ? 24 : i % 2 ? 8 : 12;
			const nonce = pattern(nonceLen, 3, i);
			const aad = pattern(i % 3 === 0 ? 0 : 12, 5, i);
			const pt = pattern(len, 11, i + 2);
			const sealed = x ? fast.xchacha20poly1305Seal(key, nonce, pt, aad) : fast.chacha20poly1305Seal(key, nonce, pt, aad);
			rows.push(`\t{\n\t\t.key = ${bytes(key)},\n\t\t.nonce = ${bytes(nonce)},\n\t\t.nonce_len = ${nonceLen},\n\t\t.aad = ${bytes(aad)},\n\t\t.aad_len = ${aad.length},\n\t\t.pt = ${bytes(pt)},\n\t\t.pt_len = ${len},\n\t\t.sealed = ${bytes(sealed)},\n\t},`);
		});
		return rows;
	};
	out.push('');
	out.push('/* ChaCha20-Poly1305 (RFC 8439) with 12- and 8-byte nonces */');
	out.push('static const struct wg_selftest_aead wg_selftest_chacha20poly1305[] = {', ...aead(false), '};');
	out.push('');
	out.push('/* XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha), 24-byte nonces */');
	out.push('static const struct wg_selftest_aead wg_selftest_xchacha20poly1305[] = {', ...aead(true), '};');

	const blake: string[] = [];
	const hmac: string[] = [];
	[0, 1, 63, 64, 65, 130].forEach((len, i) => {
		const keyLen = i % 2 ? 32 : 0;
		const key = pattern(keyLen, 13, i);
		const input = pattern(len, 17, i);
		const outLen = i === 5 ? 16 : 32;
		const digest = fast.blake2s(input, { key, outLen });
		blake.push(`\t{\n\t\t.key = ${bytes(key)},\n\t\t.key_len = ${keyLen},\n\t\t.in = ${bytes(input)},\n\t\t.in_len = ${len},\n\t\t.out = ${bytes(digest)},\n\t\t.out_len = ${outLen},\n\t},`);
		const hkey = pattern(32, 19, i);
		const mac = fast.hmacBlake2s(hkey, input);
		hmac.push(`\t{\n\t\t.key = ${bytes(hkey)},\n\t\t.key_len = 32,\n\t\t.in = ${bytes(input)},\n\t\t.in_len = ${len},\n\t\t.out = ${bytes(mac)},\n\t\t.out_len = 32,\n\t},`);
	});
	out.push('');
	out.push('/* BLAKE2s (RFC 7693), unkeyed and keyed */');
	out.push('static const struct wg_selftest_blake2s wg_selftest_blake2s[] = {', ...blake, '};');
	out.push('');
	out.push('/* HMAC-BLAKE2s (RFC 2104 over BLAKE2s-256), as the Noise KDF uses it */');
	out.push('static const struct wg_selftest_blake2s wg_selftest_hmac_blake2s[] = {', ...hmac, '};');

	const x: string[] = [];
	for (let i = 0; i < 4; i++) {
		const secret = pattern(32, 29, i + 1);
		// the last case is a low-order point (u = 0): the result is all zeros and curve25519 returns false
		const base = i === 3 ? new Uint8Array(32) : pattern(32, 31, i + 5);
		const result = fast.x25519(secret, base);
		const ok = result !== null;
		const shared = result ?? new Uint8Array(32);
		x.push(`\t{\n\t\t.secret = ${bytes(secret)},\n\t\t.basepoint = ${bytes(base)},\n\t\t.shared = ${bytes(shared)},\n\t\t.ok = ${ok},\n\t},`);
	}
	out.push('');
	out.push('/* X25519 (RFC 7748); the last case is the low-order point 0 */');
	out.push('static const struct wg_selftest_x25519 wg_selftest_x25519[] = {', ...x, '};');
	out.push('');
	out.push('#endif /* !_WG_SELFTEST_CRYPTO_VECTORS_H_ */');
	return out.join('\n') + '\n';
}
