/*
 * `wgup land` against an attacker and a careless user (issue 18): strict values, the catalogue and
 * support.h written together or not at all, a symlinked --catalogue kept, a broken catalogue named.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { age, entries, expectOneLineError, hashTree, interrupt, REPO, runCli, sandbox, unprivileged, type Sandbox } from './helpers';

const CATALOGUE = path.join(REPO, 'packages', 'shims', 'src', 'catalogue.json');
const SUPPORT_DIR = path.join('freebsd-overlay', 'sys', 'dev', 'wg');
const SHIM = 'blake2s';
const GOOD = [SHIM, '--main', '1500006', '--mfc', 'stable/14=1400510', '--commit', 'abc1234', '--date', '2026-11-26'];

/** A sandbox with a copy of the catalogue (cat.json) and an overlay root (repo/) holding support.h's directory. */
function setup(): { sb: Sandbox; cat: string; root: string } {
	const sb = sandbox();
	const cat = path.join(sb.root, 'cat.json');
	fs.copyFileSync(CATALOGUE, cat);
	const root = path.join(sb.root, 'repo');
	fs.mkdirSync(path.join(root, SUPPORT_DIR), { recursive: true });
	return { sb, cat, root };
}

const land = (sb: Sandbox, args: readonly string[], cat: string, root: string, prefix: readonly string[] = []) =>
	runCli(['land', ...args, '--catalogue', cat, '--root', root], sb, sb.root, {}, prefix);

test('a good landing writes both the catalogue and support.h', () => {
	const { sb, cat, root } = setup();
	const r = land(sb, GOOD, cat, root);
	expect(r.status).toBe(0);
	expect(JSON.parse(fs.readFileSync(cat, 'utf8')).shims.find((s: { id: string }) => s.id === SHIM).state).toBe('compat');
	expect(entries(path.join(root, SUPPORT_DIR))).toEqual(['support.h']);
});

test.each([
	[['--date', '2026-13-45'], /--date: "2026-13-45" is not a real date written YYYY-MM-DD/],
	[['--date', '2026-02-30'], /--date: "2026-02-30" is not a real date/],
	[['--date', '26-11-2026'], /--date: "26-11-2026" is not a real date/],
	[['--commit', 'zz;rm -rf'], /--commit: "zz;rm -rf" is not a commit id: it must be 7 to 40 hexadecimal digits/],
	[['--commit', 'abc'], /--commit: "abc" is not a commit id/],
	[['--commit', 'a'.repeat(41)], /--commit: "a{41}" is not a commit id/],
	[['--main', '0'], /--main: "0" is not a __FreeBSD_version: it must be a decimal number from 100000 to 9999999/],
	[['--main', '0x155CCF'], /--main: "0x155CCF" is not a __FreeBSD_version/],
	[['--main', '1400047abc'], /--main: "1400047abc" is not a __FreeBSD_version/],
	[['--main', '99999999999'], /--main: "99999999999" is not a __FreeBSD_version/],
	[['--mfc', 'stable/13=0x13E0'], /--mfc stable\/13=: "0x13E0" is not a __FreeBSD_version/],
])('%j is refused with exit 2, nothing written', (bad, re) => {
	const { sb, cat, root } = setup();
	const args = [...GOOD];
	const i = args.indexOf(bad[0]);
	if (i >= 0) args.splice(i, 2, ...bad);
	else args.push(...bad);
	const before = hashTree(sb.root);
	const r = land(sb, args, cat, root);
	expectOneLineError(r, 2, re);
	expect(hashTree(sb.root)).toEqual(before);
});

test('a null catalogue record is named, not "Cannot read properties of null" (land and compat)', () => {
	const { sb, cat, root } = setup();
	const json = JSON.parse(fs.readFileSync(cat, 'utf8'));
	json.shims.splice(1, 0, null);
	fs.writeFileSync(cat, JSON.stringify(json));
	const before = hashTree(sb.root);
	const r = land(sb, GOOD, cat, root);
	expectOneLineError(r, 1, /cat\.json: shims\[1\]: must be a shim record \(an object\), not null; fix that record/);
	expect(r.stderr).not.toMatch(/Cannot read properties/);
	const c = runCli(['compat', '--out', 'out', '--catalogue', cat], sb);
	expectOneLineError(c, 1, /cat\.json: shims\[1\]: must be a shim record/);
	expect(hashTree(sb.root)).toEqual(before);
});

test('support.h cannot be written: neither file changes', () => {
	const { sb, cat, root } = setup();
	const prefix = unprivileged(sb);
	fs.chmodSync(path.join(root, SUPPORT_DIR), 0o555);
	const before = hashTree(sb.root);
	const r = land(sb, GOOD, cat, root, prefix);
	expectOneLineError(r, 1, /cannot write .*support\.h \(EACCES\); nothing was changed/);
	expect(hashTree(sb.root)).toEqual(before);
});

test('support.h\'s directory reached through a symlink out of --root: refused, nothing written', () => {
	const { sb, cat } = setup();
	const root = path.join(sb.root, 'repo2');
	fs.mkdirSync(root);
	fs.symlinkSync(path.join(sb.sentinel, 'victim'), path.join(root, 'freebsd-overlay'));
	const before = hashTree(sb.root);
	const r = land(sb, GOOD, cat, root);
	expectOneLineError(r, 1, /freebsd-overlay is a symbolic link inside/);
	expect(hashTree(sb.root)).toEqual(before);
});

test('a symlinked --catalogue is followed and kept, with its mode; stale temporaries beside it are swept', () => {
	const { sb, cat, root } = setup();
	fs.chmodSync(cat, 0o640);
	const link = path.join(sb.root, 'link.json');
	fs.symlinkSync(cat, link);
	const stale = path.join(sb.root, '.cat.json.tmp-4999999-0a1b2c3d');
	fs.writeFileSync(stale, '{');
	age(stale, 3600_000);
	const r = land(sb, GOOD, link, root);
	expect(r.status).toBe(0);
	expect(r.stdout).toContain(`removed ${stale}: left by an interrupted earlier run`);
	expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
	expect(fs.statSync(cat).mode & 0o777).toBe(0o640);
	expect(fs.readFileSync(cat, 'utf8')).toMatch(/"commit": "abc1234"/);
	expect(fs.existsSync(stale)).toBe(false);
});

test('SIGINT: no temporaries; the catalogue is the old one or the new one, never a mix', async () => {
	const { sb, cat, root } = setup();
	const old = fs.readFileSync(cat, 'utf8');
	const started = Date.now();
	// land is synchronous: the signal lands before, during or after its writes, and each must leave a sound pair
	const r = await interrupt(['land', ...GOOD, '--catalogue', cat, '--root', root], sb, () => Date.now() - started > 400);
	expect(String(r.status === null ? r.signal : r.status)).toMatch(/^(0|130|SIGINT)$/);
	expect(Object.keys(hashTree(sb.root)).filter((p) => /\.tmp-/.test(p))).toEqual([]);
	const now = fs.readFileSync(cat, 'utf8');
	if (now !== old) {
		expect(JSON.parse(now).shims.find((s: { id: string }) => s.id === SHIM).state).toBe('compat');
		expect(entries(path.join(root, SUPPORT_DIR))).toEqual(['support.h']);
	} else {
		expect(entries(path.join(root, SUPPORT_DIR))).toEqual([]);
	}
});
