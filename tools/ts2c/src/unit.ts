/*
 * A translation unit: a set of TS modules (entries plus the sibling modules they import) translated
 * together into the declarations of one C file. Decides what C needs and TS does not: an order in
 * which every function is defined before it is called, which functions are extern (the rest static,
 * unreachable ones dropped so -Wunused-function stays quiet), and the variant pairs printed behind
 * `#ifdef __SIZEOF_INT128__` (tests force the fallback with -U__SIZEOF_INT128__; no project macro
 * goes into src).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project, type SourceFile } from 'ts-morph';
import type { CDecl, CExpr, CStmt } from './c-ast';
import { TranslationError } from './diagnostics';
import { inlineDefinition, inlineNeedsInt128 } from './prelude-map';
import { dropDeadZeroInits } from './c-zeroinit';
import { collectModule, Diagnostics, inferConst, translateFunction, type FnInfo, type Lookup, type ModuleInfo } from './translate';

export interface VariantPair {
	/** the module with 64-bit limbs and 128-bit products (repository-relative) */
	readonly int128: string;
	/** the module with the same exported names built on 32-bit limbs */
	readonly fallback: string;
	/**
	 * Modules written against the int128 module (x25519.ts against fe51.ts) that are translated once per
	 * arm: in the fallback arm their imports bind to the fallback module and their allocations of the
	 * int128 module's limb arrays are retyped, e.g. { 'BigUint64Array(5)': 'Uint32Array(10)' }.
	 */
	readonly clients?: readonly string[];
	readonly retype?: Readonly<Record<string, string>>;
}

export interface UnitSpec {
	/** entry modules, repository-relative */
	readonly modules: readonly string[];
	readonly variants?: readonly VariantPair[];
	/** functions with external linkage; default: every exported function */
	readonly extern?: readonly string[];
	/** functions printed `static __inline` in a header instead of the .c */
	readonly headerInline?: readonly string[];
	/** structs defined in a header instead of the .c */
	readonly headerStructs?: readonly string[];
	/**
	 * C names for extern functions whose TS name is too generic for the kernel's single global
	 * namespace (poly1305_init is also a global of the OpenSSL assembly behind ossl(4)): definitions
	 * and every call are printed with the C name.
	 */
	readonly cNames?: Readonly<Record<string, string>>;
	/**
	 * static functions that keep their own stack frame (`__noinline`) although
	 * they have no large locals: register-heavy code whose spills would otherwise add up in the
	 * caller's frame (test/stack.test.ts)
	 */
	readonly noinline?: readonly string[];
}

/**
 * The guard of the 64-bit arm: the compiler has a 128-bit integer. Builds that want the fallback on a
 * 64-bit host pass FORCE_FALLBACK_FLAG (cbuild.ts), -U__SIZEOF_INT128__.
 */
export const INT128_GUARD = '#ifdef __SIZEOF_INT128__';

type Group =
	| { kind: 'plain'; mod: ModuleInfo }
	| { kind: 'variant'; a: ModuleInfo; b: ModuleInfo; aClients: ModuleInfo[]; bClients: ModuleInfo[] };

export interface Unit {
	readonly root: string;
	readonly modules: readonly ModuleInfo[];
	readonly groups: readonly Group[];
	readonly fns: readonly FnInfo[];
	/** extern functions (by name, both arms for variant ones) */
	readonly externs: ReadonlySet<string>;
	readonly reachable: ReadonlySet<FnInfo>;
	/** repository-relative paths of every module translated */
	readonly inputs: readonly string[];
}

