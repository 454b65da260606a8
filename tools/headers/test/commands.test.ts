import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '@wgup/codegen';
import { CATALOGUE, serializeCatalogue, shimById } from '@wgup/shims';
import {
	runLand, buildStatus, formatStatus, readCatalogue, resolveCataloguePath, DEFAULT_CATALOGUE_PATH, parseMfc,
	SUPPORT_H_PATH, renderSupportH,
} from '@wgup/headers';

let tmp: string;
let cat: string;
beforeEach(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-land-'));
	cat = path.join(tmp, 'catalogue.json');
	fs.writeFileSync(cat, serializeCatalogue(CATALOGUE));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const wgup = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO_ROOT, 'tools/cli/bin/wgup.js'), ...args],
	{ encoding: 'utf8', env: { ...process.env, WGUP_CATALOGUE: cat } });

describe('land', () => {
	test('moves a shim to compat, writes the catalogue and regenerates support.h under the given root', () => {
		const lines = runLand({ shim: 'blake2s', main: '1500006', mfc: ['stable/14=1400510'], commit: 'abc1234', catalogue: cat, root: tmp });
		expect(lines[0]).toBe('blake2s: support -> compat; guard: #if __FreeBSD_version < 1400510 || ' +
			'(__FreeBSD_version >= 1500000 && __FreeBSD_version < 1500006)');
		const after = readCatalogue(cat);
		expect(shimById(after, 'blake2s')!.state).toBe('compat');
		expect(shimById(after, 'blake2s')!.landed!.main).toEqual({ version: 1500006, commit: 'abc1234' });
		const support = fs.readFileSync(path.join(tmp, SUPPORT_H_PATH), 'utf8');
		expect(support).toBe(renderSupportH(after));
		expect(support).not.toContain('COMPAT_NEED_BLAKE2S');
		expect(fs.readdirSync(tmp).filter((f) => f.includes('.tmp-'))).toEqual([]);
	});

	test.each([
		[['nope', '1600030', []], /unknown shim nope/],
		[['blake2s', '1400517', []], /--main 1400517: .*not a main/],
		[['blake2s', '1600030', ['stable/13=1302000']], /releng\/13\.2 value/],
		[['blake2s', '1400036', ['stable/12=1201500']], /older than the main landing/],
		[['blake2s', '14OO036', []], /not a __FreeBSD_version/],
		[['blake2s', '1600030', ['13=1301506']], /expected stable\/N=<version>/],
	])('refuses %j and leaves the catalogue byte for byte', (args, why) => {
		const [shim, main, mfc] = args as [string, string, string[]];
		const before = fs.readFileSync(cat);
		expect(() => runLand({ shim, main, mfc, catalogue: cat, root: tmp })).toThrow(why as RegExp);
		expect(fs.readFileSync(cat).equals(before)).toBe(true);
		expect(fs.existsSync(path.join(tmp, SUPPORT_H_PATH))).toBe(false);
	});

	test('the catalogue path is injectable and defaults to the repository file', () => {
		expect(resolveCataloguePath(undefined, {})).toBe(DEFAULT_CATALOGUE_PATH);
		expect(resolveCataloguePath(undefined, { WGUP_CATALOGUE: cat })).toBe(cat);
		expect(resolveCataloguePath('/x/y.json', { WGUP_CATALOGUE: cat })).toBe('/x/y.json');
		expect(parseMfc(['stable/13=1301506', 'stable/12=1203500'])).toEqual({ 'stable/13': 1301506, 'stable/12': 1203500 });
		expect(() => parseMfc(['stable/13=1301506', 'stable/13=1301507'])).toThrow(/given twice/);
	});

	test('a broken catalogue file is reported, not half-read', () => {
		fs.writeFileSync(cat, '{"schema": "wgup.shims/v1", "shims": [');
		expect(() => readCatalogue(cat)).toThrow(/is not JSON/);
	});
});

