/*
 * nx's cache cannot hide a broken committed file: in a copy of this checkout (so no other test sees the edit),
 * `nx test ocf-glue` is run, then served from the cache, then - after deleting the crp_etype check from the
 * committed wg_crypto_ocf.c - run again for real, and it fails. The runs are limited to the drift test (an nx
 * argument, hashed like any other) to keep this fast; the inputs that decide the cache are the same for all.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { GLUE_C } from '../src';

jest.setTimeout(300_000);

function copyCheckout(dest: string): void {
	const r = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`git ls-files: ${r.stderr}`);
	for (const rel of r.stdout.split('\0').filter(Boolean)) {
		const from = path.join(REPO_ROOT, rel);
		if (!fs.existsSync(from)) continue; /* deleted in the working tree */
		fs.mkdirSync(path.dirname(path.join(dest, rel)), { recursive: true });
		fs.copyFileSync(from, path.join(dest, rel));
		fs.chmodSync(path.join(dest, rel), fs.statSync(from).mode & 0o777);
	}
	fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dest, 'node_modules'));
}

/* what nx prints for a task served from the cache */
const HIT = /read the output from the cache|existing outputs match the cache|\[local cache\]/;

function nxTest(root: string): { status: number | null; out: string } {
	const r = spawnSync(process.execPath, [require.resolve('nx/bin/nx'), 'test', 'ocf-glue',
		'--outputStyle=static', '--', 'drift.test'], {
		cwd: root, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', CI: 'true' },
	});
	return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('an edited committed overlay file makes `nx test ocf-glue` run again, and fail', () => {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-nx-cache-'));
	const glue = path.join(root, GLUE_C);
	try {
		copyCheckout(root);
		const first = nxTest(root);
		expect({ status: first.status, hit: HIT.test(first.out) }).toEqual({ status: 0, hit: false });
		const second = nxTest(root);
		expect({ status: second.status, hit: HIT.test(second.out) }).toEqual({ status: 0, hit: true });

		const text = fs.readFileSync(glue, 'utf8');
		const broken = text.replace(/\tif \(ret == 0\)\n\t\tret = crp\.crp_etype;\n/, '');
		expect(broken).not.toBe(text);
		fs.writeFileSync(glue, broken);
		const third = nxTest(root);
		expect({ status: third.status === 0 ? 0 : 'failed', hit: HIT.test(third.out) }).toEqual({ status: 'failed', hit: false });
		expect(third.out).toMatch(/the committed glue is the generator's output/);
	} finally {
		fs.rmSync(root, { recursive: true, force: true });
	}
});
