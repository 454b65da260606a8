/*
 * The C printer. It owns everything about layout so the translator never does: operator precedence
 * and the parentheses it needs (plus the ones gcc's -Wparentheses asks for), braces and the dangling
 * else, tab indentation, and FreeBSD style(9) details (return type on its own line, `return (x);`,
 * block comments, `#define<TAB>NAME<TAB>value`, 4-space continuation lines). Modelled on KaRaMeL's
 * PrintC: a syntax tree in, text out, nothing else.
 */
import type { CDecl, CExpr, CParam, CStmt, CType } from './c-ast';

/* C operator precedence, higher binds tighter. */
const BINARY_PREC: Readonly<Record<string, number>> = {
	'*': 13, '/': 13, '%': 13,
	'+': 12, '-': 12,
	'<<': 11, '>>': 11,
	'<': 10, '<=': 10, '>': 10, '>=': 10,
	'==': 9, '!=': 9,
	'&': 8, '^': 7, '|': 6, '&&': 5, '||': 4,
};
const PREC_COND = 3;
const PREC_ASSIGN = 2;
const PREC_UNARY = 14;
const PREC_POSTFIX = 15;
const PREC_PRIMARY = 16;

/* Operators whose mixing with another operator gets explicit parentheses, as gcc -Wparentheses wants. */
const BITWISE = new Set(['&', '^', '|', '<<', '>>']);

/*
 * How each storage class is spelled. Small leaves in a .c are always inlined: gcc's growth limits
 * otherwise leave a few of BLAKE2s' 80 G calls out of line, and one call that takes v's address keeps
 * v in memory for the whole block (1.08x -> 1.2x OpenSSL). That is sys/cdefs.h's __always_inline,
 * never the attribute spelled out. FreeBSD defines it as the bare attribute, so the function is also
 * declared __inline (`static __always_inline` alone makes gcc warn "always_inline function might not
 * be inlinable", an error under the kernel's -Werror); this is how FreeBSD's own code spells it.
 * glibc's __always_inline carries its own __inline (clang would flag the duplicate), so the userspace
 * shim (shim/sys/types.h) defines FreeBSD's. Header functions stay a hint.
 */
const STORAGE = {
	static: 'static',
	'static inline': 'static __inline',
	'static always_inline': 'static __inline __always_inline',
	'static noinline': 'static __noinline',
} as const;

function prec(e: CExpr): number {
	switch (e.k) {
		case 'lit':
		case 'id':
			return PREC_PRIMARY;
		case 'call':
		case 'index':
		case 'member':
		case 'postfix':
			return PREC_POSTFIX;
		case 'unary':
		case 'cast':
			return PREC_UNARY;
		case 'bin':
			return BINARY_PREC[e.op];
		case 'cond':
			return PREC_COND;
		case 'assign':
			return PREC_ASSIGN;
	}
}

function needsParens(child: CExpr, parentOp: string, side: 'l' | 'r'): boolean {
	const p = BINARY_PREC[parentOp];
	const c = prec(child);
	if (c < p) return true;
	if (child.k !== 'bin') return false;
	if (c === p && side === 'r') return child.op !== parentOp || !['+', '*', '&', '|', '^', '&&', '||'].includes(parentOp);
	if (child.op === parentOp) return false;
	if (BITWISE.has(parentOp) || BITWISE.has(child.op)) return true;
	if (parentOp === '||' && child.op === '&&') return true;
	return false;
}

