/*
 * The three views of a matrix run: a terminal table, JSON (one object per cell, the format the VM jobs
 * write too, so one merge step reads both) and a standalone HTML grid. Rows are releases ordered by
 * __FreeBSD_version; columns are target x compiler (x where, for VM cells).
 */
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

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));

function state(c: CellResult | undefined): string {
	if (!c) return '-';
	return `${c.ok ? 'ok' : 'FAIL'}${c.buildOnly ? ' (build only)' : ''} ${c.seconds.toFixed(1)}s`;
}

/** The terminal table, then the failing cells' first errors and how to reproduce them. */
export function renderTable(cells: readonly CellResult[]): string {
	const grid = buildGrid(cells);
	const head = ['release', ...grid.columns];
	const body = grid.rows.map((r) => [`${r.release} (${r.version})`, ...grid.columns.map((col) => state(grid.cell(r.release, col)))]);
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
	const line = (row: string[]) => row.map((v, i) => pad(v, widths[i])).join('  ').trimEnd();
	const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
	const failed = cells.filter((c) => !c.ok);
	out.push('', `${cells.length - failed.length}/${cells.length} cells passed`);
	for (const c of failed) {
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

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A standalone page: the grid, green/red cells, a failing cell's first errors inside it. */
export function renderHtml(cells: readonly CellResult[], title = 'wgup build matrix'): string {
	const grid = buildGrid(cells);
	const failed = cells.filter((c) => !c.ok).length;
	const rows = grid.rows.map((r) => {
		const tds = grid.columns.map((col) => {
			const c = grid.cell(r.release, col);
			if (!c) return '<td class="cell none" data-state="none">&ndash;</td>';
			const st = c.ok ? 'pass' : 'fail';
			const label = `${c.ok ? 'pass' : 'FAIL'}${c.buildOnly ? ' (build only)' : ''}`;
			const detail = c.ok ? '' : [
				c.missing?.length ? `<div class="missing">missing: ${esc(c.missing.join(', '))}</div>` : '',
				`<pre class="errors">${esc((c.errors ?? []).join('\n'))}</pre>`,
				c.reproduce?.length ? `<div class="repro">reproduce: <code>${esc(c.reproduce[0])}</code></div>` : '',
			].join('');
			return `<td class="cell ${st}" data-state="${st}" data-release="${esc(c.release)}" data-column="${esc(col)}" title="${esc(c.log)}">` +
				`<span class="state">${label}</span> <span class="secs">${c.seconds.toFixed(1)}s</span>${detail}</td>`;
		}).join('');
		return `<tr><th scope="row">${esc(r.release)}<br><small>${r.version}</small></th>${tds}</tr>`;
	}).join('\n');
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse}
th,td{border:1px solid #bbb;padding:.35em .6em;vertical-align:top;text-align:left}
thead th{background:#eee}
td.pass{background:#c8efc8}
td.fail{background:#f6c3c3;max-width:36em}
td.none{background:#f4f4f4;color:#999}
.secs{color:#555;font-size:.85em}
pre.errors{white-space:pre-wrap;font-size:.8em;margin:.3em 0}
.missing{font-weight:bold}
</style></head>
<body>
<h1>${esc(title)}</h1>
<p id="summary" data-total="${cells.length}" data-failed="${failed}">${cells.length - failed} of ${cells.length} cells passed</p>
<table id="matrix">
<thead><tr><th>release</th>${grid.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}