/** Reads, checks and translates the modules; throws TranslationError with every diagnostic found. */
export function translateUnit(spec: UnitSpec, root: string): Unit {
	const project = new Project({ skipAddingFilesFromTsConfig: true, useInMemoryFileSystem: false, compilerOptions: { allowJs: false } });
	const rel = (sf: SourceFile): string => path.relative(root, sf.getFilePath()).split(path.sep).join('/');
	const diags = new Diagnostics(rel);
	const byFile = new Map<string, ModuleInfo>();
	const variantOf = new Map<string, { pair: VariantPair; role: 'a' | 'b' }>();
	for (const pair of spec.variants ?? []) {
		variantOf.set(path.resolve(root, pair.int128), { pair, role: 'a' });
		variantOf.set(path.resolve(root, pair.fallback), { pair, role: 'b' });
	}
	const load = (file: string): ModuleInfo => {
		const have = byFile.get(file);
		if (have) return have;
		if (!fs.existsSync(file)) throw new Error(`ts2c: no such module ${path.relative(root, file)}`);
		const sf = project.addSourceFileAtPath(file);
		const mod = collectModule(sf, rel(sf), diags);
		byFile.set(file, mod);
		const v = variantOf.get(file);
		if (v) load(path.resolve(root, v.role === 'a' ? v.pair.fallback : v.pair.int128));
		for (const dep of mod.deps) load(dep);
		return mod;
	};
	const entries = spec.modules.map((m) => load(path.resolve(root, m)));
	// variant clients: a second copy of the module for the fallback arm
	const clientCopies = new Map<ModuleInfo, { pair: VariantPair; copy: ModuleInfo }>();
	for (const pair of spec.variants ?? []) {
		for (const c of pair.clients ?? []) {
			const orig = load(path.resolve(root, c));
			const a = path.resolve(root, pair.int128);
			const b = path.resolve(root, pair.fallback);
			// imports bound to the fallback before types are read, so `x: fe` parameters get its alias
			const copy = collectModule(orig.sf, orig.rel, diags, new Map([[a, b]]));
			copy.retype = pair.retype;
			clientCopies.set(orig, { pair, copy });
		}
	}
	const allModules = [...byFile.values(), ...[...clientCopies.values()].map((c) => c.copy)];
	// resolve imports now that every module is loaded
	for (const mod of allModules) {
		for (const [name, imp] of mod.imports) {
			if (imp === 'prelude') continue;
			const target = byFile.get((imp as unknown as { file: string }).file);
			if (target) mod.imports.set(name, target);
		}
	}

	// groups in dependency order
	const groups: Group[] = [];
	const done = new Set<ModuleInfo>();
	const visit = (mod: ModuleInfo): void => {
		if (done.has(mod)) return;
		done.add(mod);
		const client = clientCopies.get(mod);
		if (client) {
			const a = byFile.get(path.resolve(root, client.pair.int128))!;
			const b = byFile.get(path.resolve(root, client.pair.fallback))!;
			visit(a);
			for (const d of mod.deps) if (byFile.get(d) && byFile.get(d) !== a) visit(byFile.get(d)!);
			const g = groups.find((x) => x.kind === 'variant' && x.a === a && x.b === b) as Extract<Group, { kind: 'variant' }>;
			g.aClients.push(mod);
			g.bClients.push(client.copy);
			return;
		}
		const v = variantOf.get(mod.file);
		const other = v ? byFile.get(path.resolve(root, v.role === 'a' ? v.pair.fallback : v.pair.int128)) : undefined;
		if (other) done.add(other);
		for (const d of [...mod.deps, ...(other?.deps ?? [])]) {
			const dm = byFile.get(d);
			if (dm) visit(dm);
		}
		if (v && other) groups.push(v.role === 'a' ? { kind: 'variant', a: mod, b: other, aClients: [], bClients: [] } : { kind: 'variant', a: other, b: mod, aClients: [], bClients: [] });
		else groups.push({ kind: 'plain', mod });
	};
	entries.forEach(visit);
	const modules = groups.flatMap((g) => (g.kind === 'plain' ? [g.mod] : [g.a, ...g.aClients, g.b, ...g.bClients]));

	const fns = modules.flatMap((m) => [...m.fns.values()]);
	const lookup: Lookup = { fnsNamed: (name) => fns.filter((f) => f.name === name) };
	const externs = new Set(spec.extern ?? fns.filter((f) => f.exported && entries.includes(f.module)).map((f) => f.name));
	const inHeader = new Set(spec.headerInline ?? []);
	for (const f of fns) translateFunction(f, diags, lookup, externs.has(f.name) ? 'extern' : 'static');
	inferConst(fns, modules.flatMap((m) => [...m.consts.values()]), lookup, diags);
	dropDeadZeroInits(fns);
	/*
	 * Small leaves are forced inline only outside the variant pairs: in X25519's 32-bit arm forcing
	 * them made gcc's code for the ladder ~1.7x slower (measured), where the hint lets it choose.
	 */
	const plain = new Set(groups.flatMap((g) => (g.kind === 'plain' ? [g.mod] : [])));
	for (const f of fns) {
		if (f.decl && f.decl.storage === 'static' && (localBytes(f.decl.body) >= FRAME_KEEP_BYTES || spec.noinline?.includes(f.name))) f.decl = { ...f.decl, storage: 'static noinline' };
		else if (f.decl && f.decl.storage === 'static' && smallLeaf(f.decl.body)) f.decl = { ...f.decl, storage: plain.has(f.module) ? 'static always_inline' : 'static inline' };
	}
	for (const name of spec.noinline ?? []) if (!fns.some((f) => f.name === name && f.decl?.storage === 'static noinline')) throw new Error(`ts2c: noinline function ${name} is not a static function of this unit`);
	for (const name of externs) if (!fns.some((f) => f.name === name)) throw new Error(`ts2c: extern function ${name} is not defined by any module`);
	const cNames = spec.cNames ?? {};
	for (const name of Object.keys(cNames)) {
		if (!externs.has(name)) throw new Error(`ts2c: cNames renames ${name}, which is not extern`);
	}
	if (Object.keys(cNames).length) for (const f of fns) if (f.decl) f.decl = renameFunction(f.decl, cNames);

	// reachable from the extern and header-inline functions; cycles are recursion
	const reachable = new Set<FnInfo>();
	const walk = (f: FnInfo, stack: FnInfo[]): void => {
		if (stack.includes(f)) {
			diags.add(f.node.getNameNode() ?? f.node, 'TS2C1014', [...stack.slice(stack.indexOf(f)), f].map((x) => x.name).join(' -> '));
			return;
		}
		if (reachable.has(f)) return;
		reachable.add(f);
		for (const c of f.calls) for (const g of lookup.fnsNamed(c)) walk(g, [...stack, f]);
	};
	for (const f of fns) if (externs.has(f.name) || inHeader.has(f.name)) walk(f, []);

	if (diags.list.length) throw new TranslationError(diags.list);
	return { root, modules, groups, fns, externs, reachable, inputs: [...new Set(modules.map((m) => m.rel))].sort() };
}

