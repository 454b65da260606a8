/*
 * `wgup matrix` behind the CLI: argument checks, the four modes (run cells, --export, --merge, --vm)
 * and the terminal output. Returns the exit code; errors are thrown with a message that names the bad
 * input and what to do.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCParser } from '@wgup/c-source';
import {
	checkWritableFile, dropScratch, EXIT, keepMarked, makeScratch, parseList, REPO_ROOT, sweepStale, WgupError, writeUserFile,
} from '@wgup/codegen';
import { readCatalogue, resolveCataloguePath } from '@wgup/headers';
import { exportTrees } from './export';
import { parseCells, renderHtml, renderJson, renderTable } from './report';
import { runMatrix } from './run';
import { parseCompiler, parseTarget } from './select';
import type { CellResult } from './types';
import { runQemuMatrix } from './vm/qemu';
import { vmJobs } from './vm/plan';
import { matrixReleases, workspaceInputs } from './workspace';

export interface MatrixCommandOptions {
	readonly releases?: string;
	readonly all?: boolean;
	readonly target?: string;
	readonly cc?: string;
	readonly json?: string;
	readonly html?: string;
	readonly jobs?: string;
	readonly keepWork?: boolean;
	/** false (--no-fail): exit 0 once the reports are written */
	readonly fail?: boolean;
	/** a cell skipped for a missing compiler fails the run too */
	readonly strict?: boolean;
	/** where to look for the compilers (default: $PATH); a compiler not there has its cells skipped */
	readonly path?: string;
	readonly catalogue?: string;
	/** driver sources for the compat target (the compat port's --driver-src) */
	readonly driverSrc?: string;
	readonly export?: string;
	readonly merge?: string;
	readonly expectVm?: boolean;
	readonly vm?: boolean;
	readonly imageDir?: string;
	readonly printFetch?: boolean;
	readonly dryRun?: boolean;
}

export interface CommandIo {
	readonly out: (line: string) => void;
	/** live status line (TTY only) */
	readonly status?: (line: string) => void;
}

const stdoutIo = (): CommandIo => ({
	out: (l) => process.stdout.write(`${l}\n`),
	status: process.stderr.isTTY ? (l) => process.stderr.write(`\r\x1b[K${l.slice(0, (process.stderr.columns || 100) - 1)}`) : undefined,
});

function writeReports(cells: readonly CellResult[], opts: MatrixCommandOptions, io: CommandIo): void {
	if (opts.json) {
		writeUserFile(path.resolve(opts.json), renderJson(cells));
		io.out(`JSON report: ${path.resolve(opts.json)}`);
	}
	if (opts.html) {
		writeUserFile(path.resolve(opts.html), renderHtml(cells));
		io.out(`HTML report: ${path.resolve(opts.html)}`);
	}
}

/* --releases: a non-empty list of rows the model knows ("13.5-RELEASE" is read as "13.5"). */
function releaseList(s: string | undefined): string[] | undefined {
	if (s === undefined) return undefined;
	const names = parseList(s, '--releases');
	const known = matrixReleases().map((r) => r.name);
	for (const n of names) {
		if (!known.includes(n.replace(/-RELEASE$/i, ''))) {
			throw new WgupError(`--releases: unknown release ${JSON.stringify(n)}; known: ${known.join(', ')}`, EXIT.usage);
		}
	}
	return names;
}

const asUsage = <T>(f: () => T): T => {
	try {
		return f();
	} catch (e) {
		throw new WgupError((e as Error).message, EXIT.usage);
	}
};



/** Cells read back from every *.json under dir (VM jobs write one each). */
export function readCellDir(dir: string): CellResult[] {
	if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`--merge: ${dir} is not a directory`);
	const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
	return files.flatMap((f) => parseCells(fs.readFileSync(path.join(dir, f), 'utf8'), path.join(dir, f)));
}

/** With --expect-vm: a failing cell for each planned VM job that wrote nothing. */
export function missingVmCells(cells: readonly CellResult[]): CellResult[] {
	const have = new Set(cells.map((c) => `${c.release} ${c.target} ${c.where ?? ''}`));
	const whereOf = (j: ReturnType<typeof vmJobs>[number]) => (j.runner === 'qemu' ? 'qemu:amd64' : `vm:${j.arch}`);
	return vmJobs().filter((j) => !have.has(`${j.release} ${j.target} ${whereOf(j)}`)).map((j) => ({
		release: j.release, version: j.version, target: j.target, cc: 'clang' as const, ok: false, seconds: 0,
		where: whereOf(j), buildOnly: j.buildOnly, log: `${j.id}: the job wrote no cell (it did not run, or died before run.sh finished)\n`,
		errors: [`${j.id}: no result`], reproduce: [`rerun the ${j.id} job of the freebsd-matrix workflow`],
	}));
}

