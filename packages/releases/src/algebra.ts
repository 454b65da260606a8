/*
 * The version algebra. An interface appears in main at some __FreeBSD_version and may be merged to
 * stable branches, each at its own version; stable branches created from main afterwards inherit it.
 * The versions lacking it are then a finite union of half-open intervals, which this module computes,
 * prints as the shortest C preprocessor expression over __FreeBSD_version it can find, and evaluates.
 * Hand-written guards went wrong four times in the port (DESIGN.md "Facts that bite"); these are derived.
 */
import { branchByName, checkVersion, majorOf } from './releases';

export const VERSION_MACRO = '__FreeBSD_version';

/** Where an interface appeared. */
export interface Availability {
	/** first __FreeBSD_version on main that has it; 0: every version has it; null: not in main (yet) */
	readonly main: number | null;
	/** first version on each stable branch it was merged to ("stable/13" -> 1301506) */
	readonly merged?: Readonly<Record<string, number>>;
}

/** [lo, hi) over __FreeBSD_version; hi === Infinity means unbounded. */
export interface Interval {
	readonly lo: number;
	readonly hi: number;
}

/** Problems with an availability record (empty when it is consistent). */
export function availabilityProblems(a: Availability): string[] {
	const out: string[] = [];
	if (a.main !== null && a.main !== 0) {
		const p = checkVersion('main', a.main);
		if (!p.ok) out.push(`main: ${p.reason}`);
	}
	for (const [branch, v] of Object.entries(a.merged ?? {})) {
		const b = branchByName(branch);
		if (!b || b.name === 'main') {
			out.push(`${branch}: not a stable branch`);
			continue;
		}
		const p = checkVersion(branch, v);
		if (!p.ok) out.push(`${branch}: ${p.reason}`);
		if (a.main !== null && b.first !== null && b.first >= a.main) {
			out.push(`${branch}: branched from main at ${b.first}, after the change landed in main at ${a.main}; ` +
				'it inherits the change, there is no merge to record');
		}
	}
	return out;
}

function normalise(intervals: Interval[]): Interval[] {
	const sorted = intervals.filter((i) => i.hi > i.lo).sort((x, y) => x.lo - y.lo);
	const out: Interval[] = [];
	for (const i of sorted) {
		const last = out[out.length - 1];
		if (last && i.lo <= last.hi) out[out.length - 1] = { lo: last.lo, hi: Math.max(last.hi, i.hi) };
		else out.push(i);
	}
	return out;
}

