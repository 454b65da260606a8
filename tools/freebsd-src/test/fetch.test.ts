/*
 * `wgup src fetch` against a local bare repository (no network here): a file:// URL with
 * uploadpack.allowFilter, so --filter=blob:none and the sparse checkout behave as against git.freebsd.org.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fetchTree, refDirName, resolveTree, TreeError } from '@wgup/freebsd-src';

let tmp: string;
let url: string;
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, {
	cwd, encoding: 'utf8', stdio: 'pipe',
	env: { ...process.env, GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z' },
}).trim();

beforeAll(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-fetch-'));
	const work = path.join(tmp, 'work');
	const files: Record<string, string> = {
		'sys/sys/param.h': '#define __FreeBSD_version 1500012 /* Master, propagated to newvers */\n',
		'sys/sys/priv.h': '#define PRIV_NET_WG 424\n',
		'sys/dev/wg/if_wg.c': 'int x;\n',
		'bin/ls/ls.c': 'int main(void) { return 0; }\n',
		'lib/libc/big.c': 'x'.repeat(1000),
	};
	for (const [p, t] of Object.entries(files)) {
		fs.mkdirSync(path.join(work, path.dirname(p)), { recursive: true });
		fs.writeFileSync(path.join(work, p), t);
	}
	git(tmp, 'init', '-q', '-b', 'main', work);
	git(work, 'add', '-A');
	git(work, '-c', 'user.name=t', '-c', 'user.email=t@wgup.invalid', 'commit', '-q', '-m', 'main');
	git(work, 'branch', 'releng/14.3');
	git(tmp, 'clone', '-q', '--bare', work, path.join(tmp, 'src.git'));
	git(path.join(tmp, 'src.git'), 'config', 'uploadpack.allowFilter', 'true');
	url = `file://${path.join(tmp, 'src.git')}`;
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('a shallow sparse checkout holds only the paths wgup reads, and resolves as the cache tree', () => {
	const cache = path.join(tmp, 'cache');
	const log: string[] = [];
	const prev = process.env.WGUP_CACHE;
	process.env.WGUP_CACHE = cache;
	try {
		const r = fetchTree({ ref: 'releng/14.3', url }, (l) => log.push(l));
		expect(r.tree.version).toBe(1500012);
		expect(r.tree.root).toBe(path.join(cache, 'freebsd-src', refDirName('releng/14.3')));
		expect(fs.existsSync(path.join(r.tree.root, 'sys/sys/priv.h'))).toBe(true);
		expect(fs.existsSync(path.join(r.tree.root, 'sys/dev/wg/if_wg.c'))).toBe(true);
		expect(fs.existsSync(path.join(r.tree.root, 'bin/ls/ls.c'))).toBe(false);
		expect(fs.existsSync(path.join(r.tree.root, 'lib'))).toBe(false);
		expect(git(r.tree.root, 'rev-parse', '--is-shallow-repository')).toBe('true');
		expect(r.commit).toMatch(/^[0-9a-f]{40}$/);
		expect(log.join('\n')).toMatch(/cloning .* releng\/14\.3[\s\S]*sparse checkout[\s\S]*__FreeBSD_version 1500012/);
		expect(resolveTree({ env: { WGUP_CACHE: cache } })?.root).toBe(r.tree.root);
		// run again: updates in place
		const again = fetchTree({ ref: 'releng/14.3', url }, (l) => log.push(l));
		expect(again.commit).toBe(r.commit);
		expect(log.join('\n')).toMatch(/updating /);
	} finally {
		if (prev === undefined) delete process.env.WGUP_CACHE;
		else process.env.WGUP_CACHE = prev;
	}
});

test('refuses a bad ref, a foreign directory, and reports git\'s own error', () => {
	expect(() => fetchTree({ ref: '../x', url, dir: path.join(tmp, 'a') }, () => {})).toThrow(TreeError);
	const foreign = path.join(tmp, 'foreign');
	fs.mkdirSync(foreign);
	fs.writeFileSync(path.join(foreign, 'f'), 'x');
	expect(() => fetchTree({ url, dir: foreign }, () => {})).toThrow(/not a wgup checkout/);
	expect(() => fetchTree({ ref: 'stable/99', url, dir: path.join(tmp, 'b') }, () => {})).toThrow(/git clone .* failed/);
});
