/*
 * The three views of a matrix run: a terminal table, JSON (one object per cell, the format the VM jobs
 * write too, so one merge step reads both) and a standalone HTML grid. Rows are releases ordered by
 * __FreeBSD_version; columns are target x compiler (x where, for VM cells).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Handlebars from 'handlebars';
import { formatTable } from '@wgup/table';
import type { CellResult } from './types';

export interface Grid {
	readonly rows: ReadonlyArray<{ readonly release: string; readonly version: number }>;
	readonly columns: readonly string[];
	cell(release: string, column: string): CellResult | undefined;
}

const TARGET_ORDER = ['in-tree', 'compat'];
const CC_ORDER = ['gcc', 'clang'];

export function columnOf(c: Pick<CellResult, 'target' | 'cc' | 'where'>): string {
	return `${c.target} ${c.cc}${c.where && c.where !== 'local' ? ` ${c.where}` : ''}`;
}

export function buildGrid(cells: readonly CellResult[]): Grid {
	const rows = new Map<string, { release: string; version: number }>();
	for (const c of cells) rows.set(c.release, { release: c.release, version: c.version });
	const colCells = new Map<string, CellResult>();
	for (const c of cells) colCells.set(columnOf(c), c);
	const rank = (c: CellResult) => [TARGET_ORDER.indexOf(c.target), CC_ORDER.indexOf(c.cc), c.where ?? ''] as const;
	const columns = [...colCells.entries()].sort(([, a], [, b]) => {
		const [x, y] = [rank(a), rank(b)];
		return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
	}).map(([k]) => k);
	const byKey = new Map(cells.map((c) => [`${c.release}\u0000${columnOf(c)}`, c]));
	return {
		rows: [...rows.values()].sort((a, b) => a.version - b.version || (a.release < b.release ? -1 : 1)),
		columns,
		cell: (release, column) => byKey.get(`${release}\u0000${column}`),
	};
}

/** 'pass', 'fail', or 'skipped' (the cell did not run: its compiler is missing). */
export function cellState(c: CellResult): 'pass' | 'fail' | 'skipped' {
	return c.skipped ? 'skipped' : c.ok ? 'pass' : 'fail';
}

export interface Tally {
	readonly passed: number;
	readonly failed: number;
	readonly skipped: number;
	/** one line per distinct reason a cell was skipped: "clang not found: 9 cells skipped (apt-get install clang)" */
	readonly skipNotes: readonly string[];
	/** "9/9 cells passed, 9 skipped" */
	readonly summary: string;
}

export function tally(cells: readonly CellResult[]): Tally {
	const n = (st: string) => cells.filter((c) => cellState(c) === st).length;
	const [passed, failed, skipped] = [n('pass'), n('fail'), n('skipped')];
	const reasons = new Map<string, number>();
	for (const c of cells) if (c.skipped) reasons.set(c.skipped, (reasons.get(c.skipped) ?? 0) + 1);
	const skipNotes = [...reasons].map(([why, k]) => skipNote(why, k));
	return { passed, failed, skipped, skipNotes, summary: `${passed}/${passed + failed} cells passed${skipped ? `, ${skipped} skipped` : ''}` };
}

/** A skip reason is "<what> not found (<install command>)"; the note puts the count in the middle. */
export function skipNote(reason: string, count: number): string {
	const m = /^(.*?) \((.*)\)$/.exec(reason);
	const cells = `${count} cell${count === 1 ? '' : 's'} skipped`;
	return m ? `${m[1]}: ${cells} (${m[2]})` : `${reason}: ${cells}`;
}

function state(c: CellResult | undefined): string {
	if (!c) return '-';
	if (c.skipped) return 'skipped';
	return `${c.ok ? 'ok' : 'FAIL'}${c.buildOnly ? ' (build only)' : ''} ${c.seconds.toFixed(1)}s`;
}

/**
 * The terminal table, the tally (with a line per reason cells were skipped, unless the caller printed those
 * already), then the failing cells' first errors and how to reproduce them.
 */
export function renderTable(cells: readonly CellResult[], options: { skipNotes?: boolean } = {}): string {
	const grid = buildGrid(cells);
	const head = ['release', ...grid.columns];
	const body = grid.rows.map((r) => [`${r.release} (${r.version})`, ...grid.columns.map((col) => state(grid.cell(r.release, col)))]);
	const out = formatTable(head, body, { rule: true });
	const t = tally(cells);
	out.push('', t.summary, ...(options.skipNotes === false ? [] : t.skipNotes));
	for (const c of cells.filter((x) => cellState(x) === 'fail')) {
		out.push('', `FAIL ${c.release} ${c.target} ${c.cc}${c.missing?.length ? ` — missing interface: ${c.missing.join(', ')}` : ''}`);
		for (const e of c.errors ?? []) out.push(`    ${e}`);
		for (const r of c.reproduce ?? []) out.push(`  reproduce: ${r}`);
	}
	return `${out.join('\n')}\n`;
}

export function renderJson(cells: readonly CellResult[]): string {
	return `${JSON.stringify(cells, null, 2)}\n`;
}

const CELL_KEYS = ['release', 'version', 'target', 'cc', 'ok', 'seconds', 'log'] as const;

/** Read cells back from JSON (one cell object or an array of them), checking the fields every cell has. */
export function parseCells(text: string, source: string): CellResult[] {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (err) {
		throw new Error(`${source}: not JSON (${(err as Error).message})`);
	}
	const list = Array.isArray(data) ? data : [data];
	return list.map((c, i) => {
		const missing = CELL_KEYS.filter((k) => !(c && typeof c === 'object' && k in c));
		if (missing.length) throw new Error(`${source}: cell ${i} lacks ${missing.join(', ')}`);
		return c as CellResult;
	});
}

const HTML_TEMPLATE = path.join(__dirname, '..', 'templates', 'report.html.hbs');
let htmlTemplate: Handlebars.TemplateDelegate | undefined;

/** A standalone page (templates/report.html.hbs, handlebars with HTML escaping): the grid, one coloured cell per result. */
export function renderHtml(cells: readonly CellResult[], title = 'wgup build matrix'): string {
	htmlTemplate ??= Handlebars.create().compile(fs.readFileSync(HTML_TEMPLATE, 'utf8'), { strict: false });
	const grid = buildGrid(cells);
	const t = tally(cells);
	const rows = grid.rows.map((r) => ({
		release: r.release,
		version: r.version,
		cells: grid.columns.map((column) => {
			const c = grid.cell(r.release, column);
			if (!c) return { none: true };
			const st = cellState(c);
			const fail = st === 'fail';
			return {
				state: st, release: c.release, column, cellLog: c.log, skipped: c.skipped,
				label: st === 'skipped' ? 'skipped' : `${c.ok ? 'pass' : 'FAIL'}${c.buildOnly ? ' (build only)' : ''}`,
				secs: st === 'skipped' ? undefined : `${c.seconds.toFixed(1)}s`,
				missing: fail && c.missing?.length ? c.missing.join(', ') : undefined,
				errors: fail ? (c.errors ?? []).join('\n') : undefined,
				reproduce: fail ? c.reproduce?.[0] : undefined,
			};
		}),
	}));
	return htmlTemplate({ title, total: cells.length, failed: t.failed, skipped: t.skipped, summary: t.summary, skipNotes: t.skipNotes, columns: grid.columns, rows });
}
