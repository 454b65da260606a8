/*
 * A small C syntax tree: what the translator builds and the printer (c-print.ts) prints. Nothing in
 * here knows about TypeScript; nothing outside c-print.ts knows about parentheses, braces or tabs.
 */

/** A C type as printed before (and, for arrays, after) a declarator. */
export interface CType {
	/** e.g. "uint32_t", "struct poly1305_ctx", "bool" */
	readonly base: string;
	/** a pointer to base */
	readonly pointer?: boolean;
	/** `const base *`; a box so const inference can decide after the body was translated */
	readonly constRef?: { value: boolean };
	/** `base name[size]` */
	readonly arraySize?: string;
}

export type CExpr =
	| { readonly k: 'lit'; readonly text: string }
	| { readonly k: 'id'; readonly name: string }
	| { readonly k: 'bin'; readonly op: string; readonly l: CExpr; readonly r: CExpr }
	| { readonly k: 'unary'; readonly op: string; readonly e: CExpr }
	| { readonly k: 'postfix'; readonly op: '++' | '--'; readonly e: CExpr }
	| { readonly k: 'assign'; readonly op: string; readonly l: CExpr; readonly r: CExpr }
	| { readonly k: 'call'; readonly fn: string; readonly args: readonly CExpr[] }
	| { readonly k: 'index'; readonly e: CExpr; readonly i: CExpr }
	| { readonly k: 'member'; readonly e: CExpr; readonly name: string; readonly arrow: boolean }
	| { readonly k: 'cast'; readonly type: string; readonly e: CExpr }
	| { readonly k: 'cond'; readonly c: CExpr; readonly t: CExpr; readonly f: CExpr };

export type CStmt =
	| { readonly k: 'decl'; readonly type: CType; readonly name: string; readonly init?: CExpr | 'zero' }
	| { readonly k: 'expr'; readonly e: CExpr }
	| { readonly k: 'if'; readonly c: CExpr; readonly then: readonly CStmt[]; readonly else?: readonly CStmt[] }
	| {
			readonly k: 'for';
			readonly init?: CStmt;
			readonly c?: CExpr;
			readonly step?: CExpr;
			readonly body: readonly CStmt[];
	  }
	| { readonly k: 'while'; readonly c: CExpr; readonly body: readonly CStmt[] }
	| { readonly k: 'do'; readonly c: CExpr; readonly body: readonly CStmt[] }
	| { readonly k: 'return'; readonly e?: CExpr }
	| { readonly k: 'break' }
	| { readonly k: 'continue' }
	| { readonly k: 'block'; readonly body: readonly CStmt[] }
	| { readonly k: 'comment'; readonly text: string };

export interface CParam {
	readonly type: CType;
	readonly name: string;
}

export type CDecl =
	| {
			readonly k: 'func';
			readonly comment?: string;
			readonly storage: 'static' | 'extern' | 'static inline' | 'static always_inline' | 'static noinline';
			readonly ret: CType;
			readonly name: string;
			readonly params: readonly CParam[];
			readonly body: readonly CStmt[];
	  }
	| { readonly k: 'proto'; readonly ret: CType; readonly name: string; readonly params: readonly CParam[] }
	| { readonly k: 'struct'; readonly comment?: string; readonly name: string; readonly fields: readonly CParam[] }
	| { readonly k: 'define'; readonly comment?: string; readonly name: string; readonly value: string }
	| {
			readonly k: 'table';
			readonly comment?: string;
			readonly elem: string;
			readonly name: string;
			readonly values: readonly string[];
			/** values per line */
			readonly perLine: number;
	  }
	| { readonly k: 'typedef'; readonly type: string; readonly name: string }
	/** preprocessor conditionals and includes: printed verbatim at column 0 */
	| { readonly k: 'cpp'; readonly text: string }
	| { readonly k: 'comment'; readonly text: string };

/* ---- constructors that keep the translator readable ---- */

export const id = (name: string): CExpr => ({ k: 'id', name });
export const lit = (text: string): CExpr => ({ k: 'lit', text });
export const bin = (op: string, l: CExpr, r: CExpr): CExpr => ({ k: 'bin', op, l, r });
export const call = (fn: string, ...args: CExpr[]): CExpr => ({ k: 'call', fn, args });
export const cast = (type: string, e: CExpr): CExpr => ({ k: 'cast', type, e });

/** Does the identifier `name` occur anywhere in `e`? (The unroller and the zero-initialiser pass both ask.) */
export function mentions(e: CExpr | undefined, name: string): boolean {
	if (!e) return false;
	switch (e.k) {
		case 'id':
			return e.name === name;
		case 'lit':
			return false;
		case 'bin':
		case 'assign':
			return mentions(e.l, name) || mentions(e.r, name);
		case 'unary':
		case 'postfix':
		case 'cast':
		case 'member':
			return mentions(e.e, name);
		case 'call':
			return e.args.some((a) => mentions(a, name));
		case 'index':
			return mentions(e.e, name) || mentions(e.i, name);
		case 'cond':
			return mentions(e.c, name) || mentions(e.t, name) || mentions(e.f, name);
	}
}
