/*
 * The compat cells with the real driver (FreeBSD main's sys/dev/wg from the snapshot or
 * $WGUP_FREEBSD_SRC): every driver .c is compiled, with kern.mk's flags, on a release of each kind of
 * gap (12.x without OCF ChaCha20-Poly1305 or the if_clone KPI, 13.0 likewise, 14.0 without
 * sosockaddr, main with everything); and a shim taken out of the catalogue fails the driver's own
 * file where the release needs it, so the compile is a real check.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { describeWithTree } from '@wgup/freebsd-src';
import { CATALOGUE } from '@wgup/shims';
import { execFileSync } from 'node:child_process';
import { loadCParser } from '@wgup/c-source';
import { composePort, DRIVER_SHIMS, renderDriverSection, withDriverSection } from '@wgup/compat-port';
import { renderDriverStubHeaders } from '@wgup/kernel-api';
import { kmodCflags } from '../src/cell';
import { runMatrix } from '../src/run';
import { resolveDriverSource, workspaceInputs } from '../src/workspace';

jest.setTimeout(600_000);

const DRIVER_CS = ['if_wg.c', 'wg_cookie.c', 'wg_crypto.c', 'wg_noise.c'];
const catalogue = CATALOGUE;

function writeTree(dir: string, files: Record<string, string | Buffer>): void {
	for (const [rel, content] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
		fs.writeFileSync(path.join(dir, rel), content);
	}
}


describeWithTree('compat cells built from the real driver', (tree) => {
	let tmp: string;
	beforeAll(() => {
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-matrix-real-'));
	});
	afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

	test('the driver source resolves to a real tree, and --driver-src wins', () => {
		expect(resolveDriverSource(tree).real).toBe(true);
		const d = resolveDriverSource(undefined, { WGUP_FREEBSD_SRC: tree });
		expect(d.real).toBe(true);
		expect(d.label).toContain(tree);
	});

	test('12.1, 13.0, 14.0 and main: every driver file compiles, FreeBSD\'s with kern.mk flags', async () => {
		const inputs = workspaceInputs({ scratch: path.join(tmp, 'good'), driverSrc: tree, parser: await loadCParser() });
		const unit = inputs.unit('compat', inputs.releases[0]);
		expect(unit.sources.map((s) => path.basename(s))).toEqual(expect.arrayContaining([...DRIVER_CS, 'wg_compat_ocf.c']));
		expect(unit.upstream!.map((s) => path.basename(s)).sort()).toEqual(DRIVER_CS);
		const run = await runMatrix(inputs, { releases: ['12.1', '13.0', '14.0', 'main'], target: 'compat', cc: 'gcc', root: REPO_ROOT, log: () => {} });
		if (run.workDir) fs.rmSync(run.workDir, { recursive: true, force: true });
		for (const cell of run.cells) {
			for (const f of DRIVER_CS) expect([cell.release, cell.log]).toEqual([cell.release, expect.stringMatching(new RegExp(`ok {3}compile .*/${f.replace('.', '\\.')}\\n`))]);
			expect([cell.release, cell.ok]).toEqual([cell.release, true]);
		}
		const compile = (release: string, f: string) => run.cells.find((c) => c.release === release)!.log.includes(`compile ${path.join(tmp, 'good', 'compat', f)}`);
		expect(compile('12.1', 'wg_compat_ocf.c')).toBe(true);
	});

	test('without the sbcreatecontrol shim the driver\'s if_wg.c fails on 13.5 (4-argument kernel) and not on 14.0', async () => {
		const catalogue = { ...CATALOGUE, shims: CATALOGUE.shims.filter((s) => s.id !== 'sbcreatecontrol') };
		const inputs = workspaceInputs({ scratch: path.join(tmp, 'bad'), driverSrc: tree, catalogue });
		const run = await runMatrix(inputs, { releases: ['13.5', '14.0'], target: 'compat', cc: 'gcc', root: REPO_ROOT, log: () => {} });
		if (run.workDir) fs.rmSync(run.workDir, { recursive: true, force: true });
		const cell = (r: string) => run.cells.find((c) => c.release === r)!;
		expect(cell('13.5').ok).toBe(false);
		expect(cell('13.5').log).toMatch(/FAIL compile .*\/if_wg\.c\n/);
		expect(cell('13.5').errors!.join('\n')).toMatch(/sbcreatecontrol/);
		expect(cell('14.0').ok).toBe(true);
	});
});

describeWithTree('the driver shims on a kernel that has the KPI', (tree) => {
	test('forced on at main, the driver\'s if_wg.c still compiles with kern.mk flags', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-forced-'));
		const port = composePort({ catalogue, version: '20261126', driverSrc: tree });
		const files: Record<string, string | Buffer> = Object.fromEntries(port.files.map((f) => [f.path, f.content]));
		// the same shims, each made to stand for an interface no kernel has (guard "1")
		const forced = DRIVER_SHIMS.map((s) => ({ ...s, standsFor: 'blake2s_kpi' }));
		const compat = files['compat.h'] as string;
		const start = compat.indexOf('/*\n * The driver section');
		files['compat.h'] = withDriverSection(compat.slice(0, start) + compat.slice(compat.search(/^#endif \/\* !?_WG_COMPAT_H_ \*\//m)), renderDriverSection(forced));
		expect(files['compat.h']).toMatch(/#if 1\n/);
		writeTree(path.join(dir, 'port'), files);
		writeTree(path.join(dir, 'stubs'), { ...renderDriverStubHeaders(1600018), 'opt_inet.h': '#define INET 1\n', 'opt_inet6.h': '#define INET6 1\n' });
		const argv = [...kmodCflags('gcc'), '-D__FreeBSD_version=1600018', `-I${path.join(dir, 'port')}`, `-I${path.join(dir, 'stubs')}`,
			'-include', path.join(dir, 'port', 'compat.h'), '-c', path.join(dir, 'port', 'if_wg.c'), '-o', '/dev/null'];
		expect(() => execFileSync('gcc', argv, { stdio: 'pipe' })).not.toThrow();
		fs.rmSync(dir, { recursive: true, force: true });
	});
});
