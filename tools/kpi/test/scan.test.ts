/*
 * `wgup kpi scan-driver` on the real driver: the tree's sys/dev/wg, and the same files arranged as the
 * 2022 port's checkout (src/if_wg.c, src/wg_noise.c, src/wg_cookie.c, src/crypto.c = wg_crypto.c,
 * src/crypto.h, ...). Every identifier whose declaration differs across supported releases is modelled
 * with its change point.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeWithTree } from '@wgup/freebsd-src';
import { interfaceById } from '@wgup/kernel-api';
import { scanDriver, formatScan, type DriverScan } from '@wgup/kpi';

const BIN = path.join(__dirname, '..', '..', 'cli', 'bin', 'wgup.js');

/** the KPIs that differ across the supported releases (kpi-changes.json, corrections-2026-12.md) */
const CHANGING: Record<string, string> = {
	'struct ifnet': 'ifnet_opaque',
	sosockaddr: 'sosockaddr',
	ifc_attach_cloner: 'if_clone_addreq',
	'struct ifc_data': 'if_clone_addreq',
	PRIV_NET_WG: 'priv_net_wg',
	IFT_WIREGUARD: 'ift_wireguard',
	atomic_load_bool: 'atomic_bool',
	atomic_store_bool: 'atomic_bool',
	sbcreatecontrol: 'sbcreatecontrol_wait_arg',
	crypto_use_mbuf: 'ocf_chacha20_poly1305_mbuf',
	chacha20_poly1305_encrypt: 'crypto_chacha20_poly1305_h',
	curve25519_generate_public: 'crypto_curve25519_h',
	taskqgroup_drain_all: 'taskqgroup_drain_all',
	NET_EPOCH_ENTER: 'net_epoch_tracker',
};

test('scan-driver refuses a directory with no C sources', async () => {
	const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-scan-'));
	await expect(scanDriver(empty)).rejects.toThrow(/no \.c or \.h files/);
	fs.rmSync(empty, { recursive: true, force: true });
});

test('a small driver: its own names are subtracted, the kernel\'s joined with kernel-api', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-scan-'));
	fs.writeFileSync(path.join(dir, 'drv.c'), [
		'#define\tDRV_FLAG 1',
		'struct drv_softc { int sc_x; };',
		'static int drv_helper(struct drv_softc *sc) { return (sc->sc_x + DRV_FLAG); }',
		'int drv_main(struct socket *so, struct mbuf *m) {',
		'\tstruct sockaddr_in sin;',
		'\tint n = priv_check(curthread, PRIV_NET_WG);',
		'\tn += sosockaddr(so, (struct sockaddr *)&sin) + drv_helper(NULL) + m->m_len + frobnicate(IFT_WIREGUARD);',
		'\treturn (n);',
		'}',
		'',
	].join('\n'));
	const s = await scanDriver(dir);
	fs.rmSync(dir, { recursive: true, force: true });
	const ids = s.used.map((u) => u.id);
	for (const own of ['DRV_FLAG', 'drv_helper', 'drv_main', 'sc_x', 'struct drv_softc', 'sin', 'n', 'so', 'm']) expect(ids).not.toContain(own);
	expect(ids).toEqual(expect.arrayContaining(['priv_check', 'PRIV_NET_WG', 'sosockaddr', 'IFT_WIREGUARD', 'frobnicate', 'curthread',
		'struct socket', 'struct mbuf', 'struct sockaddr_in', 'm_len']));
	const by = (id: string) => s.used.find((u) => u.id === id)!.modelledBy;
	expect(by('sosockaddr')).toEqual(['sosockaddr']);
	expect(by('IFT_WIREGUARD')).toEqual(['ift_wireguard']);
	expect(by('frobnicate')).toEqual([]);
	expect(s.unmodelledByHeader['(header not found)']).toEqual(expect.arrayContaining(['frobnicate', 'curthread']));
	expect(s.modelled + Object.values(s.unmodelledByHeader).flat().length).toBe(s.used.length);
});

