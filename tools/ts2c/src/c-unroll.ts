/*
 * An optimisation on the C syntax tree: fully unrolling short loops with constant bounds. At -O2
 * (the kernel's level) gcc scalarises a local array only when every access has a constant index, and
 * it does not completely unroll loops early enough for that; so `for (i = 0; i < 16; i++) x[i] = ...`
 * keeps the ChaCha20 or BLAKE2s state in memory. Unrolled here, the rounds index their tables with
 * constants and the state lives in registers. Only loops whose counter is not read after the loop,
 * with a literal trip count and a body of plain statements, are unrolled, and only while the
 * unrolled size stays small.
 */
import { mentions, type CExpr, type CStmt } from './c-ast';

const MAX_TRIPS = 16;
const MAX_UNROLLED_STATEMENTS = 96;

function lit(e: CExpr | undefined): bigint | undefined {
	return e?.k === 'lit' && /^\d+$/.test(e.text) ? BigInt(e.text) : undefined;
}

/** Replaces the counter by its value and folds the constant arithmetic that results. */
function substitute(e: CExpr, name: string, value: bigint): CExpr {
	const s = (x: CExpr): CExpr => substitute(x, name, value);
	switch (e.k) {
		case 'id':
			return e.name === name ? { k: 'lit', text: value.toString() } : e;
		case 'lit':
			return e;
		case 'bin': {
			const l = s(e.l);
			const r = s(e.r);
			const a = lit(l);
			const b = lit(r);
			if (a !== undefined && b !== undefined) {
				if (e.op === '+') return { k: 'lit', text: (a + b).toString() };
				if (e.op === '*') return { k: 'lit', text: (a * b).toString() };
				if (e.op === '-' && a >= b) return { k: 'lit', text: (a - b).toString() };
			}
			if (e.op === '+' && a === 0n) return r;
			if ((e.op === '+' || e.op === '-') && b === 0n) return l;
			if (e.op === '*' && (a === 0n || b === 0n)) return { k: 'lit', text: '0' };
			if (e.op === '*' && a === 1n) return r;
			if (e.op === '*' && b === 1n) return l;
			return { ...e, l, r };
		}
		case 'unary':
			return { ...e, e: s(e.e) };
		case 'postfix':
			return { ...e, e: s(e.e) };
		case 'assign':
			return { ...e, l: s(e.l), r: s(e.r) };
		case 'call':
			return { ...e, args: e.args.map(s) };
		case 'index':
			return { ...e, e: s(e.e), i: s(e.i) };
		case 'member':
			return { ...e, e: s(e.e) };
		case 'cast':
			return { ...e, e: s(e.e) };
		case 'cond':
			return { ...e, c: s(e.c), t: s(e.t), f: s(e.f) };
	}
}

function substStmt(st: CStmt, name: string, value: bigint): CStmt {
	switch (st.k) {
		case 'expr':
			return { k: 'expr', e: substitute(st.e, name, value) };
		case 'if':
			return { k: 'if', c: substitute(st.c, name, value), then: st.then.map((x) => substStmt(x, name, value)), else: st.else?.map((x) => substStmt(x, name, value)) };
		default:
			return st;
	}
}

/** Does `name` occur in these statements other than as the fresh initialisation of another for loop? */
function usedIn(stmts: readonly CStmt[], name: string): boolean {
	return stmts.some((st) => {
		switch (st.k) {
			case 'expr':
				return mentions(st.e, name);
			case 'decl':
				return st.name === name || (st.init !== undefined && st.init !== 'zero' && mentions(st.init, name));
			case 'return':
				return mentions(st.e, name);
			case 'if':
				return mentions(st.c, name) || usedIn(st.then, name) || usedIn(st.else ?? [], name);
			case 'while':
			case 'do':
				return mentions(st.c, name) || usedIn(st.body, name);
			case 'block':
				return usedIn(st.body, name);
			case 'for': {
				const freshInit = st.init?.k === 'expr' && st.init.e.k === 'assign' && st.init.e.op === '=' && st.init.e.l.k === 'id' && st.init.e.l.name === name && !mentions(st.init.e.r, name);
				// a loop that assigns the counter afresh starts a new life of it: its uses read their own value
				if (freshInit) return false;
				return usedIn(st.init ? [st.init] : [], name) || mentions(st.c, name) || mentions(st.step, name) || usedIn(st.body, name);
			}
			default:
				return false;
		}
	});
}

