/*
 * CI fails on drift: patches/ must be exactly the series `npx wgup patches` computes today from
 * freebsd-overlay/ against the built-in stand-in base.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { computeSeries } from '../src/compute';
import { snapshot, tmpdir } from './helpers';

jest.setTimeout(120_000);

test('patches/ is the series computed from freebsd-overlay/ against the built-in base', async () => {
	const dir = tmpdir('drift');
	try {
		const out = path.join(dir, 'patches');
		await computeSeries({ out, overlayDir: path.join(REPO_ROOT, 'freebsd-overlay'), command: 'npx wgup patches' });
		const want = snapshot(out);
		const committed = path.join(REPO_ROOT, 'patches');
		const have = Object.fromEntries(Object.entries(snapshot(committed)).filter(([f]) => /^\d{4}-/.test(f)));
		const stale = [...new Set([...Object.keys(want), ...Object.keys(have)])].sort().filter((f) => want[f] !== have[f]);
		if (stale.length) {
			throw new Error(
				`patches/ is out of date with freebsd-overlay/ and tools/patch-series (${stale.join(', ')}).\n` +
					'Regenerate it with `npx wgup patches` (or `npx wgup all`) and commit patches/ with your change.',
			);
		}
		expect(fs.readdirSync(committed)).toContain('0000-cover-letter.patch');
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
