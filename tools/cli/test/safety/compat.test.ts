/*
 * `wgup compat` against an attacker and a careless user (issue 18): nothing outside --out is written
 * or deleted, the tree is whole or untouched, inputs are copied as bytes, names reaching the Makefile
 * are refused, errors are one line on stderr, and scratch does not outlive the run.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { age, entries, inCheckoutFor, unprivileged, expectOneLineError, hashTree, interrupt, REPO, runCli, sandbox, sha256, type Sandbox } from './helpers';

const DRIVER = path.join(REPO, 'tools', 'compat-port', 'test', 'fixtures', 'driver');
const V = ['--version', '20261126'];

function driverCopy(sb: Sandbox): string {
	const d = path.join(sb.root, 'driver');
	fs.cpSync(DRIVER, d, { recursive: true });
	return d;
}

/** A tree from a first, good run. */
function composed(sb: Sandbox): string {
	const out = path.join(sb.root, 'out');
	const r = runCli(['compat', '--out', out, '--driver-src', DRIVER, ...V], sb);
	expect(r.status).toBe(0);
	return out;
}

const temporaries = (dir: string) => Object.keys(hashTree(dir)).filter((p) => /wgup-staging|\.tmp-/.test(p));

test('a planted manifest entry "../" is refused: nothing outside --out is deleted', () => {
	const sb = sandbox();
	const out = composed(sb);
	const victim = path.join(sb.sentinel, 'victim', 'target.txt');
	const rel = path.relative(out, victim);
	expect(rel.startsWith('..')).toBe(true);
	fs.writeFileSync(path.join(out, '.wgup-compat-manifest'), JSON.stringify({ [rel]: sha256(fs.readFileSync(victim)) }));
	const before = hashTree(sb.sentinel);
	const tree = hashTree(out);
	const r = runCli(['compat', '--out', out, '--driver-src', DRIVER, ...V], sb);
	expectOneLineError(r, 1, /\.wgup-compat-manifest.*refused.*relative/);
	expect(r.stdout).not.toMatch(/removed/);
	expect(hashTree(sb.sentinel)).toEqual(before);
	expect(hashTree(out)).toEqual(tree);
});

test('a manifest entry reaching through a symlinked directory is refused before anything is written', () => {
	const sb = sandbox();
	const out = composed(sb);
	fs.symlinkSync(path.join(sb.sentinel, 'victim'), path.join(out, 'old'));
	const victim = path.join(sb.sentinel, 'victim', 'target.txt');
	const manifest = JSON.parse(fs.readFileSync(path.join(out, '.wgup-compat-manifest'), 'utf8'));
	manifest['old/target.txt'] = sha256(fs.readFileSync(victim));
	fs.writeFileSync(path.join(out, '.wgup-compat-manifest'), JSON.stringify(manifest));
	const before = hashTree(sb.sentinel);
	const tree = hashTree(out);
	const r = runCli(['compat', '--out', out, '--driver-src', DRIVER, '--version', '20261127'], sb);
	expectOneLineError(r, 1, /old is a symbolic link inside/);
	expect(hashTree(sb.sentinel)).toEqual(before);
	expect(hashTree(out)).toEqual(tree);
});

test.each([[[]], [['--force']]])('a symlinked subdirectory of --out is refused, also with %j: nothing is written through it', (extra) => {
	const sb = sandbox();
	const out = path.join(sb.root, 'out');
	fs.mkdirSync(out);
	fs.symlinkSync(path.join(sb.sentinel, 'victim'), path.join(out, 'crypto'));
	// an outside file with the name compat would write there
	fs.writeFileSync(path.join(sb.sentinel, 'victim', 'blake2s.c'), 'mine\n');
	const before = hashTree(sb.sentinel);
	const r = runCli(['compat', '--out', out, '--driver-src', DRIVER, ...V, ...extra], sb);
	expectOneLineError(r, 1, /crypto is a symbolic link inside .*replace the link/);
	expect(hashTree(sb.sentinel)).toEqual(before);
	expect(entries(out)).toEqual(['crypto']);
});

