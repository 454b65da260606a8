/*
 * `wgup kpi verify` against the real tree (../shared/freebsd-main-snapshot made into a git repo, or
 * $WGUP_FREEBSD_SRC): the corrected model agrees, and each of the six errors the first model had, put
 * back, is a difference that names the interface and both declarations.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeWithTree, gitRepoOf } from '@wgup/freebsd-src';
import { KERNEL_INTERFACES, type KernelInterface } from '@wgup/kernel-api';
import { handbookIdentifiers, verifyTree, formatVerify, type VerifyReport } from '@wgup/kpi';

const BIN = path.join(__dirname, '..', '..', 'cli', 'bin', 'wgup.js');

/** The model with one interface replaced (or removed, with `null`). */
function mutate(id: string, change: ((k: KernelInterface) => KernelInterface) | null): KernelInterface[] {
	expect(KERNEL_INTERFACES.some((k) => k.id === id)).toBe(true);
	return KERNEL_INTERFACES.flatMap((k) => (k.id !== id ? [k] : change ? [change(k)] : []));
}

const differences = (r: VerifyReport) => r.rows.filter((x) => x.status === 'differ');

test('handbook text: the identifiers a row names', () => {
	expect(handbookIdentifiers("15.0-CURRENT after hiding `struct ifnet` and changing man:sound[4]'s device registration KPI."))
		.toEqual(['struct ifnet']);
	expect(handbookIdentifiers('14.0-CURRENT after changing udp_tun_func_t() prototype.')).toEqual(['udp_tun_func_t']);
	expect(handbookIdentifiers('14.1-STABLE after widening the `flags` field in `vm_object`.')).toEqual(['vm_object']);
});