describeWithTree('kpi scan-driver on the real driver', (tree) => {
	let inTree: DriverScan;
	let port: DriverScan;
	let portDir: string;
	beforeAll(async () => {
		inTree = await scanDriver(path.join(tree, 'sys/dev/wg'), { tree });
		// the 2022 port's checkout layout, made from the same real files (a temporary arrangement, not a copy in the repo)
		portDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-port-'));
		const layout: Record<string, string> = {
			'if_wg.c': 'src/if_wg.c', 'if_wg.h': 'src/if_wg.h', 'wg_noise.c': 'src/wg_noise.c', 'wg_noise.h': 'src/wg_noise.h',
			'wg_cookie.c': 'src/wg_cookie.c', 'wg_cookie.h': 'src/wg_cookie.h', 'wg_crypto.c': 'src/crypto.c', 'crypto.h': 'src/crypto.h',
		};
		for (const [from, to] of Object.entries(layout)) {
			fs.mkdirSync(path.join(portDir, path.dirname(to)), { recursive: true });
			fs.copyFileSync(path.join(tree, 'sys/dev/wg', from), path.join(portDir, to));
		}
		port = await scanDriver(path.join(portDir, 'src'), { tree });
	});
	afterAll(() => fs.rmSync(portDir, { recursive: true, force: true }));

	test('coverage: N used, M modelled, the rest by header', () => {
		expect(inTree.files).toEqual(['crypto.h', 'if_wg.c', 'if_wg.h', 'wg_cookie.c', 'wg_cookie.h', 'wg_crypto.c', 'wg_noise.c', 'wg_noise.h']);
		expect(inTree.used.length).toBeGreaterThan(300);
		expect(inTree.modelled).toBeGreaterThan(80);
		expect(inTree.modelled).toBeLessThan(inTree.used.length);
		// headers the sparse tree has locate some unmodelled names (sobind is in sys/sys/socketvar.h)
		expect(inTree.unmodelledByHeader['sys/sys/socketvar.h']).toEqual(expect.arrayContaining(['sobind', 'socreate']));
		const text = formatScan(inTree);
		expect(text).toMatch(new RegExp(`coverage: ${inTree.used.length} kernel identifier\\(s\\) used, ${inTree.modelled} modelled`));
	});

	test('every KPI that differs across supported releases is used, modelled, and has a change point', () => {
		for (const [id, iface] of Object.entries(CHANGING)) {
			const u = inTree.used.find((x) => x.id === id);
			expect({ id, used: !!u }).toEqual({ id, used: true });
			expect({ id, modelledBy: u!.modelledBy }).toEqual({ id, modelledBy: expect.arrayContaining([iface]) });
			const k = interfaceById(iface)!;
			expect({ id, main: typeof k.availability.main }).toEqual({ id, main: 'number' });
		}
		const ch = (i: string) => inTree.changes.find((c) => c.interfaceId === i)!;
		expect(ch('ifnet_opaque')).toMatchObject({ changePoint: 'main 1500027', used: ['struct ifnet'] });
		expect(ch('sbcreatecontrol_wait_arg').used).toEqual(['sbcreatecontrol']);
	});

	test('the 2022 port layout reads the same identifiers', () => {
		expect(port.files).toEqual(['crypto.c', 'crypto.h', 'if_wg.c', 'if_wg.h', 'wg_cookie.c', 'wg_cookie.h', 'wg_noise.c', 'wg_noise.h']);
		expect(port.used.map((u) => `${u.kind}:${u.id}`).sort()).toEqual(inTree.used.map((u) => `${u.kind}:${u.id}`).sort());
		expect(port.modelled).toBe(inTree.modelled);
	});

	test('the CLI prints the coverage, --json the object', () => {
		const r = spawnSync(process.execPath, [BIN, 'kpi', 'scan-driver', path.join(tree, 'sys/dev/wg')], { encoding: 'utf8' });
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/coverage: \d+ kernel identifier\(s\) used, \d+ modelled by packages\/kernel-api/);
		const j = spawnSync(process.execPath, [BIN, 'kpi', 'scan-driver', path.join(portDir, 'src'), '--tree', tree, '--json'], { encoding: 'utf8' });
		expect(JSON.parse(j.stdout).modelled).toBe(port.modelled);
	});
});
