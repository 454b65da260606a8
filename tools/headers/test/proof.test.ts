/*
 * The proof: the real C preprocessor, run over the generated compat.h and support.h for every release
 * and every version at and around each change point, turns on exactly the shims the catalogue says,
 * where the expectation comes from the interval model (lacks), not from the printed guard. At the
 * catalogue state of the port's 2022-06-15 release, the result equals the port's own compat.h and
 * support.h of that date, release by release (fixture written from ../shared/facts/kpi-changes.json).
 * Then the driver-interface probe compiles against each version's stub headers with the headers.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RELEASES, changePoints, lacks } from '@wgup/releases';
import { CATALOGUE, catalogueAt, availabilityOf, renderDriverProbe, type Catalogue } from '@wgup/shims';
import { interfaceById, hasInterface } from '@wgup/kernel-api';
import { prepare, preprocess, compileProbe, writeTree } from './helpers';

let root: string;
beforeAll(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-headers-')); });
afterAll(() => { fs.rmSync(root, { recursive: true, force: true }); });

/** Versions to check: every release, every change point and its neighbours, and main today. */
function versionsFor(c: Catalogue): number[] {
	const vs = new Set<number>([...RELEASES.map((r) => r.version), 1600018]);
	for (const s of c.shims) {
		if (s.state === 'compat') for (const v of changePoints(availabilityOf(s.landed))) vs.add(v);
	}
	return [...vs].filter((v) => v >= 1100000).sort((a, b) => a - b);
}

/** Independent of the printed guard: the interval model of each shim. */
function expectedShims(c: Catalogue, v: number): string[] {
	return c.shims.filter((s) => s.state === 'support' || (s.state === 'compat' && lacks(availabilityOf(s.landed), v)))
		.map((s) => s.id).sort();
}

