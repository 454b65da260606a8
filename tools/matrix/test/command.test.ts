/*
 * `wgup matrix` as a user meets it: the qemu runner's dry run prints the exact commands, argument
 * errors say what is wrong and what to do, --merge folds VM cells into the report (and counts jobs that
 * wrote nothing), --export lays out the trees a VM builds.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KEPT_MARKER, REPO_ROOT } from '@wgup/codegen';
import { runMatrixCommand, type MatrixCommandOptions } from '../src/command';
import { planSession, runQemuMatrix } from '../src/vm/qemu';
import { vmJobs } from '../src/vm/plan';
import { matrixReleases, workspaceInputs } from '../src/workspace';
import { onPath } from '../src/tools';
import type { CellResult } from '../src/types';

jest.setTimeout(120_000);

let tmp: string;
beforeAll(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-matrix-cmd-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cmd(opts: MatrixCommandOptions): Promise<{ code: number; out: string[] }> {
	const out: string[] = [];
	const code = await runMatrixCommand(opts, { out: (l) => out.push(l) });
	return { code, out };
}

describe('--vm (qemu runner)', () => {
	test('--print-fetch prints the official snapshot image URLs, one a line', async () => {
		const { code, out } = await cmd({ vm: true, printFetch: true, releases: 'stable/15,main' });
		expect(code).toBe(0);
		expect(out).toEqual([
			expect.stringMatching(/^https:\/\/download\.freebsd\.org\/snapshots\/CI-IMAGES\/15\.\d-STABLE\/amd64\/Latest\/FreeBSD-15\.\d-STABLE-amd64-BASIC-CI-ufs\.raw\.xz$/),
			expect.stringMatching(/^https:\/\/download\.freebsd\.org\/snapshots\/CI-IMAGES\/\d+\.0-CURRENT\/amd64\/Latest\/FreeBSD-\d+\.0-CURRENT-amd64-BASIC-CI-ufs\.raw\.xz$/),
		]);
	});

	test('the dry run prints the exact session: decompress, overlay disk, boot with KVM, ssh in, prepare, run, collect, power off', async () => {
		const images = path.join(tmp, 'images');
		fs.mkdirSync(images, { recursive: true });
		const image = path.join(images, 'FreeBSD-15.1-STABLE-amd64-BASIC-CI-ufs.raw.xz');
		fs.writeFileSync(image, '');
		const inputs = workspaceInputs({ scratch: path.join(tmp, 'scratch') });
		const log: string[] = [];
		const work = '/w';
		const r = await runQemuMatrix({ releases: ['stable/15'], target: 'compat', imageDir: images, dryRun: true, root: '/repo', inputs, log: (l) => log.push(l), kvm: true, workDir: work });
		expect(r.cells).toEqual([]);
		const ssh = 'ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=5 -o BatchMode=yes -p 10022 root@127.0.0.1';
		const row = matrixReleases().find((x) => x.name === 'stable/15')!;
		expect(r.commands.slice(1)).toEqual([
			`xz -dc ${image} > /w/stable-15/base.raw`,
			'qemu-img create -q -f qcow2 -F raw -b /w/stable-15/base.raw /w/stable-15/disk.qcow2 20G',
			'qemu-system-x86_64 -enable-kvm -cpu host -m 4096 -smp 2 -display none -serial file:/w/stable-15/console.log ' +
				'-drive if=none,id=hd0,file=/w/stable-15/disk.qcow2,format=qcow2 -device virtio-blk-pci,drive=hd0 ' +
				'-nic user,model=virtio-net-pci,hostfwd=tcp:127.0.0.1:10022-:22 -pidfile /w/stable-15/qemu.pid -daemonize',
			`${ssh} uname -a    # retried until it answers, up to 600 s`,
			`tar -C /w/stable-15/stage -cf - . | ${ssh} 'mkdir -p /root/wgup && tar -C /root/wgup -xf -'`,
			`${ssh} sh /root/wgup/ci/freebsd/prepare.sh https://download.freebsd.org/snapshots/amd64/15.1-STABLE/src.txz`,
			`${ssh} 'cd /root/wgup && sh ci/freebsd/run.sh --release stable/15 --target compat --tree tree --out cells/compat.json --where qemu:amd64'`,
			`${ssh} cat /root/wgup/cells/compat.json`,
			`${ssh} poweroff`,
			'sh -c \'pid=$(cat /w/stable-15/qemu.pid); while kill -0 "$pid" 2>/dev/null; do sleep 1; done\'',
		]);
		expect(log.join('\n')).toContain(r.commands[3]);
		// without KVM the same boot emulates the CPU
		const tcg = planSession(row, ['compat'], image, '/w', 10022, false).map((s) => s.argv.join(' '));
		expect(tcg.find((c) => c.startsWith('qemu-system'))).toMatch(/^qemu-system-x86_64 -cpu max -m 4096/);
	});

	test('a run that fails keeps its scratch, marked, and an interrupted run\'s scratch is swept first', async () => {
		const images = path.join(tmp, 'images-bad');
		fs.mkdirSync(images, { recursive: true });
		// not xz data: the first step (decompress) fails, as a truncated download would
		fs.writeFileSync(path.join(images, 'FreeBSD-15.1-STABLE-amd64-BASIC-CI-ufs.raw.xz'), 'not an image\n');
		// what a run killed two days ago would have left (a pid no process has, an old mtime)
		const stale = path.join(os.tmpdir(), `wgup-qemu-999999-${(process.pid & 0xffff).toString(16).padStart(8, '0')}`);
		fs.mkdirSync(stale, { recursive: true });
		const old = new Date(Date.now() - 2 * 24 * 3600_000);
		fs.utimesSync(stale, old, old);
		const inputs = workspaceInputs({ scratch: path.join(tmp, 'scratch-bad') });
		const log: string[] = [];
		let kept = '';
		try {
			const r = await runQemuMatrix({ releases: ['stable/15'], target: 'compat', imageDir: images, root: REPO_ROOT, inputs, log: (l) => log.push(l), kvm: true });
			kept = /^qemu: .* work in (\S+)$/m.exec(log.join('\n'))?.[1] ?? '';
			expect(r.ok).toBe(false);
			expect(r.cells).toEqual([expect.objectContaining({ release: 'stable/15', target: 'compat', ok: false })]);
			expect(fs.existsSync(stale)).toBe(false);
			expect(log).toContain(`removed ${stale}: left by an interrupted earlier run`);
			expect(path.basename(kept)).toMatch(new RegExp(`^wgup-qemu-${process.pid}-[0-9a-f]{8}$`));
			expect(fs.existsSync(path.join(kept, KEPT_MARKER))).toBe(true);
			expect(log.join('\n')).toContain(`kept ${kept} (console.log and disk of each VM) for the failed cells`);
		} finally {
			fs.rmSync(stale, { recursive: true, force: true });
			if (kept) fs.rmSync(kept, { recursive: true, force: true });
		}
	});

	test('a missing image or an unknown release is a clear error', async () => {
		const empty = path.join(tmp, 'empty');
		fs.mkdirSync(empty, { recursive: true });
		await expect(cmd({ vm: true, imageDir: empty, releases: 'main', dryRun: true }))
			.rejects.toThrow(/no image for main in .*empty \(looked for FreeBSD-\d+\.0-CURRENT-amd64\*\.raw or \.qcow2, optionally \.xz\); fetch it with: npx wgup matrix --vm --print-fetch --releases main \| sh ci\/qemu\/fetch\.sh/);
		await expect(cmd({ vm: true, imageDir: path.join(tmp, 'nope'), releases: 'main' })).rejects.toThrow(/--image-dir .*nope is not a directory/);
		await expect(cmd({ vm: true, imageDir: empty, releases: 'stable/99' })).rejects.toThrow(/unknown release "stable\/99"; known: 12\.1, .*, main/);
		await expect(cmd({ vm: true, releases: 'main' })).rejects.toThrow(/--vm needs --image-dir DIR/);
		await expect(cmd({ dryRun: true })).rejects.toThrow(/go with --vm/);
		await expect(cmd({ cc: 'tcc' })).rejects.toThrow(/unknown compiler "tcc"/);
		await expect(cmd({ jobs: '0' })).rejects.toThrow(/--jobs must be a positive integer/);
	});
});

describe('--merge', () => {
	const cell = (release: string, target: 'in-tree' | 'compat', where: string, ok: boolean): CellResult =>
		({ release, version: 1501000, target, cc: 'clang', ok, seconds: 100, log: 'x\n', where });

	test('cells from VM jobs become the same table and reports; a failing cell fails the merge', async () => {
		const dir = path.join(tmp, 'cells');
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify(cell('15.1', 'compat', 'vm:amd64', true)));
		fs.writeFileSync(path.join(dir, 'b.json'), JSON.stringify([cell('15.1', 'in-tree', 'vm:amd64', false), cell('15.1', 'compat', 'vm:aarch64', true)]));
		const html = path.join(tmp, 'merged.html');
		const { code, out } = await cmd({ merge: dir, html });
		expect(code).toBe(1);
		expect(out.join('\n').split('\n')[0]).toMatch(/^release\s+in-tree clang vm:amd64\s+compat clang vm:aarch64\s+compat clang vm:amd64$/);
		expect(out.join('\n')).toMatch(/2\/3 cells passed/);
		expect(fs.readFileSync(html, 'utf8')).toMatch(/data-state="fail" data-release="15\.1" data-column="in-tree clang vm:amd64"/);
	});

	test('--expect-vm counts every planned job that wrote no cell as failed', async () => {
		const dir = path.join(tmp, 'cells2');
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify(cell('15.1', 'compat', 'vm:amd64', true)));
		const json = path.join(tmp, 'merged.json');
		const { code } = await cmd({ merge: dir, expectVm: true, json });
		expect(code).toBe(1);
		const cells = JSON.parse(fs.readFileSync(json, 'utf8')) as CellResult[];
		const planned = vmJobs();
		expect(cells).toHaveLength(planned.length);
		expect(cells.filter((c) => c.ok)).toHaveLength(1);
		expect(cells.filter((c) => c.where === 'qemu:amd64').map((c) => `${c.release} ${c.target}`)).toContain('main compat');
		expect(cells.find((c) => c.release === '12.4' && c.where === 'vm:amd64')).toMatchObject({ ok: false, buildOnly: true, errors: ['vm-12.4-compat-amd64: no result'] });
	});
});

test('--export lays out the overlay over a src tree and an out-of-tree compat module with its Makefile', async () => {
	const dir = path.join(tmp, 'export');
	const { code, out } = await cmd({ export: dir });
	expect(code).toBe(0);
	expect(out.join('\n')).toMatch(/in-tree: \d+ file\(s\)/);
	expect(fs.existsSync(path.join(dir, 'in-tree', 'sys', 'crypto', 'blake2s.c'))).toBe(true);
	expect(fs.existsSync(path.join(dir, 'compat', 'compat.h'))).toBe(true);
	const mk = fs.readFileSync(path.join(dir, 'compat', 'Makefile'), 'utf8');
	expect(mk).toMatch(/^KMOD=\s+if_wg$/m);
	expect(mk).toMatch(/-include \$\{\.CURDIR\}\/compat\.h/);
	expect(mk).toMatch(/^\.include <bsd\.kmod\.mk>$/m);
	// every C file the matrix compiles for the compat target is one the Makefile builds
	for (const f of fs.readdirSync(path.join(dir, 'compat')).filter((x) => x.endsWith('.c'))) expect(mk).toContain(f);
});

describe('a missing compiler', () => {
	test('is one line, its cells are skipped (table, JSON, HTML), and the run passes if every cell that ran passed', async () => {
		const bin = path.join(tmp, 'bin-gcc-only');
		fs.mkdirSync(bin, { recursive: true });
		fs.symlinkSync(onPath('gcc')!, path.join(bin, 'gcc'));
		const json = path.join(tmp, 'skip.json');
		const html = path.join(tmp, 'skip.html');
		const { code, out } = await cmd({ releases: 'main,15.1', target: 'in-tree', path: bin, json, html });
		const text = out.join('\n');
		expect(out.filter((l) => /clang/.test(l) && /not found/.test(l))).toEqual(['clang not found: 2 cells skipped (apt-get install clang)']);
		expect(text).not.toMatch(/reproduce:.*clang/);
		expect(text).toMatch(/^2\/2 cells passed, 2 skipped$/m);
		expect(text).toMatch(/^main \(\d+\)\s+ok \d+\.\ds\s+skipped$/m);
		expect(code).toBe(0);
		const cells = JSON.parse(fs.readFileSync(json, 'utf8')) as CellResult[];
		expect(cells.map((c) => `${c.release} ${c.cc} ${c.ok} ${c.skipped ?? '-'}`).sort()).toEqual([
			'15.1 clang false clang not found (apt-get install clang)', '15.1 gcc true -',
			'main clang false clang not found (apt-get install clang)', 'main gcc true -',
		]);
		const page = fs.readFileSync(html, 'utf8');
		expect(page.match(/data-state="skipped"/g)).toHaveLength(2);
		expect(page).toMatch(/data-total="4" data-failed="0" data-skipped="2"/);
	});

	test('--strict makes a skipped cell fail the run; a failed cell fails it either way', async () => {
		const dir = path.join(tmp, 'cells-skip');
		fs.mkdirSync(dir, { recursive: true });
		const c = (cc: 'gcc' | 'clang', ok: boolean, skipped?: string): CellResult =>
			({ release: 'main', version: 1600000, target: 'compat', cc, ok, seconds: 1, log: 'x\n', where: 'local', ...(skipped ? { skipped } : {}) });
		fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify([c('gcc', true), c('clang', false, 'clang not found (apt-get install clang)')]));
		expect((await cmd({ merge: dir })).code).toBe(0);
		expect((await cmd({ merge: dir, strict: true })).code).toBe(1);
		fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify([c('gcc', false), c('clang', false, 'clang not found (apt-get install clang)')]));
		expect((await cmd({ merge: dir })).code).toBe(1);
	});
});

