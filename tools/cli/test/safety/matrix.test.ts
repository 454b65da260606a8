/*
 * `wgup matrix` against a careless user (issue 18): lists and paths checked before any work, release
 * names from the model, driver file names refused, --export contained, scratch swept and removed on
 * SIGINT. One small real run (one release, one target, one compiler) stands for the rest.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { age, entries, expectOneLineError, hashTree, interrupt, REPO, runCli, sandbox } from './helpers';

const ONE = ['--releases', '14.3', '--target', 'compat', '--cc', 'gcc', '--jobs', '1'];
const DRIVER = path.join(REPO, 'tools', 'compat-port', 'test', 'fixtures', 'driver');
const scratch = (tmp: string) => entries(tmp, /^wgup-matrix-/);

test.each([
	[['--releases', ''], /--releases "": give a comma-separated list/],
	[['--releases', '14.3,,15.0'], /--releases "14.3,,15.0": give a comma-separated list/],
	[['--releases', '14.3;touch PWNED'], /--releases: unknown release "14.3;touch PWNED"; known: .*14\.3/],
	[['--releases', '14.3', '--all'], /either --releases or --all/],
	[['--jobs', '2x'], /--jobs must be a positive integer, not "2x"/],
	[['--target', 'evil'], /unknown target "evil"/],
	[['--json', 'sentinel/notes.md/cells.json'], /--json sentinel\/notes\.md\/cells\.json: .*notes\.md is not a directory/],
	[['--html', '.'], /--html \. is a directory/],
	[['--driver-src', 'nowhere'], /--driver-src nowhere is not a directory/],
])('%j is refused with exit 2 before any work', (args, re) => {
	const sb = sandbox();
	const before = hashTree(sb.root);
	const r = runCli(['matrix', ...args], sb);
	expectOneLineError(r, 2, re);
	expect(hashTree(sb.root)).toEqual(before);
	expect(scratch(sb.tmp)).toEqual([]);
});

test('a driver file name that would reach the Makefile is refused; no scratch is left', () => {
	const sb = sandbox();
	const driver = path.join(sb.root, 'driver');
	fs.cpSync(DRIVER, driver, { recursive: true });
	fs.writeFileSync(path.join(driver, '$(shell touch PWNED).c'), 'int x;\n');
	const r = runCli(['matrix', ...ONE, '--driver-src', driver], sb);
	expectOneLineError(r, 1, /the file name "\$\(shell touch PWNED\)\.c" is refused/);
	expect(scratch(sb.tmp)).toEqual([]);
	expect(entries(sb.root, /PWNED/)).toEqual([]);
});

test('--export through a symlinked subdirectory is refused: nothing written outside', () => {
	const sb = sandbox();
	const dir = path.join(sb.root, 'export');
	fs.mkdirSync(dir);
	fs.symlinkSync(path.join(sb.sentinel, 'victim'), path.join(dir, 'compat'));
	const before = hashTree(sb.sentinel);
	const r = runCli(['matrix', '--export', dir], sb);
	expectOneLineError(r, 1, /compat is a symbolic link inside/);
	expect(hashTree(sb.sentinel)).toEqual(before);
	expect(entries(dir)).toEqual(['compat']);
	expect(scratch(sb.tmp)).toEqual([]);
});

test('a run sweeps stale scratch of interrupted runs (not kept ones), keeps a symlinked --json, removes its own', () => {
	const sb = sandbox();
	const stale = ['wgup-matrix-4999999-0a1b2c3d', 'wgup-matrix-Ab12Cd', 'wgup-matrix-inputs-4999999-0a1b2c3d'].map((n) => path.join(sb.tmp, n));
	const kept = path.join(sb.tmp, 'wgup-matrix-4999998-0a1b2c3d');
	const recent = path.join(sb.tmp, 'wgup-matrix-4999997-0a1b2c3d');
	for (const d of [...stale, kept, recent]) fs.mkdirSync(path.join(d, 'cells'), { recursive: true });
	fs.writeFileSync(path.join(kept, '.wgup-kept'), '');
	for (const d of [...stale, kept]) age(d, 3600_000);
	const report = path.join(sb.root, 'report.json');
	fs.writeFileSync(report, '');
	fs.symlinkSync(report, path.join(sb.root, 'cells.json'));
	const r = runCli(['matrix', ...ONE, '--json', 'cells.json'], sb);
	expect(r.status).toBe(0);
	for (const d of stale) expect(r.stdout).toContain(`removed ${d}: left by an interrupted earlier run`);
	expect(scratch(sb.tmp)).toEqual(['wgup-matrix-4999997-0a1b2c3d', 'wgup-matrix-4999998-0a1b2c3d']);
	expect(fs.lstatSync(path.join(sb.root, 'cells.json')).isSymbolicLink()).toBe(true);
	expect(JSON.parse(fs.readFileSync(report, 'utf8'))).toEqual([expect.objectContaining({ release: '14.3', target: 'compat', cc: 'gcc', ok: true })]);
}, 60_000);

test('SIGINT while cells compile removes both scratch directories and stops the compilers', async () => {
	const sb = sandbox();
	const r = await interrupt(['matrix', ...ONE], sb, () => entries(sb.tmp, /^wgup-matrix-\d+-/).length > 0);
	expect(r.sawReady).toBe(true);
	expect(r.status).toBe(130);
	expect(r.stderr.trim()).toBe('wgup: interrupted by SIGINT; scratch removed');
	await new Promise((res) => setTimeout(res, 300));
	expect(scratch(sb.tmp)).toEqual([]);
}, 60_000);
