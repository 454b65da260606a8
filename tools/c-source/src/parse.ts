/*
 * Declarations and uses read from C text with tree-sitter's C grammar (web-tree-sitter: the grammar is
 * a WASM file inside the tree-sitter-c package, so nothing is compiled at install time).
 *
 * The grammar does not run the preprocessor: #if blocks are walked into, and each declaration records
 * the conditions around it. Declarations built by macros the grammar cannot know (VNET_DECLARE(...),
 * TAILQ_HEAD(...)) come out as recovered errors; their lines are reported, never guessed at.
 */
import { readFileSync } from 'node:fs';
import type { Node, Parser as ParserT, Language as LanguageT } from 'web-tree-sitter';
import type {
	CDeclarations,
	CEnumConstant,
	CFunction,
	CMacro,
	CMember,
	CParam,
	CRecord,
	CType,
	CTypedef,
	CUses,
	CVariable,
} from './types';
import { readSpans, type CSpans } from './spans';

export interface CSourceParser {
	declarations(text: string, file?: string): CDeclarations;
	uses(text: string): CUses;
	/** where identifiers, calls and file-scope items are (string offsets), for edits by meaning */
	spans(text: string): CSpans;
}

let loading: Promise<CSourceParser> | undefined;

/** The parser, loaded once per process (the WASM runtime initialises asynchronously). */
export function loadCParser(): Promise<CSourceParser> {
	if (!loading) loading = load();
	return loading;
}

async function load(): Promise<CSourceParser> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const wts = require('web-tree-sitter') as { Parser: typeof ParserT; Language: typeof LanguageT };
	await wts.Parser.init();
	// bytes, not a path: web-tree-sitter loads a path with a dynamic import, which jest's VM refuses
	const grammar = await wts.Language.load(readFileSync(require.resolve('tree-sitter-c/tree-sitter-c.wasm')));
	const parser = new wts.Parser();
	parser.setLanguage(grammar);
	const parse = (text: string): Node => {
		const tree = parser.parse(text);
		if (!tree) throw new Error('tree-sitter returned no tree');
		return tree.rootNode;
	};
	return {
		declarations: (text, file = '<input>') => readDeclarations(parse(blankAttributes(text)), file),
		uses: (text) => readUses(parse(blankAttributes(text))),
		spans: (text) => readSpans(parse(blankAttributes(text))),
	};
}

/*
 * sys/cdefs.h's attribute macros, which the grammar (running no preprocessor) would read as names: a
 * struct's `} __packed;` as a variable, `static __inline __unused int` as a return type __unused. They
 * expand to attributes or to nothing, never to a declaration's name or type, so they are blanked (same
 * length, newlines kept: lines and columns do not move), as cpp with cdefs.h would leave them.
 */
const ATTRIBUTE_WORDS = [
	'__packed', '__unused', '__used', '__dead2', '__pure2', '__pure', '__const', '__result_use_check', '__returns_twice',
	'__noinline', '__always_inline', '__malloc_like', '__weak_symbol', '__exported', '__hidden', '__nonstring',
	'__no_lock_analysis', '__deprecated', '__trylocks_exclusive', '__lockable', '__noreturn', '__fastcall', '__nodebug',
	'__unreachable_ok', '__maybe_unused', '__nosanitizeaddress', '__nosanitizememory', '__nosanitizethread', '__read_mostly',
	'__read_frequently', '__exclusive_cache_line', '__diagused', '__witness_used', '__result_use_or_ignore_check',
];
const ATTRIBUTE_CALLS = [
	'__aligned', '__section', '__printflike', '__scanflike', '__format_arg', '__strfmonlike', '__strftimelike', '__nonnull',
	'__nonnull_all', '__alloc_size', '__alloc_size2', '__alloc_align', '__min_size', '__counted_by', '__sized_by',
	'__locks_exclusive', '__locks_shared', '__trylocks_shared', '__unlocks', '__asserts_exclusive', '__asserts_shared',
	'__requires_exclusive', '__requires_shared', '__requires_unlocked', '__guarded_by', '__pt_guarded_by', '__deprecated1',
	'__sym_compat', '__sym_default', '__weak_reference', '__warn_references', '__aliasing', '__alloc_size1',
];
const ATTRIBUTE_RE = new RegExp(`\\b(?:(${ATTRIBUTE_CALLS.join('|')})\\s*\\(|(${ATTRIBUTE_WORDS.join('|')})\\b)`, 'g');