function renameExpr(e: CExpr, names: Readonly<Record<string, string>>): CExpr {
	const r = (x: CExpr): CExpr => renameExpr(x, names);
	switch (e.k) {
		case 'lit':
		case 'id':
			return e;
		case 'call':
			return { ...e, fn: names[e.fn] ?? e.fn, args: e.args.map(r) };
		case 'bin':
		case 'assign':
			return { ...e, l: r(e.l), r: r(e.r) };
		case 'unary':
		case 'postfix':
		case 'member':
		case 'cast':
			return { ...e, e: r(e.e) } as CExpr;
		case 'index':
			return { ...e, e: r(e.e), i: r(e.i) };
		case 'cond':
			return { ...e, c: r(e.c), t: r(e.t), f: r(e.f) };
	}
}

function renameStmt(s: CStmt, names: Readonly<Record<string, string>>): CStmt {
	const e = (x: CExpr): CExpr => renameExpr(x, names);
	const b = (xs: readonly CStmt[]): CStmt[] => xs.map((x) => renameStmt(x, names));
	switch (s.k) {
		case 'decl':
			return s.init && s.init !== 'zero' ? { ...s, init: e(s.init) } : s;
		case 'expr':
			return { ...s, e: e(s.e) };
		case 'return':
			return s.e ? { ...s, e: e(s.e) } : s;
		case 'if':
			return { ...s, c: e(s.c), then: b(s.then), else: s.else && b(s.else) };
		case 'for':
			return { ...s, init: s.init && renameStmt(s.init, names), c: s.c && e(s.c), step: s.step && e(s.step), body: b(s.body) };
		case 'while':
		case 'do':
			return { ...s, c: e(s.c), body: b(s.body) };
		case 'block':
			return { ...s, body: b(s.body) };
		default:
			return s;
	}
}

function renameFunction(d: Extract<CDecl, { k: 'func' }>, names: Readonly<Record<string, string>>): Extract<CDecl, { k: 'func' }> {
	return { ...d, name: names[d.name] ?? d.name, body: d.body.map((s) => renameStmt(s, names)) };
}

const INLINE_MAX_STATEMENTS = 16;