export function printExpr(e: CExpr): string {
	switch (e.k) {
		case 'lit':
			return e.text;
		case 'id':
			return e.name;
		case 'bin': {
			const l = printExpr(e.l);
			const r = printExpr(e.r);
			return `${needsParens(e.l, e.op, 'l') ? `(${l})` : l} ${e.op} ${needsParens(e.r, e.op, 'r') ? `(${r})` : r}`;
		}
		case 'unary': {
			const inner = printExpr(e.e);
			const wrap = prec(e.e) < PREC_UNARY || (e.e.k === 'unary' && e.e.op === e.op);
			return `${e.op}${wrap ? `(${inner})` : inner}`;
		}
		case 'postfix':
			return `${wrapBelow(e.e, PREC_POSTFIX)}${e.op}`;
		case 'assign':
			return `${printExpr(e.l)} ${e.op} ${printExpr(e.r)}`;
		case 'call':
			return `${e.fn}(${e.args.map((a) => wrapBelow(a, PREC_ASSIGN + 1)).join(', ')})`;
		case 'index':
			return `${wrapBelow(e.e, PREC_POSTFIX)}[${printExpr(e.i)}]`;
		case 'member':
			return `${wrapBelow(e.e, PREC_POSTFIX)}${e.arrow ? '->' : '.'}${e.name}`;
		case 'cast':
			return `(${e.type})${wrapBelow(e.e, PREC_UNARY)}`;
		case 'cond':
			return `${wrapBelow(e.c, PREC_COND + 1)} ? ${wrapBelow(e.t, PREC_COND + 1)} : ${wrapBelow(e.f, PREC_COND)}`;
	}
}

function wrapBelow(e: CExpr, min: number): string {
	const s = printExpr(e);
	return prec(e) < min ? `(${s})` : s;
}

/*
 * Line breaking. An expression is printed as text pieces with break points between them; each break
 * point has a level (0 = the outermost operator chain or argument list of the statement, deeper
 * nesting higher; after `=` is a last resort). A statement too long for 80 columns is broken at the
 * shallowest level that makes every line fit, greedily, continuation lines indented 4 spaces more
 * (style(9)); the operator stays at the end of the broken line. Unbroken, the pieces join to exactly
 * printExpr's text.
 */
type Piece = string | { readonly brk: number };

const ASSIGN_BREAK = 1000;

function pieces(e: CExpr, lv: number): Piece[] {
	switch (e.k) {
		case 'lit':
			return [e.text];
		case 'id':
			return [e.name];
		case 'bin': {
			const side = (c: CExpr, s: 'l' | 'r'): Piece[] => {
				if (needsParens(c, e.op, s)) return ['(', ...pieces(c, lv + 1), ')'];
				// the same operator continues the chain at this level
				return pieces(c, c.k === 'bin' && c.op === e.op ? lv : lv + 1);
			};
			return [...side(e.l, 'l'), ` ${e.op}`, { brk: lv }, ...side(e.r, 'r')];
		}
		case 'unary': {
			const wrap = prec(e.e) < PREC_UNARY || (e.e.k === 'unary' && e.e.op === e.op);
			return [e.op, ...(wrap ? ['(', ...pieces(e.e, lv + 1), ')'] : pieces(e.e, lv + 1))];
		}
		case 'postfix':
			return [...below(e.e, PREC_POSTFIX, lv), e.op];
		case 'assign':
			return [...pieces(e.l, lv + 1), ` ${e.op}`, { brk: lv + ASSIGN_BREAK }, ...pieces(e.r, lv)];
		case 'call': {
			const out: Piece[] = [`${e.fn}(`];
			e.args.forEach((a, i) => {
				if (i > 0) out.push(',', { brk: lv + 1 });
				out.push(...below(a, PREC_ASSIGN + 1, lv + 2));
			});
			out.push(')');
			return out;
		}
		case 'index':
			return [...below(e.e, PREC_POSTFIX, lv), '[', ...pieces(e.i, lv + 1), ']'];
		case 'member':
			return [...below(e.e, PREC_POSTFIX, lv), `${e.arrow ? '->' : '.'}${e.name}`];
		case 'cast':
			return [`(${e.type})`, ...below(e.e, PREC_UNARY, lv + 1)];
		case 'cond':
			return [...below(e.c, PREC_COND + 1, lv + 1), ' ?', { brk: lv }, ...below(e.t, PREC_COND + 1, lv + 1), ' :', { brk: lv }, ...below(e.f, PREC_COND, lv + 1)];
	}
}

function below(e: CExpr, min: number, lv: number): Piece[] {
	return prec(e) < min ? ['(', ...pieces(e, lv + 1), ')'] : pieces(e, lv);
}

function flat(ps: readonly Piece[]): string {
	return ps.map((p) => (typeof p === 'string' ? p : ' ')).join('');
}