const expectedMacros = (c: Catalogue, v: number) => expectedShims(c, v)
	.map((id) => c.shims.find((s) => s.id === id)!.c.match(/^#define\t(COMPAT_NEED_\w+)$/)?.[1])
	.filter((m): m is string => !!m).sort();

describe.each([
	['today', CATALOGUE],
	['2022-06-15', catalogueAt(CATALOGUE, '2022-06-15')],
])('catalogue %s: cpp turns on exactly the expected shims', (tag, c) => {
	const versions = versionsFor(c);
	test(`${versions.length} versions`, () => {
		expect(versions.length).toBeGreaterThan(40);
		for (const v of versions) {
			const { stubs, wg } = prepare(root, c, v, tag);
			const got = preprocess(stubs, wg, v);
			expect({ v, shims: got.shims }).toEqual({ v, shims: expectedShims(c, v) });
			expect({ v, macros: got.macros }).toEqual({ v, macros: expectedMacros(c, v) });
		}
	});
});

/* The port's compat.h and support.h at tag v0.0.20220615 (3cc22b29d681), as kpi-changes.json records them. */
const PORT_2022_06_15: Record<string, (v: number) => boolean> = {
	chacha20poly1305_mbuf: (v) => (v < 1400036 && v >= 1400000) || v < 1300519,
	chacha20poly1305: (v) => v < 1400048,
	curve25519: (v) => v < 1400049,
	blake2s: (v) => v < 0x7fffffff,
	sbcreatecontrol: (v) => v < 1400059,
	taskqgroup_drain_all: (v) => v < 1300507,
	vimage: (v) => v < 1300000,
	taskqgroup_attach: (v) => v < 1300000,
	net_epoch: (v) => v < 1300000,
	atomic_load_ptr: (v) => v < 1300000,
	arc4random_uniform: (v) => v < 1202000,
	callout_func_t: (v) => v < 1202000,
	csum_snd_tag: (v) => v < 1202000,
	// support.h: unconditional
	priv_net_wg: () => true,
	ift_wireguard: () => true,
	ck_pr_bool: () => true,
	sogetsockaddr: () => true,
};

test('at the port\'s 2022-06-15 state the generated headers equal the port\'s, release by release', () => {
	const c = catalogueAt(CATALOGUE, '2022-06-15');
	expect(c.shims.map((s) => s.id).sort()).toEqual(Object.keys(PORT_2022_06_15).sort());
	for (const r of RELEASES) {
		const { stubs, wg } = prepare(root, c, r.version, '2022-06-15');
		const want = Object.entries(PORT_2022_06_15).filter(([, f]) => f(r.version)).map(([id]) => id).sort();
		expect({ release: r.name, shims: preprocess(stubs, wg, r.version).shims }).toEqual({ release: r.name, shims: want });
	}
});

test('where the port\'s hand-written guards were wrong, the derived ones differ exactly there', () => {
	// the missed stable/13 merge of sys/crypto: 13.2 (1302001) has the headers, the port still built its own
	const now = preprocess(...Object.values(prepare(root, CATALOGUE, 1302001, 'today')) as [string, string], 1302001);
	expect(now.macros).not.toContain('COMPAT_NEED_CHACHA20POLY1305');
	expect(PORT_2022_06_15.chacha20poly1305(1302001)).toBe(true);
	// the 1400517 typo would have mapped sbcreatecontrol to 4 arguments on 1400059..1400516
	const at = preprocess(...Object.values(prepare(root, CATALOGUE, 1400100, 'today')) as [string, string], 1400100);
	expect(at.shims).not.toContain('sbcreatecontrol');
});

test('catalogue today: the driver probe compiles for every version (gcc -Wall -Wextra -Werror)', () => {
	const probe = renderDriverProbe(CATALOGUE);
	for (const v of versionsFor(CATALOGUE)) {
		const { stubs, wg } = prepare(root, CATALOGUE, v, 'today');
		const r = compileProbe(stubs, wg, v, probe);
		expect({ v, status: r.status, stderr: r.stderr }).toEqual({ v, status: 0, stderr: '' });
	}
});

/*
 * The port as of 2022-06-15 passed pr_sockaddr a struct sockaddr ** (sogetsockaddr); from the pr_sockaddr
 * storage change on (kernel-api pr_sockaddr_storage) main's method takes caller storage and the port no
 * longer compiles. The model says where; gcc confirms it, version by version.
 */
test('catalogue 2022-06-15: the probe compiles exactly where the kernel still has the old pr_sockaddr', () => {
	const c = catalogueAt(CATALOGUE, '2022-06-15');
	const probe = renderDriverProbe(c);
	const storage = interfaceById('pr_sockaddr_storage')!;
	const versions = versionsFor(c);
	expect(versions.some((v) => hasInterface(storage, v))).toBe(true);
	for (const v of versions) {
		const { stubs, wg } = prepare(root, c, v, '2022-06-15');
		const r = compileProbe(stubs, wg, v, probe);
		if (!hasInterface(storage, v)) expect({ v, status: r.status, stderr: r.stderr }).toEqual({ v, status: 0, stderr: '' });
		else {
			expect({ v, status: r.status }).toEqual({ v, status: 1 });
			expect(r.stderr).toMatch(/sogetsockaddr[\s\S]*pr_sockaddr[\s\S]*struct sockaddr \*\*/);
		}
	}
});

test('negative control: without compat.h the probe fails on a release that needs shims', () => {
	const { stubs, wg } = prepare(root, CATALOGUE, 1202000, 'today');
	const r = compileProbe(stubs, wg, 1202000, renderDriverProbe(CATALOGUE), false);
	expect(r.status).not.toBe(0);
	expect(r.stderr).toMatch(/sbcreatecontrol|NET_EPOCH|taskqgroup/);
	// and a wrong guard is caught: pretend sbcreatecontrol needs no shim before 1400059
	const broken = path.join(root, 'broken');
	writeTree(broken, {
		'compat.h': fs.readFileSync(path.join(wg, 'compat.h'), 'utf8').replace('#if __FreeBSD_version < 1400059', '#if 0'),
		'support.h': fs.readFileSync(path.join(wg, 'support.h'), 'utf8'),
	});
	const r2 = compileProbe(stubs, broken, 1302001, renderDriverProbe(CATALOGUE));
	expect(r2.status).not.toBe(0);
	expect(r2.stderr).toMatch(/sbcreatecontrol/);
});

/*
 * The corrected facts (../shared/facts/corrections-2026-12.md), checked by gcc at every release with
 * compat.h seen first (-include, as the port builds): IFT_WIREGUARD is the kernel's enum constant where
 * the kernel has it (0xf8) and IFT_PPP elsewhere, so its shim is guarded by version, never by #ifndef;
 * PRIV_NET_WG is the kernel's 424 wherever it has it, stable/13 (13.2 on) included.
 */
test('cpp/gcc at every release: IFT_WIREGUARD and PRIV_NET_WG take the kernel\'s values exactly where the model says', () => {
	const ift = interfaceById('ift_wireguard')!;
	const priv = interfaceById('priv_net_wg')!;
	const probe = [
		'#include <net/if_types.h>',
		'#include <sys/priv.h>',
		'#include "support.h"',
		'int wgup_ift(void);',
		'int wgup_ift(void) { return (IFT_WIREGUARD); }',
		'#ifdef WANT_KERNEL',
		'_Static_assert(IFT_WIREGUARD == 0xf8, "IFT_WIREGUARD is the kernel enum constant");',
		'_Static_assert(PRIV_NET_WG == 424, "PRIV_NET_WG is the kernel value");',
		'#else',
		'_Static_assert(IFT_WIREGUARD == IFT_PPP, "IFT_WIREGUARD falls back to IFT_PPP");',
		'_Static_assert(PRIV_NET_WG == PRIV_NET_HWIOCTL, "PRIV_NET_WG falls back to PRIV_NET_HWIOCTL");',
		'#endif',
		'',
	].join('\n');
	const compat = fs.readFileSync(path.join(prepare(root, CATALOGUE, 1302001, 'today').wg, 'compat.h'), 'utf8');
	expect(compat).not.toMatch(/#ifndef IFT_WIREGUARD/);
	const seen: Record<string, boolean> = {};
	for (const r of RELEASES) {
		expect(hasInterface(ift, r.version)).toBe(hasInterface(priv, r.version));
		const { stubs, wg } = prepare(root, CATALOGUE, r.version, 'today');
		const has = hasInterface(ift, r.version);
		const c = compileProbe(stubs, wg, r.version, has ? `#define WANT_KERNEL\n${probe}` : probe);
		expect({ release: r.name, status: c.status, stderr: c.stderr }).toEqual({ release: r.name, status: 0, stderr: '' });
		seen[r.name] = has;
	}
	expect([seen['13.1'], seen['13.2'], seen['14.0'], seen['12.4']]).toEqual([false, true, true, false]);
});
