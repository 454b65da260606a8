/*
 * `wgup patches` against an attacker and a careless user (issue 18). One good series is computed once
 * (into a symlinked --out of mode 2775) and copied for the tests that need one.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { age, entries, expectOneLineError, hashTree, interrupt, runCli, sandbox, type Sandbox } from './helpers';

let first: Sandbox;
let real: string;
let firstRun: ReturnType<typeof runCli>;

beforeAll(() => {
	first = sandbox();
	real = path.join(first.root, 'real-series');
	fs.mkdirSync(real);
	fs.chmodSync(real, 0o2775);
	fs.symlinkSync(real, path.join(first.root, 'series'));
	firstRun = runCli(['patches', '--out', 'series'], first);
}, 120_000);

/** A sandbox holding a copy of the good series at series/. */
function withSeries(): { sb: Sandbox; out: string } {
	const sb = sandbox();
	const out = path.join(sb.root, 'series');
	fs.cpSync(real, out, { recursive: true });
	return { sb, out };
}

test('a symlinked --out is followed and kept, with its mode 2775', () => {
	expect(firstRun.status).toBe(0);
	expect(fs.lstatSync(path.join(first.root, 'series')).isSymbolicLink()).toBe(true);
	expect(fs.statSync(real).mode & 0o7777).toBe(0o2775);
	// the stand-in's series: a cover letter and at least one patch, all there
	expect(entries(real, /\.patch$/).length).toBeGreaterThan(1);
	expect(entries(real, /^0000-cover-letter\.patch$/)).toHaveLength(1);
	expect(entries(real, /\.tmp-/)).toEqual([]);
});

test('a series file name in --out that is a symlink out of it is refused; nothing outside is written', () => {
	const { sb, out } = withSeries();
	const name = entries(out, /^0001-/)[0];
	fs.rmSync(path.join(out, name));
	fs.symlinkSync(path.join(sb.sentinel, 'victim', 'target.txt'), path.join(out, name));
	const before = hashTree(sb.sentinel);
	const tree = hashTree(out);
	const r = runCli(['patches', '--out', out], sb);
	expectOneLineError(r, 1, /holds entries that are not plain files \(0001-.*\.patch\); move them away/);
	expect(hashTree(sb.sentinel)).toEqual(before);
	expect(hashTree(out)).toEqual(tree);
});

test('--overlay <typo> is refused (exit 2) and the series stays as it was', () => {
	const { sb, out } = withSeries();
	const before = hashTree(sb.sentinel);
	const tree = hashTree(out);
	const r = runCli(['patches', '--out', out, '--overlay', path.join(sb.root, 'freebsd-overlya')], sb);
	expectOneLineError(r, 2, /--overlay .*freebsd-overlya is not a directory/);
	expect(r.stdout).toBe('');
	expect(hashTree(out)).toEqual(tree);
	expect(hashTree(sb.sentinel)).toEqual(before);
	expect(entries(sb.tmp, /^wgup-patches-/)).toEqual([]);
});

test('an empty --overlay never replaces an existing series; --force does, and stale scratch is swept', () => {
	const { sb, out } = withSeries();
	const empty = path.join(sb.root, 'empty-overlay');
	fs.mkdirSync(empty);
	const tree = hashTree(out);
	const r = runCli(['patches', '--out', out, '--overlay', empty], sb);
	expectOneLineError(r, 2, /--overlay .* holds no files: .*replace the \d+ file\(s\).*or pass --force/);
	expect(hashTree(out)).toEqual(tree);

	// scratch of an interrupted earlier run (old mkdtemp name and the new one), and the old output swap
	const oldScratch = path.join(sb.tmp, 'wgup-patches-Ab12Cd');
	const newScratch = path.join(sb.tmp, 'wgup-patches-4999999-0a1b2c3d');
	const swap = path.join(sb.root, '.series.tmp-Qw12Er');
	const recent = path.join(sb.tmp, 'wgup-patches-4999998-0a1b2c3d');
	for (const d of [oldScratch, newScratch, swap, recent]) fs.mkdirSync(path.join(d, 'work'), { recursive: true });
	for (const d of [oldScratch, newScratch, swap]) age(d, 3600_000);
	const forced = runCli(['patches', '--out', out, '--overlay', empty, '--force'], sb);
	expect(forced.status).toBe(0);
	for (const d of [oldScratch, newScratch, swap]) {
		expect(forced.stdout).toContain(`removed ${d}: left by an interrupted earlier run`);
		expect(fs.existsSync(d)).toBe(false);
	}
	expect(fs.existsSync(recent)).toBe(true);
	expect(entries(out, /\.patch$/).length).toBeLessThan(Object.keys(tree).length);
	expect(entries(sb.tmp, /^wgup-patches-\d+-/)).toEqual(['wgup-patches-4999998-0a1b2c3d']);
}, 120_000);