/**
 * `head` + the pieces + `tail` in lines of at most 80 columns where possible; `indent` is the
 * statement's own indent (continuation lines get 4 more spaces). Falls back to the deepest level
 * tried when no level fits (a single piece wider than a line).
 */
function layout(head: string, ps: readonly Piece[], tail: string, indent: string): string[] {
	const one = `${head}${flat(ps)}${tail}`;
	if (columns(one) <= MAX_COLUMNS) return [one];
	const levels = [...new Set(ps.flatMap((p) => (typeof p === 'string' ? [] : [p.brk])))].sort((a, b) => a - b);
	const cont = `${indent}    `;
	let best: string[] = [one];
	for (const level of levels) {
		// chunks between the break points this level allows
		const chunks: string[] = [''];
		for (const p of ps) {
			if (typeof p === 'string') chunks[chunks.length - 1] += p;
			else if (p.brk <= level) chunks.push('');
			else chunks[chunks.length - 1] += ' ';
		}
		const lines: string[] = [];
		let cur = head + chunks[0];
		for (let i = 1; i < chunks.length; i++) {
			const piece = chunks[i] + (i === chunks.length - 1 ? tail : '');
			if (columns(`${cur} ${piece}`) > MAX_COLUMNS) {
				lines.push(cur);
				cur = cont + piece;
			} else cur = `${cur} ${piece}`;
		}
		if (chunks.length === 1) cur += tail;
		lines.push(cur);
		best = lines;
		if (lines.every((l) => columns(l) <= MAX_COLUMNS)) return lines;
	}
	return best;
}

/** An expression after `head` and before `tail`, broken into lines as style(9) would. */
export function printExprLines(head: string, e: CExpr, tail: string, indent: string): string[] {
	const ps = pieces(e, 0);
	if (flat(ps) !== printExpr(e)) throw new Error(`c-print: line breaking changed ${printExpr(e)}`);
	return layout(head, ps, tail, indent);
}

/** `uint32_t x`, `const uint8_t *p`, `uint32_t x[16]` */
export function printDeclarator(t: CType, name: string): string {
	const c = t.constRef?.value ? 'const ' : '';
	if (t.pointer) return `${c}${t.base} *${name}`;
	return `${c}${t.base} ${name}${t.arraySize !== undefined ? `[${t.arraySize}]` : ''}`;
}

function printTypeAlone(t: CType): string {
	const c = t.constRef?.value ? 'const ' : '';
	return t.pointer ? `${c}${t.base} *` : `${c}${t.base}`;
}

const TAB_WIDTH = 8;
export const MAX_COLUMNS = 80;

/** The column a line ends at, tabs expanded to the next multiple of 8 (as checkstyle9.pl counts). */
export function columns(s: string): number {
	let col = 0;
	for (const ch of s) col = ch === '\t' ? col + TAB_WIDTH - (col % TAB_WIDTH) : col + 1;
	return col;
}

const LIST_ITEM = /^(\s*)([-*]|\d+\.)\s+/;

/**
 * Fits comment text to `width` columns. Text that already fits is left as written (tables, aligned
 * lists, deliberate breaks). A paragraph with a line that is too long is refilled: a list item
 * (`- `, `* `, `1. `) keeps its marker and a hanging indent for its continuation lines, an indented
 * run keeps its indent, and words are never split (a single word longer than the width stays whole).
 */
