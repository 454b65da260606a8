/*
 * The emitted glue, compiled into the userspace harness and run: both paths (OCF request, and the
 * COMPAT_NEED_CHACHA20POLY1305_MBUF fallback) over every split of the documented set, random splits of
 * 1420- and 9000-byte packets, forged packets, short packets and failed allocations, each result held
 * equal to the contiguous reference and to the TS model (@wgup/ocf). One harness process serves the file.
 */
import { chacha20poly1305Seal } from '@wgup/crypto';
import * as ocf from '@wgup/ocf';
import { store64_le } from '@wgup/prelude';
import { Harness, buildHarness, hex, renderGlueC, streamCrypto, unhex } from '../src';

const KEY = Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + 3) & 0xff);
const PATHS = ['ocf', 'fb'] as const;

/** The sweep's and flips' deterministic inputs, as harness.c fill() makes them. */
function fill(len: number, seed: number): Uint8Array {
	return Uint8Array.from({ length: len }, (_, i) => (i * 167 + seed * 31 + 7) & 0xff);
}

function nonceBytes(n: bigint): Uint8Array {
	const b = new Uint8Array(8);
	store64_le(b, 0, n);
	return b;
}

/** A small seeded PRNG (mulberry32) so a failing case can be replayed from the seed printed with it. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function randomSplits(len: number, pieces: number, rnd: () => number): number[] {
	const cuts = Array.from({ length: pieces - 1 }, () => Math.floor(rnd() * (len + 1))).sort((a, b) => a - b);
	const out: number[] = [];
	let prev = 0;
	for (const c of [...cuts, len]) {
		out.push(c - prev);
		prev = c;
	}
	return out;
}

/**
 * How many chains README's "documented split set" holds for lengths 0..maxlen, counted from README's words:
 * every 1- and 2-way split; every 3-way split up to 64 bytes, above that those whose cut points are on a
 * multiple of 4 or within 2 bytes of a multiple of 64; every 4-way split with cut points on multiples of 16,
 * and every 4-way split of lengths 65 and 128. Empty mbufs included.
 */
function documentedSplitCount(maxlen: number): number {
	let n = 0;
	for (let len = 0; len <= maxlen; len++) {
		const cuts = Array.from({ length: len + 1 }, (_, i) => i);
		const near64 = (x: number) => x % 64 <= 2 || x % 64 >= 62;
		const three = len <= 64 ? cuts : cuts.filter((x) => x % 4 === 0 || near64(x));
		const four = len === 65 || len === 128 ? cuts : cuts.filter((x) => x % 16 === 0);
		n += 1 + (len + 1);
		for (const a of three) n += three.filter((b) => b >= a).length;
		for (const a of four) for (const b of four) if (b >= a) n += four.filter((c) => c >= b).length;
	}
	return n;
}

/** The TS model's answer for the same command: result, the chain's bytes, its mbuf lengths. */
function modelAnswer(path: 'ocf' | 'fb', op: 'enc' | 'dec', nonce: bigint, splits: number[], trailing: number,
	data: Uint8Array): string {
	const m = ocf.mbuf_chain_from(data, splits, { trailing });
	let ret: number;
	if (path === 'ocf') {
		const wc = ocf.wg_crypto_init([ocf.CRYPTOSOFT]) as ocf.WgCrypto;
		ret = op === 'enc' ? ocf.chacha20poly1305_encrypt_mbuf(wc, m, nonce, KEY) : ocf.chacha20poly1305_decrypt_mbuf(wc, m, nonce, KEY);
	} else {
		ret = op === 'enc' ? ocf.fallback_encrypt_mbuf(m, nonce, KEY) : ocf.fallback_decrypt_mbuf(m, nonce, KEY);
	}
	const name: Record<number, string> = { 0: '0', 89: 'EBADMSG', 40: 'EMSGSIZE', 12: 'ENOMEM' };
	return `${name[ret] ?? `E${ret}`} ${hex(ocf.mbuf_bytes(m))} ${ocf.mbufs(m).map((x) => x.len).join(',')}`;
}

function command(path: string, op: string, nonce: bigint, splits: number[], trailing: number, data: Uint8Array): string {
	return `${op} ${path} ${nonce} ${hex(KEY)} ${splits.join(',')} ${trailing} ${hex(data)}`;
}