describe('status', () => {
	test('what support.h holds, what each release needs, what is left', () => {
		const s = buildStatus(CATALOGUE);
		expect(s.support.map((x) => x.id)).toEqual(['blake2s']);
		expect(s.releases.find((r) => r.name === '13.1-RELEASE')!.compatShims)
			.toEqual(['chacha20poly1305', 'curve25519', 'sbcreatecontrol', 'udp_tun_func_bool', 'priv_net_wg', 'ift_wireguard',
				'sosockaddr', 'atomic_bool']);
		// 13.2 has the wg reintegration (PRIV_NET_WG, IFT_WIREGUARD, atomic bools) but not main's 5-argument sbcreatecontrol
		expect(s.releases.find((r) => r.name === '13.2-RELEASE')!.compatShims)
			.toEqual(['sbcreatecontrol', 'udp_tun_func_bool', 'sosockaddr']);
		// the pr_sockaddr storage change and sosockaddr are main-only (15.0-CURRENT)
		expect(s.releases.find((r) => r.name === '14.0-RELEASE')!.compatShims).toEqual(['sosockaddr']);
		expect(s.unverified.map((u) => u.what)).toContain('15.0-RELEASE version');
		expect(s.kernelApiLags).toEqual([]);
		expect(s.goal).toEqual({ supportEmpty: false, left: ['blake2s'] });
		// each guard threshold with its evidence (verified) or its bracket (unverified)
		const t = (shim: string, branch: string) => s.thresholds.find((x) => x.shim === shim && x.branch === branch)!;
		expect(t('sbcreatecontrol', 'main')).toMatchObject({ version: 1400059, verified: true });
		expect(t('sbcreatecontrol', 'main').basis).toMatch(/^handbook 1400059 \(2022-05-14, 3a9a9c0ca44e\); /);
		expect(t('sosockaddr', 'main')).toMatchObject({ version: 1500012, verified: false });
		expect(t('sosockaddr', 'main').basis).toMatch(/^bracket 1500000 < change <= 1500012 \(from the evidence\)/);
		expect(t('priv_net_wg', 'stable/13').basis).toMatch(/^unverified; handbook rows around the value: 1301510 \(2022-12-08\) \.\. 1301511 \(2022-12-17\); stated by /);
		expect(s.thresholds.length).toBe(s.compat.reduce((n, c) => n + 1 + (c.landed.match(/stable\/\d+ since/g) ?? []).length, 0));
		const text = formatStatus(s);
		expect(text).toMatch(/left before support.h is empty: blake2s \(/);
		expect(text).toMatch(/guard thresholds: the evidence for each, or the handbook bracket it lies in/);
		expect(text).toMatch(/13\.0-RELEASE +1300139 +no +yes +chacha20poly1305_mbuf/);
	});
});

describe('the wgup commands', () => {
	test('land via the CLI edits only the injected catalogue; refusals exit 1 with the reason', () => {
		const real = fs.readFileSync(DEFAULT_CATALOGUE_PATH);
		const bad = wgup('land', 'blake2s', '--main', '1600030', '--mfc', 'stable/14=1400500');
		expect(bad.status).toBe(1);
		expect(bad.stderr).toMatch(/^wgup: --mfc stable\/14=1400500 is older than the main landing 1600030: /);
		const ok = wgup('land', 'blake2s', '--main', '1600030', '--mfc', 'stable/15=1500512', '--commit', 'deadbeef');
		expect(ok.stderr).toBe('');
		expect(ok.status).toBe(0);
		expect(ok.stdout).toMatch(/^blake2s: support -> compat; guard: #if __FreeBSD_version < 1500512/);
		expect(shimById(readCatalogue(cat), 'blake2s')!.state).toBe('compat');
		expect(fs.readFileSync(DEFAULT_CATALOGUE_PATH).equals(real)).toBe(true);
		const status = wgup('status', '--json');
		expect(status.status).toBe(0);
		const report = JSON.parse(status.stdout);
		expect(report.support.map((x: { id: string }) => x.id)).toEqual([]);
		expect(report.kernelApiLags).toEqual([{ shim: 'blake2s', interface: 'blake2s_kpi', landed: 'in main since 1600030; stable/15 since 1500512' }]);
	});
});