/** The versions that have the interface. */
export function availableIntervals(a: Availability): Interval[] {
	const has: Interval[] = [];
	if (a.main !== null) has.push({ lo: a.main, hi: Infinity });
	for (const [branch, v] of Object.entries(a.merged ?? {})) {
		const major = Number(branch.replace(/^stable\//, ''));
		// a stable/N value is below (N+1)00000, and main's N.0-CURRENT values are below the merge point
		has.push({ lo: v, hi: (major + 1) * 100000 });
	}
	return normalise(has);
}

/** The versions that lack the interface: the complement of availableIntervals over [0, Infinity). */
export function lackingIntervals(a: Availability): Interval[] {
	const out: Interval[] = [];
	let at = 0;
	for (const i of availableIntervals(a)) {
		if (i.lo > at) out.push({ lo: at, hi: i.lo });
		at = i.hi;
	}
	if (at !== Infinity) out.push({ lo: at, hi: Infinity });
	return out;
}

/** Does a kernel at __FreeBSD_version v lack the interface? */
export function lacks(a: Availability, v: number): boolean {
	return lackingIntervals(a).some((i) => v >= i.lo && v < i.hi);
}

const V = VERSION_MACRO;

/** An interval as a conjunction; `wrap` parenthesises a two-sided one for use inside ||. */
function intervalExpr(i: Interval, wrap: boolean): string {
	if (i.lo <= 0 && i.hi === Infinity) return '1';
	if (i.lo <= 0) return `${V} < ${i.hi}`;
	if (i.hi === Infinity) return `${V} >= ${i.lo}`;
	const both = `${V} >= ${i.lo} && ${V} < ${i.hi}`;
	return wrap ? `(${both})` : both;
}

/** The complement of an interval as a disjunction; `wrap` parenthesises it for use inside &&. */
function outsideExpr(i: Interval, wrap: boolean): string {
	if (i.lo <= 0 && i.hi === Infinity) return '0';
	if (i.lo <= 0) return `${V} >= ${i.hi}`;
	if (i.hi === Infinity) return `${V} < ${i.lo}`;
	const either = `${V} < ${i.lo} || ${V} >= ${i.hi}`;
	return wrap ? `(${either})` : either;
}

/** Candidate spellings of the same set; guardExpression picks the shortest. */
export function guardCandidates(a: Availability): string[] {
	const lack = lackingIntervals(a);
	const has = availableIntervals(a);
	if (!lack.length) return ['0'];
	if (!has.length) return ['1'];
	const many = lack.length > 1;
	const unionOfLacking = lack.map((i) => intervalExpr(i, many)).join(' || ');
	const manyHas = has.length > 1;
	const outsideEveryAvailable = has.map((i) => outsideExpr(i, manyHas)).join(' && ');
	const notAvailable = `!(${has.map((i) => intervalExpr(i, manyHas)).join(' || ')})`;
	return [unionOfLacking, outsideEveryAvailable, notAvailable];
}

/**
 * The shortest C preprocessor expression over __FreeBSD_version that is true exactly for the versions
 * lacking the interface ("0" if none lacks it, "1" if all do). Ties go to the union of lacking ranges,
 * the form a reader checks most easily.
 */
export function guardExpression(a: Availability): string {
	const c = guardCandidates(a);
	return c.reduce((best, x) => (x.length < best.length ? x : best), c[0]);
}

/* ---- evaluating a printed guard (the subset of #if expressions guardExpression prints) ---- */

type Token = { kind: 'num'; value: number } | { kind: 'id'; name: string } | { kind: 'op'; op: string };

function tokenize(expr: string): Token[] {
	const out: Token[] = [];
	const re = /\s*(?:(0[xX][0-9a-fA-F]+|\d+)[uUlL]*|([A-Za-z_]\w*)|(&&|\|\||<=|>=|==|!=|[<>!()]))/y;
	let at = 0;
	while (at < expr.length) {
		if (/^\s*$/.test(expr.slice(at))) break;
		re.lastIndex = at;
		const m = re.exec(expr);
		if (!m) throw new Error(`cannot read guard at column ${at + 1}: ${expr}`);
		if (m[1] !== undefined) out.push({ kind: 'num', value: Number(m[1]) });
		else if (m[2] !== undefined) out.push({ kind: 'id', name: m[2] });
		else out.push({ kind: 'op', op: m[3] });
		at = re.lastIndex;
	}
	return out;
}

/**
 * Evaluate a #if expression of comparisons of __FreeBSD_version with integers joined by &&, || and !
 * for one version, with C's precedence. Identifiers other than __FreeBSD_version are an error.
 */
export function evaluateGuard(expr: string, version: number): boolean {
	const toks = tokenize(expr);
	let pos = 0;
	const peek = () => toks[pos];
	const isOp = (op: string) => peek()?.kind === 'op' && (peek() as { op: string }).op === op;
	const expect = (op: string) => {
		if (!isOp(op)) throw new Error(`expected ${op} in guard: ${expr}`);
		pos++;
	};
	const primary = (): number => {
		const t = peek();
		if (!t) throw new Error(`guard ends early: ${expr}`);
		if (t.kind === 'num') { pos++; return t.value; }
		if (t.kind === 'id') {
			if (t.name !== VERSION_MACRO) throw new Error(`unknown identifier ${t.name} in guard: ${expr}`);
			pos++;
			return version;
		}
		if (t.op === '(') { pos++; const v = or(); expect(')'); return v; }
		if (t.op === '!') { pos++; return primary() ? 0 : 1; }
		throw new Error(`unexpected ${t.op} in guard: ${expr}`);
	};
	const relational = (): number => {
		let l = primary();
		for (;;) {
			const t = peek();
			if (t?.kind !== 'op' || !['<', '<=', '>', '>='].includes(t.op)) return l;
			pos++;
			const r = primary();
			l = Number(t.op === '<' ? l < r : t.op === '<=' ? l <= r : t.op === '>' ? l > r : l >= r);
		}
	};
	const equality = (): number => {
		let l = relational();
		while (isOp('==') || isOp('!=')) {
			const op = (toks[pos++] as { op: string }).op;
			const r = relational();
			l = Number(op === '==' ? l === r : l !== r);
		}
		return l;
	};
	const and = (): number => {
		let l = equality();
		while (isOp('&&')) { pos++; const r = equality(); l = Number(!!l && !!r); }
		return l;
	};
	const or = (): number => {
		let l = and();
		while (isOp('||')) { pos++; const r = and(); l = Number(!!l || !!r); }
		return l;
	};
	const value = or();
	if (pos !== toks.length) throw new Error(`trailing tokens in guard: ${expr}`);
	return value !== 0;
}

/** The versions where the set changes, with their neighbours: what a proof should evaluate. */
export function changePoints(a: Availability): number[] {
	const pts = new Set<number>();
	for (const i of availableIntervals(a)) {
		for (const p of [i.lo, i.hi]) {
			if (Number.isFinite(p) && p > 0) { pts.add(p - 1); pts.add(p); pts.add(p + 1); }
		}
	}
	return [...pts].sort((x, y) => x - y);
}