export function fitCommentText(text: string, width: number): string[] {
	const lines = text.split('\n').map((l) => l.trimEnd());
	const out: string[] = [];
	let i = 0;
	while (i < lines.length) {
		if (lines[i] === '') {
			out.push('');
			i++;
			continue;
		}
		let j = i;
		while (j < lines.length && lines[j] !== '') j++;
		const para = lines.slice(i, j);
		i = j;
		if (para.every((l) => columns(l) <= width)) {
			out.push(...para);
			continue;
		}
		// blocks: a list item with its continuation lines, or a run of lines with one indent
		const blocks: { first: string; cont: string; words: string[]; lines: number }[] = [];
		for (const l of para) {
			const item = LIST_ITEM.exec(l);
			const indent = /^\s*/.exec(l)![0];
			const last = blocks[blocks.length - 1];
			// a continuation line: same indent as the block's, or (its second line) a deeper hanging one
			const lead = last ? /^\s*/.exec(last.first)![0].length : 0;
			const hangs = last !== undefined && last.lines === 1 && lead > 0 && indent.length > lead;
			if (!item && last && (indent === last.cont || hangs)) {
				if (hangs) last.cont = indent;
				last.words.push(...l.trim().split(/\s+/));
				last.lines++;
				continue;
			}
			if (item) blocks.push({ first: item[0], cont: ' '.repeat(columns(item[0])), words: l.slice(item[0].length).trim().split(/\s+/), lines: 1 });
			else blocks.push({ first: indent, cont: indent, words: l.trim().split(/\s+/), lines: 1 });
		}
		for (const blk of blocks) {
			let cur = blk.first;
			let fresh = true;
			for (const w of blk.words) {
				if (!fresh && columns(`${cur} ${w}`) > width) {
					out.push(cur);
					cur = blk.cont + w;
				} else cur = fresh ? cur + w : `${cur} ${w}`;
				fresh = false;
			}
			out.push(cur);
		}
	}
	return out;
}

/** A comment as style(9) writes it: one line `/* x *\/` when it fits, or the boxed multi-line form. */
export function printComment(text: string, indent: string): string[] {
	const lines = text.replace(/\*\//g, '* /').split('\n').map((l) => l.trimEnd());
	while (lines.length && lines[lines.length - 1] === '') lines.pop();
	if (lines.length === 1 && columns(`${indent}/* ${lines[0]} */`) <= MAX_COLUMNS) return [`${indent}/* ${lines[0]} */`];
	const fitted = fitCommentText(lines.join('\n'), MAX_COLUMNS - columns(`${indent} * `));
	return [`${indent}/*`, ...fitted.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)), `${indent} */`];
}

/** Joins `head(` + items + `)tail`, wrapping after commas with the 4-space continuation indent of style(9). */
function wrapList(head: string, items: readonly string[], tail: string, indent: string): string[] {
	const one = `${head}${items.join(', ')}${tail}`;
	if (columns(one) <= MAX_COLUMNS || items.length === 0) return [one];
	const lines: string[] = [];
	let cur = head;
	const cont = `${indent}    `;
	items.forEach((item, i) => {
		const piece = item + (i === items.length - 1 ? tail : ',');
		const sep = cur === head || cur === cont ? '' : ' ';
		if (cur !== head && cur !== cont && columns(cur + sep + piece) > MAX_COLUMNS) {
			lines.push(cur);
			cur = cont + piece;
		} else {
			cur += sep + piece;
		}
	});
	lines.push(cur);
	return lines;
}

function isSimple(body: readonly CStmt[]): boolean {
	return body.length === 1 && ['expr', 'return', 'break', 'continue'].includes(body[0].k);
}

class Printer {
	readonly out: string[] = [];

	line(s: string): void {
		this.out.push(s);
	}

	lines(ls: readonly string[]): void {
		for (const l of ls) this.line(l);
	}

	/** A statement body after `if (...)`, `for (...)`, `else`: braces unless it is one simple statement. */
	private body(head: string | ((tail: string) => string[]), body: readonly CStmt[], ind: string, forceBraces: boolean): 'braced' | 'bare' {
		const hs = (tail: string): string[] => (typeof head === 'string' ? [head + tail] : head(tail));
		if (!forceBraces && isSimple(body)) {
			this.lines(hs(''));
			this.stmt(body[0], ind + '\t');
			return 'bare';
		}
		// the brace ends the head's last line, also when the head is broken across lines
		this.lines(hs(' {'));
		for (const s of body) this.stmt(s, ind + '\t');
		return 'braced';
	}

