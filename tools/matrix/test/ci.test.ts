/*
 * The generated VM matrix: the workflow passes a real workflow linter (@action-validator/cli, the
 * GitHub workflow JSON schema), its jobs are exactly the release model's, its shell passes shellcheck,
 * and run.sh, driven with stand-ins for the FreeBSD commands, writes a cell the merge step accepts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { RELEASES } from '@wgup/releases';
import { parseCells } from '../src/report';
import { matrixCiGenerator, renderWorkflow, WORKFLOW_PATH } from '../src/vm/generator';
import { VMACTIONS_RELEASES, VMACTIONS_VERSION, vmJobs } from '../src/vm/plan';

// real compilers on a shared 2-core machine: generous per-test time
jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..', '..');
const VALIDATOR = path.join(ROOT, 'node_modules', '.bin', 'action-validator');

function validate(text: string): { ok: boolean; output: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-wf-'));
	try {
		const file = path.join(dir, 'wf.yml');
		fs.writeFileSync(file, text);
		const r = spawnSync(VALIDATOR, [file], { encoding: 'utf8' });
		return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

test('the workflow passes action-validator, and a broken one does not (the linter really runs)', () => {
	const wf = renderWorkflow();
	expect(validate(wf)).toEqual({ ok: true, output: '' });
	const broken = validate(wf.replace('    runs-on: ubuntu-latest\n', '    runs_on: ubuntu-latest\n'));
	expect(broken.ok).toBe(false);
	expect(broken.output).toMatch(/runs_on/);
});

test('the workflow\'s jobs are the release model\'s: every release x target with an image, aarch64 for the newest per branch, snapshots under QEMU', () => {
	const wf = parse(renderWorkflow());
	const vm = wf.jobs.vm.strategy.matrix.include as Array<Record<string, unknown>>;
	const qemu = wf.jobs.qemu.strategy.matrix.include as Array<Record<string, unknown>>;
	const expected: string[] = [];
	const newest = new Map<string, string>();
	for (const r of RELEASES) if (VMACTIONS_RELEASES.includes(r.name)) newest.set(r.branch, r.name);
	for (const r of RELEASES.filter((x) => VMACTIONS_RELEASES.includes(x.name))) {
		for (const t of [...(r.inTreeDriver ? ['in-tree'] : []), ...(r.compatPort ? ['compat'] : [])]) {
			expected.push(`${r.name} ${t} amd64`);
			if (newest.get(r.branch) === r.name) expected.push(`${r.name} ${t} aarch64`);
		}
	}
	expect(vm.map((j) => `${j.release} ${j.target} ${j.arch}`)).toEqual(expected);
	expect(vm.map((j) => `${j.release} ${j.target} ${j.arch}`)).toEqual(expect.arrayContaining(['12.4 compat amd64', '13.5 in-tree aarch64', '15.1 compat aarch64']));
	expect(vm.filter((j) => j.build_only).map((j) => j.id)).toEqual(['vm-12.4-compat-amd64', 'vm-12.4-compat-aarch64']);
	expect(qemu.map((j) => `${j.release} ${j.target}`)).toEqual(['stable/14 in-tree', 'stable/14 compat', 'stable/15 in-tree', 'stable/15 compat', 'main in-tree', 'main compat']);
	expect([...vm, ...qemu].map((j) => j.id)).toEqual(vmJobs().map((j) => j.id));
	expect(wf.jobs.report.needs).toEqual(['vm', 'qemu']);
	const uses = (job: string) => (wf.jobs[job].steps as Array<{ uses?: string }>).map((s) => s.uses).filter(Boolean) as string[];
	expect(uses('vm')).toContain(`vmactions/freebsd-vm@${VMACTIONS_VERSION}`);
	// every action pinned to a full version tag vX.Y.Z
	for (const u of ['vm', 'qemu', 'report'].flatMap(uses)) expect(u).toMatch(/@v\d+\.\d+\.\d+$/);
});

test('the shell the workflow runs passes shellcheck as POSIX sh', () => {
	const scripts = matrixCiGenerator.plan().filter((f) => f.path.endsWith('.sh')).map((f) => path.join(ROOT, f.path));
	expect(scripts.length).toBeGreaterThanOrEqual(5);
	const r = spawnSync('shellcheck', ['-x', '-P', 'SCRIPTDIR', '-s', 'sh', ...scripts], { encoding: 'utf8' });
	expect(`${r.stdout}${r.stderr}`).toBe('');
	expect(r.status).toBe(0);
	for (const s of scripts) expect(fs.readFileSync(s, 'utf8').split('\n')[0]).toBe('#!/bin/sh');
	expect(fs.existsSync(path.join(ROOT, WORKFLOW_PATH))).toBe(true);
});

describe('run.sh with stand-ins for make, kldload and sysctl', () => {
	let dir: string;
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-runsh-'));
		const ci = path.join(dir, 'ci', 'freebsd');
		fs.mkdirSync(ci, { recursive: true });
		for (const f of matrixCiGenerator.plan().filter((p) => p.path.startsWith('ci/freebsd/'))) fs.writeFileSync(path.join(dir, f.path), f.render());
		fs.writeFileSync(path.join(ci, 'netns.sh'), 'echo "battery: \\"quoted\\" \\\\ and a tab\there"; [ -z "$FAKE_BATTERY_FAIL" ]\n');
		const bin = path.join(dir, 'bin');
		fs.mkdirSync(bin);
		const fake = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
		fake('make', 'if [ -n "$FAKE_MAKE_FAIL" ]; then echo "if_wg.c:10:2: error: use of undeclared identifier \'M_WAITOK\'"; exit 1; fi\n' +
			'while [ $# -gt 0 ]; do if [ "$1" = -C ]; then d=$2; fi; shift; done; touch "$d/if_wg.ko"');
		fake('sysctl', 'case "$2" in hw.ncpu) echo 2 ;; kern.osreldate) echo 1501000 ;; esac');
		fake('kldstat', 'exit 1');
		fake('kldload', 'echo "loaded $1"');
		fake('kldunload', 'echo "unloaded $1"');
		fake('cc', 'echo "FreeBSD clang version 19.1.7"');
		fs.mkdirSync(path.join(dir, 'tree', 'compat'), { recursive: true });
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	const runSh = (env: Record<string, string>, extra: string[] = []) => {
		const out = path.join(dir, 'out', 'cell.json');
		fs.rmSync(out, { force: true });
		execFileSync('sh', ['ci/freebsd/run.sh', '--release', '15.1', '--target', 'compat', '--tree', 'tree', '--out', out, ...extra], {
			cwd: dir, env: { ...process.env, PATH: `${path.join(dir, 'bin')}:${process.env.PATH}`, FAKE_MAKE_FAIL: '', FAKE_BATTERY_FAIL: '', ...env }, stdio: 'pipe',
		});
		return { out, cell: parseCells(fs.readFileSync(out, 'utf8'), out)[0] };
	};

	test('a passing job writes a cell in the local format, log escaped', () => {
		const { out, cell } = runSh({});
		expect(cell).toMatchObject({ release: '15.1', version: 1501000, target: 'compat', cc: 'clang', ok: true, buildOnly: false, where: 'vm:amd64' });
		expect(cell.log).toMatch(/ok {3}kldload/);
		expect(cell.log).toContain('battery: "quoted" \\ and a tab\there');
		expect(spawnSync('sh', ['ci/freebsd/cell-ok.sh', out], { cwd: dir }).status).toBe(0);
	});

	test('a failing build is a failing cell with the compiler\'s error and the failing command', () => {
		const { out, cell } = runSh({ FAKE_MAKE_FAIL: '1' });
		expect(cell.ok).toBe(false);
		expect(cell.errors!.join('\n')).toMatch(/error: use of undeclared identifier 'M_WAITOK'/);
		expect(cell.reproduce![1]).toBe('build_compat');
		expect(cell.log).not.toMatch(/kldload/);
		expect(spawnSync('sh', ['ci/freebsd/cell-ok.sh', out], { cwd: dir }).status).toBe(1);
	});

	test('a failing smoke battery fails the cell; --build-only skips it', () => {
		const failed = runSh({ FAKE_BATTERY_FAIL: '1' }).cell;
		expect(failed.ok).toBe(false);
		expect(failed.log).toMatch(/FAIL smoke-battery/);
		const buildOnly = runSh({ FAKE_BATTERY_FAIL: '1' }, ['--build-only', '--arch', 'aarch64']).cell;
		expect(buildOnly).toMatchObject({ ok: true, buildOnly: true, where: 'vm:aarch64' });
		expect(buildOnly.log).not.toMatch(/smoke-battery/);
	});
});
