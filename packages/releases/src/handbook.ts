/*
 * The Porter's Handbook __FreeBSD_version table as data (src/data/freebsd-version-table.json, vendored
 * unchanged from ../shared/facts/freebsd-version-table.json; its `source` field names the freebsd-doc
 * commit it was read from). It maps a src commit or a date to the version bump that carries it, fills
 * evidence, and brackets the change points no source dated. It has no RELEASE rows for several releases
 * (13.2, 14.0 among them): releases keep their own evidence.
 */
import TABLE from './data/freebsd-version-table.json';

export interface HandbookRow {
	readonly value: number;
	/** the src commit the handbook names (may be abbreviated, an svn revision, or empty) */
	readonly commit: string;
	/** YYYY-MM-DD, or '' where the handbook gives none */
	readonly date: string;
	/** main, stable/N or releng/N.M as the text implies; '' when unclear */
	readonly branch: string;
	readonly text: string;
}

export const HANDBOOK_SOURCE: string = (TABLE as { source: string }).source;
export const HANDBOOK_URL = 'https://docs.freebsd.org/en/books/porters-handbook/versions/';
export const HANDBOOK_ROWS: readonly HandbookRow[] = (TABLE as { rows: HandbookRow[] }).rows;

const byValue = new Map<number, HandbookRow>(HANDBOOK_ROWS.map((r) => [r.value, r]));

/** The handbook row of a version value, if the handbook lists it. */
export function handbookRow(value: number): HandbookRow | undefined {
	return byValue.get(value);
}

/** Rows whose commit is (an abbreviation of) the given commit id, or whose id abbreviates it. */
export function rowsForCommit(commit: string): HandbookRow[] {
	const c = commit.toLowerCase();
	if (c.length < 7) return [];
	return HANDBOOK_ROWS.filter((r) => r.commit.length >= 7 && (r.commit.startsWith(c) || c.startsWith(r.commit.toLowerCase())));
}

/** Which branch's rows a branch name selects: "main", "stable/13" (main rows of 13.0-CURRENT are not stable/13's). */
const onBranch = (branch: string) => (r: HandbookRow) => r.branch === branch && r.date !== '';

/**
 * The version bump in effect on a branch on a date: the highest-valued row of that branch dated on or
 * before it (the handbook lists a few rows out of date order, so the value, not the row order, decides).
 */
export function versionOnDate(branch: string, date: string): HandbookRow | undefined {
	let best: HandbookRow | undefined;
	for (const r of HANDBOOK_ROWS.filter(onBranch(branch))) {
		if (r.date <= date && (!best || r.value > best.value)) best = r;
	}
	return best;
}

/** A change point the sources did not date, held between two handbook rows of its branch. */
export interface Bracket {
	readonly branch: string;
	/** the last listed bump known not to have the change (or undefined: no lower bound) */
	readonly after?: HandbookRow;
	/** the first listed bump known to have it (or undefined: no upper bound) */
	readonly by?: HandbookRow;
	/** "1400066 (2022-08-18) < change <= 1400069 (2022-09-22)" */
	readonly text: string;
}

const show = (r: HandbookRow | undefined, none: string) => (r ? `${r.value} (${r.date || 'undated'})` : none);

/**
 * The handbook rows around a value v that no source confirmed: the nearest listed row of the branch
 * below v and the row at (or first above) v. A kernel between them may or may not have the change.
 */
export function bracketOf(branch: string, v: number): Bracket {
	const rows = HANDBOOK_ROWS.filter((r) => r.branch === branch).sort((a, b) => a.value - b.value);
	const after = [...rows].reverse().find((r) => r.value < v);
	const by = rows.find((r) => r.value >= v);
	return { branch, after, by, text: `${show(after, 'no earlier row')} < change <= ${show(by, 'no later row')} on ${branch}` };
}