describeWithTree('kpi verify against a real FreeBSD tree', (dir) => {
	let repo: string;
	let clean: VerifyReport;
	beforeAll(async () => {
		repo = gitRepoOf(dir, 'wgup-kpi-');
		clean = await verifyTree(repo);
	});
	afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

	test('the corrected model: 0 differences; what the sparse tree lacks is "not in tree"', () => {
		expect(differences(clean)).toEqual([]);
		expect(clean.counts.agree).toBeGreaterThanOrEqual(40);
		// the six facts the first model had wrong are now checked and agree, declaration by declaration
		const row = (name: string) => clean.rows.find((x) => x.name === name && x.basis === 'declaration')!;
		expect(row('protosw')).toMatchObject({ interfaceId: 'pr_sockaddr_storage', status: 'agree', where: 'sys/sys/protosw.h' });
		expect(row('IFT_WIREGUARD')).toMatchObject({ interfaceId: 'ift_wireguard', kind: 'enum constant', status: 'agree' });
		expect(row('PRIV_NET_WG')).toMatchObject({ status: 'agree', tree: '#define PRIV_NET_WG 424' });
		expect(row('udp_tun_func_t')).toMatchObject({ interfaceId: 'udp_tun_func_type', status: 'agree' });
		expect(row('sosockaddr')).toMatchObject({ status: 'agree', tree: 'int sosockaddr(struct socket *, struct sockaddr *)' });
		// the snapshot has no machine/atomic.h: atomic_load_bool is "not in tree", backed by the driver's use
		expect(row('atomic_load_bool')).toMatchObject({ status: 'not in tree' });
		expect(row('atomic_load_bool').why).toMatch(/driver uses it \(sys\/dev\/wg\/if_wg\.c:\d+\)/);
		expect(clean.rows.find((x) => x.kind === 'handbook' && x.name === 'struct ifnet' && x.tree.includes('1500027')))
			.toMatchObject({ interfaceId: 'ifnet_opaque', status: 'agree' });
		expect(clean.superseded.sort()).toEqual(['pr_sockaddr', 'udp_tun_func_bool']);
		// every interface is either compared or named as having nothing to compare
		expect(clean.unchecked.map((u) => u.id).sort()).toEqual(['blake2s_kpi', 'ck_pr_bool', 'vimage_builtin']);
		expect(formatVerify(clean)).toMatch(/\d+ agree, 0 differ, \d+ not in tree/);
	});

	test.each([
		['pr_sockaddr takes struct sockaddr ** (no storage change modelled)', () => mutate('pr_sockaddr_storage', null),
			'pr_sockaddr', 'protosw', /struct sockaddr \*\*/, /pr_sockaddr_t \*pr_sockaddr; \/\* int \(\*\)\(struct socket \*, struct sockaddr \*\) \*\//],
		['IFT_WIREGUARD as a macro', () => mutate('ift_wireguard', (k) => ({
			...k, stub: { 'net/if_types.h': { present: '#define\tIFT_WIREGUARD\t0xf8' } },
		})), 'ift_wireguard', 'IFT_WIREGUARD', /^#define IFT_WIREGUARD 0xf8$/, /^enum ifType \{ IFT_WIREGUARD = 0xf8 \}$/],
		['PRIV_NET_WG 421', () => mutate('priv_net_wg', (k) => ({
			...k, stub: { 'sys/priv.h': { present: '#define\tPRIV_NET_WG\t\t421' } },
		})), 'priv_net_wg', 'PRIV_NET_WG', /421/, /^#define PRIV_NET_WG 424$/],
		['udp_tun_func_t a pointer typedef', () => mutate('udp_tun_func_type', null),
			'udp_tun_func_bool', 'udp_tun_func_t', /^typedef bool \(\*udp_tun_func_t\)\(/, /^typedef bool udp_tun_func_t\(/],
		['struct ifnet not opaque from 1500027 (not modelled)', () => mutate('ifnet_opaque', null),
			'(none)', 'struct ifnet', /no interface changes here/, /handbook 1500027 .*hiding `struct ifnet`/],
		['atomic_load_bool absent', () => mutate('atomic_bool', (k) => ({ ...k, availability: { main: null } })),
			'atomic_bool', 'atomic_load_bool', /absent at 1500012/, /used by the tree's driver at sys\/dev\/wg\/if_wg\.c:\d+/],
	])('put back: %s -> verify fails naming it', async (_what, model, id, name, modelText, treeText) => {
		const r = await verifyTree(repo, { interfaces: model() });
		const d = differences(r).find((x) => x.interfaceId === id && x.name === name);
		expect(d).toBeDefined();
		expect(d!.model).toMatch(modelText as RegExp);
		expect(d!.tree).toMatch(treeText as RegExp);
		const text = formatVerify(r);
		expect(text).toMatch(/[1-9]\d* differ/);
		expect(text).toContain(`  ${id} ${name}:\n    model: ${d!.model}\n    tree:  ${d!.tree}`);
	});

	test('the CLI: 0 differences exit 0; --json; no tree is an error, not a pass', () => {
		const ok = spawnSync(process.execPath, [BIN, 'kpi', 'verify', '--tree', repo], { encoding: 'utf8' });
		expect(ok.status).toBe(0);
		expect(ok.stdout).toMatch(/__FreeBSD_version 1500012|__FreeBSD_version \d{7}/);
		const js = spawnSync(process.execPath, [BIN, 'kpi', 'verify', '--tree', repo, '--json'], { encoding: 'utf8' });
		expect(JSON.parse(js.stdout).differences).toBe(0);
		const none = spawnSync(process.execPath, [BIN, 'kpi', 'verify'], {
			encoding: 'utf8', env: { ...process.env, WGUP_FREEBSD_SRC: '', WGUP_CACHE: path.join(repo, 'no-cache') },
		});
		expect(none.status).toBe(1);
		expect(none.stderr).toMatch(/no FreeBSD src tree/);
	});

	test('negative control: a tree whose priv.h says 421 makes the CLI exit 1 naming both declarations', () => {
		const bad = gitRepoOf(dir, 'wgup-kpi-bad-');
		try {
			const priv = path.join(bad, 'sys/sys/priv.h');
			fs.writeFileSync(priv, fs.readFileSync(priv, 'latin1').replace(/(#define\s+PRIV_NET_WG\s+)424/, '$1421'), 'latin1');
			const r = spawnSync(process.execPath, [BIN, 'kpi', 'verify', '--tree', bad], { encoding: 'utf8' });
			expect(r.status).toBe(1);
			expect(r.stdout).toContain('  priv_net_wg PRIV_NET_WG:\n    model: #define PRIV_NET_WG 424\n    tree:  #define PRIV_NET_WG 421\n    value 424 vs 421');
		} finally {
			fs.rmSync(bad, { recursive: true, force: true });
		}
	});
});
