/*
 * ci/qemu's runner: `wgup matrix --vm --image-dir DIR` boots each row's official FreeBSD image found in
 * DIR under qemu (KVM when /dev/kvm is usable), copies the exported trees and ci/freebsd/ in over ssh,
 * runs the same prepare.sh and run.sh the GitHub workflow runs, and reads the cells back into the
 * local report. It never downloads: --print-fetch prints the URLs (ci/qemu/fetch.sh fetches them).
 * --dry-run prints every command instead of running it. The boot follows ci-vms.md section 5 (virtio
 * disk, user-mode network with ssh forwarded, serial console to a file); BASIC-CI images let root in
 * over ssh with an empty password (release/tools/basic-ci.conf).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dropScratch, keepMarked, makeScratch, sweepStale } from '@wgup/codegen';
import { run, shellCommand, shellQuote } from '../exec';
import { exportTrees } from '../export';
import type { MatrixInputs } from '../inputs';
import { parseCells } from '../report';
import { findRelease } from '../select';
import { TARGETS, type CellResult, type MatrixRelease, type Target } from '../types';
import { imageUrl, QEMU_BRANCHES, releaseSrcUrls, snapshotName, snapshotSrcUrls } from './plan';

export interface QemuOptions {
	readonly releases: readonly string[];
	readonly all?: boolean;
	readonly target: Target | 'both';
	readonly imageDir?: string;
	readonly printFetch?: boolean;
	readonly dryRun?: boolean;
	readonly root: string;
	readonly inputs: MatrixInputs;
	readonly log: (line: string) => void;
	/** /dev/kvm usable (default: probed) */
	readonly kvm?: boolean;
	/** first host port forwarded to a guest's ssh */
	readonly basePort?: number;
	/**
	 * scratch directory (default: a new one under the system temp dir, removed after a run where every
	 * cell passed, kept and marked when one failed: its console logs and disks are the evidence)
	 */
	readonly workDir?: string;
}

export interface QemuRun {
	readonly cells: CellResult[];
	readonly ok: boolean;
	/** every command, as printed (dry run) or run */
	readonly commands: string[];
}

/** One step of a VM session. */
interface Step {
	readonly argv: readonly string[];
	/** shell redirections/pipes around argv, for printing and running through sh */
	readonly shell?: string;
	/** retried until it succeeds, for at most this many seconds */
	readonly retrySeconds?: number;
	/** the step's stdout is a cell JSON for this target */
	readonly cellFor?: Target;
}

const IMAGE_EXT = /\.(raw|qcow2)(\.xz)?$/;

/** The file-name prefix of a row's images: "FreeBSD-15.1-RELEASE-amd64", "FreeBSD-15.*-STABLE-amd64". */
export function imagePattern(row: string): RegExp {
	if (row === 'main') return new RegExp(`^FreeBSD-${snapshotName('main').replace('.', '\\.')}-amd64`);
	if (QEMU_BRANCHES.includes(row) || /^stable\/\d+$/.test(row)) return new RegExp(`^FreeBSD-${row.split('/')[1]}\\.\\d+-STABLE-amd64`);
	return new RegExp(`^FreeBSD-${row.replace('.', '\\.')}-RELEASE-amd64`);
}

/** The image for a row in dir, or a clear error saying what was looked for and how to fetch it. */
export function findImage(dir: string, row: string): string {
	if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
		throw new Error(`--image-dir ${dir} is not a directory; create it and fetch images with: ` +
			`npx wgup matrix --vm --print-fetch --releases ${row} | sh ci/qemu/fetch.sh ${dir}`);
	}
	const re = imagePattern(row);
	const hits = fs.readdirSync(dir).filter((f) => re.test(f) && IMAGE_EXT.test(f)).sort();
	if (!hits.length) {
		throw new Error(`no image for ${row} in ${dir} (looked for ${re.source.replace(/\\/g, '').replace('^', '')}*.raw or .qcow2, optionally .xz); ` +
			`fetch it with: npx wgup matrix --vm --print-fetch --releases ${row} | sh ci/qemu/fetch.sh ${dir}`);
	}
	// an uncompressed image is preferred over its .xz (no decompression needed)
	return path.join(dir, hits.find((h) => !h.endsWith('.xz')) ?? hits[0]);
}

