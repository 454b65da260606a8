/*
 * The kernel has one global namespace: every global an emitted object defines is a name it promises
 * to FreeBSD. This test compiles every emitted object (sys/crypto/*.c with gcc and clang, int128,
 * 32-bit-limb fallback and -m32; sys/dev/wg/wg_crypto_ocf.c on its OCF path and on the
 * COMPAT_NEED_CHACHA20POLY1305_MBUF fallback), lists the globals with nm and compares them with the
 * allow-list below, written by hand: it is the specification, not a copy of what ts2c was told.
 *
 * The allow-list:
 * - FreeBSD's API, as sys/crypto/chacha20_poly1305.h and sys/crypto/curve25519.h declare it:
 *   chacha20_poly1305_{en,de}crypt, xchacha20_poly1305_{en,de}crypt, curve25519,
 *   curve25519_generate_public.
 * - BLAKE2s, which main lacks in sys/crypto: blake2s_hash_{init,init_key,update,final}, blake2s_hash,
 *   and WireGuard's blake2s_hmac and blake2s_hkdf; none is one of libb2's names in sys/crypto/blake2
 *   (blake2s_init, blake2s_update, blake2s_final, blake2s, ...).
 * - What the mbuf fallback (another translation unit) calls, with the chacha20_poly1305_ prefix:
 *   chacha20_poly1305_keystream_xor, chacha20_poly1305_mac_{init,update,final}.
 * - The glue's driver interface: chacha20poly1305_{en,de}crypt_mbuf, wg_crypto_init, wg_crypto_deinit.
 * Everything else is static. Undefined references of the sys/crypto objects are kernel library
 * functions only.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileGlueObjects } from '@wgup/ocf-glue';
import { compileObject, FORCE_FALLBACK_FLAG, makeBuildDir, OVERLAY_SYS } from '@wgup/ts2c';

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
	'chacha20_poly1305.c': [
		'chacha20_poly1305_decrypt', 'chacha20_poly1305_encrypt', 'chacha20_poly1305_keystream_xor', 'chacha20_poly1305_mac_final',
		'chacha20_poly1305_mac_init', 'chacha20_poly1305_mac_update', 'xchacha20_poly1305_decrypt', 'xchacha20_poly1305_encrypt',
	],
	'blake2s.c': ['blake2s_hash', 'blake2s_hash_final', 'blake2s_hash_init', 'blake2s_hash_init_key', 'blake2s_hash_update', 'blake2s_hkdf', 'blake2s_hmac'],
	'curve25519.c': ['curve25519', 'curve25519_generate_public'],
	'wg_crypto_ocf.c': ['chacha20poly1305_decrypt_mbuf', 'chacha20poly1305_encrypt_mbuf', 'wg_crypto_deinit', 'wg_crypto_init'],
};

/* What the kernel (libkern, sys/systm.h) provides to the sys/crypto files; the stack protector's hook too. */
const KERNEL_FUNCTIONS = new Set(['memcpy', 'memset', 'memmove', 'bzero', 'explicit_bzero', 'timingsafe_bcmp', 'arc4random_buf', '__stack_chk_fail', '__stack_chk_fail_local']);

/* Globals of the OpenSSL assembly behind ossl(4) (sys/crypto/openssl/<arch>/poly1305-*.S, chacha-*.S). */
const OSSL_GLOBALS = ['poly1305_init', 'poly1305_blocks', 'poly1305_emit', 'ChaCha20_ctr32'];

const dir = makeBuildDir('wgup-symbols-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function nm(obj: string, args: string[]): string[] {
	return execFileSync('nm', [...args, obj], { encoding: 'utf8' }).split('\n').filter(Boolean)
		.map((l) => l.trim().split(/\s+/).pop()!).sort();
}

const defined = (obj: string): string[] => nm(obj, ['--defined-only', '--extern-only']);
const undefinedRefs = (obj: string): string[] => nm(obj, ['--undefined-only']);

/* i386 kernels are not position-independent: -fno-pic keeps the PIC thunks (__x86.get_pc_thunk.*) out */
const I386 = ['-m32', '-fno-pic'];
const BUILDS: Array<[string, 'gcc' | 'clang', string[]]> = [
	['gcc', 'gcc', []], ['gcc fallback', 'gcc', [FORCE_FALLBACK_FLAG]], ['gcc -m32', 'gcc', I386],
	['clang', 'clang', []], ['clang fallback', 'clang', [FORCE_FALLBACK_FLAG]], ['clang -m32', 'clang', I386],
];
const SOURCES = ['chacha20_poly1305.c', 'blake2s.c', 'curve25519.c'];

describe.each(BUILDS)('sys/crypto objects, %s', (name, cc, flags) => {
	const objs = new Map<string, string>();
	beforeAll(() => {
		for (const src of SOURCES) {
			const obj = path.join(dir, `${name.replace(/\W+/g, '_')}-${src.replace(/\.c$/, '.o')}`);
			const err = compileObject(path.join(OVERLAY_SYS, 'crypto', src), obj, { cc, flags });
			if (err) throw new Error(`${cc} ${flags.join(' ')} ${src}:\n${err}`);
			objs.set(src, obj);
		}
	});

	test.each(SOURCES)('%s defines exactly the allow-listed globals', (src) => {
		expect(defined(objs.get(src)!)).toEqual([...ALLOWED[src]].sort());
	});

	test.each(SOURCES)('%s references only kernel library functions and the other emitted files', (src) => {
		const ours = new Set(Object.values(ALLOWED).flat());
		expect(undefinedRefs(objs.get(src)!).filter((s) => !KERNEL_FUNCTIONS.has(s) && !ours.has(s))).toEqual([]);
	});

	test('no global collides with ossl(4)\'s assembly or libb2\'s sys/crypto/blake2', () => {
		const all = SOURCES.flatMap((s) => defined(objs.get(s)!));
		for (const sym of [...OSSL_GLOBALS, 'blake2s_init', 'blake2s_init_key', 'blake2s_update', 'blake2s_final', 'blake2s', 'hchacha20', 'chacha20_xor']) {
			expect(all).not.toContain(sym);
		}
	});
});

describe.each([['gcc'], ['clang']])('sys/dev/wg/wg_crypto_ocf.c, %s', (cc) => {
	const out = path.join(dir, `glue-${cc}`);
	beforeAll(() => {
		fs.mkdirSync(out, { recursive: true });
		compileGlueObjects(cc, [], undefined, out);
	});

	test.each([['OCF path', 'ocf.o'], ['mbuf fallback', 'fb.o']])('%s defines exactly the allow-listed globals', (_what, obj) => {
		expect(defined(path.join(out, obj))).toEqual([...ALLOWED['wg_crypto_ocf.c']].sort());
	});

	test('the fallback calls the prefixed streaming functions of chacha20_poly1305.c and no generic name', () => {
		const refs = undefinedRefs(path.join(out, 'fb.o'));
		const crypto = refs.filter((s) => /chacha|poly1305/i.test(s));
		expect(crypto.sort()).toEqual(['chacha20_poly1305_keystream_xor', 'chacha20_poly1305_mac_final', 'chacha20_poly1305_mac_init',
			'chacha20_poly1305_mac_update']);
		for (const s of crypto) expect(ALLOWED['chacha20_poly1305.c']).toContain(s);
	});
});