/* compiling and the sweeps take seconds of CPU; on a shared machine the wall clock can be much longer */
jest.setTimeout(300_000);

let h: Harness;

beforeAll(() => {
	h = new Harness(buildHarness({ cc: 'gcc' }).exe);
});

afterAll(async () => {
	await h.close(); /* the harness exits non-zero on a leaked mbuf or session */
});

describe('wg_crypto_init', () => {
	test('asks OCF for exactly the model\'s session (wg_session_params, WG_GLUE.crid)', async () => {
		const csp = ocf.wg_session_params();
		expect(await h.one('csp')).toBe(`csp mode ${csp.csp_mode} flags ${csp.csp_flags} ivlen ${csp.csp_ivlen} ` +
			`alg ${csp.csp_cipher_alg} klen ${csp.csp_cipher_klen} key 0 authalg 0 authklen 0 mlen 0 crid ${ocf.WG_GLUE.crid}`);
	});

	test('takes a synchronous driver, refuses an asynchronous one with ENXIO and frees its session', async () => {
		expect(await h.one('init sync')).toBe('0 1');
		expect(await h.one('init async')).toBe('ENXIO 0');
	});
});

describe.each(PATHS)('%s path', (path) => {
	test('every split of the documented set up to 256 bytes equals the contiguous AEAD and the TS model', async () => {
		const lines = await h.send(`sweep ${path} 256`, true);
		const done = lines.pop()!;
		const [, cases, failures] = done.split(' ');
		expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
		expect(failures).toBe('0');
		/* README's figure, counted here from README's definition of the set, and the C harness's own count */
		expect(Number(cases)).toBe(documentedSplitCount(256));
		expect(Number(cases)).toBe(840_913);
		const key = fill(32, 99);
		const nonce = 0x0102030405060708n;
		expect(lines).toHaveLength(257);
		for (const line of lines) {
			const [len, sealed] = line.split(' ');
			const n = Number(len);
			const plain = fill(n, n);
			const expected = chacha20poly1305Seal(key, nonceBytes(nonce), plain);
			expect({ n, sealed }).toEqual({ n, sealed: hex(expected) });
			/* the TS glue model over a 3-way chain agrees with the same bytes */
			const m = ocf.mbuf_chain_from(plain, [Math.floor(n / 3), 0, n - Math.floor(n / 3)]);
			const wc = ocf.wg_crypto_init([ocf.CRYPTOSOFT]) as ocf.WgCrypto;
			expect(ocf.chacha20poly1305_encrypt_mbuf(wc, m, nonce, key)).toBe(0);
			expect(hex(ocf.mbuf_bytes(m))).toBe(sealed);
		}
	});

	test('a flipped bit in every byte of ciphertext and tag gives EBADMSG with the chain untouched', async () => {
		const lines = await h.send(`flips ${path} 256`, true);
		const expectedCases = Array.from({ length: 257 }, (_, n) => n + 16).reduce((a, b) => a + b, 0);
		expect(expectedCases).toBe(37_008); /* README's figure */
		expect(lines).toEqual([`done ${expectedCases} 0`]);
	});

	test('a failed m_append gives ENOMEM with bytes, mbufs and m_pkthdr.len as before', async () => {
		expect(await h.send(`enomem ${path}`, true)).toEqual(['done 32 0']);
	});

	test('shorter than a tag gives EMSGSIZE; the TS model says the same', async () => {
		for (let n = 0; n < 16; n++) {
			const data = fill(n, 1);
			const cmd = command(path, 'dec', 1n, [n], 0, data);
			const got = await h.one(cmd);
			expect(got.split(' ')[0]).toBe('EMSGSIZE');
			expect(got).toBe(modelAnswer(path, 'dec', 1n, [n], 0, data));
		}
	});

	test('random splits of 1420- and 9000-byte packets: C and TS model give the same bytes and mbufs', async () => {
		const seed = 0x5eed + (path === 'ocf' ? 0 : 1);
		const rnd = prng(seed);
		for (let i = 0; i < 60; i++) {
			const len = i % 2 === 0 ? 1420 : 9000;
			const data = Uint8Array.from({ length: len }, () => Math.floor(rnd() * 256));
			const splits = randomSplits(len, 1 + Math.floor(rnd() * 6), rnd);
			const trailing = Math.floor(rnd() * 24);
			const nonce = BigInt(Math.floor(rnd() * 2 ** 32)) << 20n;
			const enc = await h.one(command(path, 'enc', nonce, splits, trailing, data));
			const ctx = { seed, i, splits, trailing };
			expect({ ctx, enc }).toEqual({ ctx, enc: modelAnswer(path, 'enc', nonce, splits, trailing, data) });
			const sealed = unhex(enc.split(' ')[1]);
			expect(sealed).toEqual(chacha20poly1305Seal(KEY, nonceBytes(nonce), data));
			const resplit = randomSplits(sealed.length, 1 + Math.floor(rnd() * 6), rnd);
			const dec = await h.one(command(path, 'dec', nonce, resplit, 0, sealed));
			expect({ ctx, dec }).toEqual({ ctx, dec: modelAnswer(path, 'dec', nonce, resplit, 0, sealed) });
			expect(dec.split(' ')[1]).toBe(hex(data));
		}
	});

	test('with the scalar driver (what a kernel cryptosoft runs) the sweep up to 100 bytes still holds', async () => {
		expect(await h.one('driver scalar')).toBe('driver scalar');
		try {
			const lines = await h.send(`sweep ${path} 100`, true);
			expect(lines[lines.length - 1]).toMatch(/^done \d+ 0$/);
		} finally {
			expect(await h.one('driver sodium')).toBe('driver sodium');
		}
	});

	test('empty payload and exact multiples of 64, with the tag landing in trailing space or a new mbuf', async () => {
		for (const len of [0, 64, 128, 192, 1408, 8960]) {
			for (const trailing of [0, 16]) {
				const data = fill(len, 3);
				const splits = len ? [len - 64 > 0 ? len - 64 : len, len - 64 > 0 ? 64 : 0] : [0];
				const enc = await h.one(command(path, 'enc', 9n, splits, trailing, data));
				expect(enc).toBe(modelAnswer(path, 'enc', 9n, splits, trailing, data));
				expect(enc.split(' ')[1]).toBe(hex(chacha20poly1305Seal(KEY, nonceBytes(9n), data)));
			}
		}
	});
});