/*
 * A static function whose local arrays and structs take this many bytes keeps its own stack frame
 * (sys/cdefs.h's `__noinline`): with the kernel's inlining limits gcc folds functions called once
 * into their caller, and the frames add up (X25519's ladder and inversion in one frame: 1.1 KB, where
 * each frame must stay within 512 bytes, test/stack.test.ts). Such functions do enough work per call
 * that the call itself does not show.
 */
const FRAME_KEEP_BYTES = 128;
const C_SIZES: Readonly<Record<string, number>> = { uint8_t: 1, uint16_t: 2, uint32_t: 4, int32_t: 4, uint64_t: 8, size_t: 8, bool: 1 };

function localBytes(body: readonly CStmt[]): number {
	let n = 0;
	for (const s of body) {
		if (s.k !== 'decl' || s.type.pointer) continue;
		// a struct local: what the emitted structs hold (poly1305_ctx, blake2s_hash_state) is over 100 bytes
		if (s.type.base.startsWith('struct ')) n += FRAME_KEEP_BYTES;
		else if (s.type.arraySize !== undefined && /^\d+$/.test(s.type.arraySize)) n += Number(s.type.arraySize) * (C_SIZES[s.type.base] ?? 8);
	}
	return n;
}

/**
 * A static helper without loops and of a few statements is printed `static __inline`: at -O2 gcc
 * otherwise keeps calls to helpers used many times (BLAKE2s' G is called 80 times per block), and a
 * call that passes a state array by pointer keeps that state in memory.
 */
function smallLeaf(body: readonly CStmt[]): boolean {
	let count = 0;
	const walk = (stmts: readonly CStmt[]): boolean =>
		stmts.every((s) => {
			if (s.k === 'for' || s.k === 'while' || s.k === 'do') return false;
			if (s.k !== 'comment' && s.k !== 'decl') count++;
			if (s.k === 'if') return walk(s.then) && walk(s.else ?? []);
			if (s.k === 'block') return walk(s.body);
			return true;
		});
	return walk(body) && count <= INLINE_MAX_STATEMENTS;
}

function usesInt128(mod: ModuleInfo): boolean {
	return /\bu128\b|\bmul64x64\b/.test(mod.sf.getFullText());
}

/** Functions of one module in an order where each callee (in this module) comes first. */
function orderedFunctions(mod: ModuleInfo, unit: Unit): FnInfo[] {
	const out: FnInfo[] = [];
	const seen = new Set<FnInfo>();
	const visit = (f: FnInfo): void => {
		if (seen.has(f)) return;
		seen.add(f);
		for (const c of f.calls) {
			const g = mod.fns.get(c);
			if (g) visit(g);
		}
		out.push(f);
	};
	for (const o of mod.order) if (o.kind === 'fn') visit(mod.fns.get(o.name)!);
	return out.filter((f) => unit.reachable.has(f));
}

export interface BodyOptions {
	/** leave these out of the .c: they are in a header */
	readonly skipFunctions?: ReadonlySet<string>;
	readonly skipStructs?: ReadonlySet<string>;
	/** leave out #defines of these names (the public header has them) */
	readonly skipConsts?: ReadonlySet<string>;
}

/** The declarations of one module: its banner comment, constants, tables, structs, functions. */
function moduleDecls(mod: ModuleInfo, unit: Unit, opts: BodyOptions, usedTables: ReadonlySet<string>): CDecl[] {
	const out: CDecl[] = mod.comment ? [{ k: 'comment', text: mod.comment }] : [];
	for (const o of mod.order) {
		if (o.kind === 'const') {
			const c = mod.consts.get(o.name)!;
			if (opts.skipConsts?.has(o.name)) continue;
			if (c.decl.k === 'table' && !usedTables.has(o.name)) continue;
			out.push(c.decl);
		} else if (o.kind === 'struct' && !opts.skipStructs?.has(o.name)) out.push(mod.structs.get(o.name)!.decl);
	}
	for (const f of orderedFunctions(mod, unit)) if (!opts.skipFunctions?.has(f.name)) out.push(f.decl!);
	return out;
}

/** Names of tables referenced by reachable functions. */
function tablesUsed(unit: Unit): Set<string> {
	const used = new Set<string>();
	for (const f of unit.reachable) {
		for (const m of [f.module]) {
			const text = f.node.getText();
			for (const name of m.consts.keys()) if (new RegExp(`\\b${name}\\b`).test(text)) used.add(name);
			for (const [name, imp] of m.imports) if (imp !== 'prelude' && imp.consts?.has(name) && new RegExp(`\\b${name}\\b`).test(text)) used.add(name);
		}
	}
	return used;
}

