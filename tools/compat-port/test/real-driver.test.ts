/*
 * The compat port composed from the real driver: FreeBSD main's sys/dev/wg (the snapshot, or
 * $WGUP_FREEBSD_SRC), and the same files arranged as a wireguard-freebsd checkout (src/, crypto.c).
 * The driver files are copied to temporary directories at run time, never into the repository.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCParser } from '@wgup/c-source';
import { describeWithTree } from '@wgup/freebsd-src';
import { readCatalogue, resolveCataloguePath } from '@wgup/headers';
import { gunzipSync } from 'node:zlib';
import { composePort, DRIVER_FILES, releaseTarball, runCompatPort, runPort, sha256Hex, tarballFiles } from '../src';

const catalogue = readCatalogue(resolveCataloguePath(undefined, {}));
const tmp = (p = 'wgup-real-') => fs.mkdtempSync(path.join(os.tmpdir(), p));

/** path -> sha256 of every file under dir (the manifest too), to compare trees and prove dirs untouched */
function treeHashes(dir: string): Record<string, string> {
	const out: Record<string, string> = {};
	const walk = (d: string) => {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, e.name);
			if (e.isDirectory()) walk(p);
			else out[path.relative(dir, p)] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
		}
	};
	walk(dir);
	return out;
}

/** The snapshot's driver files laid out as a wireguard-freebsd checkout: src/if_wg.c, src/crypto.c, ... */
function portCheckout(wgDir: string): string {
	const root = tmp('wgup-port-checkout-');
	fs.mkdirSync(path.join(root, 'src'));
	for (const f of fs.readdirSync(wgDir)) {
		fs.copyFileSync(path.join(wgDir, f), path.join(root, 'src', f === 'wg_crypto.c' ? 'crypto.c' : f));
	}
	// a checkout carries its own build glue; wgup's generated versions replace it
	fs.writeFileSync(path.join(root, 'src', 'compat.h'), '#define COMPAT_NEED_BLAKE2S\n');
	fs.writeFileSync(path.join(root, 'src', 'Makefile'), 'KMOD= if_wg\n');
	return root;
}

/** The driver files of a composed port, as a FreeBSD-layout directory of their own. */
function writeDriver(files: ReadonlyArray<{ path: string; content: string | Buffer; origin: string }>): string {
	const dir = tmp('wgup-driver-again-');
	for (const f of files.filter((x) => x.origin === 'driver')) fs.writeFileSync(path.join(dir, f.path), f.content);
	return dir;
}

function makefileSrcs(makefile: string): string[] {
	return makefile.match(/^SRCS=([\s\S]*?)^SRCS\+=/m)![1].split(/[\s\\]+/).filter(Boolean);
}

