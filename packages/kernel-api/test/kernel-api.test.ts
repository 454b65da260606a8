import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { RELEASES, availabilityProblems, lacks } from '@wgup/releases';
import { KERNEL_INTERFACES, interfaceById, renderStubHeaders, stubHeaderPaths, hasInterface } from '@wgup/kernel-api';

function writeStubs(dir: string, v: number): void {
	for (const [p, text] of Object.entries(renderStubHeaders(v))) {
		fs.mkdirSync(path.join(dir, path.dirname(p)), { recursive: true });
		fs.writeFileSync(path.join(dir, p), text);
	}
}

describe('interfaces', () => {
	test('each has evidence; verified ones have consistent availability', () => {
		expect(KERNEL_INTERFACES.length).toBeGreaterThanOrEqual(20);
		const ids = KERNEL_INTERFACES.map((k) => k.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const k of KERNEL_INTERFACES) {
			expect({ id: k.id, evidence: k.evidence.length > 0 }).toEqual({ id: k.id, evidence: true });
			if (k.verified) expect({ id: k.id, problems: availabilityProblems(k.availability) }).toEqual({ id: k.id, problems: [] });
		}
	});

	test('the facts: sbcreatecontrol at 1400059, OCF mbuf at 1400036 / stable/13 1300519, sys/crypto at 1400048/1400049 and 1301506', () => {
		const sb = interfaceById('sbcreatecontrol_wait_arg')!;
		expect([hasInterface(sb, 1400058), hasInterface(sb, 1400059), hasInterface(sb, 1302001)]).toEqual([false, true, false]);
		const mbuf = interfaceById('ocf_chacha20_poly1305_mbuf')!;
		expect([1300518, 1300519, 1399999, 1400000, 1400035, 1400036].map((v) => hasInterface(mbuf, v)))
			.toEqual([false, true, true, false, false, true]);
		for (const id of ['crypto_chacha20_poly1305_h', 'crypto_curve25519_h']) {
			const k = interfaceById(id)!;
			expect([hasInterface(k, 1301505), hasInterface(k, 1301506), hasInterface(k, 1400047)]).toEqual([false, true, false]);
		}
		expect(lacks(interfaceById('blake2s_kpi')!.availability, 1600018)).toBe(true);
	});
});

describe('renderStubHeaders', () => {
	test('param.h carries the version; the forms follow the model', () => {
		const old = renderStubHeaders(1203000);
		const cur = renderStubHeaders(1600018);
		expect(old['sys/param.h']).toContain('#define\t__FreeBSD_version\t1203000');
		expect(old['sys/sockbuf.h']).toContain('sbcreatecontrol(caddr_t, int, int, int);');
		expect(cur['sys/sockbuf.h']).toContain('sbcreatecontrol(const void *, u_int, int, int, int);');
		expect(old['opencrypto/cryptodev.h']).not.toContain('CRYPTO_CHACHA20_POLY1305');
		expect(cur['opencrypto/cryptodev.h']).toContain('CRYPTO_CHACHA20_POLY1305');
		expect(cur['sys/protosw.h']).toContain('pr_sockaddr');
		expect(renderStubHeaders(1400065)['sys/protosw.h']).toContain('pru_sockaddr');
		expect(stubHeaderPaths()).toEqual(expect.arrayContaining(['sys/types.h', 'sys/endian.h', 'sys/systm.h', 'crypto/chacha20_poly1305.h']));
		expect(() => renderStubHeaders(0)).toThrow(/not a __FreeBSD_version/);
	});

	test('every release\'s stubs compile together under gcc -nostdinc -Wall -Wextra -Werror, and show its interfaces', () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-stubs-'));
		try {
			const includeAll = stubHeaderPaths().map((p) => `#include <${p}>`).join('\n');
			const probe = [
				includeAll,
				'int wgup_probe(void);',
				'int',
				'wgup_probe(void)',
				'{',
				'\tuint8_t b[8];',
				'',
				'\tle64enc(b, 0x0102030405060708ULL);',
				'\treturn ((int)le32dec(b) + (int)sizeof(struct mbuf) + timingsafe_bcmp(b, b, 8));',
				'}',
				'#ifdef CRYPTO_CHACHA20_POLY1305',
				'int wgup_has_ocf_chacha = 1;',
				'#endif',
				'#ifdef PRIV_NET_WG',
				'int wgup_has_priv_net_wg = 1;',
				'#endif',
				'',
			].join('\n');
			for (const r of RELEASES) {
				const dir = path.join(root, r.name);
				writeStubs(dir, r.version);
				fs.writeFileSync(path.join(dir, 'probe.c'), probe);
				const syms = execFileSync('gcc', ['-std=c99', '-Wall', '-Wextra', '-Werror', '-ffreestanding', '-nostdinc', '-I', dir, '-D_KERNEL',
					'-c', '-o', path.join(dir, 'probe.o'), path.join(dir, 'probe.c')], { encoding: 'utf8' });
				expect(syms).toBe('');
				const nm = execFileSync('nm', [path.join(dir, 'probe.o')], { encoding: 'utf8' });
				expect({ r: r.name, ocf: nm.includes('wgup_has_ocf_chacha') })
					.toEqual({ r: r.name, ocf: hasInterface(interfaceById('ocf_chacha20_poly1305_mbuf')!, r.version) });
				expect({ r: r.name, priv: nm.includes('wgup_has_priv_net_wg') })
					.toEqual({ r: r.name, priv: hasInterface(interfaceById('priv_net_wg')!, r.version) });
			}
		} finally {
			fs.rmSync(root, { recursive: true, force: true });
		}
	});
});