	stmt(s: CStmt, ind: string): void {
		switch (s.k) {
			case 'decl': {
				const d = printDeclarator(s.type, s.name);
				if (s.init === undefined) this.line(`${ind}${d};`);
				else if (s.init === 'zero') this.line(`${ind}${d} = ${s.type.arraySize !== undefined || s.type.base.startsWith('struct ') ? '{ 0 }' : '0'};`);
				else this.lines(printExprLines(`${ind}${d} = `, s.init, ';', ind));
				return;
			}
			case 'expr':
				this.lines(printExprLines(ind, s.e, ';', ind));
				return;
			case 'return':
				if (s.e) this.lines(printExprLines(`${ind}return (`, s.e, ');', ind));
				else this.line(`${ind}return;`);
				return;
			case 'break':
			case 'continue':
				this.line(`${ind}${s.k};`);
				return;
			case 'comment':
				if (s.text === '') this.line('');
				else for (const l of printComment(s.text, ind)) this.line(l);
				return;
			case 'block':
				this.line(`${ind}{`);
				for (const b of s.body) this.stmt(b, ind + '\t');
				this.line(`${ind}}`);
				return;
			case 'while': {
				if (this.body((t) => printExprLines(`${ind}while (`, s.c, `)${t}`, ind), s.body, ind, false) === 'braced') this.line(`${ind}}`);
				return;
			}
			case 'do':
				this.line(`${ind}do {`);
				for (const b of s.body) this.stmt(b, ind + '\t');
				this.lines(printExprLines(`${ind}} while (`, s.c, ');', ind));
				return;
			case 'for': {
				let init = '';
				if (s.init?.k === 'decl') {
					const d = printDeclarator(s.init.type, s.init.name);
					init = s.init.init && s.init.init !== 'zero' ? `${d} = ${printExpr(s.init.init)}` : d;
				} else if (s.init?.k === 'expr') init = printExpr(s.init.e);
				const head = `${ind}for (${init}; ${s.c ? printExpr(s.c) : ''}; ${s.step ? printExpr(s.step) : ''})`;
				if (this.body(head, s.body, ind, false) === 'braced') this.line(`${ind}}`);
				return;
			}
			case 'if':
				this.ifChain(s, ind, ind);
				return;
		}
	}

	private ifChain(s: Extract<CStmt, { k: 'if' }>, ind: string, lead: string, force = false): void {
		// A bare `then` followed by `else` would be ambiguous if `then` ended in an if: brace both arms
		// whenever either needs braces, so the pair always reads the same (style(9) allows either).
		const elseArm = s.else;
		const chain = elseArm && elseArm.length === 1 && elseArm[0].k === 'if' ? (elseArm[0] as Extract<CStmt, { k: 'if' }>) : undefined;
		const braces = force || !isSimple(s.then) || (elseArm !== undefined && !chain && !isSimple(elseArm)) || chain !== undefined;
		const head = (t: string): string[] => printExprLines(`${lead}if (`, s.c, `)${t}`, ind);
		const kind = this.body(head, s.then, ind, braces);
		if (!elseArm) {
			if (kind === 'braced') this.line(`${ind}}`);
			return;
		}
		if (chain) {
			this.ifChain(chain, ind, `${ind}} else `, true);
			return;
		}
		if (kind === 'braced') {
			this.line(`${ind}} else {`);
			for (const b of elseArm) this.stmt(b, ind + '\t');
			this.line(`${ind}}`);
		} else {
			this.line(`${ind}else`);
			this.stmt(elseArm[0], ind + '\t');
		}
	}

	decl(d: CDecl): void {
		switch (d.k) {
			case 'cpp':
				this.line(d.text);
				return;
			case 'comment':
				for (const l of printComment(d.text, '')) this.line(l);
				return;
			case 'typedef':
				this.line(`typedef ${d.type} ${d.name};`);
				return;
			case 'define':
				if (d.comment) for (const l of printComment(d.comment, '')) this.line(l);
				this.line(`#define\t${d.name}\t${d.value}`);
				return;
			case 'struct':
				if (d.comment) for (const l of printComment(d.comment, '')) this.line(l);
				this.line(`struct ${d.name} {`);
				for (const f of d.fields) this.line(`\t${printDeclarator(f.type, f.name)};`);
				this.line('};');
				return;
			case 'table': {
				if (d.comment) for (const l of printComment(d.comment, '')) this.line(l);
				this.line(`static const ${d.elem} ${d.name}[${d.values.length}] = {`);
				for (let i = 0; i < d.values.length; i += d.perLine) {
					const chunk = d.values.slice(i, i + d.perLine);
					this.line(`\t${chunk.join(', ')},`);
				}
				this.line('};');
				return;
			}
			case 'proto': {
				const head = `${printTypeAlone(d.ret)}${d.ret.pointer ? '' : '\t'}${d.name}(`;
				for (const l of wrapList(head, params(d.params), ');', '')) this.line(l);
				return;
			}
			case 'func': {
				if (d.comment) for (const l of printComment(d.comment, '')) this.line(l);
				const storage = d.storage === 'extern' ? '' : `${STORAGE[d.storage]} `;
				this.line(`${storage}${printTypeAlone(d.ret)}`);
				for (const l of wrapList(`${d.name}(`, params(d.params), ')', '')) this.line(l);
				this.line('{');
				const body = noCallsInInitializers(d.body);
				body.forEach((s, i) => {
					// style(9): a blank line separates the local declarations from the code
					const next = body[i + 1];
					this.stmt(s, '\t');
					if (s.k === 'decl' && next && next.k !== 'decl' && !(next.k === 'comment' && next.text === '')) this.line('');
				});
				this.line('}');
				return;
			}
		}
	}
}

