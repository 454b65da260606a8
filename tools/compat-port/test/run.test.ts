import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCParser } from '@wgup/c-source';
import { readCatalogue, resolveCataloguePath } from '@wgup/headers';
import { runCompatPort, runPort, tarballFiles, releaseTarball, composePort, sha256Hex } from '../src';

const FIXTURES = path.join(__dirname, 'fixtures');
const DRIVER = path.join(FIXTURES, 'driver');
const catalogue = readCatalogue(resolveCataloguePath(undefined, {}));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-port-'));

function copyTree(from: string, to: string): void {
	fs.cpSync(from, to, { recursive: true });
}

test('wgup compat writes the tree and a tarball whose member list is the tree', async () => {
	const out = path.join(tmp(), 'port');
	const tarball = path.join(tmp(), 'release.tar.gz');
	const log: string[] = [];
	await runCompatPort({ out, catalogue, driverSrc: DRIVER, version: '20261126', tarball }, (l) => log.push(l));
	expect(log.join('\n')).toMatch(/tarball .*SHA256 [0-9a-f]{64}/);
	const members = tarballFiles(fs.readFileSync(tarball));
	const onDisk = composePort({ catalogue, version: '20261126', driverSrc: DRIVER }).files.map((f) => f.path).sort();
	expect(members).toEqual(onDisk);
	expect(fs.readFileSync(path.join(out, 'version.h'), 'utf8')).toContain('20261126');
});

test('without driver sources wgup compat lists what a driver checkout must supply, and refuses a tarball', async () => {
	const out = path.join(tmp(), 'port');
	const log: string[] = [];
	await runCompatPort({ out, catalogue, version: '20261126' }, (l) => log.push(l));
	expect(log.join('\n')).toMatch(/copy these from a driver checkout.*if_wg.c/);
	await expect(runCompatPort({ out, catalogue, version: '20261126', tarball: path.join(out, 'x.tgz') }, () => {}))
		.rejects.toThrow(/--tarball needs the whole tree/);
});

test('wgup port updates DISTVERSION and distinfo to the tarball it writes, and prints the ports diff', async () => {
	const ports = tmp();
	copyTree(path.join(FIXTURES, 'ports'), ports);
	const log: string[] = [];
	await runPort({ portsTree: ports, catalogue, driverSrc: DRIVER, version: '20261126' }, (l) => log.push(l));
	const makefile = fs.readFileSync(path.join(ports, 'net/wireguard-kmod/Makefile'), 'utf8');
	const distinfo = fs.readFileSync(path.join(ports, 'net/wireguard-kmod/distinfo'), 'utf8');
	expect(makefile).toMatch(/^DISTVERSION=\t0\.0\.20261126$/m);
	expect(makefile).not.toMatch(/PORTREVISION/);
	const gz = fs.readFileSync(path.join(ports, 'distfiles/wireguard-freebsd-compat-0.0.20261126.tar.gz'));
	expect(distinfo).toBe(`TIMESTAMP = 1795651200\nSHA256 (wireguard-freebsd-compat-0.0.20261126.tar.gz) = ${sha256Hex(gz)}\n` +
		`SIZE (wireguard-freebsd-compat-0.0.20261126.tar.gz) = ${gz.length}\n`);
	const parser = await loadCParser();
	expect(sha256Hex(gz)).toBe(sha256Hex(releaseTarball(composePort({ catalogue, version: '20261126', driverSrc: DRIVER, parser }).files, '20261126')));
	const text = log.join('\n');
	expect(text).toContain('--- a/net/wireguard-kmod/Makefile');
	expect(text).toContain('+DISTVERSION=\t0.0.20261126');
	expect(text).toMatch(/OSVERSION floor moves from 1202000 to 1201000/);
	expect(text).toMatch(/no previous release tree to compare with/);
});

test('a second release reports the files that changed against the previous distfile', async () => {
	const ports = tmp();
	copyTree(path.join(FIXTURES, 'ports'), ports);
	await runPort({ portsTree: ports, catalogue, driverSrc: DRIVER, version: '20261126' }, () => {});
	const driver2 = tmp();
	copyTree(DRIVER, driver2);
	fs.writeFileSync(path.join(driver2, 'wg_extra.c'), '/* a new driver file */\nint wg_extra;\n');
	const log: string[] = [];
	await runPort({ portsTree: ports, catalogue, driverSrc: driver2, version: '20261201' }, (l) => log.push(l));
	expect(log.join('\n')).toMatch(/new file in the distfile: wg_extra.c/);
});

test('a ports tree without net/wireguard-kmod gets a clear error and nothing is written', async () => {
	const ports = tmp();
	await expect(runPort({ portsTree: ports, catalogue, driverSrc: DRIVER, version: '20261126' }, () => {}))
		.rejects.toThrow(/has no net\/wireguard-kmod/);
	expect(fs.readdirSync(ports)).toEqual([]);
});

test('wgup compat --verified-by reads matrix reports into the README; a file that is not a report is refused', async () => {
	const dir = tmp();
	const report = path.join(dir, 'matrix.json');
	fs.writeFileSync(report, JSON.stringify([
		{ release: '13.5', version: 1305000, target: 'compat', cc: 'gcc', ok: true, seconds: 1, log: '', where: 'local' },
		{ release: '13.5', version: 1305000, target: 'compat', cc: 'clang', ok: true, seconds: 1, log: '', where: 'local' },
	]));
	const out = path.join(dir, 'port');
	await runCompatPort({ out, catalogue, driverSrc: DRIVER, version: '20261126', verifiedBy: [report] }, () => {});
	expect(fs.readFileSync(path.join(out, 'README'), 'utf8')).toMatch(/^\| 13\.5 \| 1305000 \| model matrix \(stub headers from @wgup\/kernel-api, not a real kernel\): gcc ok, clang ok; VM workflow: not yet run \|$/m);
	const bad = path.join(dir, 'bad.json');
	fs.writeFileSync(bad, '[{"release": "13.5"}]');
	await expect(runCompatPort({ out: path.join(dir, 'p2'), catalogue, driverSrc: DRIVER, version: '20261126', verifiedBy: [bad] }, () => {}))
		.rejects.toThrow(/--verified-by .*bad\.json: cell 0 is not a matrix cell/);
});