/** Everything after the #includes of the .c file. */
export function unitBody(unit: Unit, opts: BodyOptions = {}): CDecl[] {
	const out: CDecl[] = [];
	/*
	 * The prelude's inline helpers, each where every use sees it and nothing unused is printed
	 * (clang's -Wunused-function covers static inline functions too): the plain modules' at the top,
	 * after the uint128_t typedef if they need it; a variant arm's own inside that arm.
	 */
	const plainMods = unit.groups.flatMap((g) => (g.kind === 'plain' ? [g.mod] : []));
	const atTop = new Set(plainMods.flatMap((m) => [...m.inlines]));
	const inlineDecls = (mods: readonly ModuleInfo[], pick: (name: string) => boolean): CDecl[] => {
		const names = new Set(mods.flatMap((m) => [...m.inlines]).filter(pick));
		return [...names].sort().flatMap((name) => {
			const def = inlineDefinition(name);
			// the kernel spells it __inline (sys/cdefs.h), as the other static helpers here do
			return def ? [{ k: 'cpp' as const, text: def.replace(/^static inline\b/, 'static __inline') + '\n' }] : [];
		});
	};
	out.push(...inlineDecls(plainMods, (n) => !inlineNeedsInt128(n)));
	if (plainMods.some((m) => usesInt128(m))) {
		out.push({ k: 'typedef', type: 'unsigned __int128', name: 'uint128_t' });
		out.push(...inlineDecls(plainMods, inlineNeedsInt128));
	}
	const used = tablesUsed(unit);
	for (const g of unit.groups) {
		if (g.kind === 'plain') {
			out.push(...moduleDecls(g.mod, unit, opts, used));
			continue;
		}
		out.push({ k: 'cpp', text: `${INT128_GUARD}\n` });
		out.push({ k: 'typedef', type: 'unsigned __int128', name: 'uint128_t' });
		out.push(...inlineDecls([g.a, ...g.aClients], (n) => !atTop.has(n)));
		for (const m of [g.a, ...g.aClients]) out.push(...moduleDecls(m, unit, opts, used));
		out.push({ k: 'cpp', text: `\n#else /* !__SIZEOF_INT128__ */\n` });
		out.push(...inlineDecls([g.b, ...g.bClients], (n) => !atTop.has(n) && !inlineNeedsInt128(n)));
		for (const m of [g.b, ...g.bClients]) out.push(...moduleDecls(m, unit, opts, used));
		out.push({ k: 'cpp', text: `\n#endif /* __SIZEOF_INT128__ */` });
	}
	return out;
}

/** Finds the struct declaration named `name` in every arm; variant structs come back as an #if block. */
export function structDecls(unit: Unit, name: string): CDecl[] {
	for (const g of unit.groups) {
		if (g.kind === 'plain' && g.mod.structs.has(name)) return [g.mod.structs.get(name)!.decl];
		if (g.kind === 'variant' && g.a.structs.has(name)) {
			const b = g.b.structs.get(name);
			if (!b) throw new Error(`ts2c: struct ${name} is defined in ${g.a.rel} but not in ${g.b.rel}`);
			const a = g.a.structs.get(name)!.decl;
			// one layout in both arms (same field names and types): printed once, outside the guard
			if (a.k === 'struct' && b.decl.k === 'struct' && JSON.stringify(a.fields) === JSON.stringify(b.decl.fields)) return [a];
			return [{ k: 'cpp', text: INT128_GUARD }, a, { k: 'cpp', text: '#else' }, b.decl, { k: 'cpp', text: '#endif' }];
		}
	}
	throw new Error(`ts2c: no struct ${name}`);
}

export function findFunction(unit: Unit, name: string): FnInfo {
	const f = unit.fns.find((x) => x.name === name);
	if (!f) throw new Error(`ts2c: no function ${name}`);
	return f;
}

export function findConst(unit: Unit, name: string): CDecl {
	for (const m of unit.modules) {
		const c = m.consts.get(name);
		if (c) return c.decl;
	}
	throw new Error(`ts2c: no constant ${name}`);
}

