/*
 * The emitted sys/crypto C, proven: it compiles cleanly with gcc and clang (64-bit limbs, the 32-bit
 * fallback, and -m32), passes every Wycheproof and BLAKE2 KAT vector, and agrees with the TypeScript
 * reference on seeded random inputs through one long-running driver process per build.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { blake2s_hash, blake2s_hmac } from '../../../packages/crypto/src/ref/blake2s';
import { chacha20_poly1305_encrypt, chacha20_poly1305_decrypt, xchacha20_poly1305_encrypt } from '../../../packages/crypto/src/ref/chacha20_poly1305';
import { poly1305_ctx, poly1305_final, poly1305_init, poly1305_update } from '../../../packages/crypto/src/ref/poly1305';
import { curve25519 } from '../../../packages/crypto/src/ref/x25519';
import { compile, compileObject, CRYPTO_SOURCES, FORCE_FALLBACK_FLAG, makeBuildDir } from '../src';

const LONG = process.env.WGUP_LONG === '1';
const CASES = LONG ? 1_000_000 : 10_000;
/* X25519 costs ~5 ms per case in the bigint TS reference: 10,000 cases are ~45 s of this file's ~70 s CPU */
const X25519_CASES = LONG ? 1_000_000 : 10_000;
const VECTORS = path.join(REPO_ROOT, 'packages', 'crypto', 'test', 'vectors');
const DRIVER = path.join(__dirname, 'c', 'driver.c');

const hex = (b: Uint8Array): string => (b.length ? Buffer.from(b).toString('hex') : '-');
const unhex = (s: string): Uint8Array => (s === '-' ? new Uint8Array(0) : new Uint8Array(Buffer.from(s, 'hex')));

/** Runs one batch of request lines through a driver; one answer line each. */
function ask(driver: string, lines: readonly string[]): string[] {
	const r = spawnSync(driver, [], { input: lines.join('\n') + '\n', maxBuffer: 1 << 30 });
	if (r.status !== 0) throw new Error(`${driver} exited ${r.status}: ${r.stderr}`);
	const out = r.stdout.toString().split('\n');
	out.pop();
	expect(out).toHaveLength(lines.length);
	return out;
}

/** A seeded xorshift128+ stream so every run checks the same cases. */
function rng(seed: number): (n: number) => number {
	let s0 = BigInt(seed) | 1n;
	let s1 = 0x9e3779b97f4a7c15n;
	return (n: number) => {
		let x = s0;
		const y = s1;
		s0 = y;
		x ^= (x << 23n) & 0xffffffffffffffffn;
		s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
		return Number((s1 + y) & 0xffffffffn) % n;
	};
}

function bytes(r: (n: number) => number, n: number): Uint8Array {
	const b = new Uint8Array(n);
	for (let i = 0; i < n; i++) b[i] = r(256);
	return b;
}

/*
 * Runs `total` generated cases through the given builds in chunks of 10,000 requests (one driver
 * process per chunk and build), so the long mode never holds a million cases in memory.
 */
function differential(total: number, seed: number, builds_: readonly string[], gen: (r: (n: number) => number, i: number, lines: string[], want: string[]) => void): void {
	const r = rng(seed);
	const CHUNK = 10_000;
	for (let start = 0; start < total; start += CHUNK) {
		const lines: string[] = [];
		const want: string[] = [];
		for (let i = start; i < Math.min(total, start + CHUNK); i++) gen(r, i, lines, want);
		for (const b of builds_) {
			const got = ask(builds[b], lines);
			// compare case by case so a failure names the request, not a 10,000-line diff
			const bad = got.findIndex((g, k) => g !== want[k]);
			expect(bad === -1 ? 'all equal' : `${b}: ${lines[bad].slice(0, 200)} -> C ${got[bad].slice(0, 80)} TS ${want[bad].slice(0, 80)}`).toBe('all equal');
		}
	}
}

const TIMEOUT = LONG ? 24 * 3600_000 : 600_000;

const dir = makeBuildDir();
const builds: Record<string, string> = {};
const BUILD_FLAGS: Record<string, string[]> = { int128: [], fallback: [FORCE_FALLBACK_FLAG], m32: ['-m32'] };
/* -m32 objects compile here, but this kernel cannot run i386 binaries: the vectors run on the two 64-bit builds */
const RUN_FLAGS: Record<string, string[]> = { int128: [], fallback: [FORCE_FALLBACK_FLAG] };

