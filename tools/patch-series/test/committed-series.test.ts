/*
 * CI fails on drift: patches/ must be exactly the series `npx wgup patches` computes today from
 * freebsd-overlay/ against the built-in stand-in base. And the committed series is run, not just
 * written: applied to the stand-in, every C file it adds compiles against the kernel-api stub headers of
 * the base's __FreeBSD_version.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { renderStubHeaders } from '@wgup/kernel-api';
import { computeSeries, createStandinRepo } from '../src/compute';
import { loadConfig } from '../src/config';
import { DEFAULT_PROFILE, STANDIN_PROFILES } from '../src/standin';
import { stripComments } from '../src/tree';
import { sh, snapshot, tmpdir } from './helpers';

jest.setTimeout(120_000);

const committed = path.join(REPO_ROOT, 'patches');
const scratch = tmpdir('committed');
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

test('patches/ is the series computed from freebsd-overlay/ against the built-in base', async () => {
	const out = path.join(scratch, 'patches');
	await computeSeries({ out, overlayDir: path.join(REPO_ROOT, 'freebsd-overlay'), command: 'npx wgup patches' });
	const want = snapshot(out);
	const have = Object.fromEntries(Object.entries(snapshot(committed)).filter(([f]) => /^\d{4}-/.test(f)));
	const stale = [...new Set([...Object.keys(want), ...Object.keys(have)])].sort().filter((f) => want[f] !== have[f]);
	if (stale.length) {
		throw new Error(
			`patches/ is out of date with freebsd-overlay/ and tools/patch-series (${stale.join(', ')}).\n` +
				'Regenerate it with `npx wgup patches` (or `npx wgup all`) and commit patches/ with your change.',
		);
	}
	expect(fs.readdirSync(committed)).toContain('0000-cover-letter.patch');
});

test('the C files patches/ adds compile in the patched stand-in with gcc and clang', async () => {
	const config = loadConfig();
	const tree = path.join(scratch, 'tree');
	fs.mkdirSync(tree);
	await createStandinRepo(tree, DEFAULT_PROFILE, { ...config.author, date: config.date });
	const patches = fs.readdirSync(committed).filter((f) => /^\d{4}-/.test(f) && !f.startsWith('0000-')).sort();
	sh(tree, 'am', '-q', ...patches.map((f) => path.join(committed, f)));
	// the driver in the patched tree no longer needs the port's headers or switches
	const driver = fs
		.readdirSync(path.join(tree, 'sys/dev/wg'), { withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => [e.name, fs.readFileSync(path.join(tree, 'sys/dev/wg', e.name), 'utf8')] as const);
	expect(driver.filter(([, t]) => /COMPAT_NEED_|#include "(support|compat)\.h"/.test(stripComments(t))).map(([f]) => f)).toEqual([]);
	expect(driver.map(([f]) => f)).not.toEqual(expect.arrayContaining(['support.h']));
	const root = sh(tree, 'rev-list', '--max-parents=0', 'HEAD').trim();
	const added = sh(tree, 'diff', '--name-only', '--diff-filter=A', root, 'HEAD').split('\n').filter((f) => f.endsWith('.c'));
	expect(added.length).toBeGreaterThan(0);
	const stubs = path.join(scratch, 'stubs');
	for (const [p, text] of Object.entries(renderStubHeaders(STANDIN_PROFILES[DEFAULT_PROFILE].version))) {
		fs.mkdirSync(path.dirname(path.join(stubs, p)), { recursive: true });
		fs.writeFileSync(path.join(stubs, p), text);
	}
	const failures: string[] = [];
	for (const cc of ['gcc', 'clang']) {
		for (const f of added) {
			try {
				// the tree's own sys/ first: the series' new headers win over the stubs of a kernel without them
				execFileSync(cc, ['-std=gnu99', '-fsyntax-only', '-nostdinc', '-ffreestanding', '-D_KERNEL', '-Wall', '-Wextra', '-Werror', '-Isys', `-I${stubs}`, `-I${path.dirname(f)}`, f], { cwd: tree, stdio: 'pipe' });
			} catch (err) {
				failures.push(`${cc} ${f}:\n${String((err as { stderr?: Buffer }).stderr ?? err)}`);
			}
		}
	}
	expect(failures).toEqual([]);
});
