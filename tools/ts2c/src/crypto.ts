/*
 * What ts2c emits from packages/crypto/src/ref: which modules make which sys/crypto file, which
 * functions are extern (FreeBSD's API, plus the streaming pieces the OCF mbuf fallback calls) and the
 * variant pairs printed behind the int128 guard. Every other function is static.
 */
import { fileHeader, type Generator, type PlannedFile, REPO_ROOT } from '@wgup/codegen';
import type { CDecl } from './c-ast';
import { printDecls } from './c-print';
import { GENERATOR_NAME, renderC } from './emit';
import { renderSelftestVectors, SELFTEST_PATH } from './selftest-vectors';
import { findConst, findFunction, structDecls, translateUnit, type Unit, type UnitSpec } from './unit';

const REF = 'packages/crypto/src/ref';
const OVERLAY = 'freebsd-overlay/sys/crypto';

export const POLY1305_PAIR = { int128: `${REF}/poly1305.ts`, fallback: `${REF}/poly1305_32.ts` };
export const FIELD_PAIR = {
	int128: `${REF}/fe51.ts`,
	fallback: `${REF}/fe32.ts`,
	clients: [`${REF}/x25519.ts`],
	retype: { 'BigUint64Array(5)': 'Uint32Array(10)' },
};

export const AEAD_PUBLIC = ['chacha20_poly1305_encrypt', 'chacha20_poly1305_decrypt', 'xchacha20_poly1305_encrypt', 'xchacha20_poly1305_decrypt'];
/*
 * What the OCF mbuf fallback (sys/dev/wg/wg_crypto_ocf.c, another translation unit) needs: the
 * ChaCha20 keystream XOR and streaming Poly1305. Their TS names are generic and the kernel has one
 * global namespace: poly1305_init is a .globl of the OpenSSL assembly behind ossl(4)
 * (sys/crypto/openssl/amd64/poly1305-x86_64.S), so a kernel with `device ossl` would not link. In C
 * they carry the chacha20_poly1305_ prefix; everything else in the file is static.
 */
export const AEAD_INTERNAL_NAMES: Readonly<Record<string, string>> = {
	chacha20_xor: 'chacha20_poly1305_keystream_xor',
	poly1305_init: 'chacha20_poly1305_mac_init',
	poly1305_update: 'chacha20_poly1305_mac_update',
	poly1305_final: 'chacha20_poly1305_mac_final',
};
export const AEAD_INTERNAL = Object.keys(AEAD_INTERNAL_NAMES);
export const BLAKE2S_PUBLIC = ['blake2s_hash_init', 'blake2s_hash_init_key', 'blake2s_hash_update', 'blake2s_hash_final', 'blake2s_hash', 'blake2s_hmac', 'blake2s_hkdf'];
export const CURVE25519_PUBLIC = ['curve25519', 'curve25519_generate_public'];

export const AEAD_SPEC: UnitSpec = {
	modules: [`${REF}/chacha20_poly1305.ts`],
	variants: [POLY1305_PAIR],
	extern: [...AEAD_PUBLIC, ...AEAD_INTERNAL],
	cNames: AEAD_INTERNAL_NAMES,
	headerStructs: ['poly1305_ctx'],
	// one call per block or per run of blocks; inlined, their spills add up in the AEAD's frames
	noinline: ['chacha20_block_xor', 'poly1305_blocks'],
};
export const BLAKE2S_SPEC: UnitSpec = {
	modules: [`${REF}/blake2s.ts`],
	extern: BLAKE2S_PUBLIC,
	headerStructs: ['blake2s_hash_state'],
	// one call per run of blocks; inlined three times into HMAC its spills passed 512 bytes
	noinline: ['blake2s_compress'],
};
export const CURVE25519_SPEC: UnitSpec = {
	modules: [`${REF}/x25519.ts`],
	variants: [FIELD_PAIR],
	extern: CURVE25519_PUBLIC,
	headerInline: ['curve25519_clamp_secret'],
	// each half of the ladder step, the doubling and the squaring loop keep their spilled products in
	// frames of their own, as do the inversion's divsteps and its (d, e) update (gcc inlined both into
	// fe_invert: 608 bytes)
	noinline: [
		'curve25519_ladder_step1', 'curve25519_ladder_step2', 'curve25519_double', 'fe_sqn_mul', 'fe_mul_cols_lo', 'fe_mul_cols_hi',
		'fe_divsteps59', 'fe_update_de',
	],
};

function cpp(text: string): CDecl {
	return { k: 'cpp', text };
}

function protos(unit: Unit, names: readonly string[]): CDecl[] {
	return names.map((n) => {
		const f = findFunction(unit, n).decl!;
		return { k: 'proto', ret: f.ret, name: f.name, params: f.params }; // f.name: the C name
	});
}

function header(unit: Unit, guard: string, body: CDecl[], includes = ['<sys/types.h>']): string {
	const head = fileHeader('c', { generator: GENERATOR_NAME, inputs: unit.inputs });
	return `${head}\n${printDecls([cpp(`#ifndef ${guard}`), cpp(`#define\t${guard}`), cpp(''), ...includes.map((i) => cpp(`#include ${i}`)), cpp(''), ...body, cpp(''), cpp(`#endif /* !${guard} */`)])}`;
}

export interface CryptoFiles {
	readonly [path: string]: string;
}