describeWithTree('the compat port from the real driver', (tree) => {
	const wgDir = path.join(tree, 'sys', 'dev', 'wg');
	const driverCs = () => fs.readdirSync(wgDir).filter((f) => f.endsWith('.c')).sort();

	test('from FreeBSD sys/dev/wg: every driver .c is in SRCS, copied byte for byte, the driver\'s own crypto kept', async () => {
		const port = composePort({ catalogue, version: '20261126', driverSrc: tree });
		expect(port.driver!.layout).toBe('freebsd');
		const makefile = port.files.find((f) => f.path === 'Makefile')!.content as string;
		for (const c of driverCs()) expect(makefileSrcs(makefile)).toContain(c);
		expect(port.sources).toEqual(makefileSrcs(makefile));
		for (const f of port.files.filter((x) => x.origin === 'driver')) {
			expect(Buffer.compare(f.content as Buffer, fs.readFileSync(path.join(wgDir, f.path)))).toBe(0);
		}
		expect(port.files.filter((f) => f.origin === 'driver').map((f) => f.path).sort()).toEqual(fs.readdirSync(wgDir).sort());
		expect(port.sources).not.toContain('wg_crypto_ocf.c');
		const readme = port.files.find((f) => f.path === 'README')!.content as string;
		expect(readme).toContain("kept the driver's own wg_crypto.c, byte for byte unless an edit below names it");
		for (const r of ['12.4', '13.5', '14.3', '15.0']) expect(readme).toMatch(new RegExp(`^\\| ${r.replace('.', '\\.')} \\| \\d+ \\| model matrix`, 'm'));
	});

	test('from a wireguard-freebsd checkout: crypto.c becomes wg_crypto.c, its compat.h and Makefile are replaced', async () => {
		const checkout = portCheckout(wgDir);
		const port = composePort({ catalogue, version: '20261126', driverSrc: checkout });
		expect(port.driver!.layout).toBe('port');
		expect(port.sources).toEqual(composePort({ catalogue, version: '20261126', driverSrc: wgDir }).sources);
		expect(port.replaced).toEqual(['Makefile', 'compat.h']);
		const crypto = port.files.find((f) => f.path === 'wg_crypto.c')!;
		expect(Buffer.compare(crypto.content as Buffer, fs.readFileSync(path.join(wgDir, 'wg_crypto.c')))).toBe(0);
		expect(port.driver!.actions.join('\n')).toMatch(/crypto.c taken as wg_crypto.c/);
		expect(port.files.find((f) => f.path === 'compat.h')!.content).not.toBe('#define COMPAT_NEED_BLAKE2S\n');
		for (const f of DRIVER_FILES) expect(port.files.some((x) => x.path === f && x.origin === 'driver')).toBe(true);
	});

	test('with the parser, the driver\'s OCF glue gets the upstream series\' crp_etype change; every other file stays its bytes', async () => {
		const parser = await loadCParser();
		for (const src of [tree, portCheckout(wgDir)]) {
			const port = composePort({ catalogue, version: '20261126', driverSrc: src, parser });
			const edited = port.files.filter((f) => f.edited).map((f) => f.path);
			const crypto = fs.readFileSync(path.join(wgDir, 'wg_crypto.c'), 'utf8');
			// the snapshot's glue returns crypto_dispatch()'s value only: the change is needed
			expect(parser.uses(crypto).members.has('crp_etype')).toBe(false);
			expect(edited).toEqual(['wg_crypto.c']);
			const text = port.files.find((f) => f.path === 'wg_crypto.c')!.content as string;
			expect(parser.uses(text).members.has('crp_etype')).toBe(true);
			expect(text).toContain('CRYPTO_SESS_SYNC(');
			for (const f of port.files.filter((x) => x.origin === 'driver' && !x.edited)) {
				expect([f.path, Buffer.compare(f.content as Buffer, fs.readFileSync(path.join(wgDir, f.path)))]).toEqual([f.path, 0]);
			}
			expect(port.driver!.actions.join('\n')).toMatch(/wg_crypto\.c edited with the upstream series' change wg-ocf-crp-etype .*does not read crp_etype/);
			// applied once: the edited glue is not edited again
			const again = composePort({ catalogue, version: '20261126', driverSrc: writeDriver(port.files), parser });
			expect(again.files.filter((f) => f.edited)).toEqual([]);
			expect(again.driver!.actions.join('\n')).toMatch(/wg-ocf-crp-etype change is not needed: every driver function calling crypto_dispatch\(\) reads crp_etype/);
		}
	});

	test('wgup compat with either layout: sources untouched, two runs give identical trees, actions printed', async () => {
		const checkout = portCheckout(wgDir);
		for (const src of [wgDir, checkout]) {
			const before = treeHashes(src);
			const a = path.join(tmp(), 'port');
			const b = path.join(tmp(), 'port');
			const log: string[] = [];
			await runCompatPort({ out: a, catalogue, driverSrc: src, version: '20261126' }, (l) => log.push(l));
			await runCompatPort({ out: b, catalogue, driverSrc: src, version: '20261126' }, () => {});
			expect(treeHashes(a)).toEqual(treeHashes(b));
			expect(Object.keys(treeHashes(a))).toEqual(expect.arrayContaining(['if_wg.c', 'wg_crypto.c', 'Makefile', 'README', 'compat.h']));
			expect(treeHashes(src)).toEqual(before);
			expect(log.join('\n')).toMatch(/what wgup did to it \(also in README\):\n {2}- /);
			// a rerun over the same directory writes nothing
			const again: string[] = [];
			await runCompatPort({ out: a, catalogue, driverSrc: src, version: '20261126' }, (l) => again.push(l));
			expect(again.join('\n')).toMatch(/\(0 written, \d+ unchanged\)/);
		}
	});
});

describeWithTree('wgup port on the compat port composed from the real driver', (tree) => {
	const FIXTURES = path.join(__dirname, 'fixtures');

	test('distfile, distinfo and DISTVERSION follow the real port; the distfile holds every driver file', async () => {
		const ports = tmp('wgup-ports-');
		fs.cpSync(path.join(FIXTURES, 'ports'), ports, { recursive: true });
		const log: string[] = [];
		await runPort({ portsTree: ports, catalogue, driverSrc: tree, version: '20261126' }, (l) => log.push(l));
		const makefile = fs.readFileSync(path.join(ports, 'net/wireguard-kmod/Makefile'), 'utf8');
		const distinfo = fs.readFileSync(path.join(ports, 'net/wireguard-kmod/distinfo'), 'utf8');
		expect(makefile).toMatch(/^DISTVERSION=\t0\.0\.20261126$/m);
		const name = 'wireguard-freebsd-compat-0.0.20261126.tar.gz';
		const gz = fs.readFileSync(path.join(ports, 'distfiles', name));
		expect(distinfo).toBe(`TIMESTAMP = 1795651200\nSHA256 (${name}) = ${sha256Hex(gz)}\nSIZE (${name}) = ${gz.length}\n`);
		const port = composePort({ catalogue, version: '20261126', driverSrc: tree, parser: await loadCParser() });
		expect(sha256Hex(gz)).toBe(sha256Hex(releaseTarball(port.files, '20261126')));
		const members = tarballFiles(gz);
		expect(members).toEqual(port.files.map((f) => f.path).sort());
		expect(members).toEqual(expect.arrayContaining(['if_wg.c', 'wg_crypto.c', 'wg_noise.c', 'wg_cookie.c', 'wg_compat_ocf.c', 'opencrypto/cryptodev.h']));
		// the driver's bytes are what the tarball carries
		const tar = gunzipSync(gz);
		const ifwg = fs.readFileSync(path.join(tree, 'sys', 'dev', 'wg', 'if_wg.c'));
		expect(tar.includes(ifwg)).toBe(true);
		expect(log.join('\n')).toContain('+DISTVERSION=\t0.0.20261126');

		// the next release against this one: the files that changed are reported
		const driver2 = tmp('wgup-driver2-');
		fs.cpSync(path.join(tree, 'sys', 'dev', 'wg'), driver2, { recursive: true });
		fs.chmodSync(driver2, 0o755);
		fs.writeFileSync(path.join(driver2, 'wg_extra.c'), '/* a new driver file */\nint wg_extra;\n');
		const log2: string[] = [];
		await runPort({ portsTree: ports, catalogue, driverSrc: driver2, version: '20261201' }, (l) => log2.push(l));
		expect(log2.join('\n')).toMatch(/new file in the distfile: wg_extra.c/);
		expect(fs.readFileSync(path.join(ports, 'net/wireguard-kmod/Makefile'), 'utf8')).toMatch(/^DISTVERSION=\t0\.0\.20261201$/m);
	});
});