describe('the dispatcher enforces the rules of the TS model', () => {
	/* op flags buflen chainlen aad_start aad_len payload_start payload_len digest_start iv_start pos etype cb key sepaad */
	const good = [1, 0x200, 64, 64, 0, 8, 8, 40, 48, 0, 0, 0, 1, 1, 0];
	const cases: Array<[string, number, number]> = [
		['none', 0, 1],
		['no callback', 12, 0], ['no key', 13, 0], ['etype preset', 11, 5], ['IV not separate', 1, 0],
		['encrypt with verify', 0, 3], ['payload past the end', 7, 60], ['payload start at the end', 6, 64],
		['digest start at the end', 8, 64], ['digest overlapping the payload', 8, 30], ['tag past the end', 8, 60],
		['IV start set', 9, 4], ['payload output set', 10, 1], ['AAD past the end', 4, 60],
		['m_pkthdr.len lies', 2, 60], ['separate AAD with a start', 14, 1],
	];

	test.each(cases)('%s', async (_name, field, value) => {
		const f = [...good];
		f[field] = value;
		if (_name === 'separate AAD with a start') f[4] = 1;
		const got = (await h.one(`check ${f.join(' ')}`)).split(' ').slice(1).sort();

		const ses = ocf.crypto_newsession(ocf.csp_new({
			csp_mode: ocf.CSP_MODE_AEAD, csp_cipher_alg: ocf.CRYPTO_CHACHA20_POLY1305, csp_cipher_klen: 32, csp_ivlen: 12,
			csp_flags: ocf.CSP_F_SEPARATE_AAD | ocf.CSP_F_SEPARATE_OUTPUT,
		}), ocf.CRYPTOCAP_F_SOFTWARE, [ocf.CRYPTOSOFT]) as ocf.CryptoSession;
		const m = ocf.mbuf_chain_from(new Uint8Array(f[3]), [Math.floor(f[3] / 2), f[3] - Math.floor(f[3] / 2)]);
		m.pkthdrLen = f[2];
		const crp = ocf.crypto_initreq(ses);
		[crp.crp_op, crp.crp_flags] = [f[0], f[1]];
		ocf.crypto_use_mbuf(crp, m);
		[crp.crp_aad_start, crp.crp_aad_length, crp.crp_payload_start, crp.crp_payload_length] = [f[4], f[5], f[6], f[7]];
		[crp.crp_digest_start, crp.crp_iv_start, crp.crp_payload_output_start, crp.crp_etype] = [f[8], f[9], f[10], f[11]];
		crp.crp_callback = f[12] ? () => 0 : null;
		crp.crp_cipher_key = f[13] ? KEY : null;
		crp.crp_aad = f[14] ? new Uint8Array(16) : null;
		const want = [...ocf.crp_sanity(crp), ...ocf.model_checks(crp)].map((v) => v.rule).sort();
		expect(got).toEqual(want);
		if (_name !== 'none') expect(want.length).toBeGreaterThan(0);
	});
});

