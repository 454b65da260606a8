/*
 * The plain-text table every wgup command that prints one uses (status, matrix, the benches): columns as wide
 * as their widest cell, two spaces apart (or `| a | b |` for markdown), left- or right-aligned per column, an
 * optional rule under the head, no trailing blanks. Pure; returns the lines.
 */

export type Align = 'left' | 'right';

export interface TableOptions {
	/** per column; default left. Missing entries are left. */
	readonly align?: readonly Align[];
	/** a line of dashes under the head (plain style; markdown always has one) */
	readonly rule?: boolean;
	/** 'plain' (default): columns two spaces apart; 'markdown': a GitHub table */
	readonly style?: 'plain' | 'markdown';
}

/** The table's lines: head (when given), rule, then rows. Every row must have the head's number of cells. */
export function formatTable(head: readonly string[] | null, rows: readonly (readonly string[])[], options: TableOptions = {}): string[] {
	const all = head ? [head, ...rows] : [...rows];
	if (!all.length) return [];
	const n = all[0].length;
	all.forEach((r, i) => {
		if (r.length !== n) throw new RangeError(`table row ${i} has ${r.length} cells, the first has ${n}`);
	});
	const widths = Array.from({ length: n }, (_, i) => Math.max(...all.map((r) => r[i].length)));
	const cell = (v: string, i: number) => (options.align?.[i] === 'right' ? v.padStart(widths[i]) : v.padEnd(widths[i]));
	if (options.style === 'markdown') {
		const line = (r: readonly string[]) => `| ${r.map(cell).join(' | ')} |`;
		const rule = `| ${widths.map((w, i) => (options.align?.[i] === 'right' ? `${'-'.repeat(Math.max(w - 1, 1))}:` : '-'.repeat(Math.max(w, 1)))).join(' | ')} |`;
		return head ? [line(head), rule, ...rows.map(line)] : rows.map(line);
	}
	const line = (r: readonly string[]) => r.map(cell).join('  ').trimEnd();
	const out = head ? [line(head)] : [];
	if (head && options.rule) out.push(widths.map((w) => '-'.repeat(w)).join('  '));
	return [...out, ...rows.map(line)];
}