/** The text with cdefs.h attribute macros (and their parenthesised arguments) blanked out. */
export function blankAttributes(text: string): string {
	let out = '';
	let at = 0;
	for (const m of text.matchAll(ATTRIBUTE_RE)) {
		const start = m.index!;
		if (start < at) continue;
		// not a definition of the macro itself (#define __packed ...)
		if (/#\s*(define|undef|ifn?def)\s+$/.test(text.slice(Math.max(0, start - 20), start))) continue;
		let end = start + m[0].length;
		if (m[1]) {
			let depth = 1;
			while (end < text.length && depth > 0) {
				if (text[end] === '(') depth++;
				else if (text[end] === ')') depth--;
				end++;
			}
		}
		out += text.slice(at, start) + text.slice(start, end).replace(/[^\n]/g, ' ');
		at = end;
	}
	return out + text.slice(at);
}

/* ---------- types ---------- */

/** The canonical spelling of a type: one space between words, `*` against the name side. */
export function printType(t: CType, inner = ''): string {
	switch (t.kind) {
		case 'base':
			return inner ? `${t.text} ${inner}` : t.text;
		case 'pointer': {
			const q = t.qualifiers ? ` ${t.qualifiers}${inner ? ' ' : ''}` : '';
			const p = `*${q}${inner}`;
			return printType(t.to, t.to.kind === 'function' || t.to.kind === 'array' ? `(${p})` : p);
		}
		case 'function': {
			const params = t.params.map((p) => printType(p.type)).concat(t.variadic ? ['...'] : []);
			return printType(t.returns, `${inner}(${params.join(', ') || 'void'})`);
		}
		case 'array':
			return printType(t.of, `${inner}[${t.size}]`);
	}
}

/** Pointer stars sit together: "struct sockaddr **", "int (*)(int)". */
export function typeText(t: CType): string {
	return printType(t).replace(/\* \*/g, '**').replace(/\* \*/g, '**');
}

function squash(s: string): string {
	return s
		.replace(/\/\*[\s\S]*?\*\//g, ' ')
		.replace(/\/\/[^\n]*/g, ' ')
		.replace(/\\\n/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

const SPECIFIER_TYPES = new Set([
	'primitive_type',
	'type_identifier',
	'sized_type_specifier',
	'struct_specifier',
	'union_specifier',
	'enum_specifier',
	'macro_type_specifier',
]);

/** The specifier part of a declaration ("const struct sockaddr"), storage class left out. */
function baseOf(decl: Node): { base: CType; storage: 'static' | 'extern' | ''; inline: boolean } {
	const words: string[] = [];
	let storage: 'static' | 'extern' | '' = '';
	let inline = false;
	for (const c of decl.namedChildren) {
		if (!c) continue;
		if (c.type === 'storage_class_specifier') {
			const w = c.text.trim();
			if (w === 'static' || w === 'extern') storage = w;
			else if (/inline/.test(w)) inline = true;
		} else if (c.type === 'type_qualifier') {
			words.push(c.text.trim());
		} else if (SPECIFIER_TYPES.has(c.type)) {
			words.push(specifierText(c));
		}
	}
	return { base: { kind: 'base', text: words.join(' ') }, storage, inline };
}

function specifierText(n: Node): string {
	if (n.type === 'struct_specifier' || n.type === 'union_specifier' || n.type === 'enum_specifier') {
		const name = n.childForFieldName('name');
		const kw = n.type.replace('_specifier', '');
		return name ? `${kw} ${name.text}` : `${kw} <anonymous>`;
	}
	return squash(n.text);
}

interface Declared {
	name: string;
	type: CType;
}

/** Applies a declarator to the type on its left (C's inside-out rule). */
function declare(d: Node | null, t: CType): Declared {
	if (!d) return { name: '', type: t };
	switch (d.type) {
		case 'identifier':
		case 'type_identifier':
		case 'field_identifier':
			return { name: d.text, type: t };
		case 'pointer_declarator':
		case 'abstract_pointer_declarator': {
			const quals = d.namedChildren
				.filter((c): c is Node => !!c && c.type === 'type_qualifier')
				.map((c) => c.text)
				.join(' ');
			return declare(d.childForFieldName('declarator'), { kind: 'pointer', to: t, qualifiers: quals });
		}
		case 'function_declarator':
		case 'abstract_function_declarator': {
			const { params, variadic } = paramsOf(d.childForFieldName('parameters'));
			return declare(d.childForFieldName('declarator'), { kind: 'function', returns: t, params, variadic });
		}
		case 'array_declarator':
		case 'abstract_array_declarator': {
			const size = d.childForFieldName('size');
			return declare(d.childForFieldName('declarator'), { kind: 'array', of: t, size: size ? squash(size.text) : '' });
		}
		case 'parenthesized_declarator':
		case 'abstract_parenthesized_declarator':
			return declare(d.namedChildren.find((c) => !!c && c.type !== 'comment') ?? null, t);
		case 'init_declarator':
			return declare(d.childForFieldName('declarator'), t);
		default:
			return { name: '', type: t };
	}
}

function paramsOf(list: Node | null): { params: CParam[]; variadic: boolean } {
	const params: CParam[] = [];
	let variadic = false;
	if (!list) return { params, variadic };
	for (const p of list.namedChildren) {
		if (!p) continue;
		if (p.type === 'variadic_parameter') variadic = true;
		if (p.type !== 'parameter_declaration') continue;
		const { base } = baseOf(p);
		const d = declare(p.childForFieldName('declarator'), base);
		params.push({ name: d.name, type: d.type });
	}
	if (list.text.includes('...')) variadic = true;
	// "(void)" declares no parameters
	if (params.length === 1 && !params[0].name && params[0].type.kind === 'base' && params[0].type.text === 'void') {
		params.length = 0;
	}
	return { params, variadic };
}

/* ---------- declarations ---------- */

function conditionOf(n: Node): string {
	if (n.type === 'preproc_ifdef') {
		const neg = /^#\s*ifndef/.test(n.text);
		const name = n.childForFieldName('name')?.text ?? '';
		return neg ? `!defined(${name})` : `defined(${name})`;
	}
	const c = n.childForFieldName('condition');
	return c ? squash(c.text) : '';
}

function readDeclarations(root: Node, file: string): CDeclarations {
	const functions: CFunction[] = [];
	const variables: CVariable[] = [];
	const typedefs: CTypedef[] = [];
	const records: CRecord[] = [];
	const enumConstants: CEnumConstant[] = [];
	const macros: CMacro[] = [];
	const errorLines: number[] = [];

	const place = (n: Node, conditions: readonly string[]) => ({ file, line: n.startPosition.row + 1, conditions });

	const visitSpecifiers = (list: readonly (Node | null)[], conditions: readonly string[], typedefName: string) => {
		for (const c of list) {
			if (!c) continue;
			if (c.type === 'struct_specifier' || c.type === 'union_specifier') record(c, conditions);
			if (c.type === 'enum_specifier') enumeration(c, conditions, typedefName);
		}
	};

	const macro = (c: Node, conditions: readonly string[]) => {
		const name = c.childForFieldName('name')?.text ?? '';
		const ps = c.childForFieldName('parameters');
		const value = c.childForFieldName('value');
		macros.push({
			...place(c, conditions),
			name,
			params: ps ? ps.namedChildren.filter((p): p is Node => !!p).map((p) => p.text) : null,
			body: value ? squash(value.text) : '',
		});
	};

	const record = (n: Node, conditions: readonly string[]) => {
		const body = n.childForFieldName('body');
		if (!body) return;
		const tag = n.childForFieldName('name')?.text ?? '';
		records.push({ ...place(n, conditions), kind: n.type === 'union_specifier' ? 'union' : 'struct', tag, members: membersOf(body, conditions) });
	};

	const membersOf = (body: Node, conditions: readonly string[]): CMember[] => {
		const out: CMember[] = [];
		for (const f of body.namedChildren) {
			if (!f) continue;
			if (f.type === 'field_declaration') {
				const { base } = baseOf(f);
				const decls = f.childrenForFieldName('declarator').filter((d): d is Node => !!d);
				for (const c of f.namedChildren) {
					if (c && (c.type === 'struct_specifier' || c.type === 'union_specifier')) {
						record(c, conditions);
						// C11 anonymous member: its members belong to the enclosing record
						const inner = c.childForFieldName('body');
						if (decls.length === 0 && inner) out.push(...membersOf(inner, conditions));
					}
				}
				for (const d of decls) {
					const r = declare(d, base);
					if (r.name) out.push({ name: r.name, type: r.type });
				}
			} else if (f.type === 'preproc_def' || f.type === 'preproc_function_def') {
				// FreeBSD defines a struct's flag values inside its body (CSP_MODE_AEAD in crypto_session_params)
				macro(f, conditions);
			} else if (f.type.startsWith('preproc_')) {
				// members under #ifdef inside a struct are members all the same
				out.push(...membersOf(f, conditions));
			}
		}
		return out;
	};

	const enumeration = (n: Node, conditions: readonly string[], typedefName: string) => {
		const body = n.childForFieldName('body');
		if (!body) return;
		const enumName = n.childForFieldName('name')?.text ?? typedefName;
		for (const e of body.descendantsOfType('enumerator')) {
			if (!e) continue;
			const name = e.childForFieldName('name')?.text ?? '';
			const value = e.childForFieldName('value');
			enumConstants.push({ ...place(e, conditions), name, value: value ? squash(value.text) : '', enumName });
		}
	};

	const walk = (n: Node, conditions: readonly string[]) => walkList(n.namedChildren, conditions);
	const walkList = (list: readonly (Node | null)[], conditions: readonly string[]) => {
		for (const c of list) {
			if (!c) continue;
			switch (c.type) {
				case 'preproc_if':
				case 'preproc_ifdef': {
					const cond = conditionOf(c);
					const inside = [...conditions, cond];
					walkBranch(c, inside, conditions, cond);
					break;
				}
				case 'preproc_def':
				case 'preproc_function_def':
					macro(c, conditions);
					break;
				case 'type_definition': {
					const { base } = baseOf(c);
					const names = c.childrenForFieldName('declarator').filter((d): d is Node => !!d);
					const first = names.length ? declare(names[0], base).name : '';
					visitSpecifiers(c.namedChildren, conditions, first);
					for (const d of names) {
						const r = declare(d, base);
						if (r.name) typedefs.push({ ...place(c, conditions), name: r.name, type: r.type });
					}
					break;
				}
				case 'declaration': {
					const { base, storage, inline } = baseOf(c);
					visitSpecifiers(c.namedChildren, conditions, '');
					for (const d of c.childrenForFieldName('declarator')) {
						if (!d) continue;
						const r = declare(d, base);
						if (!r.name) continue;
						if (r.type.kind === 'function') {
							functions.push({ ...place(c, conditions), name: r.name, type: r.type, storage, inline, definition: false });
						} else {
							variables.push({ ...place(c, conditions), name: r.name, type: r.type, storage, definition: storage !== 'extern' });
						}
					}
					break;
				}
				case 'function_definition': {
					const { base, storage, inline } = baseOf(c);
					const r = declare(c.childForFieldName('declarator'), base);
					if (r.name && r.type.kind === 'function') {
						functions.push({ ...place(c, conditions), name: r.name, type: r.type, storage, inline, definition: true });
					}
					break;
				}
				case 'struct_specifier':
				case 'union_specifier':
				case 'enum_specifier':
					visitSpecifiers([c], conditions, '');
					break;
				case 'ERROR':
					errorLines.push(c.startPosition.row + 1);
					walk(c, conditions);
					break;
				case 'linkage_specification':
				case 'declaration_list':
					walk(c, conditions);
					break;
				default:
					break;
			}
		}
	};

	/** Walks the body of an #if, then its #elif/#else chain with the negated conditions. */
	const walkBranch = (c: Node, inside: readonly string[], outer: readonly string[], cond: string) => {
		const skip = new Set([c.childForFieldName('alternative'), c.childForFieldName('condition'), c.childForFieldName('name')].filter((x): x is Node => !!x).map((x) => x.id));
		const alt = c.childForFieldName('alternative');
		walkList(c.namedChildren.filter((x) => !!x && !skip.has(x.id)), inside);
		if (!alt) return;
		if (alt.type === 'preproc_else') {
			walk(alt, [...outer, `!(${cond})`]);
		} else {
			const next = conditionOf(alt);
			walkBranch(alt, [...outer, `!(${cond})`, next], [...outer, `!(${cond})`], next);
		}
	};

	walk(root, []);
	for (const e of root.descendantsOfType('ERROR')) if (e && !errorLines.includes(e.startPosition.row + 1)) errorLines.push(e.startPosition.row + 1);
	errorLines.sort((a, b) => a - b);
	return { file, functions, variables, typedefs, records, enumConstants, macros, errorLines };
}

/* ---------- uses ---------- */

function readUses(root: Node): CUses {
	const calls = new Map<string, number>();
	const types = new Map<string, number>();
	const tags = new Map<string, number>();
	const members = new Map<string, number>();
	const names = new Map<string, number>();
	const declared = new Map<string, number>();
	const note = (m: Map<string, number>, n: Node) => {
		if (!m.has(n.text)) m.set(n.text, n.startPosition.row + 1);
	};
	const visit = (n: Node) => {
		switch (n.type) {
			case 'call_expression': {
				const f = n.childForFieldName('function');
				if (f?.type === 'identifier') note(calls, f);
				break;
			}
			case 'type_identifier':
				if (n.parent && /^(struct|union|enum)_specifier$/.test(n.parent.type)) note(tags, n);
				else note(types, n);
				break;
			case 'field_identifier':
				if (n.parent?.type === 'field_expression') note(members, n);
				break;
			case 'identifier': {
				const p = n.parent;
				if (p?.type === 'call_expression' && p.childForFieldName('function')?.id === n.id) break;
				if (isDeclarator(n)) note(declared, n);
				note(names, n);
				break;
			}
			default:
				break;
		}
		for (const c of n.namedChildren) if (c) visit(c);
	};
	visit(root);
	return { calls, types, tags, members, names, declared };
}

const DECLARATOR_WRAPPERS = new Set(['pointer_declarator', 'array_declarator', 'parenthesized_declarator', 'function_declarator', 'init_declarator']);
const DECLARING = new Set(['declaration', 'parameter_declaration', 'field_declaration', 'type_definition', 'function_definition']);

/** Is this identifier the name a declaration (of any scope), a parameter or a macro parameter introduces? */
function isDeclarator(n: Node): boolean {
	if (n.parent?.type === 'preproc_params') return true;
	if (n.parent && /^preproc_(def|function_def)$/.test(n.parent.type)) return n.parent.childForFieldName('name')?.id === n.id;
	let at: Node = n;
	for (let p = at.parent; p; at = p, p = p.parent) {
		if (DECLARATOR_WRAPPERS.has(p.type)) {
			const d = p.childForFieldName('declarator');
			if (p.type !== 'parenthesized_declarator' && d?.id !== at.id) return false;
			continue;
		}
		if (DECLARING.has(p.type)) return p.childrenForFieldName('declarator').some((c) => c?.id === at.id);
		return false;
	}
	return false;
}
