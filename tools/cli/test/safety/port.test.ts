/*
 * `wgup port` against an attacker and a careless user (issue 18): nothing written outside the ports
 * tree's net/wireguard-kmod and the distdir, the distfile, Makefile and distinfo change together or not
 * at all, names from distinfo and the driver are checked, scratch does not outlive the run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { age, entries, expectOneLineError, hashTree, inCheckoutFor, interrupt, REPO, runCli, sandbox, unprivileged, type Sandbox } from './helpers';

const FIXTURES = path.join(REPO, 'tools', 'compat-port', 'test', 'fixtures');
const DRIVER = path.join(FIXTURES, 'driver');
const V = ['--version', '20261126'];

function ports(sb: Sandbox): string {
	const dir = path.join(sb.root, 'ports');
	fs.cpSync(path.join(FIXTURES, 'ports'), dir, { recursive: true });
	return dir;
}

const port = (sb: Sandbox, tree: string, extra: readonly string[] = [], driver = DRIVER, prefix: readonly string[] = []) =>
	runCli(['port', '--ports-tree', tree, '--driver-src', driver, ...V, ...extra], sb, sb.root, {}, prefix);

test('a good run writes the distfile, Makefile and distinfo', () => {
	const sb = sandbox();
	const tree = ports(sb);
	const r = port(sb, tree);
	expect(r.status).toBe(0);
	expect(entries(path.join(tree, 'distfiles'))).toEqual(['wireguard-freebsd-compat-0.0.20261126.tar.gz']);
	expect(fs.readFileSync(path.join(tree, 'net', 'wireguard-kmod', 'distinfo'), 'utf8')).toContain('wireguard-freebsd-compat-0.0.20261126.tar.gz');
});

test('net/wireguard-kmod a symlink out of the ports tree: refused, nothing written there', () => {
	const sb = sandbox();
	const tree = path.join(sb.root, 'ports');
	fs.mkdirSync(path.join(tree, 'net'), { recursive: true });
	fs.cpSync(path.join(FIXTURES, 'ports', 'net', 'wireguard-kmod'), path.join(sb.sentinel, 'kmod'), { recursive: true });
	fs.symlinkSync(path.join(sb.sentinel, 'kmod'), path.join(tree, 'net', 'wireguard-kmod'));
	const before = hashTree(sb.sentinel);
	const r = port(sb, tree);
	expectOneLineError(r, 1, /net\/wireguard-kmod is a symbolic link inside/);
	expect(hashTree(sb.sentinel)).toEqual(before);
	expect(entries(tree)).toEqual(['net']);
});

test('a distinfo naming a distfile "../.." is refused, naming distinfo', () => {
	const sb = sandbox();
	const tree = ports(sb);
	const distinfo = path.join(tree, 'net', 'wireguard-kmod', 'distinfo');
	fs.writeFileSync(distinfo, 'TIMESTAMP = 1\nSHA256 (../../sentinel/victim/target.txt) = 00\nSIZE (../../sentinel/victim/target.txt) = 1\n');
	const before = hashTree(sb.root);
	const r = port(sb, tree);
	expectOneLineError(r, 1, /distinfo \(the previous distfile's name\): the file name "\.\.\/\.\.\/sentinel\/victim\/target\.txt" is refused/);
	expect(hashTree(sb.root)).toEqual(before);
});

test('a driver file named for the Makefile is refused; the ports tree is unchanged', () => {
	const sb = sandbox();
	const tree = ports(sb);
	const driver = path.join(sb.root, 'driver');
	fs.cpSync(DRIVER, driver, { recursive: true });
	fs.writeFileSync(path.join(driver, 'x.c\nevil: ; touch PWNED2\n#.c'), 'int x;\n');
	const before = hashTree(tree);
	const r = port(sb, tree, [], driver);
	expectOneLineError(r, 1, /the file name "x\.c\\nevil: ; touch PWNED2\\n#\.c" is refused/);
	expect(hashTree(tree)).toEqual(before);
});

test.each([['2026-11-26'], ['20261131'], ['1']])('--version %s is refused with exit 2 before any work', (v) => {
	const sb = sandbox();
	const tree = ports(sb);
	const before = hashTree(sb.root);
	const r = runCli(['port', '--ports-tree', tree, '--driver-src', DRIVER, '--version', v], sb);
	expectOneLineError(r, 2, /--version .*YYYYMMDD/);
	expect(hashTree(sb.root)).toEqual(before);
});

test('a read-only port directory: the distfile is not written either (all three or none)', () => {
	const sb = sandbox();
	const tree = ports(sb);
	const prefix = unprivileged(sb);
	fs.chmodSync(path.join(tree, 'net', 'wireguard-kmod'), 0o555);
	const before = hashTree(tree);
	const r = port(sb, tree, [], inCheckoutFor(prefix, DRIVER), prefix);
	expectOneLineError(r, 1, /cannot write .*net\/wireguard-kmod\/Makefile \(EACCES\); nothing was changed/);
	const after = hashTree(tree);
	// the distfiles/ directory may have been created, but holds nothing
	delete after.distfiles;
	expect(after).toEqual(before);
	expect(entries(path.join(tree, 'distfiles'))).toEqual([]);
});

test('stale diff scratch is swept; SIGINT leaves no scratch and the tree old or wholly updated', async () => {
	const sb = sandbox();
	const tree = ports(sb);
	const stale = path.join(sb.tmp, 'wgup-port-diff-Ab12Cd');
	fs.mkdirSync(stale);
	age(stale, 3600_000);
	const r = port(sb, tree);
	expect(r.stdout).toContain(`removed ${stale}: left by an interrupted earlier run`);
	expect(entries(sb.tmp, /^wgup-/)).toEqual([]);

	const tree2 = ports(sb);
	const before = hashTree(tree2);
	const started = Date.now();
	// port is synchronous: the signal lands before, during or after its writes, and each must leave a sound tree
	const s = await interrupt(['port', '--ports-tree', tree2, '--driver-src', DRIVER, ...V], sb, () => Date.now() - started > 400);
	expect(String(s.status === null ? s.signal : s.status)).toMatch(/^(0|130|SIGINT)$/);
	expect(entries(sb.tmp, /^wgup-/)).toEqual([]);
	const after = hashTree(tree2);
	expect(Object.keys(after).filter((p) => /\.tmp-/.test(p))).toEqual([]);
	const distinfo = fs.readFileSync(path.join(tree2, 'net', 'wireguard-kmod', 'distinfo'), 'utf8');
	if (distinfo.includes('20261126')) expect(entries(path.join(tree2, 'distfiles'))).toEqual(['wireguard-freebsd-compat-0.0.20261126.tar.gz']);
	else expect(after).toEqual(before);
});
