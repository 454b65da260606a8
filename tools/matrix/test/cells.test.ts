/*
 * The cell engine on the fixture model: real gcc compiles against generated stub headers, the probe
 * names the interface a release lacks, the self-test binary is built and run, and a failing cell's
 * printed command reproduces the failure on its own.
 */
import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import { runMatrix } from '../src/run';
import { fixtureInputs } from './fixtures/model';

// real compilers on a shared 2-core machine: generous per-test time
jest.setTimeout(120_000);

const ROOT = `${__dirname}/../../..`;
const quiet = () => {};

test('a good catalogue passes every selected cell and runs the self-test with the release\'s COMPAT_NEED_* set', async () => {
	const run = await runMatrix(fixtureInputs(), { releases: ['12.4', '14.3', 'main'], cc: 'gcc', root: ROOT, log: quiet });
	expect(run.cells.map((c) => [c.release, c.target, c.ok])).toEqual([
		['12.4', 'compat', true], ['14.3', 'in-tree', true], ['14.3', 'compat', true], ['main', 'in-tree', true], ['main', 'compat', true],
	]);
	expect(run.skipped).toEqual(['12.4 in-tree']);
	expect(run.workDir).toBeUndefined();
	const old = run.cells.find((c) => c.release === '12.4')!;
	// 12.4 predates sys/crypto/chacha20_poly1305 (1400048; stable/13 1301506): compat.h asks for it
	expect(old.log).toMatch(/compat-eval .*COMPAT_NEED_BLAKE2S COMPAT_NEED_CHACHA20POLY1305/);
	expect(old.log).toMatch(/ok {3}selftest-run/);
	expect(run.cells.find((c) => c.release === 'main' && c.target === 'compat')!.log).not.toMatch(/COMPAT_NEED_CHACHA20POLY1305/);
	expect(old.log).toMatch(/ok {3}compile tools\/matrix\/test\/fixtures\/compat\/if_wg_compat\.c/);
	expect(old.log).toMatch(/ok {3}probe probe \(3 interfaces\)/);
});

test('a catalogue missing one shim fails exactly the releases that need it, naming the interface', async () => {
	const run = await runMatrix(fixtureInputs({ compatDir: 'compat-broken' }),
		{ releases: ['12.4', '13.5', '14.3', '15.0', 'main'], target: 'compat', cc: 'gcc', root: ROOT, log: quiet });
	try {
		// sbcreatecontrol gained its wait argument at 1400059: 12.4 and 13.5 need the shim, 14.3 on do not
		expect(run.cells.map((c) => [c.release, c.ok])).toEqual([['12.4', false], ['13.5', false], ['14.3', true], ['15.0', true], ['main', true]]);
		for (const c of run.cells.filter((x) => !x.ok)) expect(c.missing).toEqual(['sbcreatecontrol_wait_arg']);
		expect(run.table).toMatch(/FAIL 12\.4 compat gcc — missing interface: sbcreatecontrol_wait_arg/);
		const bad = run.cells[0];
		expect(bad.errors!.join('\n')).toMatch(/error/);
		expect(bad.reproduce![0]).toBe('npx wgup matrix --releases 12.4 --target compat --cc gcc');
		// the printed compiler command fails the same way when run alone (the scratch dir is kept)
		expect(run.workDir && fs.existsSync(run.workDir)).toBeTruthy();
		let out = '';
		try {
			execSync(bad.reproduce![1], { stdio: 'pipe' });
		} catch (e) {
			out = String((e as { stderr: Buffer }).stderr);
		}
		expect(out).toMatch(/sbcreatecontrol/);
	} finally {
		if (run.workDir) fs.rmSync(run.workDir, { recursive: true, force: true });
	}
});

test('a self-test vector mismatch fails the cell at selftest-run', async () => {
	const run = await runMatrix(fixtureInputs({ selftestDefines: { FIXTURE_BREAK: null } }),
		{ releases: ['main'], target: 'compat', cc: 'gcc', root: ROOT, log: quiet });
	try {
		expect(run.cells[0].ok).toBe(false);
		expect(run.cells[0].log).toMatch(/FAIL selftest-run/);
		expect(run.cells[0].errors!.join('\n')).toMatch(/mismatch/);
	} finally {
		if (run.workDir) fs.rmSync(run.workDir, { recursive: true, force: true });
	}
});
