/*
 * An optimisation on the C syntax tree: a local array is declared `= { 0 }` because TypeScript's
 * `new Uint32Array(16)` is zeroed, but where every element is written before anything reads the
 * array the zeroing is dead work (X25519's field elements, fe32's product columns, ChaCha20's state:
 * thousands of stores per operation) and the initialiser is dropped.
 *
 * "Written before read" is decided conservatively, statement by statement from the top of the body:
 * `a[K] = e` with a literal K and an e that does not mention a, `le32enc(a + K, e)` (or le64enc),
 * or a call that passes a bare `a` as its only mention to a parameter that the callee itself writes
 * in full first (computed the same way, callees before callers; recursion is not in the subset). The first other statement that mentions
 * the array ends the scan; statements that do not mention it are passed over. Every index 0..N-1
 * must be covered. Anything else keeps its `= { 0 }`, so the C always computes what the TS does;
 * the differential tests and ctgrind (valgrind reports a read of uninitialised memory) check it.
 */
import { mentions, type CExpr, type CStmt } from './c-ast';
import type { FnInfo, ModuleInfo } from './translate';

function stmtMentions(s: CStmt, name: string): boolean {
	switch (s.k) {
		case 'decl':
			return s.name === name || (s.init !== undefined && s.init !== 'zero' && mentions(s.init, name));
		case 'expr':
			return mentions(s.e, name);
		case 'if':
			return mentions(s.c, name) || s.then.some((t) => stmtMentions(t, name)) || (s.else ?? []).some((t) => stmtMentions(t, name));
		case 'for':
			return (s.init !== undefined && stmtMentions(s.init, name)) || mentions(s.c, name) || mentions(s.step, name) || s.body.some((t) => stmtMentions(t, name));
		case 'while':
		case 'do':
			return mentions(s.c, name) || s.body.some((t) => stmtMentions(t, name));
		case 'return':
			return mentions(s.e, name);
		case 'block':
			return s.body.some((t) => stmtMentions(t, name));
		default:
			return false;
	}
}

function literal(e: CExpr): number | undefined {
	return e.k === 'lit' && /^\d+$/.test(e.text) ? Number(e.text) : undefined;
}

const ENCODERS: Readonly<Record<string, number>> = { le32enc: 4, le64enc: 8 };

type Summaries = (fn: string, index: number) => ReadonlySet<number> | undefined;

function returns(s: CStmt): boolean {
	switch (s.k) {
		case 'return':
			return true;
		case 'if':
			return s.then.some(returns) || (s.else ?? []).some(returns);
		case 'for':
		case 'while':
		case 'do':
		case 'block':
			return s.body.some(returns);
		default:
			return false;
	}
}

/**
 * The literal indices of `name` written before its first other use. For a parameter (`param`) the
 * scan also ends at a statement that may return: the caller relies on the writes having happened.
 */
function writtenFirst(body: readonly CStmt[], name: string, summary: Summaries, param = false): Set<number> {
	const out = new Set<number>();
	for (const s of body) {
		if (s.k === 'decl' && s.name === name) continue;
		if (param && returns(s)) break;
		if (!stmtMentions(s, name)) continue;
		if (s.k === 'expr') {
			const e = s.e;
			if (e.k === 'assign' && e.op === '=' && e.l.k === 'index' && e.l.e.k === 'id' && e.l.e.name === name && !mentions(e.l.i, name) && !mentions(e.r, name)) {
				const k = literal(e.l.i);
				if (k !== undefined) {
					out.add(k);
					continue;
				}
			}
			// the little-endian encoders write 4 or 8 bytes at a literal offset
			const width = e.k === 'call' ? ENCODERS[e.fn] : undefined;
			if (e.k === 'call' && width && e.args.length === 2 && !mentions(e.args[1], name)) {
				const dst = e.args[0];
				const off = dst.k === 'id' && dst.name === name ? 0 : dst.k === 'bin' && dst.op === '+' && dst.l.k === 'id' && dst.l.name === name ? literal(dst.r) : undefined;
				if (off !== undefined) {
					for (let k = 0; k < width; k++) out.add(off + k);
					continue;
				}
			}
			if (e.k === 'call') {
				const at = e.args.findIndex((a) => a.k === 'id' && a.name === name);
				const uses = e.args.filter((a) => mentions(a, name)).length;
				const written = at >= 0 && uses === 1 ? summary(e.fn, at) : undefined;
				if (written) {
					for (const k of written) out.add(k);
					continue;
				}
			}
		}
		break;
	}
	return out;
}

/**
 * A working array of a loop (BLAKE2s' v and m): first mentioned by a loop whose body writes it in full
 * before reading it, and afterwards only wiped (`explicit_bzero`, which writes and does not read). If
 * the loop runs no iteration nothing reads the array at all.
 */
function inLoopOnly(body: readonly CStmt[], name: string, summary: Summaries, full: (w: ReadonlySet<number>) => boolean): boolean {
	const at = body.findIndex((s) => !(s.k === 'decl' && s.name === name) && stmtMentions(s, name));
	const loop = body[at];
	if (!loop || (loop.k !== 'while' && loop.k !== 'for') || mentions(loop.c, name) || (loop.k === 'for' && (mentions(loop.step, name) || (loop.init && stmtMentions(loop.init, name))))) return false;
	if (!full(writtenFirst(loop.body, name, summary))) return false;
	return body.slice(at + 1).every((s) => !stmtMentions(s, name) || (s.k === 'expr' && s.e.k === 'call' && s.e.fn === 'explicit_bzero' && s.e.args[0].k === 'id' && s.e.args[0].name === name && !mentions(s.e.args[1], name)));
}

/** Drops `= { 0 }` from every local array of `fns` that is written in full before it is read. */
export function dropDeadZeroInits(fns: readonly FnInfo[]): void {
	const memo = new Map<FnInfo, Map<number, ReadonlySet<number>>>();
	const callee = (from: ModuleInfo, name: string): FnInfo | undefined => {
		const own = from.fns.get(name);
		if (own) return own;
		const imp = from.imports.get(name);
		return imp && imp !== 'prelude' ? imp.fns?.get(name) : undefined;
	};
	const summaryOf = (f: FnInfo): Map<number, ReadonlySet<number>> => {
		let m = memo.get(f);
		if (m) return m;
		m = new Map();
		memo.set(f, m);
		const body = f.decl?.body ?? [];
		const sum: Summaries = (fn, i) => {
			const g = callee(f.module, fn);
			return g && g !== f ? summaryOf(g).get(i) : undefined;
		};
		f.params.forEach((p, i) => {
			if (p.tt.k === 'ptr') m!.set(i, writtenFirst(body, p.name, sum, true));
		});
		return m;
	};
	for (const f of fns) {
		if (!f.decl) continue;
		const sum: Summaries = (fn, i) => {
			const g = callee(f.module, fn);
			return g && g !== f ? summaryOf(g).get(i) : undefined;
		};
		const body = f.decl.body;
		let changed = false;
		const out = body.map((s) => {
			if (s.k !== 'decl' || s.init !== 'zero' || s.type.arraySize === undefined || !/^\d+$/.test(s.type.arraySize)) return s;
			const n = Number(s.type.arraySize);
			const full = (w: ReadonlySet<number>): boolean => [...Array(n).keys()].every((k) => w.has(k));
			if (!full(writtenFirst(body, s.name, sum)) && !inLoopOnly(body, s.name, sum, full)) return s;
			changed = true;
			return { ...s, init: undefined };
		});
		if (changed) f.decl = { ...f.decl, body: out };
	}
}