beforeAll(() => {
	for (const [name, flags] of Object.entries(RUN_FLAGS)) {
		builds[name] = path.join(dir, `driver-${name}`);
		compile([DRIVER, ...CRYPTO_SOURCES], builds[name], { cc: 'gcc', flags });
	}
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the emitted C compiles cleanly', () => {
	const matrix: [string, 'gcc' | 'clang', string[]][] = [];
	for (const cc of ['gcc', 'clang'] as const) for (const [name, flags] of Object.entries(BUILD_FLAGS)) matrix.push([`${cc} ${name}`, cc, flags]);
	it.each(matrix)('%s: -std=c99 -O2 -Wall -Wextra -Werror, no diagnostics', (_name, cc, flags) => {
		for (const src of CRYPTO_SOURCES) expect(compileObject(src, path.join(dir, `${path.basename(src)}.${cc}.o`), { cc, flags })).toBe('');
	});

	it('the headers are a drop-in for FreeBSD\'s prototypes (redeclared word for word, gcc and clang)', () => {
		for (const cc of ['gcc', 'clang'] as const) {
			const exe = path.join(dir, `api-${cc}`);
			compile([path.join(__dirname, 'c', 'api_compat.c'), ...CRYPTO_SOURCES], exe, { cc });
			// curve25519_generate_secret: arc4random_buf then the clamp
			expect(spawnSync(exe).status).toBe(0);
		}
	});

	it('includes only the kernel headers and its own', () => {
		for (const src of CRYPTO_SOURCES) {
			const includes = fs.readFileSync(src, 'utf8').split('\n').filter((l) => l.startsWith('#include'));
			for (const inc of includes) expect(inc).toMatch(/^#include <(sys\/(types|endian|systm|errno)\.h|crypto\/[a-z0-9_]+\.h)>$/);
		}
	});
});

describe('the generated kernel self-test vectors (computed by the fast backend, node:crypto and noble)', () => {
	it.each(Object.entries(RUN_FLAGS))('pass against the emitted C (%s build)', (name, flags) => {
		const exe = path.join(dir, `selftest-${name}`);
		compile([path.join(__dirname, 'c', 'selftest_check.c'), ...CRYPTO_SOURCES], exe, { cc: 'clang', flags });
		const r = spawnSync(exe, [], { encoding: 'utf8' });
		const [total, failed] = r.stdout.trim().split(' ').map(Number);
		/* 7 ChaCha20-Poly1305 and 7 XChaCha20-Poly1305 cases, each sealed and opened; 6 BLAKE2s, 6 HMAC, 4 X25519 */
		expect(total).toBe(44);
		expect(failed).toBe(0);
		expect(r.status).toBe(0);
	});
});

interface AeadCase { tcId: number; key: string; iv: string; aad: string; msg: string; ct: string; tag: string; result: string }
function aeadCases(file: string): AeadCase[] {
	const j = JSON.parse(fs.readFileSync(path.join(VECTORS, 'wycheproof', file), 'utf8')) as { testGroups: { tests: AeadCase[] }[] };
	return j.testGroups.flatMap((g) => g.tests);
}

describe.each(Object.keys(RUN_FLAGS))('vectors in C (%s build)', (build) => {
	it('every Wycheproof ChaCha20-Poly1305 case (nonce sizes the API takes)', () => {
		const cases = aeadCases('chacha20_poly1305_test.json').filter((c) => c.iv.length === 24 || c.iv.length === 16);
		expect(cases.length).toBeGreaterThan(300);
		const h = (s: string): string => s || '-';
		const answers = ask(builds[build], cases.map((c) => `open ${c.key} ${c.iv} ${h(c.aad)} ${h(c.ct + c.tag)}`));
		const seals = ask(builds[build], cases.map((c) => `seal ${c.key} ${c.iv} ${h(c.aad)} ${h(c.msg)}`));
		cases.forEach((c, i) => {
			if (c.result === 'valid') {
				expect([c.tcId, answers[i]]).toEqual([c.tcId, h(c.msg)]);
				expect([c.tcId, seals[i]]).toEqual([c.tcId, c.ct + c.tag]);
			} else expect([c.tcId, answers[i]]).toEqual([c.tcId, 'bad']);
		});
	});

	it('every Wycheproof XChaCha20-Poly1305 case with a 24-byte nonce', () => {
		const cases = aeadCases('xchacha20_poly1305_test.json').filter((c) => c.iv.length === 48);
		expect(cases.length).toBeGreaterThan(250);
		const h = (s: string): string => s || '-';
		const answers = ask(builds[build], cases.map((c) => `xopen ${c.key} ${c.iv} ${h(c.aad)} ${h(c.ct + c.tag)}`));
		cases.forEach((c, i) => expect([c.tcId, answers[i]]).toEqual([c.tcId, c.result === 'valid' ? h(c.msg) : 'bad']));
	});

	it('every Wycheproof X25519 case', () => {
		const j = JSON.parse(fs.readFileSync(path.join(VECTORS, 'wycheproof', 'x25519_test.json'), 'utf8')) as { testGroups: { tests: { tcId: number; public: string; private: string; shared: string; result: string }[] }[] };
		const cases = j.testGroups.flatMap((g) => g.tests);
		const answers = ask(builds[build], cases.map((c) => `x25519 ${c.private} ${c.public}`));
		cases.forEach((c, i) => {
			const [ok, out] = answers[i].split(' ');
			expect([c.tcId, out]).toEqual([c.tcId, c.shared]);
			expect([c.tcId, ok]).toEqual([c.tcId, /^0+$/.test(c.shared) ? '0' : '1']);
		});
	});

	it('the BLAKE2s KAT, keyed and unkeyed', () => {
		const kat = JSON.parse(fs.readFileSync(path.join(VECTORS, 'blake2', 'blake2s-kat.json'), 'utf8')) as { in: string; key: string; out: string }[];
		const answers = ask(builds[build], kat.map((k) => `blake2s 32 ${k.key || '-'} ${k.in || '-'}`));
		kat.forEach((k, i) => expect(answers[i]).toBe(k.out));
	});
});

describe('differential: the TS reference and the emitted C agree on seeded random inputs', () => {
	const both = ['int128', 'fallback'];

	it(`ChaCha20-Poly1305 seal and open, ${CASES} cases, 8- and 12-byte nonces`, () => {
		differential(CASES, 1, both, (r, i, lines, want) => {
			const key = bytes(r, 32);
			const nonce = bytes(r, r(2) ? 12 : 8);
			const aad = bytes(r, r(40));
			const msg = bytes(r, r(i % 50 === 0 ? 2000 : 300));
			const dst = new Uint8Array(msg.length + 16);
			chacha20_poly1305_encrypt(dst, msg, msg.length, aad, aad.length, nonce, nonce.length, key);
			lines.push(`seal ${hex(key)} ${hex(nonce)} ${hex(aad)} ${hex(msg)}`);
			want.push(hex(dst));
			if (i % 10 === 0) {
				dst[r(dst.length)] ^= 1 << r(8);
				const pt = new Uint8Array(msg.length);
				const ok = chacha20_poly1305_decrypt(pt, dst, dst.length, aad, aad.length, nonce, nonce.length, key);
				lines.push(`open ${hex(key)} ${hex(nonce)} ${hex(aad)} ${hex(dst)}`);
				want.push(ok ? hex(pt) : 'bad');
			}
		});
	}, TIMEOUT);

	it(`XChaCha20-Poly1305 seal, ${CASES} cases`, () => {
		differential(CASES, 2, ['int128'], (r, i, lines, want) => {
			const key = bytes(r, 32);
			const nonce = bytes(r, 24);
			const aad = bytes(r, r(20));
			const msg = bytes(r, r(200));
			const dst = new Uint8Array(msg.length + 16);
			xchacha20_poly1305_encrypt(dst, msg, msg.length, aad, aad.length, nonce, key);
			lines.push(`xseal ${hex(key)} ${hex(nonce)} ${hex(aad)} ${hex(msg)}`);
			want.push(hex(dst));
		});
	}, TIMEOUT);

	it(`Poly1305 streamed in two pieces, ${CASES} cases, both limb sizes`, () => {
		differential(CASES, 3, both, (r, i, lines, want) => {
			const key = bytes(r, 32);
			// bias towards the hard cases: all-ones keys and messages exercise the final carries
			if (i % 7 === 0) key.fill(0xff, 0, 16 + r(16));
			const msg = bytes(r, r(200));
			if (i % 5 === 0) msg.fill(0xff);
			const ctx = new poly1305_ctx();
			const mac = new Uint8Array(16);
			poly1305_init(ctx, key);
			const half = msg.length >>> 1;
			poly1305_update(ctx, msg, half);
			poly1305_update(ctx, msg.subarray(half), msg.length - half);
			poly1305_final(ctx, mac);
			lines.push(`poly1305 ${hex(key)} ${hex(msg)}`);
			want.push(hex(mac));
		});
	}, TIMEOUT);

	it(`BLAKE2s (keyed, unkeyed, every output length) and HMAC-BLAKE2s, ${CASES} cases each`, () => {
		differential(CASES, 4, ['int128'], (r, i, lines, want) => {
			const outlen = 1 + r(32);
			const key = bytes(r, r(3) ? r(33) : 0);
			const msg = bytes(r, r(i % 100 === 0 ? 3000 : 200));
			const out = new Uint8Array(outlen);
			blake2s_hash(out, outlen, msg, msg.length, key, key.length);
			lines.push(`blake2s ${outlen} ${hex(key)} ${hex(msg)}`);
			want.push(hex(out));
			const hkey = bytes(r, r(100));
			const mac = new Uint8Array(32);
			blake2s_hmac(mac, msg, hkey, 32, msg.length, hkey.length);
			lines.push(`hmac ${hex(hkey)} ${hex(msg)}`);
			want.push(hex(mac));
		});
	}, TIMEOUT);

	it(`X25519, ${X25519_CASES} cases, both field sizes`, () => {
		differential(X25519_CASES, 5, both, (r, i, lines, want) => {
			const s = bytes(r, 32);
			const p = bytes(r, 32);
			const out = new Uint8Array(32);
			const ok = curve25519(out, s, p);
			lines.push(`x25519 ${hex(s)} ${hex(p)}`);
			want.push(`${ok ? 1 : 0} ${hex(out)}`);
		});
	}, TIMEOUT);
});

export { unhex };