test.each([
	['$(shell touch PWNED).c'],
	['x.c\nevil: ; touch PWNED2\n#.c'],
	['a b.c'],
])('a driver file named %j is refused by name before anything is written', (name) => {
	const sb = sandbox();
	const driver = driverCopy(sb);
	fs.writeFileSync(path.join(driver, name), 'int x;\n');
	const out = path.join(sb.root, 'out');
	const tarball = path.join(sb.root, 'rel.tar.gz');
	const before = hashTree(sb.sentinel);
	const r = runCli(['compat', '--out', out, '--driver-src', driver, ...V, '--tarball', tarball], sb);
	expectOneLineError(r, 1, /the file name .* is refused.*\[A-Za-z0-9_.-\]\+; rename the file/);
	expect(r.stderr).toContain(JSON.stringify(name));
	expect(fs.existsSync(out)).toBe(false);
	expect(fs.existsSync(tarball)).toBe(false);
	expect(entries(sb.root, /PWNED/)).toEqual([]);
	expect(hashTree(sb.sentinel)).toEqual(before);
});

test('driver sources are copied as bytes: a Latin-1 byte arrives unchanged in the tree and the tarball', () => {
	const sb = sandbox();
	const driver = driverCopy(sb);
	const original = fs.readFileSync(path.join(driver, 'wg_cookie.c'));
	const latin1 = Buffer.concat([original, Buffer.from('/* Copyright (c) J\xe9r\xf4me */\n', 'latin1')]);
	fs.writeFileSync(path.join(driver, 'wg_cookie.c'), latin1);
	const out = path.join(sb.root, 'out');
	const tarball = path.join(sb.root, 'rel.tar.gz');
	const r = runCli(['compat', '--out', out, '--driver-src', driver, ...V, '--tarball', tarball], sb);
	expect(r.status).toBe(0);
	expect(fs.readFileSync(path.join(out, 'wg_cookie.c')).equals(latin1)).toBe(true);
	const x = path.join(sb.root, 'x');
	fs.mkdirSync(x);
	execFileSync('tar', ['-xzf', tarball, '-C', x]);
	expect(fs.readFileSync(path.join(x, 'wireguard-freebsd-compat-0.0.20261126', 'wg_cookie.c')).equals(latin1)).toBe(true);
});

test.each([
	[['--tarball', 'a-file/rel.tar.gz'], /--tarball a-file\/rel\.tar\.gz: .*a-file is not a directory; choose another path/],
	[['--tarball', '.'], /--tarball \. is a directory/],
	[['--tarball', 'out/rel.tar.gz'], /--tarball .* is inside --out/],
	[['--version', '20261345'], /--version .*not a real date.*YYYYMMDD/],
])('a bad option (%j) is refused with exit 2 before anything is written', (extra, re) => {
	const sb = sandbox();
	const out = path.join(sb.root, 'out');
	fs.mkdirSync(out);
	fs.writeFileSync(path.join(sb.root, 'a-file'), '');
	const r = runCli(['compat', '--out', 'out', '--driver-src', DRIVER, ...V, ...extra], sb);
	expectOneLineError(r, 2, re);
	expect(entries(out)).toEqual([]);
});

test('--tarball without --driver-src is refused before writing any of the tree', () => {
	const sb = sandbox();
	const r = runCli(['compat', '--out', 'out', ...V, '--tarball', 'rel.tar.gz'], sb);
	expectOneLineError(r, 2, /--tarball needs the whole tree: pass --driver-src/);
	expect(entries(sb.root)).toEqual(['sentinel']);
});

test('a read-only subdirectory: the run fails with the old tree as it was (whole or nothing)', () => {
	const sb = sandbox();
	const out = composed(sb);
	// a new version changes README (written first) and version.h; crypto/ must get a file back but is read-only
	fs.rmSync(path.join(out, 'crypto', 'blake2s.c'));
	const prefix = unprivileged(sb);
	fs.chmodSync(path.join(out, 'crypto'), 0o555);
	const tree = hashTree(out);
	const r = runCli(['compat', '--out', out, '--driver-src', inCheckoutFor(prefix, DRIVER), '--version', '20261127'], sb, sb.root, {}, prefix);
	expectOneLineError(r, 1, /cannot write .*crypto\/blake2s\.c \(EACCES\); nothing was changed: make .*crypto writable/);
	expect(hashTree(out)).toEqual(tree);
	expect(temporaries(out)).toEqual([]);
});

