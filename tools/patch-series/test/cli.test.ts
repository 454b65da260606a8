/* `wgup patches` from the command line: help, and a refusal that exits 1 with the reason. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { tmpdir } from './helpers';

const BIN = path.join(REPO_ROOT, 'tools', 'cli', 'bin', 'wgup.js');

test('`wgup patches --help` tells its options', () => {
	const r = spawnSync(process.execPath, [BIN, 'patches', '--help'], { encoding: 'utf8' });
	expect(r.status).toBe(0);
	for (const opt of ['--base <dir>', '--tree <dir>', '--out <dir>', '--version <n>', '--full-context']) expect(r.stdout).toContain(opt);
});

test('a base that is not a git repository: exit 1, the reason, nothing written', () => {
	const dir = tmpdir('cli');
	try {
		const out = path.join(dir, 'out');
		const r = spawnSync(process.execPath, [BIN, 'patches', '--base', dir, '--out', out], { encoding: 'utf8' });
		expect(r.status).toBe(1);
		expect(r.stdout + r.stderr).toMatch(/is not a git repository; give --base the top of a FreeBSD src clone/);
		expect(fs.existsSync(out)).toBe(false);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('without a tree the command says it ran on the stand-in and writes the demonstration beside patches/, not into it', () => {
	const dir = tmpdir('cli-standin');
	try {
		const out = path.join(dir, 'out');
		const env = { ...process.env, WGUP_FREEBSD_SRC: '', WGUP_CACHE: path.join(dir, 'no-cache') };
		const r = spawnSync(process.execPath, [BIN, 'patches', '--out', out], { encoding: 'utf8', env });
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/running on the built-in stand-in; the result is a demonstration, not a series for FreeBSD/);
		expect(fs.readFileSync(path.join(out, '0000-cover-letter.patch'), 'utf8')).toMatch(/^DEMONSTRATION ONLY/m);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