function plainBody(body: readonly CStmt[]): boolean {
	return body.every((s) => s.k === 'expr' || s.k === 'comment' || (s.k === 'if' && plainBody(s.then) && plainBody(s.else ?? [])));
}

interface Loop {
	readonly name: string;
	readonly from: bigint;
	readonly to: bigint;
	readonly step: bigint;
}

function constantLoop(st: Extract<CStmt, { k: 'for' }>): Loop | undefined {
	let name: string | undefined;
	let from: bigint | undefined;
	if (st.init?.k === 'expr' && st.init.e.k === 'assign' && st.init.e.op === '=' && st.init.e.l.k === 'id') {
		name = st.init.e.l.name;
		from = lit(st.init.e.r);
	}
	if (!name || from === undefined) return undefined;
	const c = st.c;
	if (!c || c.k !== 'bin' || c.op !== '<' || c.l.k !== 'id' || c.l.name !== name) return undefined;
	const to = lit(c.r);
	if (to === undefined) return undefined;
	let step: bigint | undefined;
	const s = st.step;
	if (s?.k === 'postfix' && s.op === '++' && s.e.k === 'id' && s.e.name === name) step = 1n;
	if (s?.k === 'assign' && s.op === '+=' && s.l.k === 'id' && s.l.name === name) step = lit(s.r);
	if (!step || step <= 0n) return undefined;
	return { name, from, to, step };
}

/** Unrolls the eligible loops of a function body; `rest` is what follows (for the use check). */
function unrollList(stmts: readonly CStmt[], after: readonly CStmt[]): CStmt[] {
	const out: CStmt[] = [];
	stmts.forEach((st, i) => {
		const following = [...stmts.slice(i + 1), ...after];
		if (st.k === 'for') {
			const body = unrollList(st.body, []);
			const loop = constantLoop(st);
			if (loop && plainBody(body) && !usedIn(following, loop.name) && !body.some((b) => b.k === 'expr' && b.e.k === 'assign' && b.e.l.k === 'id' && b.e.l.name === loop.name)) {
				const trips = loop.to > loop.from ? (loop.to - loop.from + loop.step - 1n) / loop.step : 0n;
				const size = body.filter((b) => b.k !== 'comment').length;
				if (trips <= BigInt(MAX_TRIPS) && Number(trips) * size <= MAX_UNROLLED_STATEMENTS) {
					const lead = body.filter((b) => b.k === 'comment');
					const work = body.filter((b) => b.k !== 'comment');
					out.push(...lead);
					for (let v = loop.from; v < loop.to; v += loop.step) out.push(...work.map((b) => substStmt(b, loop.name, v)));
					return;
				}
			}
			out.push({ ...st, body });
			return;
		}
		if (st.k === 'if') {
			out.push({ ...st, then: unrollList(st.then, following), else: st.else ? unrollList(st.else, following) : undefined });
			return;
		}
		if (st.k === 'while' || st.k === 'do') {
			out.push({ ...st, body: unrollList(st.body, [st, ...following]) });
			return;
		}
		out.push(st);
	});
	return out;
}

/** Drops declarations of scalar variables nothing mentions any more (unrolled loop counters). */
function dropUnused(body: readonly CStmt[]): CStmt[] {
	const mentioned = (rest: readonly CStmt[], name: string): boolean => JSON.stringify(rest).includes(JSON.stringify({ k: 'id', name }));
	return body.filter((st, i) => !(st.k === 'decl' && st.init === undefined && st.type.arraySize === undefined && !st.type.pointer && !mentioned(body.slice(i + 1), st.name)));
}

export function unrollConstantLoops(body: readonly CStmt[]): CStmt[] {
	return dropUnused(unrollList(body, []));
}