function base(sb: Sandbox, version: string): string {
	const dir = path.join(sb.root, 'base');
	fs.mkdirSync(path.join(dir, 'sys', 'sys'), { recursive: true });
	fs.writeFileSync(path.join(dir, 'sys', 'sys', 'param.h'), `#undef __FreeBSD_version\n#define __FreeBSD_version ${version}\t/* Master, propagated to newvers */\n`);
	const git = (...a: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...a], { cwd: dir, stdio: 'ignore' });
	git('init', '-q');
	git('add', '.');
	git('commit', '-qm', 'base');
	return dir;
}

test.each(['0', '0x155CCF', '1400047abc', '99999999999', '99999', '-1400047'])('a base whose __FreeBSD_version is %s is refused, naming the value and the rule', (v) => {
	const { sb, out } = withSeries();
	const tree = hashTree(out);
	const before = hashTree(sb.sentinel);
	const r = runCli(['patches', '--out', out, '--base', base(sb, v)], sb);
	expectOneLineError(r, 2, /param\.h: __FreeBSD_version: ".*" is not a __FreeBSD_version: it must be a decimal number from 100000 to 9999999/);
	expect(r.stderr).toContain(JSON.stringify(v));
	expect(hashTree(out)).toEqual(tree);
	expect(hashTree(sb.sentinel)).toEqual(before);
	expect(entries(sb.tmp, /^wgup-patches-/)).toEqual([]);
});

test.each([['0'], ['-1'], ['2x'], ['']])('--version %j is refused with exit 2 before any work', (v) => {
	const { sb, out } = withSeries();
	const r = runCli(['patches', '--out', out, '--version', v], sb);
	expectOneLineError(r, 2, /--version .*positive integer/);
	expect(entries(sb.tmp, /^wgup-/)).toEqual([]);
});

test('a refusal of the series computation goes to stderr as one line, not to stdout', () => {
	const { sb, out } = withSeries();
	fs.writeFileSync(path.join(out, 'notes.txt'), 'mine\n');
	const r = runCli(['patches', '--out', out], sb);
	expectOneLineError(r, 1, /^wgup: patches: output directory .* holds files wgup did not write \(notes\.txt\)/);
	expect(r.stdout).not.toMatch(/wgup patches:|holds files/);
});

test('SIGINT removes the scratch directory and leaves the series as it was', async () => {
	const { sb, out } = withSeries();
	const tree = hashTree(out);
	const before = hashTree(sb.sentinel);
	const r = await interrupt(['patches', '--out', out], sb, () => entries(sb.tmp, /^wgup-patches-\d+-/).length > 0 &&
		entries(path.join(sb.tmp, entries(sb.tmp, /^wgup-patches-\d+-/)[0])).length > 0);
	expect(r.sawReady).toBe(true);
	expect(r.status).toBe(130);
	expect(r.stderr).toMatch(/interrupted by SIGINT; scratch removed/);
	expect(entries(sb.tmp, /^wgup-patches-/)).toEqual([]);
	expect(hashTree(out)).toEqual(tree);
	expect(hashTree(sb.sentinel)).toEqual(before);
}, 60_000);

test('SIGTERM too', async () => {
	const { sb, out } = withSeries();
	const r = await interrupt(['patches', '--out', out], sb, () => entries(sb.tmp, /^wgup-patches-\d+-/).length > 0, 'SIGTERM');
	expect(r.sawReady).toBe(true);
	expect(r.status).toBe(143);
	expect(entries(sb.tmp, /^wgup-patches-/)).toEqual([]);
}, 60_000);

test('a Latin-1 byte in a base file the series edits comes out unchanged in the patch (bytes, never decoded)', async () => {
	const { createStandinRepo } = await import('@wgup/patch-series');
	const sb = sandbox();
	const dir = path.join(sb.root, 'base');
	fs.mkdirSync(dir);
	await createStandinRepo(dir, { name: 't', email: 't@example.org', date: '2026-01-01T00:00:00Z' });
	const files = path.join(dir, 'sys', 'conf', 'files');
	const latin1 = Buffer.from('# maintained by J\xe9r\xf4me\n', 'latin1');
	fs.writeFileSync(files, Buffer.concat([latin1, fs.readFileSync(files)]));
	execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qam', 'latin1'], { cwd: dir });
	const out = path.join(sb.root, 'series');
	const r = runCli(['patches', '--out', out, '--base', dir, '--full-context'], sb);
	expect(r.stderr).toBe('');
	expect(r.status).toBe(0);
	const touching = entries(out, /\.patch$/).map((f) => fs.readFileSync(path.join(out, f))).filter((b) => b.includes('diff --git a/sys/conf/files b/sys/conf/files'));
	expect(touching.length).toBeGreaterThan(0);
	for (const b of touching) {
		expect(b.includes(Buffer.from(' # maintained by J\xe9r\xf4me\n', 'latin1'))).toBe(true);
		expect(b.includes(Buffer.from([0xef, 0xbf, 0xbd]))).toBe(false);
	}
}, 120_000);