export async function runMatrixCommand(opts: MatrixCommandOptions, io: CommandIo = stdoutIo()): Promise<number> {
	// every option is checked before any work
	const target = asUsage(() => parseTarget(opts.target ?? 'both'));
	const cc = asUsage(() => parseCompiler(opts.cc ?? 'both'));
	const releases = releaseList(opts.releases);
	if (opts.all && releases) throw new WgupError('give either --releases or --all, not both', EXIT.usage);
	if (opts.json) checkWritableFile(opts.json, '--json');
	if (opts.html) checkWritableFile(opts.html, '--html');
	for (const [flag, dir] of [['--driver-src', opts.driverSrc], ['--merge', opts.merge], ['--image-dir', opts.imageDir]] as const) {
		if (dir !== undefined && !(fs.existsSync(dir) && fs.statSync(dir).isDirectory())) throw new WgupError(`${flag} ${dir} is not a directory`, EXIT.usage);
	}
	const modes = [opts.export && '--export', opts.merge && '--merge', opts.vm && '--vm'].filter(Boolean);
	if (modes.length > 1) throw new WgupError(`${modes.join(' and ')} cannot be combined; give one`, EXIT.usage);
	if ((opts.imageDir || opts.printFetch || opts.dryRun) && !opts.vm) throw new WgupError('--image-dir, --print-fetch and --dry-run go with --vm', EXIT.usage);
	if (opts.expectVm && !opts.merge) throw new WgupError('--expect-vm goes with --merge', EXIT.usage);
	const jobs = opts.jobs === undefined ? undefined : Number(opts.jobs);
	if (jobs !== undefined && !(/^[0-9]+$/.test(opts.jobs!) && jobs > 0)) throw new WgupError(`--jobs must be a positive integer, not "${opts.jobs}"`, EXIT.usage);

	if (opts.merge) {
		const cells = readCellDir(opts.merge);
		const all = opts.expectVm ? [...cells, ...missingVmCells(cells)] : cells;
		if (!all.length) throw new Error(`--merge: no cell JSON files in ${opts.merge}`);
		io.out(renderTable(all).trimEnd());
		writeReports(all, opts, io);
		return all.every((c) => c.ok || (c.skipped && !opts.strict)) ? 0 : 1;
	}

	// scratch an interrupted earlier run left (kept ones, marked, stay for their reproduce commands)
	sweepStale(os.tmpdir(), 'wgup-matrix-inputs-', io.out);
	sweepStale(os.tmpdir(), 'wgup-matrix-', io.out);
	const scratch = makeScratch('matrix-inputs');
	// the generated compat headers stay when a cell failed: its reproduce commands name them
	let keepScratch = false;
	try {
		const catalogue = readCatalogue(resolveCataloguePath(opts.catalogue));
		const inputs = workspaceInputs({ scratch, catalogue, driverSrc: opts.driverSrc, parser: await loadCParser() });
		if (opts.export) {
			for (const line of exportTrees(inputs, path.resolve(opts.export))) io.out(line);
			return 0;
		}
		if (opts.vm) {
			const r = await runQemuMatrix({
				releases: releases ?? [], all: opts.all, target, imageDir: opts.imageDir, printFetch: opts.printFetch,
				dryRun: opts.dryRun, root: REPO_ROOT, inputs, log: io.out,
			});
			if (r.cells.length) {
				io.out(renderTable(r.cells).trimEnd());
				writeReports(r.cells, opts, io);
			}
			return r.ok ? 0 : 1;
		}
		for (const n of inputs.notes ?? []) io.out(n);
		const run = await runMatrix(inputs, { releases, all: opts.all, target, cc, jobs, root: REPO_ROOT, log: io.out, status: io.status, keepWork: opts.keepWork, path: opts.path });
		io.status?.('');
		io.out('');
		io.out(run.table.trimEnd());
		io.out(`${run.cells.length} cell(s) in ${run.seconds.toFixed(1)} s`);
		if (run.workDir) {
			keepScratch = true;
			io.out(`scratch kept for the reproduce commands: ${run.workDir} and ${scratch}`);
		}
		writeReports(run.cells, opts, io);
		const skipped = run.cells.filter((c) => c.skipped).length;
		if (opts.strict && skipped) io.out(`--strict: ${skipped} cell(s) skipped count as failed`);
		return (run.ok && !(opts.strict && skipped)) || opts.fail === false ? 0 : 1;
	} finally {
		if (keepScratch) keepMarked(scratch, 'for the reproduce commands of a matrix run');
		else dropScratch(scratch);
	}
}