function hasCall(e: CExpr): boolean {
	switch (e.k) {
		case 'call':
			return true;
		case 'lit':
		case 'id':
			return false;
		case 'bin':
		case 'assign':
			return hasCall(e.l) || hasCall(e.r);
		case 'unary':
		case 'postfix':
		case 'member':
		case 'cast':
			return hasCall(e.e);
		case 'index':
			return hasCall(e.e) || hasCall(e.i);
		case 'cond':
			return hasCall(e.c) || hasCall(e.t) || hasCall(e.f);
	}
}

/**
 * style(9): "DO NOT use function calls in initializers." In each run of declarations at the head of
 * a block, a declaration initialised by a call becomes a plain declaration and an assignment after
 * the run; so do the expression initialisers after it, whose values may depend on it (the order of
 * evaluation stays the TS order). Zero initialisers stay where they are.
 */
export function noCallsInInitializers(body: readonly CStmt[]): CStmt[] {
	const out: CStmt[] = [];
	const moved: CStmt[] = [];
	let i = 0;
	let hoisting = false;
	for (; i < body.length && (body[i].k === 'decl' || (body[i].k === 'comment' && (body[i] as { text: string }).text !== '')); i++) {
		const s = body[i];
		if (s.k === 'decl' && s.init !== undefined && s.init !== 'zero' && (hoisting || hasCall(s.init))) {
			hoisting = true;
			out.push({ k: 'decl', type: s.type, name: s.name });
			moved.push({ k: 'expr', e: { k: 'assign', op: '=', l: { k: 'id', name: s.name }, r: s.init } });
		} else out.push(s);
	}
	out.push(...moved);
	for (; i < body.length; i++) out.push(nested(body[i]));
	return out;
}

function nested(s: CStmt): CStmt {
	switch (s.k) {
		case 'if':
			return { ...s, then: noCallsInInitializers(s.then), else: s.else && noCallsInInitializers(s.else) };
		case 'for':
		case 'while':
		case 'do':
		case 'block':
			return { ...s, body: noCallsInInitializers(s.body) };
		default:
			return s;
	}
}

function params(ps: readonly CParam[]): string[] {
	return ps.length === 0 ? ['void'] : ps.map((p) => printDeclarator(p.type, p.name));
}

/** Prints top-level declarations, one blank line between them (none between consecutive #defines/cpp lines). */
export function printDecls(decls: readonly CDecl[]): string {
	const p = new Printer();
	let prev: CDecl | undefined;
	for (const d of decls) {
		const tight = prev && ((prev.k === 'define' && d.k === 'define' && !d.comment) || prev.k === 'cpp' || d.k === 'cpp' || (prev.k === 'proto' && d.k === 'proto') || (prev.k === 'typedef'));
		if (prev && !tight) p.line('');
		p.decl(d);
		prev = d;
	}
	return p.out.join('\n') + '\n';
}

export function printStmts(stmts: readonly CStmt[], indent = ''): string {
	const p = new Printer();
	for (const s of stmts) p.stmt(s, indent);
	return p.out.join('\n') + '\n';
}
