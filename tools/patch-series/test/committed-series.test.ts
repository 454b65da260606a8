/*
 * CI fails on drift: patches/ must be exactly the series computed today from freebsd-overlay/ against
 * the real tree (../shared/freebsd-main-snapshot; CI always has it). A clone without ../shared and
 * without WGUP_FREEBSD_SRC reports these tests skipped with the reason: patches/ was not made from the
 * stand-in and cannot be checked against it. The committed series is also run, not just written:
 * applied to the tree, every C file it adds compiles.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { describeWithTree, gitRepoOf } from '@wgup/freebsd-src';
import { renderStubHeaders } from '@wgup/kernel-api';
import { computeSeries } from '../src/compute';
import { freebsdVersion } from '../src/tree';
import { sh, snapshot, tmpdir } from './helpers';

jest.setTimeout(120_000);

/** The command patches/ is made with, as its cover letter prints it. */
const COMMITTED_COMMAND = 'npx wgup patches --tree ../shared/freebsd-main-snapshot';

const committed = path.join(REPO_ROOT, 'patches');
const scratch = tmpdir('committed');
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describeWithTree('patches/ (the series against the real tree)', (tree) => {
	test('is the series computed today from freebsd-overlay/ against the tree', async () => {
		const out = path.join(scratch, 'patches');
		await computeSeries({ out, tree, overlayDir: path.join(REPO_ROOT, 'freebsd-overlay'), command: COMMITTED_COMMAND });
		const want = snapshot(out);
		const have = Object.fromEntries(Object.entries(snapshot(committed)).filter(([f]) => /^\d{4}-/.test(f)));
		const stale = [...new Set([...Object.keys(want), ...Object.keys(have)])].sort().filter((f) => want[f] !== have[f]);
		if (stale.length) {
			throw new Error(
				`patches/ is out of date with freebsd-overlay/, tools/patch-series or the tree ${tree} (${stale.join(', ')}).\n` +
					`Regenerate it with \`${COMMITTED_COMMAND}\` (or \`npx wgup all\` with that tree) and commit patches/ with your change.`,
			);
		}
		expect(fs.readdirSync(committed)).toContain('0000-cover-letter.patch');
	});

	test('applied to the tree, the C files it adds compile with gcc and clang', () => {
		const base = gitRepoOf(tree, 'wgup-ps-committed-');
		try {
			const patches = fs.readdirSync(committed).filter((f) => /^\d{4}-/.test(f) && !f.startsWith('0000-')).sort();
			expect(patches.length).toBeGreaterThan(0);
			sh(base, 'am', '-q', ...patches.map((f) => path.join(committed, f)));
			const added = sh(base, 'diff', '--name-only', '--diff-filter=A', 'HEAD~' + patches.length, 'HEAD').split('\n').filter((f) => f.endsWith('.c'));
			expect(added.length).toBeGreaterThan(0);
			const stubs = path.join(scratch, 'stubs');
			for (const [p, text] of Object.entries(renderStubHeaders(freebsdVersion(tree)!))) {
				fs.mkdirSync(path.dirname(path.join(stubs, p)), { recursive: true });
				fs.writeFileSync(path.join(stubs, p), text);
			}
			const failures: string[] = [];
			for (const cc of ['gcc', 'clang']) {
				for (const f of added) {
					try {
						// the kernel-api stubs for what a sparse tree lacks, then the tree's own sys/ for the series' new headers
						execFileSync(cc, ['-std=gnu99', '-fsyntax-only', '-nostdinc', '-ffreestanding', '-D_KERNEL', '-Wall', '-Wextra', '-Werror', `-I${stubs}`, '-Isys', f], { cwd: base, stdio: 'pipe' });
					} catch (err) {
						failures.push(`${cc} ${f}:\n${String((err as { stderr?: Buffer }).stderr ?? err)}`);
					}
				}
			}
			expect(failures).toEqual([]);
		} finally {
			fs.rmSync(base, { recursive: true, force: true });
		}
	});
});