test('a symlinked --out is followed and kept, with its mode', () => {
	const sb = sandbox();
	const real = path.join(sb.root, 'real');
	fs.mkdirSync(real);
	fs.chmodSync(real, 0o2775);
	fs.symlinkSync(real, path.join(sb.root, 'out'));
	const r = runCli(['compat', '--out', 'out', '--driver-src', DRIVER, ...V], sb);
	expect(r.status).toBe(0);
	expect(fs.lstatSync(path.join(sb.root, 'out')).isSymbolicLink()).toBe(true);
	expect(fs.statSync(real).mode & 0o7777).toBe(0o2775);
	expect(entries(real)).toContain('if_wg.c');
});

test('staging and temporaries of an interrupted earlier run are removed, and the run says so', () => {
	const sb = sandbox();
	const out = composed(sb);
	const oldStaging = path.join(out, '.wgup-staging-Ab12Cd');
	fs.mkdirSync(path.join(oldStaging, 'crypto'), { recursive: true });
	fs.writeFileSync(path.join(oldStaging, 'crypto', 'blake2s.c'), 'x');
	const oldTmp = path.join(out, 'crypto', 'blake2s.c.tmp-4999999-k3j2h1');
	fs.writeFileSync(oldTmp, 'x');
	const fresh = path.join(out, '.wgup-staging-Zz99Yy');
	fs.mkdirSync(fresh);
	for (const p of [oldStaging, oldTmp]) age(p, 3600_000);
	const r = runCli(['compat', '--out', out, '--driver-src', DRIVER, ...V], sb);
	expect(r.status).toBe(0);
	expect(r.stdout).toContain(`removed ${oldStaging}: left by an interrupted earlier run`);
	expect(r.stdout).toContain(`removed ${oldTmp}: left by an interrupted earlier run`);
	expect(fs.existsSync(oldStaging)).toBe(false);
	expect(fs.existsSync(oldTmp)).toBe(false);
	// a recent one may belong to a run still going: left alone
	expect(fs.existsSync(fresh)).toBe(true);
});

test('SIGINT during a run leaves no staging or temporaries, and either the old tree or the new one', async () => {
	const sb = sandbox();
	const out = composed(sb);
	const tree = hashTree(out);
	const r = await interrupt(['compat', '--out', out, '--driver-src', DRIVER, '--version', '20261127'], sb,
		() => fs.readdirSync(out).length > 0);
	expect(r.sawReady).toBe(true);
	expect(temporaries(out)).toEqual([]);
	const now = hashTree(out);
	const version = fs.readFileSync(path.join(out, 'version.h'), 'utf8');
	if (/20261127/.test(version)) {
		const manifest = JSON.parse(fs.readFileSync(path.join(out, '.wgup-compat-manifest'), 'utf8')) as Record<string, string>;
		for (const [p, h] of Object.entries(manifest)) expect(sha256(fs.readFileSync(path.join(out, p)))).toBe(h);
	} else {
		expect(now).toEqual(tree);
	}
	expect(entries(sb.tmp, /^wgup-/)).toEqual([]);
});

test('an unusable TMPDIR is named in one line, not a stack trace of minified tsx source', () => {
	const sb = sandbox();
	const file = path.join(sb.root, 'not-a-dir');
	fs.writeFileSync(file, '');
	const r = runCli(['compat', '--out', 'out'], sb, sb.root, { TMPDIR: file });
	expectOneLineError(r, 1, /^wgup: the temporary directory .*not-a-dir is not usable \(not a directory\); set TMPDIR to a writable directory$/);
	expect(r.stderr.length).toBeLessThan(300);
	expect(fs.existsSync(path.join(sb.root, 'out'))).toBe(false);
});

test('the exit codes are in --help; WGUP_DEBUG=1 adds the stack trace a normal error leaves out', () => {
	const sb = sandbox();
	const help = runCli(['--help'], sb);
	expect(help.stdout).toMatch(/Exit status: 0 success; 1 failure or refusal .*; 2 bad usage/s);
	expect(help.stdout).toMatch(/130\/143 interrupted by SIGINT\/SIGTERM/);
	const args = ['compat', '--out', 'out', '--tarball', 'x.tgz'];
	expectOneLineError(runCli(args, sb), 2, /--tarball needs the whole tree/);
	const debug = runCli(args, sb, sb.root, { WGUP_DEBUG: '1' });
	expect(debug.status).toBe(2);
	expect(debug.stderr).toMatch(/--tarball needs the whole tree[^\n]*\n[^\n]*Error[^\n]*\n\s+at /);
});
