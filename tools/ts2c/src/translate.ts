/*
 * TypeScript (the C-able subset) -> C syntax tree. ts-morph parses; this file walks declarations,
 * statements and expressions, computes each expression's C type and the range of values it can hold
 * in TypeScript (the closure check), records pointer writes (const inference) and reports everything
 * outside the subset as a diagnostic. It never builds C text: c-print.ts does.
 */
import * as path from 'node:path';
import {
	Node,
	SyntaxKind,
	type Block,
	type ClassDeclaration,
	type Expression,
	type FunctionDeclaration,
	type SourceFile,
	type Statement,
	type VariableDeclaration,
} from 'ts-morph';
import { bin, call, cast, id, lit, type CDecl, type CExpr, type CStmt, type CType } from './c-ast';
import { printExpr } from './c-print';
import { unrollConstantLoops } from './c-unroll';
import { makeDiagnostic, type Diagnostic, type DiagnosticCode } from './diagnostics';
import { DEFAULT_RESULT_RANGE, PRELUDE_CONSTANTS, PRELUDE_HELPERS, inlineDefinition, type PreludeParam } from './prelude-map';
import {
	ARRAY_ELEM,
	arith,
	bitsFor,
	C_SCALAR,
	EXACT,
	isBig,
	promote,
	scalar,
	SIGNED32,
	TYPE_NAMES,
	TYPE_RANGE,
	typeName,
	UINT32,
	within,
	type Elem,
	type Range,
	type Scalar,
	type TT,
} from './types';

/* ---- what the translator knows about declarations ------------------------------------------------ */

/** Something a pointer may be written through: a parameter, a local array, a table. */
export interface WriteTarget {
	written: boolean;
	readonly constRef: { value: boolean };
	readonly kind: 'param' | 'local' | 'table';
	readonly name: string;
	/** passed on to these callee parameters */
	readonly edges: { fn: string; index: number; node: Node; module: ModuleInfo }[];
}

export interface ParamInfo {
	readonly name: string;
	readonly tt: TT;
	readonly target?: WriteTarget;
}

export interface FnInfo {
	readonly name: string;
	readonly module: ModuleInfo;
	readonly node: FunctionDeclaration;
	readonly params: readonly ParamInfo[];
	readonly ret: TT;
	readonly exported: boolean;
	readonly calls: Set<string>;
	decl?: Extract<CDecl, { k: 'func' }>;
}

export interface StructInfo {
	readonly name: string;
	readonly fields: ReadonlyMap<string, { tt: TT; size?: number }>;
	readonly decl: CDecl;
}

export interface ConstInfo {
	readonly name: string;
	readonly tt: TT;
	readonly range: Range;
	/** tables: element count and the read-only target */
	readonly size?: number;
	readonly target?: WriteTarget;
	readonly decl: CDecl;
}

export interface ModuleInfo {
	readonly file: string;
	/** repository-relative path, used in diagnostics and banners */
	readonly rel: string;
	readonly sf: SourceFile;
	readonly fns: Map<string, FnInfo>;
	readonly structs: Map<string, StructInfo>;
	readonly consts: Map<string, ConstInfo>;
	/** imported name -> the module that declares it, or 'prelude' */
	readonly imports: Map<string, ModuleInfo | 'prelude'>;
	/** sibling modules this one imports, resolved absolute paths */
	readonly deps: string[];
	/** the comment at the top of the file */
	comment?: string;
	/** top-level declarations in source order (functions filled in after translation) */
	readonly order: { kind: 'fn' | 'struct' | 'const'; name: string }[];
	/** for a variant client translated for the fallback arm: `BigUint64Array(5)` -> `Uint32Array(10)` */
	retype?: Readonly<Record<string, string>>;
	/** prelude helpers with inline C definitions this module uses */
	readonly inlines: Set<string>;
}

/** How the unit resolves a function name to every definition (both arms of a variant pair). */
export interface Lookup {
	fnsNamed(name: string): FnInfo[];
}

export class Diagnostics {
	readonly list: Diagnostic[] = [];
	constructor(private readonly rel: (sf: SourceFile) => string) {}
	add(node: Node, code: DiagnosticCode, ...args: string[]): void {
		this.list.push(makeDiagnostic(node, code, this.rel(node.getSourceFile()), ...args));
	}
}

const C_RESERVED = new Set(
	('auto break case char const continue default do double else enum extern float for goto if inline int long ' +
		'register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while ' +
		'bool true false NULL').split(' '),
);

/* ---- comments -------------------------------------------------------------------------------------- */

function commentText(raw: string): string {
	if (raw.startsWith('//')) return raw.replace(/^\/\/\s?/, '');
	const inner = raw.replace(/^\/\*\*?/, '').replace(/\*\/$/, '');
	const lines = inner.split('\n').map((l) => (/^\s*\*/.test(l) ? l.replace(/^\s*\* ?/, '') : l.trim()).trimEnd());
	while (lines.length && lines[0].trim() === '') lines.shift();
	while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
	return lines.join('\n');
}

/** The comments before a node, line comments merged, separate comments joined by a blank line. */
export function leadingComments(node: Node): string | undefined {
	const parts: string[] = [];
	let lineRun: string[] = [];
	for (const r of node.getLeadingCommentRanges()) {
		const text = r.getText();
		if (text.startsWith('//')) {
			lineRun.push(commentText(text));
			continue;
		}
		if (lineRun.length) parts.push(lineRun.join('\n'));
		lineRun = [];
		parts.push(commentText(text));
	}
	if (lineRun.length) parts.push(lineRun.join('\n'));
	const out = parts.filter((p) => p.trim() !== '').join('\n\n');
	return out === '' ? undefined : out;
}