/** Translates the reference and renders every sys/crypto file. */
export function renderCryptoFiles(root = REPO_ROOT): CryptoFiles {
	const aead = translateUnit(AEAD_SPEC, root);
	const blake = translateUnit(BLAKE2S_SPEC, root);
	const x = translateUnit(CURVE25519_SPEC, root);
	const files: Record<string, string> = {};

	files[`${OVERLAY}/chacha20_poly1305.h`] = header(aead, '__CRYPTO_CHACHA20_POLY1305_H__', [
		{ k: 'comment', text: 'The Poly1305 tag is appended to the cipher text; decrypt checks it (timingsafe_bcmp)\nbefore it writes any plaintext and returns false on a mismatch.' },
		...protos(aead, AEAD_PUBLIC),
	]);
	files[`${OVERLAY}/chacha20_poly1305_internal.h`] = header(aead, '__CRYPTO_CHACHA20_POLY1305_INTERNAL_H__', [
		{
			k: 'comment',
			text: 'The streaming pieces of chacha20_poly1305.c for other translation units (the OCF mbuf\nfallback): the ChaCha20 keystream XOR (RFC 8439 2.4) with a 12-byte nonce and a 32-bit block\ncounter, and Poly1305 (RFC 8439 2.5) over discontiguous input. They carry the\nchacha20_poly1305_ prefix: the kernel has other poly1305_* globals (ossl(4)). struct\npoly1305_ctx has one layout in both builds: 64-bit words where the compiler has unsigned\n__int128, 26-bit limbs otherwise.',
		},
		...structDecls(aead, 'poly1305_ctx'),
		cpp(''),
		...protos(aead, AEAD_INTERNAL),
	]);
	files[`${OVERLAY}/chacha20_poly1305.c`] = renderC(aead, {
		ownHeaders: ['<crypto/chacha20_poly1305.h>', '<crypto/chacha20_poly1305_internal.h>'],
		skipStructs: new Set(['poly1305_ctx']),
	});

	files[`${OVERLAY}/blake2s.h`] = header(blake, '__CRYPTO_BLAKE2S_H__', [
		{ k: 'comment', text: 'BLAKE2s (RFC 7693) with HMAC and the HKDF-style KDF WireGuard uses. The names carry\na blake2s_hash_ prefix so they do not collide with libb2\'s blake2s_* in sys/crypto/blake2.' },
		...['BLAKE2S_BLOCK_SIZE', 'BLAKE2S_HASH_SIZE', 'BLAKE2S_KEY_SIZE'].map((n) => findConst(blake, n)),
		...structDecls(blake, 'blake2s_hash_state'),
		cpp(''),
		...protos(blake, BLAKE2S_PUBLIC),
	]);
	files[`${OVERLAY}/blake2s.c`] = renderC(blake, {
		ownHeaders: ['<crypto/blake2s.h>'],
		skipStructs: new Set(['blake2s_hash_state']),
		skipConsts: new Set(['BLAKE2S_BLOCK_SIZE', 'BLAKE2S_HASH_SIZE', 'BLAKE2S_KEY_SIZE']),
	});

	const clamp = findFunction(x, 'curve25519_clamp_secret').decl!;
	files[`${OVERLAY}/curve25519.h`] = header(x, '__CRYPTO_CURVE25519_H__', [
		findConst(x, 'CURVE25519_KEY_SIZE'),
		...protos(x, CURVE25519_PUBLIC),
		{ ...clamp, storage: 'static inline' },
		{
			k: 'func',
			comment: 'A fresh clamped secret (arc4random_buf is the kernel\'s CSPRNG, <sys/libkern.h>).',
			storage: 'static inline',
			ret: { base: 'void' },
			name: 'curve25519_generate_secret',
			params: [{ name: 'secret', type: { base: 'uint8_t', pointer: true } }],
			body: [
				{ k: 'expr', e: { k: 'call', fn: 'arc4random_buf', args: [{ k: 'id', name: 'secret' }, { k: 'id', name: 'CURVE25519_KEY_SIZE' }] } },
				{ k: 'expr', e: { k: 'call', fn: 'curve25519_clamp_secret', args: [{ k: 'id', name: 'secret' }] } },
			],
		},
	], ['<sys/types.h>', '<sys/systm.h>']);
	files[`${OVERLAY}/curve25519.c`] = renderC(x, {
		ownHeaders: ['<crypto/curve25519.h>'],
		skipFunctions: new Set(['curve25519_clamp_secret']),
		skipConsts: new Set(['CURVE25519_KEY_SIZE']),
	});
	return files;
}

/** `wgup generate` entry: the emitted sys/crypto files. */
export const cryptoGenerator: Generator = {
	name: 'crypto-c',
	description: 'sys/crypto C (ChaCha20-Poly1305, XChaCha20-Poly1305, X25519, BLAKE2s) translated from packages/crypto/src/ref by ts2c',
	plan(): PlannedFile[] {
		let cache: CryptoFiles | undefined;
		const get = (): CryptoFiles => (cache ??= renderCryptoFiles());
		const paths = ['chacha20_poly1305.c', 'chacha20_poly1305.h', 'chacha20_poly1305_internal.h', 'blake2s.c', 'blake2s.h', 'curve25519.c', 'curve25519.h'];
		const files: PlannedFile[] = paths.map((p) => ({
			path: `${OVERLAY}/${p}`,
			generator: 'crypto-c',
			inputs: [`${REF}/*.ts`, 'tools/ts2c/src/*.ts'],
			render: () => get()[`${OVERLAY}/${p}`],
		}));
		files.push({ path: SELFTEST_PATH, generator: 'crypto-c', inputs: [`${REF}/*.ts`, 'tools/ts2c/src/selftest-vectors.ts'], render: renderSelftestVectors });
		return files;
	},
};