export function kvmUsable(): boolean {
	try {
		fs.accessSync('/dev/kvm', fs.constants.R_OK | fs.constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

const SSH_OPTS = ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR',
	'-o', 'ConnectTimeout=5', '-o', 'BatchMode=yes'];

function srcUrls(row: MatrixRelease): string[] {
	return row.kind === 'branch' ? snapshotSrcUrls(row.name) : releaseSrcUrls(row.name);
}

/** Every command of one row's session, in order. */
export function planSession(row: MatrixRelease, targets: readonly Target[], image: string, work: string, port: number,
	kvm: boolean): Step[] {
	const ssh = (...cmd: string[]): string[] => ['ssh', ...SSH_OPTS, '-p', String(port), 'root@127.0.0.1', ...cmd];
	const xz = image.endsWith('.xz');
	const fmt = /\.qcow2(\.xz)?$/.test(image) ? 'qcow2' : 'raw';
	const base = xz ? path.join(work, `base.${fmt}`) : image;
	const disk = path.join(work, 'disk.qcow2');
	const stage = path.join(work, 'stage');
	const steps: Step[] = [];
	if (xz) steps.push({ argv: ['xz', '-dc', image], shell: `> ${shellQuote(base)}` });
	steps.push({ argv: ['qemu-img', 'create', '-q', '-f', 'qcow2', '-F', fmt, '-b', base, disk, '20G'] });
	steps.push({
		argv: ['qemu-system-x86_64', ...(kvm ? ['-enable-kvm', '-cpu', 'host'] : ['-cpu', 'max']), '-m', '4096', '-smp', '2',
			'-display', 'none', '-serial', `file:${path.join(work, 'console.log')}`,
			'-drive', `if=none,id=hd0,file=${disk},format=qcow2`, '-device', 'virtio-blk-pci,drive=hd0',
			'-nic', `user,model=virtio-net-pci,hostfwd=tcp:127.0.0.1:${port}-:22`,
			'-pidfile', path.join(work, 'qemu.pid'), '-daemonize'],
	});
	steps.push({ argv: ssh('uname', '-a'), retrySeconds: 600 });
	steps.push({ argv: ['tar', '-C', stage, '-cf', '-', '.'], shell: `| ${shellCommand(ssh('mkdir -p /root/wgup && tar -C /root/wgup -xf -'))}` });
	steps.push({ argv: ssh('sh', '/root/wgup/ci/freebsd/prepare.sh', ...srcUrls(row)) });
	for (const t of targets) {
		steps.push({ argv: ssh(`cd /root/wgup && sh ci/freebsd/run.sh --release ${row.name} --target ${t} --tree tree --out cells/${t}.json --where qemu:amd64`) });
		steps.push({ argv: ssh('cat', `/root/wgup/cells/${t}.json`), cellFor: t });
	}
	steps.push({ argv: ssh('poweroff') });
	steps.push({ argv: ['sh', '-c', `pid=$(cat ${shellQuote(path.join(work, 'qemu.pid'))}); while kill -0 "$pid" 2>/dev/null; do sleep 1; done`], retrySeconds: 0 });
	return steps;
}

export const printStep = (s: Step): string => `${shellCommand(s.argv)}${s.shell ? ` ${s.shell}` : ''}${s.retrySeconds ? `    # retried until it answers, up to ${s.retrySeconds} s` : ''}`;

async function execStep(s: Step): Promise<{ ok: boolean; output: string }> {
	const once = () => (s.shell ? run(['sh', '-c', printStep({ ...s, retrySeconds: undefined })], { timeoutMs: 3 * 3600_000 }) : run(s.argv, { timeoutMs: 3 * 3600_000 }));
	const until = Date.now() + (s.retrySeconds ?? 0) * 1000;
	for (;;) {
		const r = await once();
		if (r.ok || Date.now() >= until) return r;
		await new Promise((res) => setTimeout(res, 5000));
	}
}

export async function runQemuMatrix(opts: QemuOptions): Promise<QemuRun> {
	const rows = opts.all ? opts.inputs.releases.filter((r) => r.kind === 'branch')
		: opts.releases.map((n) => findRelease(opts.inputs, n));
	if (!rows.length) throw new Error('--vm needs --releases (e.g. --releases stable/15,main) or --all (the branch heads)');
	const targets: Target[] = opts.target === 'both' ? [...TARGETS] : [opts.target];
	const commands: string[] = [];
	if (opts.printFetch) {
		for (const r of rows) {
			opts.log(imageUrl(r.name));
		}
		return { cells: [], ok: true, commands };
	}
	if (!opts.imageDir) throw new Error('--vm needs --image-dir DIR holding the images (list their URLs with --print-fetch)');
	const images = rows.map((r) => findImage(opts.imageDir!, r.name));
	const kvm = opts.kvm ?? kvmUsable();
	// a run's scratch holds a decompressed image and an overlay disk per VM (gigabytes): one an
	// interrupted earlier run left is removed, unless it was kept on purpose
	const ours = !opts.workDir && !opts.dryRun;
	if (ours) sweepStale(os.tmpdir(), 'wgup-qemu-', opts.log);
	const work = opts.workDir ?? (opts.dryRun ? path.join(os.tmpdir(), 'wgup-qemu-dry-run') : makeScratch('qemu'));
	opts.log(`qemu: ${rows.length} VM(s), ${kvm ? 'KVM' : 'no KVM: TCG emulation (slow)'}, work in ${work}`);
	const cells: CellResult[] = [];
	let finished = false;
	try {
		await bootEach();
		finished = true;
	} finally {
		if (ours && finished && cells.every((c) => c.ok)) dropScratch(work);
		else if (ours) {
			keepMarked(work, 'the console logs and disks of a failed qemu matrix run');
			opts.log(`kept ${work} (console.log and disk of each VM) for the failed cells; remove it when done`);
		}
	}
	return { cells, ok: cells.every((c) => c.ok), commands };

	async function bootEach(): Promise<void> {
		for (const [i, row] of rows.entries()) {
			const rowWork = path.join(work, row.name.replace('/', '-'));
			const stage = path.join(rowWork, 'stage');
			const rowTargets = targets.filter((t) => row.targets.includes(t));
			if (!opts.dryRun) {
				fs.mkdirSync(path.join(stage, 'ci'), { recursive: true });
				fs.cpSync(path.join(opts.root, 'ci', 'freebsd'), path.join(stage, 'ci', 'freebsd'), { recursive: true });
				exportTrees(opts.inputs, path.join(stage, 'tree'));
			}
			opts.log(`# ${row.name}: ${images[i]}`);
			commands.push(`# stage ${stage}: ci/freebsd/ and \`npx wgup matrix --export ${path.join(stage, 'tree')}\``);
			for (const step of planSession(row, rowTargets, images[i], rowWork, (opts.basePort ?? 10022) + i, kvm)) {
				const line = printStep(step);
				commands.push(line);
				if (opts.dryRun) {
					opts.log(line);
					continue;
				}
				const started = Date.now();
				const r = await execStep(step);
				if (step.cellFor && r.ok) {
					cells.push(...parseCells(r.output, `${row.name} ${step.cellFor}`));
				} else if (!r.ok) {
					opts.log(`FAIL ${line}\n${r.output}`);
					// leave no VM behind
					await run(['sh', '-c', `[ -f ${shellQuote(path.join(rowWork, 'qemu.pid'))} ] && kill "$(cat ${shellQuote(path.join(rowWork, 'qemu.pid'))})" || true`]);
					for (const t of rowTargets.filter((x) => !cells.some((c) => c.release === row.name && c.target === x))) {
						cells.push({
							release: row.name, version: row.version, target: t, cc: 'clang', ok: false, where: 'qemu:amd64',
							seconds: Math.round((Date.now() - started) / 1000), log: r.output, errors: r.output.split('\n').slice(0, 12),
							reproduce: [`npx wgup matrix --vm --image-dir ${opts.imageDir} --releases ${row.name} --target ${t}`, line],
						});
					}
					break;
				}
			}
		}
	}
}