describe('the harness would catch a glue that forgets crp_etype', () => {
	test('with the crp_etype lines removed, a forged packet decrypts "successfully"; the real glue says EBADMSG', async () => {
		const fs = await import('node:fs');
		const path = await import('node:path');
		const glue = renderGlueC();
		const forgetful = glue.replace(/\tif \(ret == 0\)\n\t\tret = crp\.crp_etype;\n/, '');
		expect(forgetful).not.toBe(glue);
		expect(forgetful).not.toMatch(/= crp\.crp_etype/);

		const data = fill(100, 8);
		const forged = chacha20poly1305Seal(KEY, nonceBytes(5n), data);
		forged[50] ^= 0x04;
		const cmd = command('ocf', 'dec', 5n, [14, 60, forged.length - 74], 0, forged);
		expect((await h.one(cmd)).split(' ')[0]).toBe('EBADMSG');

		const bad = new Harness(buildHarness({ cc: 'gcc', glueC: forgetful }).exe);
		try {
			const [ret, bytes] = (await bad.one(cmd)).split(' ');
			expect(ret).toBe('0');
			expect(bytes).toBe(hex(forged.subarray(0, 100))); /* tag trimmed, attacker's bytes passed up */
		} finally {
			await bad.close();
		}
	});
});

describe('memory safety', () => {
	test('valgrind memcheck finds no invalid access, uninitialised use or leak over a small sweep of both paths', () => {
		const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
		const { exe } = buildHarness({ cc: 'gcc' });
		const script = ['sweep ocf 24', 'sweep fb 24', 'flips ocf 24', 'flips fb 24', 'enomem ocf', 'enomem fb', 'init async',
			'quit'].join('\n');
		const r = spawnSync('valgrind', ['-q', '--error-exitcode=99', '--leak-check=full', '--errors-for-leak-kinds=definite',
			exe], { input: `${script}\n`, encoding: 'utf8' });
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		expect(r.stdout.split('\n').filter((l) => l.startsWith('done'))).toEqual([
			'done 3327 0', 'done 3327 0', 'done 700 0', 'done 700 0', 'done 32 0', 'done 32 0',
		]);
	});
});

describe('the fallback\'s crypto', () => {
	test('is the emitted sys/crypto: the harness links tools/ts2c\'s chacha20_poly1305_keystream_xor and chacha20_poly1305_mac_* and no stand-in', () => {
		const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
		const { exe } = buildHarness({ cc: 'gcc' });
		const defined = execFileSync('nm', ['--defined-only', exe], { encoding: 'utf8' });
		for (const sym of ['chacha20_poly1305_keystream_xor', 'chacha20_poly1305_mac_init', 'chacha20_poly1305_mac_update', 'chacha20_poly1305_mac_final']) {
			expect(defined).toMatch(new RegExp(`\\s[Tt] ${sym}$`, 'm'));
		}
		expect(streamCrypto().source).toMatch(/freebsd-overlay\/sys\/crypto\/chacha20_poly1305\.c$/);
	});
});
