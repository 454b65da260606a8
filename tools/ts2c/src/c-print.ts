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
 * v in memory for the whole block (1.08x -> 1.2x OpenSSL). The attribute is spelled out rather than
 * sys/cdefs.h's __always_inline, which glibc defines differently (with __inline: clang then flags a
 * duplicate) and stand-in trees may lack. Header functions stay a hint.
 */
const STORAGE = { static: 'static', 'static inline': 'static __inline', 'static always_inline': 'static __inline __attribute__((__always_inline__))', 'static noinline': 'static __attribute__((__noinline__))' } as const;

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

/** A comment as style(9) writes it: one line `/* x *\/`, or the boxed multi-line form. */
export function printComment(text: string, indent: string): string[] {
	const lines = text.replace(/\*\//g, '* /').split('\n').map((l) => l.trimEnd());
	while (lines.length && lines[lines.length - 1] === '') lines.pop();
	if (lines.length === 1) return [`${indent}/* ${lines[0]} */`];
	return [`${indent}/*`, ...lines.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)), `${indent} */`];
}

const TAB_WIDTH = 8;
const MAX_COLUMNS = 80;

function columns(s: string): number {
	let col = 0;
	for (const ch of s) col = ch === '\t' ? col + TAB_WIDTH - (col % TAB_WIDTH) : col + 1;
	return col;
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

	/** A statement body after `if (...)`, `for (...)`, `else`: braces unless it is one simple statement. */
	private body(head: string, body: readonly CStmt[], ind: string, forceBraces: boolean): 'braced' | 'bare' {
		if (!forceBraces && isSimple(body)) {
			this.line(head);
			this.stmt(body[0], ind + '\t');
			return 'bare';
		}
		this.line(`${head} {`);
		for (const s of body) this.stmt(s, ind + '\t');
		return 'braced';
	}

	stmt(s: CStmt, ind: string): void {
		switch (s.k) {
			case 'decl': {
				const d = printDeclarator(s.type, s.name);
				if (s.init === undefined) this.line(`${ind}${d};`);
				else if (s.init === 'zero') this.line(`${ind}${d} = ${s.type.arraySize !== undefined || s.type.base.startsWith('struct ') ? '{ 0 }' : '0'};`);
				else this.line(`${ind}${d} = ${printExpr(s.init)};`);
				return;
			}
			case 'expr':
				for (const l of this.wrapExpr(s.e, ind)) this.line(l);
				return;
			case 'return':
				this.line(s.e ? `${ind}return (${printExpr(s.e)});` : `${ind}return;`);
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
				if (this.body(`${ind}while (${printExpr(s.c)})`, s.body, ind, false) === 'braced') this.line(`${ind}}`);
				return;
			}
			case 'do':
				this.line(`${ind}do {`);
				for (const b of s.body) this.stmt(b, ind + '\t');
				this.line(`${ind}} while (${printExpr(s.c)});`);
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
		const head = `${lead}if (${printExpr(s.c)})`;
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

	/** An expression statement, wrapped at the arguments of its outermost call if it is too long. */
	private wrapExpr(e: CExpr, ind: string): string[] {
		const flat = `${ind}${printExpr(e)};`;
		if (columns(flat) <= MAX_COLUMNS) return [flat];
		if (e.k === 'call') return wrapList(`${ind}${e.fn}(`, e.args.map(printExpr), ');', ind);
		if (e.k === 'assign' && e.r.k === 'call') {
			const r = e.r;
			return wrapList(`${ind}${printExpr(e.l)} ${e.op} ${r.fn}(`, r.args.map(printExpr), ');', ind);
		}
		return [flat];
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
				d.body.forEach((s, i) => {
					// style(9): a blank line separates the local declarations from the code
					const next = d.body[i + 1];
					this.stmt(s, '\t');
					if (s.k === 'decl' && next && next.k !== 'decl' && !(next.k === 'comment' && next.text === '')) this.line('');
				});
				this.line('}');
				return;
			}
		}
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
