/*
 * The compat port (issue 9) composed with a driver checkout builds on every release it supports: the
 * compat target with the driver's own files, compiled by the matrix as a release's kernel would see them.
 * The driver here is tools/compat-port's fixture (written for the tests; it calls the interfaces the
 * real driver calls, through crypto.h, the OCF glue and the sys/crypto functions).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { supportedReleases } from '@wgup/releases';
import { runMatrix } from '../src/run';
import { workspaceInputs } from '../src/workspace';

const FIXTURE_DRIVER = path.join(REPO_ROOT, 'tools', 'compat-port', 'test', 'fixtures', 'driver');

test('the composed compat port with a driver checkout compiles on every supported release', async () => {
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-matrix-compat-port-'));
	try {
		const inputs = workspaceInputs({ scratch, driverSrc: FIXTURE_DRIVER });
		const unit = inputs.unit('compat', inputs.releases[0]);
		expect(unit.sources.map((s) => path.basename(s))).toEqual(expect.arrayContaining(['if_wg.c', 'wg_noise.c', 'wg_cookie.c']));
		const releases = supportedReleases({ target: 'compat' }).map((r) => r.name);
		expect(releases.length).toBeGreaterThanOrEqual(10);
		const run = await runMatrix(inputs, { releases, target: 'compat', cc: 'gcc', root: REPO_ROOT, log: () => {} });
		const failed = run.cells.filter((c) => !c.ok).map((c) => `${c.release} ${c.target} ${c.cc}`);
		expect(failed).toEqual([]);
		expect(run.cells.map((c) => c.release).sort()).toEqual([...releases].sort());
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
}, 600_000);
