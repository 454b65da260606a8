import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ocf from '@wgup/ocf';
import {
	GLUE_C, GLUE_H, HARNESS_DIR, Harness, buildHarness, compileGlueObjects, ocfGlueGenerator, renderedGlueC, sessionInitializers, spellEnum,
	spellFlags, spellOp,
} from '../src';

jest.setTimeout(300_000);

describe('spelling model values with the kernel\'s names', () => {
	test('flags, enums and ops', () => {
		expect(spellFlags(ocf.CRYPTO_F_IV_SEPARATE | ocf.CRYPTO_F_CBIMM, 'CRYPTO_F_')).toBe('CRYPTO_F_CBIMM | CRYPTO_F_IV_SEPARATE');
		expect(spellFlags(ocf.CRYPTOCAP_F_SOFTWARE, 'CRYPTOCAP_F_')).toBe('CRYPTOCAP_F_SOFTWARE');
		expect(() => spellFlags(0x8000, 'CRYPTO_F_')).toThrow(/no CRYPTO_F_\* name for bits 0x8000/);
		expect(spellEnum(4, 'CSP_MODE_')).toBe('CSP_MODE_AEAD');
		expect(() => spellEnum(99, 'CSP_MODE_')).toThrow(/0 names/);
		expect(spellOp(ocf.WG_GLUE.encryptOp)).toBe('CRYPTO_OP_ENCRYPT | CRYPTO_OP_COMPUTE_DIGEST');
		expect(spellOp(ocf.WG_GLUE.decryptOp)).toBe('CRYPTO_OP_DECRYPT | CRYPTO_OP_VERIFY_DIGEST');
	});

	test('the session initializers name every non-zero field of the model\'s session', () => {
		expect(sessionInitializers()).toEqual([
			{ field: 'csp_mode', value: 'CSP_MODE_AEAD' },
			{ field: 'csp_flags', value: 'CSP_F_SEPARATE_OUTPUT | CSP_F_SEPARATE_AAD' },
			{ field: 'csp_ivlen', value: 'sizeof(uint64_t)' },
			{ field: 'csp_cipher_alg', value: 'CRYPTO_CHACHA20_POLY1305' },
			{ field: 'csp_cipher_klen', value: 'CHACHA20POLY1305_KEY_SIZE' },
		]);
	});
});

describe('the emitted glue', () => {
	const c = renderedGlueC();

	test('is byte-stable and is what the generator plans', () => {
		expect(renderedGlueC()).toBe(c);
		expect(ocfGlueGenerator.plan().map((f) => f.path)).toEqual([GLUE_C, GLUE_H]);
	});

	test('reads crp_etype, refuses a non-synchronous session, uses the kernel spellings', () => {
		for (const needle of [
			/\tret = crypto_dispatch\(&crp\);\n(?:\t\/\*[\s\S]*?\*\/\n)?\tif \(ret == 0\)\n\t\tret = crp\.crp_etype;/,
			/if \(!CRYPTO_SESS_SYNC\(chacha20_poly1305_sid\)\) \{\n\t\tcrypto_freesession\(chacha20_poly1305_sid\);\n[^}]*return \(ENXIO\);/,
			/crypto_initreq\(&crp, chacha20_poly1305_sid\);/, /crypto_use_mbuf\(&crp, m\);/, /crypto_destroyreq\(&crp\);/,
			/le64enc\(crp\.crp_iv, nonce\);/, /m_adj\(m, -CHACHA20POLY1305_AUTHTAG_SIZE\);/,
			/timingsafe_bcmp\(tag, expect, sizeof\(tag\)\)/, /#ifdef COMPAT_NEED_CHACHA20POLY1305_MBUF\n/,
		]) {
			expect(c).toMatch(needle);
		}
		/* style(9): no C++ comments, return values parenthesised, tabs (4 spaces only to continue a prototype) */
		expect(c).not.toMatch(/(^|[^:])\/\/ /m);
		expect(c).not.toMatch(/^\t+return [^(;]/m);
		expect(c).not.toMatch(/^(?: {1,3}[^ *]| {5,}\S)/m);
	});

	test('in the fallback, decrypt compares the tag before it decrypts anything', () => {
		const dec = c.slice(c.lastIndexOf('chacha20poly1305_decrypt_mbuf(struct mbuf *m'));
		expect(dec.indexOf('timingsafe_bcmp')).toBeGreaterThan(0);
		expect(dec.indexOf('timingsafe_bcmp')).toBeLessThan(dec.indexOf('wg_chacha20_mbuf(&ks'));
	});

	test.each(['gcc', 'clang'])('compiles warning-free for a 32-bit target with %s, both configurations', (cc) => {
		expect(() => compileGlueObjects(cc, ['-m32'])).not.toThrow();
	});

	test('compiles with clang too, both paths, and runs a sweep there', async () => {
		const { exe } = buildHarness({ cc: 'clang' });
		const h = new Harness(exe);
		try {
			for (const p of ['ocf', 'fb']) {
				const lines = await h.send(`sweep ${p} 70`, true);
				expect(lines[lines.length - 1]).toMatch(/^done \d+ 0$/);
			}
		} finally {
			await h.close();
		}
	});
});

test('the glue\'s guard is the macro the shim catalogue defines for the missing OCF mbuf path', () => {
	const { CATALOGUE } = require('@wgup/shims') as typeof import('@wgup/shims');
	const shim = CATALOGUE.shims.find((s) => s.standsFor === 'ocf_chacha20_poly1305_mbuf');
	expect(shim?.c).toBe(`#define\t${ocf.WG_GLUE.guard}`);
	expect(renderedGlueC()).toContain(`#ifdef ${ocf.WG_GLUE.guard}\n`);
});

test.each([
	['opencrypto/cryptodev.h', 15, []],
	['sys/mbuf.h', 3, ['MT_DATA', 'M_NOWAIT']],
])('the harness\'s <%s> has the model\'s values', (header, atLeast, hostOnly) => {
	const text = fs.readFileSync(path.join(HARNESS_DIR, 'include', header as string), 'utf8');
	const defines = [...text.matchAll(/^#define\t(\w+)\s+(0x[0-9a-f]+|\d+)$/gim)]
		.filter(([, name]) => !(hostOnly as string[]).includes(name));
	expect(defines.length).toBeGreaterThanOrEqual(atLeast as number);
	for (const [, name, value] of defines) {
		expect({ name, value: Number(value) }).toEqual({ name, value: (ocf as unknown as Record<string, number>)[name] });
	}
});
