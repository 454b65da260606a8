/*
 * The matrix over the real models: the self-test runs the emitted crypto against the TS vectors, a C
 * file added to the overlay joins every cell, and a catalogue missing one shim makes exactly the
 * releases that need it newly fail, naming the interface.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { CATALOGUE } from '@wgup/shims';
import { runMatrix } from '../src/run';
import { defaultRows, matrixReleases, workspaceInputs } from '../src/workspace';

jest.setTimeout(300_000);

let tmp: string;
beforeAll(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-matrix-ws-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const quiet = () => {};

test('rows come from packages/releases: compat from 12.1, in-tree from 13.2, and the three branch heads', () => {
	const rows = matrixReleases();
	expect(rows.filter((r) => r.targets.includes('compat'))[0].name).toBe('12.1');
	expect(rows.filter((r) => r.targets.includes('in-tree'))[0].name).toBe('13.2');
	expect(rows.filter((r) => r.kind === 'branch').map((r) => r.name)).toEqual(['stable/14', 'stable/15', 'main']);
	expect(defaultRows(rows)).toEqual(['12.4', '13.5', '14.5', '15.1', 'main']);
});

test('a cell compiles every overlay C file, a file added later included, and runs the crypto self-test', async () => {
	const root = path.join(tmp, 'root');
	fs.cpSync(path.join(REPO_ROOT, 'freebsd-overlay'), path.join(root, 'freebsd-overlay'), { recursive: true });
	fs.mkdirSync(path.join(root, 'tools', 'ts2c'), { recursive: true });
	fs.symlinkSync(path.join(REPO_ROOT, 'tools', 'ts2c', 'shim'), path.join(root, 'tools', 'ts2c', 'shim'));
	fs.writeFileSync(path.join(root, 'freebsd-overlay', 'sys', 'dev', 'wg', 'wg_new_file.c'), '#include <sys/types.h>\nint wg_new_file;\n');
	const inputs = workspaceInputs({ scratch: path.join(tmp, 's1'), root });
	const run = await runMatrix(inputs, { releases: ['main'], target: 'in-tree', cc: 'gcc', root, log: quiet });
	if (run.workDir) fs.rmSync(run.workDir, { recursive: true, force: true });
	const log = run.cells[0].log;
	for (const f of ['sys/crypto/blake2s.c', 'sys/crypto/chacha20_poly1305.c', 'sys/crypto/curve25519.c', 'sys/dev/wg/wg_new_file.c']) {
		expect(log).toMatch(new RegExp(`(ok  |FAIL) compile freebsd-overlay/${f.replace(/\./g, '\\.')}`));
	}
	expect(log).toMatch(/ok {3}compile freebsd-overlay\/sys\/dev\/wg\/wg_new_file\.c/);
	expect(log).toMatch(/ok {3}selftest-build/);
	expect(log).toMatch(/ok {3}selftest-run/);
	expect(log).toMatch(/ok {3}compat-eval freebsd-overlay\/sys\/dev\/wg\/support\.h: COMPAT_NEED_BLAKE2S/);
});

test('dropping the sbcreatecontrol shim from the catalogue newly fails exactly the releases before 1400059, naming the interface', async () => {
	const broken = { ...CATALOGUE, shims: CATALOGUE.shims.filter((s) => s.id !== 'sbcreatecontrol') };
	expect(broken.shims.length).toBe(CATALOGUE.shims.length - 1);
	const releases = ['13.5', '14.0'];
	const missing = async (catalogue: typeof CATALOGUE, scratch: string) => {
		const run = await runMatrix(workspaceInputs({ scratch: path.join(tmp, scratch), catalogue }), { releases, target: 'compat', cc: 'gcc', root: REPO_ROOT, log: quiet });
		if (run.workDir) fs.rmSync(run.workDir, { recursive: true, force: true });
		return Object.fromEntries(run.cells.map((c) => [c.release, [...(c.missing ?? [])]]));
	};
	const good = await missing(CATALOGUE, 'good');
	const bad = await missing(broken, 'bad');
	const newly = Object.fromEntries(releases.map((r) => [r, bad[r].filter((id) => !good[r].includes(id))]));
	expect(newly).toEqual({ '13.5': ['sbcreatecontrol_wait_arg'], '14.0': [] });
});
