/*
 * `wgup matrix`: select the cells, run them across the machine's cores with a progress display, and
 * write the reports. The scratch directory is removed when every cell passed and kept (and named)
 * when one failed, so the printed reproduce commands still work.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { dropScratch, keepMarked, makeScratch, writeUserFile } from '@wgup/codegen';
import { cellId, createCellContext, runCell } from './cell';
import type { MatrixInputs } from './inputs';
import { runPool } from './pool';
import { renderHtml, renderJson, renderTable, tally } from './report';
import { selectCells, type Selection } from './select';
import { missingCompiler } from './tools';
import type { CellResult, CellSpec } from './types';

export interface MatrixRunOptions extends Selection {
	readonly json?: string;
	readonly html?: string;
	/** parallel cells; default os.availableParallelism() */
	readonly jobs?: number;
	/** repository root (paths in logs are relative to it) */
	readonly root: string;
	readonly log: (line: string) => void;
	/** a live status line (a TTY overwrites it); omitted: one line per finished cell through log */
	readonly status?: (line: string) => void;
	readonly keepWork?: boolean;
	/** PATH to look for the compilers on (tests); default process.env.PATH */
	readonly path?: string;
}

export interface MatrixRun {
	readonly cells: CellResult[];
	readonly skipped: string[];
	readonly seconds: number;
	readonly table: string;
	/** the scratch directory, when kept */
	readonly workDir?: string;
	/** every cell that ran passed (cells skipped for a missing compiler do not count) */
	readonly ok: boolean;
}

export async function runMatrix(inputs: MatrixInputs, options: MatrixRunOptions): Promise<MatrixRun> {
	const { cells: selected, skipped } = selectCells(inputs, options);
	const jobs = options.jobs ?? os.availableParallelism();
	const started = process.hrtime.bigint();
	for (const s of skipped) options.log(`skip ${s}: the target does not support this release`);
	/* a missing compiler is one line, not a failure per cell: its cells are reported as skipped */
	const missing = new Map([...new Set(selected.map((c) => c.cc))].map((cc) => [cc, missingCompiler(cc, options.path)] as const));
	const notRun: CellResult[] = selected.filter((c) => missing.get(c.cc)).map((c) => ({
		release: c.release.name, version: c.release.version, target: c.target, cc: c.cc, ok: false, seconds: 0,
		where: 'local', skipped: missing.get(c.cc), log: `${cellId(c)}: not run, ${missing.get(c.cc)}\n`,
	}));
	for (const note of tally(notRun).skipNotes) options.log(note);
	const specs = selected.filter((c) => !missing.get(c.cc));
	const workDir = makeScratch('matrix');
	options.log(`matrix: ${specs.length} cell(s) on ${jobs} core(s)`);
	let done = 0;
	let failed = 0;
	const running = new Set<string>();
	const status = () => options.status?.(`[${done}/${specs.length}] ${failed ? `${failed} failed, ` : ''}running: ${[...running].join(', ')}`);
	let cells: CellResult[];
	try {
		const ctx = createCellContext(inputs, workDir, options.root);
		cells = await runPool(specs, jobs, async (spec: CellSpec) => {
			running.add(cellId(spec));
			status();
			const r = await runCell(ctx, spec);
			running.delete(cellId(spec));
			done++;
			if (!r.ok) failed++;
			if (!options.status || !r.ok) options.log(`[${done}/${specs.length}] ${r.ok ? 'ok  ' : 'FAIL'} ${cellId(spec)} ${r.seconds.toFixed(1)}s`);
			status();
			return r;
		});
	} catch (err) {
		dropScratch(workDir);
		throw err;
	}
	/* nothing ran (no compiler at all): nothing was proven, so that is not a pass */
	const ok = cells.length > 0 && cells.every((c) => c.ok);
	cells = [...cells, ...notRun];
	const keep = options.keepWork || !ok;
	// a kept directory is marked so that a later run's sweep of interrupted scratch leaves it alone
	if (keep) keepMarked(workDir, 'for the reproduce commands of a matrix run');
	else dropScratch(workDir);
	if (options.json) writeUserFile(path.resolve(options.json), renderJson(cells));
	if (options.html) writeUserFile(path.resolve(options.html), renderHtml(cells));
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	return { cells, skipped, seconds, table: renderTable(cells, { skipNotes: false }), workDir: keep ? workDir : undefined, ok };
}