function blankLineBefore(node: Node): boolean {
	const sf = node.getSourceFile();
	const trivia = sf.getFullText().slice(node.getPos(), node.getStart());
	const firstComment = trivia.search(/\/[/*]/);
	return /\n[ \t]*\n/.test(firstComment < 0 ? trivia : trivia.slice(0, firstComment));
}

/* ---- typed expressions ----------------------------------------------------------------------------- */

interface TE {
	readonly c: CExpr;
	readonly tt: TT;
	/** the values it can hold in TS (scalars) */
	readonly range: Range;
	/** typed arrays and structs: what a write through it writes */
	readonly target?: WriteTarget;
	/** a struct held by value (a local): passed as &s */
	readonly byValue?: boolean;
	/** local arrays and tables: the element count */
	readonly size?: number;
	/** an integer constant's value, when known */
	readonly value?: bigint;
}

interface Var {
	readonly tt: TT;
	readonly kind: 'scalar' | 'ptr' | 'struct-param' | 'struct-local';
	readonly target?: WriteTarget;
	readonly size?: number;
}

const NO_RANGE: Range = [0n, 0n];

function newTarget(kind: WriteTarget['kind'], name: string, constValue: boolean): WriteTarget {
	return { written: false, constRef: { value: constValue }, kind, name, edges: [] };
}

export function cType(tt: TT, target?: WriteTarget): CType {
	switch (tt.k) {
		case 'scalar':
			return { base: C_SCALAR[tt.s] };
		case 'void':
			return { base: 'void' };
		case 'ptr':
			return { base: C_SCALAR[tt.elem], pointer: true, constRef: target?.constRef };
		case 'struct':
			return { base: `struct ${tt.name}`, pointer: true, constRef: target?.constRef };
	}
}

function fmtRange(r: Range): string {
	const f = (v: bigint): string => {
		const a = v < 0n ? -v : v;
		if (a > 1n << 20n && bitsFor(a + 1n) - 1 > 0 && a + 1n === 1n << BigInt(bitsFor(a))) return `${v < 0n ? '-' : ''}2^${bitsFor(a)} - 1`;
		if (a > 1n << 20n && (a & (a - 1n)) === 0n) return `${v < 0n ? '-' : ''}2^${bitsFor(a) - 1}`;
		return v.toString();
	};
	return `[${f(r[0])}, ${f(r[1])}]`;
}

function elemTT(e: Elem): TT {
	return scalar(e);
}

/* ---- module-level collection ----------------------------------------------------------------------- */

/** `rebind` maps a sibling's path to another (a variant client's fallback copy imports the fallback module). */
export function collectModule(sf: SourceFile, rel: string, diags: Diagnostics, rebind?: ReadonlyMap<string, string>): ModuleInfo {
	const mod: ModuleInfo = {
		file: sf.getFilePath(),
		rel,
		sf,
		fns: new Map(),
		structs: new Map(),
		consts: new Map(),
		imports: new Map(),
		deps: [],
		order: [],
		inlines: new Set(),
	};
	const statements = sf.getStatements();
	if (statements.length) mod.comment = leadingComments(statements[0]);
	for (const st of statements) {
		if (Node.isImportDeclaration(st)) {
			const spec = st.getModuleSpecifierValue();
			if (spec === '@wgup/prelude') {
				for (const n of st.getNamedImports()) mod.imports.set(n.getName(), 'prelude');
			} else if (spec.startsWith('./') && !spec.slice(2).includes('/')) {
				const named = path.join(path.dirname(sf.getFilePath()), spec.replace(/\.js$/, '') + '.ts');
				const target = rebind?.get(named) ?? named;
				mod.deps.push(target);
				for (const n of st.getNamedImports()) mod.imports.set(n.getName(), { file: target } as unknown as ModuleInfo);
			} else {
				diags.add(st.getModuleSpecifier(), 'TS2C1017', spec);
			}
			continue;
		}
		if (Node.isFunctionDeclaration(st)) {
			collectFunction(st, mod, diags);
			continue;
		}
		if (Node.isClassDeclaration(st)) {
			collectStruct(st, mod, diags);
			continue;
		}
		if (Node.isVariableStatement(st)) {
			if (st.getDeclarationKind() !== 'const') {
				diags.add(st, 'TS2C1028', st.getDeclarationList().getText().split('=')[0].trim());
				continue;
			}
			for (const d of st.getDeclarations()) collectConst(d, mod, diags, leadingComments(st));
			continue;
		}
		if (Node.isTypeAliasDeclaration(st) || Node.isInterfaceDeclaration(st)) continue;
		if (Node.isTryStatement(st) || Node.isThrowStatement(st)) {
			diags.add(st, 'TS2C1005', st.getKindName());
			continue;
		}
		diags.add(st, 'TS2C1028', st.getKindName());
	}
	return mod;
}

function resolveType(node: Node | undefined, mod: ModuleInfo, diags: Diagnostics, what: string, at: Node): TT | undefined {
	if (!node) {
		diags.add(at, 'TS2C1023', what);
		return undefined;
	}
	const text = node.getText().trim();
	if (text === 'any') {
		diags.add(node, 'TS2C1011', 'any');
		return undefined;
	}
	const known = TYPE_NAMES[text];
	if (known) return known;
	// a type alias of this module (`export type fe = Uint32Array`), or one imported from a sibling
	const alias = mod.sf.getTypeAlias(text);
	if (alias) return resolveType(alias.getTypeNode(), mod, diags, what, at);
	const imported = mod.imports.get(text);
	if (imported && imported !== 'prelude') {
		const file = (imported as unknown as { file: string }).file ?? imported.file;
		// the sibling may not be loaded yet when this module is collected first
		const sf = mod.sf.getProject().getSourceFile(file) ?? mod.sf.getProject().addSourceFileAtPathIfExists(file);
		const ta = sf?.getTypeAlias(text);
		if (ta) return resolveType(ta.getTypeNode(), { ...mod, sf: sf! }, diags, what, at);
	}
	if (/^[A-Za-z_]\w*$/.test(text) && !TYPE_NAMES[text]) {
		// a struct: declared here or imported; checked when used
		if (mod.structs.has(text) || (mod.imports.has(text) && mod.imports.get(text) !== 'prelude')) return { k: 'struct', name: text };
		if (!['string', 'object', 'unknown', 'never', 'bigint', 'Array', 'Function'].includes(text)) {
			// classes may be declared later in the file
			const later = mod.sf.getClass(text);
			if (later) return { k: 'struct', name: text };
		}
	}
	diags.add(node, 'TS2C1011', text);
	return undefined;
}

function collectFunction(fn: FunctionDeclaration, mod: ModuleInfo, diags: Diagnostics): void {
	const name = fn.getName();
	if (!name || !fn.getBody()) {
		diags.add(fn, 'TS2C1028', name ?? 'anonymous function');
		return;
	}
	if (C_RESERVED.has(name)) diags.add(fn.getNameNode()!, 'TS2C1030', name);
	const params: ParamInfo[] = [];
	for (const p of fn.getParameters()) {
		const nameNode = p.getNameNode();
		if (!Node.isIdentifier(nameNode)) {
			diags.add(nameNode, 'TS2C1008');
			continue;
		}
		if (p.isRestParameter()) diags.add(p, 'TS2C1007');
		if (C_RESERVED.has(p.getName())) diags.add(nameNode, 'TS2C1030', p.getName());
		const tt = resolveType(p.getTypeNode(), mod, diags, `parameter "${p.getName()}"`, p);
		if (!tt) continue;
		const target = tt.k === 'ptr' || tt.k === 'struct' ? newTarget('param', p.getName(), true) : undefined;
		params.push({ name: p.getName(), tt, target });
	}
	const ret = resolveType(fn.getReturnTypeNode(), mod, diags, `the return type of "${name}"`, fn.getNameNode() ?? fn) ?? { k: 'void' };
	if (ret.k === 'ptr' || ret.k === 'struct') diags.add(fn.getReturnTypeNode()!, 'TS2C1029', 'returned (return it through an output parameter)');
	mod.fns.set(name, { name, module: mod, node: fn, params, ret, exported: fn.isExported(), calls: new Set() });
	mod.order.push({ kind: 'fn', name });
}

function constantSize(e: Expression | undefined, mod: ModuleInfo, diags: Diagnostics): number | undefined {
	if (e && Node.isNumericLiteral(e)) return Number(e.getLiteralValue());
	if (e && Node.isIdentifier(e)) {
		const c = mod.consts.get(e.getText());
		if (c && c.range[0] === c.range[1] && c.tt.k === 'scalar' && !isBig(c.tt.s)) return Number(c.range[0]);
	}
	diags.add(e ?? mod.sf, 'TS2C1025');
	return undefined;
}

/** `new Uint32Array(N)` -> ['u32', N]; anything else undefined */
function arrayAllocation(e: Node | undefined): { elem: Elem; arg?: Expression } | undefined {
	if (!e || !Node.isNewExpression(e)) return undefined;
	const elem = ARRAY_ELEM[e.getExpression().getText()];
	if (!elem) return undefined;
	return { elem, arg: e.getArguments()[0] as Expression | undefined };
}

function collectStruct(cls: ClassDeclaration, mod: ModuleInfo, diags: Diagnostics): void {
	const name = cls.getName() ?? 'anonymous';
	const fields = new Map<string, { tt: TT; size?: number }>();
	const cfields: { type: CType; name: string }[] = [];
	for (const m of cls.getMembers()) {
		if (!Node.isPropertyDeclaration(m) || m.isStatic()) {
			diags.add(m, 'TS2C1004', name);
			continue;
		}
		const init = m.getInitializer();
		const alloc = arrayAllocation(init);
		if (alloc) {
			const size = constantSize(alloc.arg, mod, diags);
			if (size === undefined) continue;
			fields.set(m.getName(), { tt: { k: 'ptr', elem: alloc.elem }, size });
			cfields.push({ type: { base: C_SCALAR[alloc.elem], arraySize: alloc.arg!.getText() }, name: m.getName() });
			continue;
		}
		const tt = resolveType(m.getTypeNode(), mod, diags, `field "${m.getName()}"`, m);
		if (!tt) continue;
		if (tt.k !== 'scalar') {
			diags.add(m, 'TS2C1011', typeName(tt));
			continue;
		}
		const zero = init && ['0', '0n', 'false'].includes(init.getText());
		if (!zero) diags.add(init ?? m, 'TS2C1004', name);
		fields.set(m.getName(), { tt });
		cfields.push({ type: { base: C_SCALAR[tt.s] }, name: m.getName() });
	}
	mod.structs.set(name, { name, fields, decl: { k: 'struct', comment: leadingComments(cls), name, fields: cfields } });
	mod.order.push({ kind: 'struct', name });
}

function collectConst(d: VariableDeclaration, mod: ModuleInfo, diags: Diagnostics, comment?: string): void {
	const nameNode = d.getNameNode();
	if (!Node.isIdentifier(nameNode)) {
		diags.add(nameNode, 'TS2C1008');
		return;
	}
	const name = d.getName();
	const init = d.getInitializer();
	const alloc = arrayAllocation(init);
	if (alloc) {
		const arg = alloc.arg;
		if (!arg || !Node.isArrayLiteralExpression(arg)) {
			diags.add(init!, 'TS2C1028', `${name} (a module-level array must be a table: new ${typeName({ k: 'ptr', elem: alloc.elem })}([...]))`);
			return;
		}
		const values: string[] = [];
		for (const el of arg.getElements()) {
			if (!Node.isNumericLiteral(el) && !Node.isBigIntLiteral(el)) {
				diags.add(el, 'TS2C1025');
				continue;
			}
			values.push(literalText(el, diags) ?? '0');
		}
		const target = newTarget('table', name, true);
		mod.consts.set(name, {
			name,
			tt: { k: 'ptr', elem: alloc.elem },
			range: NO_RANGE,
			size: values.length,
			target,
			decl: { k: 'table', comment, elem: C_SCALAR[alloc.elem], name, values, perLine: alloc.elem === 'u8' ? 8 : alloc.elem === 'u32' ? 4 : 2 },
		});
		mod.order.push({ kind: 'const', name });
		return;
	}
	if (!init) {
		diags.add(d, 'TS2C1028', name);
		return;
	}
	const scope = new FnScope(mod, diags, undefined, { fnsNamed: () => [] });
	const te = scope.expr(init as Expression);
	if (te.tt.k !== 'scalar') {
		diags.add(init, 'TS2C1028', name);
		return;
	}
	let tt: TT = te.tt;
	const annotated = d.getTypeNode();
	if (annotated) tt = resolveType(annotated, mod, diags, name, d) ?? tt;
	const printed = printConstValue(te.c);
	mod.consts.set(name, { name, tt, range: te.range, decl: { k: 'define', comment, name, value: printed } });
	mod.order.push({ kind: 'const', name });
}

function printConstValue(e: CExpr): string {
	const s = printExpr(e);
	return e.k === 'lit' || e.k === 'id' ? s : `(${s})`;
}

function literalText(node: Node, diags: Diagnostics): string | undefined {
	const raw = node.getText().replace(/_/g, '');
	if (Node.isBigIntLiteral(node)) {
		const text = raw.slice(0, -1);
		const v = BigInt(text);
		if (v >= 1n << 64n) {
			diags.add(node, 'TS2C1024', raw);
			return undefined;
		}
		return `${text.toLowerCase().startsWith('0x') ? '0x' + text.slice(2).toLowerCase() : text}ULL`;
	}
	const v = Number(raw);
	if (!Number.isInteger(v)) {
		diags.add(node, 'TS2C1015', raw);
		return undefined;
	}
	const text = raw.toLowerCase().startsWith('0x') ? '0x' + raw.slice(2).toLowerCase() : raw;
	if (v > 0xffffffff) return `${text}ULL`;
	if (v > 0x7fffffff) return `${text}U`;
	return text;
}

/* ---- function bodies -------------------------------------------------------------------------------- */

export class FnScope {
	private readonly scopes: Map<string, Var>[] = [new Map()];
	private loopDepth = 0;
	private forCounter: string | undefined;

	constructor(
		private readonly mod: ModuleInfo,
		private readonly diags: Diagnostics,
		private readonly fn: FnInfo | undefined,
		private readonly lookup: Lookup,
	) {
		if (fn) {
			for (const p of fn.params) {
				const kind = p.tt.k === 'ptr' ? 'ptr' : p.tt.k === 'struct' ? 'struct-param' : 'scalar';
				this.scopes[0].set(p.name, { tt: p.tt, kind, target: p.target });
			}
		}
	}

	private err(node: Node, code: DiagnosticCode, ...args: string[]): TE {
		this.diags.add(node, code, ...args);
		return { c: id('/* error */'), tt: scalar('u32'), range: UINT32 };
	}

	private findVar(name: string): Var | undefined {
		for (let i = this.scopes.length - 1; i >= 0; i--) {
			const v = this.scopes[i].get(name);
			if (v) return v;
		}
		return undefined;
	}

	private findConst(name: string): ConstInfo | undefined {
		const own = this.mod.consts.get(name);
		if (own) return own;
		const imp = this.mod.imports.get(name);
		if (imp && imp !== 'prelude') return imp.consts?.get(name);
		return undefined;
	}

	private findStruct(name: string): StructInfo | undefined {
		const own = this.mod.structs.get(name);
		if (own) return own;
		const imp = this.mod.imports.get(name);
		if (imp && imp !== 'prelude') return imp.structs?.get(name);
		return undefined;
	}

	/* -- the body -- */

	body(block: Block): CStmt[] {
		return this.block(block.getStatements());
	}

	private block(statements: readonly Statement[]): CStmt[] {
		this.scopes.push(new Map());
		const out: CStmt[] = [];
		statements.forEach((st, i) => {
			if (i > 0 && blankLineBefore(st)) out.push({ k: 'comment', text: '' });
			const c = leadingComments(st);
			if (c) out.push({ k: 'comment', text: c });
			out.push(...this.stmt(st));
		});
		this.scopes.pop();
		return out;
	}

	private sub(st: Statement): CStmt[] {
		if (Node.isBlock(st)) return this.block(st.getStatements());
		return this.block([st]);
	}

	private stmt(st: Statement): CStmt[] {
		if (Node.isVariableStatement(st)) return st.getDeclarations().map((d) => this.local(d));
		if (Node.isExpressionStatement(st)) return [{ k: 'expr', e: this.effect(st.getExpression()) }];
		if (Node.isReturnStatement(st)) {
			const e = st.getExpression();
			const ret = this.fn?.ret ?? { k: 'void' };
			if (!e) return [{ k: 'return' }];
			const te = this.expr(e);
			this.sink(te, ret, e, 'returned');
			return [{ k: 'return', e: te.c }];
		}
		if (Node.isIfStatement(st)) {
			const c = this.cond(st.getExpression());
			const then = this.sub(st.getThenStatement());
			const el = st.getElseStatement();
			return [{ k: 'if', c, then, else: el ? this.sub(el) : undefined }];
		}
		if (Node.isForStatement(st)) {
			this.scopes.push(new Map());
			const init = st.getInitializer();
			let cinit: CStmt | undefined;
			if (init && Node.isVariableDeclarationList(init)) {
				const ds = init.getDeclarations();
				if (ds.length !== 1) this.err(init, 'TS2C1001', 'a for loop declaring several variables');
				this.forCounter = ds[0].getName();
				cinit = this.local(ds[0]);
				this.forCounter = undefined;
			} else if (init) cinit = { k: 'expr', e: this.effect(init as Expression) };
			const cond = st.getCondition();
			const inc = st.getIncrementor();
			const c = cond ? this.cond(cond) : undefined;
			const step = inc ? this.effect(inc) : undefined;
			this.loopDepth++;
			const body = this.sub(st.getStatement());
			this.loopDepth--;
			this.scopes.pop();
			return [{ k: 'for', init: cinit, c, step, body }];
		}
		if (Node.isWhileStatement(st)) {
			const c = this.cond(st.getExpression());
			this.loopDepth++;
			const body = this.sub(st.getStatement());
			this.loopDepth--;
			return [{ k: 'while', c, body }];
		}
		if (Node.isDoStatement(st)) {
			this.loopDepth++;
			const body = this.sub(st.getStatement());
			this.loopDepth--;
			return [{ k: 'do', c: this.cond(st.getExpression()), body }];
		}
		if (Node.isBlock(st)) return [{ k: 'block', body: this.block(st.getStatements()) }];
		if (Node.isBreakStatement(st) && !st.getLabel()) return [{ k: 'break' }];
		if (Node.isContinueStatement(st) && !st.getLabel()) return [{ k: 'continue' }];
		if (Node.isThrowStatement(st) || Node.isTryStatement(st)) {
			this.err(st, 'TS2C1005', Node.isThrowStatement(st) ? 'throw' : 'try');
			return [];
		}
		if (Node.isFunctionDeclaration(st)) {
			this.err(st, 'TS2C1003', 'a nested function');
			return [];
		}
		if (Node.isClassDeclaration(st)) {
			this.err(st, 'TS2C1004', st.getName() ?? 'anonymous');
			return [];
		}
		this.err(st, 'TS2C1001', st.getKindName());
		return [];
	}

	private local(d: VariableDeclaration): CStmt {
		const nameNode = d.getNameNode();
		if (!Node.isIdentifier(nameNode)) {
			this.err(nameNode, 'TS2C1008');
			return { k: 'comment', text: 'error' };
		}
		const name = d.getName();
		if (C_RESERVED.has(name)) this.err(nameNode, 'TS2C1030', name);
		const init = d.getInitializer();
		const scope = this.scopes[this.scopes.length - 1];
		const alloc = arrayAllocation(init);
		if (alloc && init) {
			if (this.loopDepth > 0) this.err(init, 'TS2C1013');
			const arg = alloc.arg;
			if (arg && Node.isArrayLiteralExpression(arg)) this.err(arg, 'TS2C1028', `${name} (array literals are module-level tables)`);
			const re = this.mod.retype?.[init.getText().replace(/^new\s+/, '')];
			if (re) {
				const m = /^(\w+)\((\d+)\)$/.exec(re);
				if (!m || !ARRAY_ELEM[m[1]]) throw new Error(`ts2c: bad retype ${re}`);
				const target = newTarget('local', name, false);
				scope.set(name, { tt: { k: 'ptr', elem: ARRAY_ELEM[m[1]] }, kind: 'ptr', target, size: Number(m[2]) });
				return { k: 'decl', type: { base: C_SCALAR[ARRAY_ELEM[m[1]]], arraySize: m[2] }, name, init: 'zero' };
			}
			const size = constantSize(arg, this.mod, this.diags);
			const target = newTarget('local', name, false);
			scope.set(name, { tt: { k: 'ptr', elem: alloc.elem }, kind: 'ptr', target, size });
			return { k: 'decl', type: { base: C_SCALAR[alloc.elem], arraySize: arg?.getText() ?? '0' }, name, init: 'zero' };
		}
		if (init && Node.isNewExpression(init)) {
			const sname = init.getExpression().getText();
			const st = this.findStruct(sname);
			if (!st) {
				this.err(init, 'TS2C1018', sname);
				return { k: 'comment', text: 'error' };
			}
			if (this.loopDepth > 0) this.err(init, 'TS2C1013');
			if (init.getArguments().length) this.err(init, 'TS2C1004', sname);
			scope.set(name, { tt: { k: 'struct', name: sname }, kind: 'struct-local', target: newTarget('local', name, false) });
			return { k: 'decl', type: { base: `struct ${sname}` }, name, init: 'zero' };
		}
		const annotated = d.getTypeNode();
		let tt: TT | undefined = annotated ? resolveType(annotated, this.mod, this.diags, name, d) : undefined;
		const te = init ? this.expr(init) : undefined;
		if (te && (te.tt.k === 'ptr' || te.tt.k === 'struct')) {
			// an alias: `const block = p.subarray(64)` is `const uint8_t *block = p + 64;`
			if (te.tt.k === 'struct') this.err(init!, 'TS2C1029', 'copied (pass the struct itself)');
			const target = te.target;
			scope.set(name, { tt: te.tt, kind: 'ptr', target });
			const constRef = target?.kind === 'local' ? { value: false } : target?.constRef;
			return { k: 'decl', type: { base: C_SCALAR[(te.tt as { elem: Elem }).elem], pointer: true, constRef }, name, init: te.c };
		}
		if (!tt) {
			if (!te) {
				this.err(d, 'TS2C1022', name);
				tt = scalar('u32');
			} else if (init && (Node.isNumericLiteral(init) || (Node.isPrefixUnaryExpression(init) && Node.isNumericLiteral(init.getOperand())))) {
				tt = this.forCounter === name ? scalar('size_t') : within(te.range, UINT32) ? scalar('u32') : scalar('i32');
			} else if (te.tt.k === 'scalar') {
				tt = te.tt.s === 'int' ? scalar('i32') : te.tt;
			} else {
				this.err(d, 'TS2C1022', name);
				tt = scalar('u32');
			}
		}
		if (te) this.sink(te, tt, init!, `stored in ${typeName(tt)} "${name}"`);
		scope.set(name, { tt, kind: 'scalar' });
		return { k: 'decl', type: cType(tt), name, init: te?.c };
	}

	private cond(e: Expression): CExpr {
		const te = this.expr(e);
		if (te.tt.k !== 'scalar') return this.err(e, 'TS2C1029', 'used as a condition').c;
		if (te.tt.s !== 'bool') this.closed(te, e, 'a condition');
		return te.c;
	}

	/* -- effects: assignments, increments, calls -- */

	private effect(e: Expression): CExpr {
		if (Node.isParenthesizedExpression(e)) return this.effect(e.getExpression());
		if (Node.isBinaryExpression(e)) {
			const op = e.getOperatorToken().getText();
			if (op === '=' || (op.endsWith('=') && !['==', '===', '!=', '!==', '<=', '>='].includes(op))) return this.assign(e, op);
		}
		if ((Node.isPostfixUnaryExpression(e) || Node.isPrefixUnaryExpression(e)) && [SyntaxKind.PlusPlusToken, SyntaxKind.MinusMinusToken].includes(e.getOperatorToken())) {
			const target = this.lvalue(e.getOperand() as Expression);
			const op = e.getOperatorToken() === SyntaxKind.PlusPlusToken ? '++' : '--';
			if (target.tt.k !== 'scalar' || target.tt.s === 'bool') this.err(e, 'TS2C1029', 'incremented');
			return { k: 'postfix', op, e: target.c };
		}
		if (Node.isCallExpression(e)) return this.expr(e, true).c;
		this.err(e, 'TS2C1001', 'an expression statement without effect');
		return id('0');
	}

	private assign(e: Node & { getLeft(): Expression; getRight(): Expression }, op: string): CExpr {
		const left = e.getLeft();
		const right = e.getRight();
		if (Node.isArrayLiteralExpression(left) || Node.isObjectLiteralExpression(left)) return this.err(left, 'TS2C1008').c;
		const l = this.lvalue(left);
		if (op === '=') {
			const r = this.expr(right);
			this.sink(r, l.tt, right, `stored in ${l.what}`, l.element);
			return { k: 'assign', op: '=', l: l.c, r: r.c };
		}
		const bop = op.slice(0, -1);
		const lte: TE = { c: l.c, tt: l.tt, range: l.tt.k === 'scalar' ? TYPE_RANGE[l.tt.s] : NO_RANGE };
		const combined = this.binary(e, bop, lte, this.expr(right));
		this.sink(combined, l.tt, e, `stored in ${l.what}`, l.element);
		// the C spelling of the compound operator: `x >>>= n` is `x >>= n`
		const cop = bop === '>>>' ? '>>=' : op;
		const rc = combined.c.k === 'bin' ? combined.c.r : combined.c;
		if (combined.c.k !== 'bin' || bop === '>>>' && combined.c.k === 'bin' && combined.c.l !== l.c) {
			return { k: 'assign', op: '=', l: l.c, r: combined.c };
		}
		return { k: 'assign', op: cop, l: l.c, r: rc };
	}

	/** Something assigned to: a scalar variable, an array element, a struct field. */
	private lvalue(e: Expression): { c: CExpr; tt: TT; what: string; element: boolean } {
		if (Node.isIdentifier(e)) {
			const v = this.findVar(e.getText());
			if (!v) {
				this.err(e, this.findConst(e.getText()) ? 'TS2C1027' : 'TS2C1018', e.getText());
				return { c: id(e.getText()), tt: scalar('u32'), what: e.getText(), element: false };
			}
			if (v.kind !== 'scalar') this.err(e, 'TS2C1029', 'reassigned (pointers and structs are fixed)');
			return { c: id(e.getText()), tt: v.tt, what: `${typeName(v.tt)} "${e.getText()}"`, element: false };
		}
		if (Node.isElementAccessExpression(e)) {
			const te = this.expr(e);
			const base = this.expr(e.getExpression());
			this.markWritten(base, e);
			return { c: te.c, tt: te.tt, what: `an element of ${e.getExpression().getText()}`, element: true };
		}
		if (Node.isPropertyAccessExpression(e)) {
			const te = this.expr(e);
			const base = this.expr(e.getExpression());
			this.markWritten(base, e);
			return { c: te.c, tt: te.tt, what: `field ${e.getText()}`, element: false };
		}
		this.err(e, 'TS2C1002', `assignment to ${e.getKindName()}`);
		return { c: id('0'), tt: scalar('u32'), what: '?', element: false };
	}

	private markWritten(base: TE, at: Node): void {
		const t = base.target;
		if (!t) return;
		if (t.kind === 'table') this.err(at, 'TS2C1027', t.name);
		t.written = true;
	}

	/* -- checks -- */

	/** The value must be exactly what the C variable of type `to` holds. */
	private sink(te: TE, to: TT, node: Node, what: string, element = false): void {
		if (to.k === 'void') {
			this.err(node, 'TS2C1029', `${what} (the function returns void)`);
			return;
		}
		if (to.k === 'ptr' || to.k === 'struct') {
			if (te.tt.k !== to.k || (to.k === 'ptr' && te.tt.k === 'ptr' && te.tt.elem !== to.elem) || (to.k === 'struct' && te.tt.k === 'struct' && te.tt.name !== to.name)) {
				this.err(node, 'TS2C1029', `${what} (it is ${typeName(te.tt)}, ${typeName(to)} expected)`);
			}
			return;
		}
		if (to.k !== 'scalar' || te.tt.k !== 'scalar') {
			this.err(node, 'TS2C1029', `${what} (it is ${typeName(te.tt)}, ${typeName(to)} expected)`);
			return;
		}
		if (isBig(to.s) !== isBig(te.tt.s)) {
			this.err(node, 'TS2C1029', `${what} (it is ${typeName(te.tt)}, ${typeName(to)} expected: convert with BigInt/u64_from or Number/lo32)`);
			return;
		}
		if (to.s === 'bool' || te.tt.s === 'bool') {
			if (to.s !== te.tt.s) this.err(node, 'TS2C1029', `${what} (it is ${typeName(te.tt)}, ${typeName(to)} expected)`);
			return;
		}
		if (element) {
			// a typed-array store wraps modulo 2^8/2^32/2^64 in TS exactly as the C store does
			if (!isBig(to.s) && !within(te.range, EXACT)) this.err(node, 'TS2C1026', node.getText());
			return;
		}
		if (to.s === 'u128') {
			// limb sums the declared u64 type cannot bound are the reference's business (and the
			// differential test's); a 64x64 product computed in 64 bits is always a mistake
			if (te.tt.s === 'u64' && !within(te.range, [-(1n << 96n), 1n << 96n])) this.err(node, 'TS2C1019', `${node.getText()} is computed in 64 bits in C but may reach ${fmtRange(te.range)} (use mul64x64 for a 128-bit product)`);
			return;
		}
		if (to.s === 'size_t') {
			if (!within(te.range, EXACT)) this.err(node, 'TS2C1026', node.getText());
			return;
		}
		if (!within(te.range, TYPE_RANGE[to.s])) {
			this.err(node, 'TS2C1019', `${node.getText()} may be ${fmtRange(te.range)} but is ${what}, a ${to.s}`);
		}
	}

	/** Operands whose C value must equal the TS value: comparisons, indices, conditions. */
	private closed(te: TE, node: Node, what: string): void {
		if (te.tt.k !== 'scalar') return;
		const s = te.tt.s === 'int' ? 'i32' : te.tt.s;
		const r = s === 'size_t' ? EXACT : TYPE_RANGE[s];
		if (!within(te.range, r)) this.err(node, 'TS2C1019', `${node.getText()} may be ${fmtRange(te.range)} in ${what}`);
	}

	/* -- expressions -- */

	expr(e: Expression, statementCall = false): TE {
		if (Node.isParenthesizedExpression(e)) return this.expr(e.getExpression());
		if (Node.isNonNullExpression(e)) return this.expr(e.getExpression());
		if (Node.isNumericLiteral(e)) {
			const text = literalText(e, this.diags) ?? '0';
			const v = BigInt(Math.trunc(Number(e.getLiteralValue())));
			return { c: lit(text), tt: scalar(v > 0xffffffffn ? 'size_t' : v > 0x7fffffffn ? 'u32' : 'int'), range: [v, v], value: v };
		}
		if (Node.isBigIntLiteral(e)) {
			const text = literalText(e, this.diags) ?? '0';
			const v = BigInt(e.getText().replace(/_/g, '').slice(0, -1));
			return { c: lit(text), tt: scalar('u64'), range: [v, v], value: v };
		}
		if (e.getKind() === SyntaxKind.TrueKeyword || e.getKind() === SyntaxKind.FalseKeyword) {
			return { c: lit(e.getText()), tt: scalar('bool'), range: [0n, 1n] };
		}
		if (Node.isIdentifier(e)) return this.identifier(e);
		if (Node.isBinaryExpression(e)) {
			const op = e.getOperatorToken().getText();
			if (op === '=' || (op.endsWith('=') && !['==', '===', '!=', '!==', '<=', '>='].includes(op))) return this.err(e, 'TS2C1002', 'an assignment inside an expression');
			if (op === ',') return this.err(e, 'TS2C1002', 'the comma operator');
			if (op === '??') return this.err(e, 'TS2C1009');
			if (op === 'instanceof' || op === 'in') return this.err(e, 'TS2C1002', op);
			if (op === '/') return this.err(e, 'TS2C1015', e.getText());
			if (op === '**') return this.err(e, 'TS2C1015', e.getText());
			return this.binary(e, op, this.expr(e.getLeft()), this.expr(e.getRight()));
		}
		if (Node.isPrefixUnaryExpression(e)) return this.prefix(e);
		if (Node.isPostfixUnaryExpression(e)) return this.err(e, 'TS2C1002', 'an increment inside an expression');
		if (Node.isCallExpression(e)) {
			if (e.hasQuestionDotToken()) return this.err(e, 'TS2C1009');
			return this.call(e, statementCall);
		}
		if (Node.isElementAccessExpression(e)) {
			if (e.hasQuestionDotToken()) return this.err(e, 'TS2C1009');
			const base = this.expr(e.getExpression());
			if (base.tt.k !== 'ptr') return this.err(e.getExpression(), 'TS2C1029', 'indexed');
			const arg = e.getArgumentExpression();
			if (!arg) return this.err(e, 'TS2C1002', 'an empty index');
			const i = this.expr(arg);
			this.closed(i, arg, 'an index');
			if (i.tt.k === 'scalar' && (isBig(i.tt.s) || i.tt.s === 'bool')) this.err(arg, 'TS2C1029', 'an index');
			const elem = base.tt.elem;
			return { c: { k: 'index', e: base.c, i: i.c }, tt: elemTT(elem), range: TYPE_RANGE[elem] };
		}
		if (Node.isPropertyAccessExpression(e)) {
			if (e.hasQuestionDotToken()) return this.err(e, 'TS2C1009');
			return this.property(e);
		}
		if (Node.isConditionalExpression(e)) {
			const c = this.cond(e.getCondition());
			const t = this.expr(e.getWhenTrue());
			const f = this.expr(e.getWhenFalse());
			if (t.tt.k !== 'scalar' || f.tt.k !== 'scalar') return this.err(e, 'TS2C1029', 'chosen by ?:');
			const s = t.tt.s === f.tt.s ? t.tt.s : t.tt.s === 'bool' || f.tt.s === 'bool' ? 'bool' : arith(t.tt.s, f.tt.s);
			return { c: { k: 'cond', c, t: t.c, f: f.c }, tt: scalar(s), range: [t.range[0] < f.range[0] ? t.range[0] : f.range[0], t.range[1] > f.range[1] ? t.range[1] : f.range[1]] };
		}
		if (Node.isArrowFunction(e) || Node.isFunctionExpression(e)) return this.err(e, 'TS2C1003', Node.isArrowFunction(e) ? 'an arrow function' : 'a function expression');
		if (Node.isObjectLiteralExpression(e)) return this.err(e, 'TS2C1006');
		if (Node.isSpreadElement(e)) return this.err(e, 'TS2C1007');
		if (Node.isTemplateExpression(e) || Node.isNoSubstitutionTemplateLiteral(e) || Node.isTaggedTemplateExpression(e)) return this.err(e, 'TS2C1010');
		if (Node.isNewExpression(e)) return this.err(e, 'TS2C1029', 'allocated here (allocate only as a local declaration: const x = new Uint32Array(16))');
		if (Node.isAsExpression(e)) {
			if (e.getTypeNode()?.getText() === 'any') return this.err(e.getTypeNode()!, 'TS2C1011', 'any');
			return this.err(e, 'TS2C1002', 'a type assertion (the subset has no casts; use >>> 0, lo32, u64_from, ...)');
		}
		if (Node.isArrayLiteralExpression(e)) return this.err(e, 'TS2C1002', 'an array literal (only module-level tables)');
		if (Node.isStringLiteral(e)) return this.err(e, 'TS2C1002', 'a string');
		return this.err(e, 'TS2C1002', e.getKindName());
	}

	private identifier(e: Node): TE {
		const name = e.getText();
		const v = this.findVar(name);
		if (v) {
			if (v.kind === 'struct-local' || v.kind === 'struct-param') return { c: id(name), tt: v.tt, range: NO_RANGE, target: v.target, byValue: v.kind === 'struct-local' };
			if (v.kind === 'ptr') return { c: id(name), tt: v.tt, range: NO_RANGE, target: v.target, size: v.size };
			return { c: id(name), tt: v.tt, range: v.tt.k === 'scalar' ? TYPE_RANGE[v.tt.s] : NO_RANGE };
		}
		const c = this.findConst(name);
		if (c) {
			if (c.tt.k === 'ptr') return { c: id(name), tt: c.tt, range: NO_RANGE, target: c.target, size: c.size };
			const s = (c.tt as { s: Scalar }).s;
			return { c: id(name), tt: c.tt, range: c.range[0] === c.range[1] ? c.range : TYPE_RANGE[s], value: c.range[0] === c.range[1] ? c.range[0] : undefined };
		}
		if (this.mod.imports.get(name) === 'prelude' && PRELUDE_CONSTANTS[name]) return { c: id(name), tt: scalar('int'), range: PRELUDE_CONSTANTS[name] };
		if (name === 'undefined' || name === 'NaN' || name === 'Infinity') return this.err(e, 'TS2C1002', name);
		return this.err(e, 'TS2C1018', name);
	}

	private property(e: Node & { getExpression(): Expression; getName(): string }): TE {
		const base = this.expr(e.getExpression());
		const name = e.getName();
		if (base.tt.k === 'struct') {
			const st = this.findStruct(base.tt.name);
			const f = st?.fields.get(name);
			if (!st || !f) return this.err(e, 'TS2C1018', `${base.tt.name}.${name}`);
			const c: CExpr = { k: 'member', e: base.c, name, arrow: !base.byValue };
			if (f.tt.k === 'ptr') return { c, tt: f.tt, range: NO_RANGE, target: base.target, size: f.size };
			return { c, tt: f.tt, range: DEFAULT_RESULT_RANGE(f.tt) };
		}
		if (base.tt.k === 'ptr' && name === 'length') {
			if (base.size === undefined) return this.err(e, 'TS2C1029', 'asked for its length (a C pointer carries none: pass the length as a size_t)');
			return { c: lit(String(base.size)), tt: scalar('int'), range: [BigInt(base.size), BigInt(base.size)], value: BigInt(base.size) };
		}
		if (base.tt.k === 'ptr') return this.err(e, 'TS2C1012', name);
		return this.err(e, 'TS2C1002', `property ${name}`);
	}

	private prefix(e: Node & { getOperatorToken(): SyntaxKind; getOperand(): Expression }): TE {
		const tok = e.getOperatorToken();
		const op = tok === SyntaxKind.MinusToken ? '-' : tok === SyntaxKind.TildeToken ? '~' : tok === SyntaxKind.ExclamationToken ? '!' : tok === SyntaxKind.PlusToken ? '+' : '++';
		if (op === '++') return this.err(e, 'TS2C1002', 'an increment inside an expression');
		if (op === '+') return this.err(e, 'TS2C1002', 'unary + (a float conversion)');
		const a = this.expr(e.getOperand());
		if (a.tt.k !== 'scalar') return this.err(e, 'TS2C1029', `an operand of ${op}`);
		if (op === '!') return { c: { k: 'unary', op, e: a.c }, tt: scalar('bool'), range: [0n, 1n] };
		if (a.tt.s === 'bool') return this.err(e, 'TS2C1029', `an operand of ${op}`);
		if (op === '-') {
			if (a.value !== undefined) {
				const v = -a.value;
				return { c: { k: 'unary', op, e: a.c }, tt: a.tt, range: [v, v], value: v };
			}
			return { c: { k: 'unary', op, e: a.c }, tt: scalar(isBig(a.tt.s) ? a.tt.s : promote(a.tt.s)), range: [-a.range[1], -a.range[0]] };
		}
		// ~x: for numbers ToInt32(~x), a signed 32-bit value; for bigints -(x + 1)
		if (isBig(a.tt.s)) return { c: { k: 'unary', op, e: a.c }, tt: a.tt, range: [-a.range[1] - 1n, -a.range[0] - 1n] };
		return { c: { k: 'unary', op, e: this.widenNarrow(a) }, tt: scalar(promote(a.tt.s) === 'int' ? 'u32' : promote(a.tt.s)), range: SIGNED32 };
	}

	/** u8/u16/i32 operands of bit operations become uint32_t in C so C computes what JS computes. */
	private widenNarrow(a: TE): CExpr {
		if (a.tt.k === 'scalar' && promote(a.tt.s) === 'int' && a.value === undefined) return cast('uint32_t', a.c);
		return a.c;
	}

	binary(node: Node, op: string, l: TE, r: TE): TE {
		if (['===', '!==', '==', '!=', '<', '<=', '>', '>='].includes(op)) return this.compare(node, op, l, r);
		if (op === '&&' || op === '||') {
			for (const [t, n] of [[l, node], [r, node]] as const) if (t.tt.k !== 'scalar' || t.tt.s !== 'bool') this.err(n, 'TS2C1029', `an operand of ${op} (compare it explicitly)`);
			return { c: bin(op, l.c, r.c), tt: scalar('bool'), range: [0n, 1n] };
		}
		if (l.tt.k !== 'scalar' || r.tt.k !== 'scalar') {
			if (op === '+' && l.tt.k === 'ptr') return this.err(node, 'TS2C1029', 'offset with + (use p.subarray(off))');
			return this.err(node, 'TS2C1029', `an operand of ${op}`);
		}
		if (l.tt.s === 'bool' || r.tt.s === 'bool') return this.err(node, 'TS2C1029', `an operand of ${op} (a boolean)`);
		const big = isBig(l.tt.s);
		if (big !== isBig(r.tt.s)) return this.err(node, 'TS2C1029', `mixed with a bigint in ${op}`);
		const [a0, a1] = l.range;
		const [b0, b1] = r.range;
		const ct = arith(promote(l.tt.s), promote(r.tt.s));
		const text = node.getText();
		const exact = (res: TE): TE => {
			if (!big && !within(res.range, EXACT)) this.err(node, 'TS2C1026', text);
			return res;
		};
		const nonneg = (x: Range): boolean => x[0] >= 0n;
		switch (op) {
			case '+':
			case '-':
			case '*': {
				const cands = op === '+' ? [a0 + b0, a1 + b1] : op === '-' ? [a0 - b1, a1 - b0] : [a0 * b0, a0 * b1, a1 * b0, a1 * b1];
				const range: Range = [cands.reduce((m, v) => (v < m ? v : m)), cands.reduce((m, v) => (v > m ? v : m))];
				// C computes narrow operands in int: widen when the result could leave int's range
				const lc = ct === 'int' && !within(range, SIGNED32) ? cast('uint32_t', l.c) : l.c;
				return exact({ c: bin(op, lc, r.c), tt: scalar(ct === 'int' && lc !== l.c ? 'u32' : ct), range });
			}
			case '%': {
				this.closed(l, node, 'an operand of %');
				this.closed(r, node, 'an operand of %');
				return { c: bin('%', l.c, r.c), tt: scalar(ct), range: [0n, b1 > 0n ? b1 - 1n : 0n] };
			}
			case '&':
			case '|':
			case '^': {
				let range: Range;
				const small = (x: Range): boolean => x[0] >= 0n && x[1] < 1n << 31n;
				if (big) {
					if (nonneg(l.range) && nonneg(r.range)) {
						const hi = op === '&' ? (a1 < b1 ? a1 : b1) : (1n << BigInt(bitsFor(a1 > b1 ? a1 : b1))) - 1n;
						range = [0n, hi];
					} else range = [-(1n << 128n), 1n << 128n];
				} else {
					if (op === '&' && (small(l.range) || small(r.range))) {
						const his = [l.range, r.range].filter(small).map((x) => x[1]);
						range = [0n, his.reduce((m, v) => (v < m ? v : m))];
					} else if (small(l.range) && small(r.range)) {
						range = [0n, (1n << BigInt(bitsFor(a1 > b1 ? a1 : b1))) - 1n];
					} else range = SIGNED32;
				}
				// two operands in [0, 2^31) give the same bits in C's int as in JS: no widening needed
				const keep = big || (small(l.range) && small(r.range));
				const lc = keep ? l.c : this.widenNarrow(l);
				return { c: bin(op, lc, keep ? r.c : this.widenNarrow(r)), tt: scalar(big ? ct : ct === 'int' ? (within(range, [0n, (1n << 31n) - 1n]) ? 'int' : 'u32') : ct), range };
			}
			case '<<':
			case '>>':
			case '>>>': {
				const s = r.value;
				if (s === undefined) this.closed(r, node, 'a shift count');
				if (big) {
					if (op === '>>>') return this.err(node, 'TS2C1002', '>>> on a bigint');
					if (s === undefined) return { c: bin(op, l.c, r.c), tt: l.tt, range: op === '>>' ? [0n, a1] : [0n, 1n << 256n] };
					const range: Range = op === '<<' ? [a0 << s, a1 << s] : [a0 >> s, a1 >> s];
					return { c: bin(op, l.c, lit(String(s))), tt: scalar(promote(l.tt.s)), range };
				}
				if (s !== undefined && (s < 0n || s > 31n)) return this.err(node, 'TS2C1002', `a shift by ${s} (JS takes the count modulo 32, C leaves it undefined)`);
				const lp = promote(l.tt.s);
				if (op === '>>>') {
					const inU32 = within(l.range, UINT32);
					const range: Range = inU32 ? l.range : UINT32;
					if (s === 0n) {
						// `x >>> 0` closes a u32 result: nothing in C, or a conversion when C holds x in another type
						const c = lp === 'u32' ? l.c : cast('uint32_t', l.c);
						return { c, tt: scalar('u32'), range };
					}
					const lc = lp === 'u32' ? l.c : cast('uint32_t', l.c);
					const sh = s ?? 0n;
					return { c: bin('>>', lc, r.c), tt: scalar('u32'), range: s === undefined ? UINT32 : [range[0] >> sh, range[1] >> sh] };
				}
				if (op === '>>') {
					if (lp !== 'int' && !(l.range[1] < 1n << 31n)) return this.err(node, 'TS2C1020');
					const range: Range = s === undefined ? SIGNED32 : [a0 >> s, a1 >> s];
					return { c: bin('>>', l.c, r.c), tt: scalar(lp === 'int' ? 'int' : lp), range };
				}
				const lc = lp === 'int' || lp === 'size_t' ? cast('uint32_t', l.c) : l.c;
				const range: Range = s !== undefined && a0 >= 0n && a1 < 1n << (31n - s) ? [a0 << s, a1 << s] : SIGNED32;
				return { c: bin('<<', lc, r.c), tt: scalar('u32'), range };
			}
		}
		return this.err(node, 'TS2C1002', `operator ${op}`);
	}

	private compare(node: Node, op: string, l: TE, r: TE): TE {
		const cop = op === '===' ? '==' : op === '!==' ? '!=' : op;
		if (l.tt.k !== 'scalar' || r.tt.k !== 'scalar') return this.err(node, 'TS2C1016', op);
		if ((l.tt.s === 'bool') !== (r.tt.s === 'bool')) return this.err(node, 'TS2C1016', op);
		if (isBig(l.tt.s) !== isBig(r.tt.s)) return this.err(node, 'TS2C1016', `${op} between a number and a bigint`);
		if ((op === '<' || op === '>' || op === '<=' || op === '>=') && l.tt.s === 'bool') return this.err(node, 'TS2C1016', op);
		for (const t of [l, r]) {
			if (t.tt.k === 'scalar' && isBig(t.tt.s)) {
				if (t.range[0] < 0n || (t.tt.s === 'u64' && t.range[1] >= 1n << 64n)) this.err(node, 'TS2C1019', `${node.getText()} compares a value outside ${t.tt.s}`);
			} else this.closed(t, node, 'a comparison');
		}
		return { c: bin(cop, l.c, r.c), tt: scalar('bool'), range: [0n, 1n] };
	}

	private call(e: Node & { getExpression(): Expression; getArguments(): Node[] }, statementCall: boolean): TE {
		const callee = e.getExpression();
		const args = e.getArguments() as Expression[];
		for (const a of args) if (Node.isSpreadElement(a)) return this.err(a, 'TS2C1007');
		if (Node.isPropertyAccessExpression(callee)) {
			const obj = callee.getExpression().getText();
			const name = callee.getName();
			if (obj === 'Math' && name === 'imul' && args.length === 2) {
				const a = this.expr(args[0]);
				const b = this.expr(args[1]);
				for (const [t, n] of [[a, args[0]], [b, args[1]]] as const) if (t.tt.k !== 'scalar' || isBig(t.tt.s) || t.tt.s === 'bool') this.err(n, 'TS2C1029', 'an operand of Math.imul');
				return { c: bin('*', this.widenNarrow(a), b.c), tt: scalar('u32'), range: SIGNED32 };
			}
			if (obj === 'Math' && name === 'floor' && args.length === 1 && Node.isBinaryExpression(args[0]) && args[0].getOperatorToken().getText() === '/') {
				const d = args[0];
				const a = this.expr(d.getLeft());
				const b = this.expr(d.getRight());
				this.closed(a, d.getLeft(), 'a division');
				this.closed(b, d.getRight(), 'a division');
				if (a.tt.k !== 'scalar' || b.tt.k !== 'scalar' || a.range[0] < 0n || b.range[0] <= 0n) return this.err(d, 'TS2C1015', d.getText());
				return { c: bin('/', a.c, b.c), tt: scalar(arith(promote(a.tt.s), promote(b.tt.s))), range: [a.range[0] / b.range[1], a.range[1] / b.range[0]] };
			}
			if (obj === 'Math') return this.err(callee, 'TS2C1021', `Math.${name}`);
			const base = this.expr(callee.getExpression());
			if (base.tt.k === 'ptr' && name === 'subarray') {
				if (args.length !== 1) return this.err(e, 'TS2C1012', 'subarray with two arguments (write p.subarray(off) and pass the length separately)');
				const off = this.expr(args[0]);
				this.sink(off, scalar('size_t'), args[0], 'an offset');
				return { c: off.value === 0n ? base.c : bin('+', base.c, off.c), tt: base.tt, range: NO_RANGE, target: base.target };
			}
			if (base.tt.k === 'ptr') return this.err(callee.getNameNode(), 'TS2C1012', name);
			return this.err(callee, 'TS2C1021', callee.getText());
		}
		if (!Node.isIdentifier(callee)) return this.err(callee, 'TS2C1021', callee.getText());
		const name = callee.getText();
		if (name === 'BigInt' && args.length === 1) {
			const a = this.expr(args[0]);
			if (a.tt.k !== 'scalar' || isBig(a.tt.s) || a.tt.s === 'bool') return this.err(args[0], 'TS2C1029', 'converted with BigInt');
			if (a.range[0] < 0n) this.err(args[0], 'TS2C1019', `${args[0].getText()} may be negative when widened to u64`);
			this.closed(a, args[0], 'BigInt()');
			return { c: a.value !== undefined ? lit(`${a.value}ULL`) : cast('uint64_t', a.c), tt: scalar('u64'), range: a.range };
		}
		if (name === 'Number' && args.length === 1) {
			const a = this.expr(args[0]);
			if (a.tt.k !== 'scalar' || !isBig(a.tt.s)) return this.err(args[0], 'TS2C1029', 'converted with Number');
			if (!within(a.range, UINT32)) this.err(args[0], 'TS2C1019', `Number(${args[0].getText()}) may be ${fmtRange(a.range)}, outside u32`);
			return { c: cast('uint32_t', a.c), tt: scalar('u32'), range: a.range };
		}
		if (this.mod.imports.get(name) === 'prelude' && name === 'KASSERT') {
			// KASSERT(cond, 'message'): the message is a plain string literal, printed into the C
			// message as ("%s: message", __func__)
			if (args.length !== 2) return this.err(e, 'TS2C1021', `KASSERT with ${args.length} arguments`);
			const c = this.expr(args[0]);
			if (c.tt.k !== 'scalar' || c.tt.s !== 'bool') this.err(args[0], 'TS2C1029', 'passed to KASSERT (a condition expected)');
			const m = args[1];
			if (!Node.isStringLiteral(m) || !/^[ -~]*$/.test(m.getLiteralValue()) || /["\\%]/.test(m.getLiteralValue())) {
				return this.err(m, 'TS2C1029', 'passed to KASSERT as its message (a plain string literal without " \\ % expected)');
			}
			if (!statementCall) this.err(e, 'TS2C1029', 'used (KASSERT returns nothing)');
			return { c: call('KASSERT', c.c, lit(`("%s: ${m.getLiteralValue()}", __func__)`)), tt: { k: 'void' }, range: [0n, 0n] };
		}
		if (this.mod.imports.get(name) === 'prelude') {
			const h = PRELUDE_HELPERS[name];
			if (!h) return this.err(callee, 'TS2C1021', name);
			if (h.params.length !== args.length) return this.err(e, 'TS2C1021', `${name} with ${args.length} arguments`);
			const tes = args.map((a) => this.expr(a));
			h.params.forEach((p: PreludeParam, i) => {
				const te = tes[i];
				if (p === 'anyptr') {
					if (te.tt.k !== 'ptr') this.err(args[i], 'TS2C1029', `passed to ${name} (a typed array expected)`);
				} else if (p === 'big') {
					if (te.tt.k !== 'scalar' || !isBig(te.tt.s)) this.err(args[i], 'TS2C1029', `passed to ${name} (a bigint expected)`);
				} else this.sink(te, p, args[i], `passed to ${name}`, h.mod32?.includes(i) ?? false);
			});
			for (const w of h.writes ?? []) this.markWritten(tes[w], args[w]);
			if (inlineDefinition(name)) this.mod.inlines.add(name);
			const cargs = tes.map((t, i) => (h.params[i] !== 'anyptr' && h.params[i] !== 'big' && (h.params[i] as TT).k === 'scalar' && t.tt.k === 'scalar' && promote(t.tt.s) === 'int' && (h.params[i] as { s: Scalar }).s === 'u32' && i === 0 && ['add32', 'sub32', 'mul32'].includes(name) ? cast('uint32_t', t.c) : t.c));
			const range = h.range ? h.range(tes.map((t) => t.range)) : DEFAULT_RESULT_RANGE(h.ret);
			if (h.ret.k === 'void' && !statementCall) this.err(e, 'TS2C1029', `used (${name} returns nothing)`);
			return { c: h.build(cargs), tt: h.ret, range };
		}
		const imp = this.mod.imports.get(name);
		const f = this.mod.fns.get(name) ?? (imp && imp !== 'prelude' ? imp.fns?.get(name) : undefined);
		if (!f) return this.err(callee, this.findVar(name) ? 'TS2C1021' : 'TS2C1018', name);
		if (this.fn && f.name === this.fn.name) return this.err(callee, 'TS2C1014', name);
		if (this.fn) this.fn.calls.add(name);
		if (f.params.length !== args.length) return this.err(e, 'TS2C1021', `${name} with ${args.length} arguments (it takes ${f.params.length})`);
		const cargs: CExpr[] = [];
		f.params.forEach((p, i) => {
			const te = this.expr(args[i]);
			this.sink(te, p.tt, args[i], `passed as "${p.name}" to ${name}`);
			if (te.target && (p.tt.k === 'ptr' || p.tt.k === 'struct')) te.target.edges.push({ fn: name, index: i, node: args[i], module: this.mod });
			cargs.push(te.byValue ? { k: 'unary', op: '&', e: te.c } : te.c);
		});
		if (f.ret.k === 'void' && !statementCall) this.err(e, 'TS2C1029', `used (${name} returns void)`);
		return { c: call(name, ...cargs), tt: f.ret, range: DEFAULT_RESULT_RANGE(f.ret) };
	}
}

/** Translates one function's body into its C definition (storage decided by the caller). */
export function translateFunction(f: FnInfo, diags: Diagnostics, lookup: Lookup, storage: 'static' | 'extern' | 'static inline'): void {
	const scope = new FnScope(f.module, diags, f, lookup);
	const body = unrollConstantLoops(scope.body(f.node.getBody() as Block));
	// the function's own doc comment; the banner names the source files (emitted comments cite RFC
	// sections, not repository paths)
	const doc = leadingComments(f.node);
	f.decl = {
		k: 'func',
		comment: doc,
		storage,
		ret: cType(f.ret),
		name: f.name,
		params: f.params.map((p) => ({ name: p.name, type: cType(p.tt, p.target) })),
		body,
	};
}

/** Const inference: a pointer parameter is const unless something writes through it, here or in a callee. */
export function inferConst(all: readonly FnInfo[], consts: readonly ConstInfo[], lookup: Lookup, diags: Diagnostics): void {
	const targets: WriteTarget[] = [];
	for (const f of all) for (const p of f.params) if (p.target) targets.push(p.target);
	for (const c of consts) if (c.target) targets.push(c.target);
	const paramWritten = (fn: string, i: number): boolean => lookup.fnsNamed(fn).some((d) => d.params[i]?.target?.written === true);
	let changed = true;
	while (changed) {
		changed = false;
		for (const t of targets) {
			if (t.written) continue;
			if (t.edges.some((e) => paramWritten(e.fn, e.index))) {
				t.written = true;
				changed = true;
			}
		}
	}
	for (const t of targets) {
		if (t.kind === 'table') {
			if (t.written) {
				const at = t.edges.find((e) => paramWritten(e.fn, e.index));
				if (at) diags.add(at.node, 'TS2C1027', t.name);
			}
			t.constRef.value = true;
		} else t.constRef.value = !t.written;
	}
}

