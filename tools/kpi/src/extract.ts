/*
 * `wgup kpi extract --tree DIR --source LABEL`: the real declarations behind kernel-api's stubs. For
 * every interface at the tree's __FreeBSD_version, each declaration the model makes is read from the
 * tree with the C parser and printed in the parser's canonical spelling, and the stub part is composed
 * from them in the model's order. Only parts whose every declaration the tree has (and whose text names
 * nothing the stubs do not declare) are kept: renderStubHeaders() then declares those parts as the real
 * tree does, citing file, line and tree. The result is data (packages/kernel-api/src/data/
 * real-declarations.json): one declaration per line with its citation, never a copy of a header.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	loadCParser, printType, type CDeclarations, type CSourceParser,
} from '@wgup/c-source';
import { openTree, readFreeBSDVersion } from '@wgup/freebsd-src';
import {
	KERNEL_INTERFACES, hasInterface, supersededAt, type KernelInterface, type RealDeclarations, type RealStubPart,
} from '@wgup/kernel-api';
import { modelAt, modelledNames, namedDecls, treePathOf, type DeclKind } from './model';
import { verifyTree } from './verify';

/** Words of C itself that may appear in printed declarations. */
const C_WORDS = new Set([
	'struct', 'union', 'enum', 'const', 'volatile', 'restrict', 'unsigned', 'signed', 'char', 'short', 'int', 'long', 'void',
	'float', 'double', '_Bool', 'bool', 'typedef', 'define', 'sizeof', 'size_t', 'int8_t', 'int16_t', 'int32_t', 'int64_t',
	'uint8_t', 'uint16_t', 'uint32_t', 'uint64_t', 'uintptr_t', 'intptr_t', 'u_int', 'u_char', 'u_short', 'u_long', 'caddr_t',
]);

/** Identifiers a printed declaration (or macro body) names, struct/union/enum tags excluded (incomplete types are fine). */
function namesIn(text: string): string[] {
	const noTags = text.replace(/\b(struct|union|enum)\s+[A-Za-z_]\w*/g, ' ').replace(/"[^"]*"/g, ' ');
	return [...new Set(noTags.match(/\b[A-Za-z_]\w*\b/g) ?? [])].filter((w) => !C_WORDS.has(w) && !/^0x/i.test(w));
}

/** A number for an enumerator: explicit, or one past the previous (C's rule), when the values are literals. */
function enumValues(d: CDeclarations, enumName: string): Map<string, string> {
	const out = new Map<string, string>();
	let next: number | null = 0;
	for (const e of d.enumConstants.filter((x) => x.enumName === enumName)) {
		let v: number | null = null;
		if (e.value === '') v = next;
		else if (/^0x[0-9a-f]+$/i.test(e.value)) v = parseInt(e.value, 16);
		else if (/^\d+$/.test(e.value)) v = parseInt(e.value, 10);
		out.set(e.name, v === null ? e.value : e.value && !/^\d+$/.test(e.value) ? e.value : String(v));
		next = v === null ? null : v + 1;
	}
	return out;
}

interface Printed {
	readonly text: string;
	readonly line: number;
	/** names the text may use without the stubs declaring them (a macro's parameters) */
	readonly own?: readonly string[];
}

/** The tree's declaration of a name, printed canonically, or null. */
function printTree(d: CDeclarations, name: string, kind: DeclKind, modelMembers: readonly string[]): Printed | null {
	switch (kind) {
		case 'function': {
			const f = d.functions.find((x) => x.name === name && !x.definition) ?? d.functions.find((x) => x.name === name);
			return f ? { text: `${printType(f.type, name)};`, line: f.line } : null;
		}
		case 'typedef': {
			const t = d.typedefs.find((x) => x.name === name);
			// an anonymous struct/union/enum behind a typedef has no canonical one-line spelling
			if (!t || (t.type.kind === 'base' && /<anonymous>/.test(t.type.text))) return null;
			return { text: `typedef ${printType(t.type, name)};`, line: t.line };
		}
		case 'macro': {
			const m = d.macros.find((x) => x.name === name);
			return m ? { text: `#define\t${name}${m.params ? `(${m.params.join(', ')})` : ''}\t${m.body}`, line: m.line, own: m.params ?? [] } : null;
		}
		case 'struct': {
			const r = d.records.find((x) => x.tag === name && x.members.length);
			if (!r) return null;
			const members = modelMembers.map((n) => r.members.find((m) => m.name === n));
			if (members.some((m) => !m)) return null;
			return { text: [`${r.kind} ${name} {`, ...members.map((m) => `\t${printType(m!.type, m!.name)};`), '};'].join('\n'), line: r.line };
		}
		case 'variable': {
			const v = d.variables.find((x) => x.name === name);
			return v ? { text: `extern ${printType(v.type, name)};`, line: v.line } : null;
		}
		case 'enum constant':
			return null; // composed per enum below
	}
}

export interface ExtractOptions {
	/** how the tree is cited: "owner/repo@commit" (default: the tree's git HEAD, else its path) */
	readonly source?: string;
	readonly interfaces?: readonly KernelInterface[];
}

function treeSource(root: string): string {
	const head = path.join(root, '.git', 'HEAD');
	if (!fs.existsSync(head)) return root;
	const ref = fs.readFileSync(head, 'utf8').trim();
	const m = /^ref: (.*)$/.exec(ref);
	const sha = m && fs.existsSync(path.join(root, '.git', m[1])) ? fs.readFileSync(path.join(root, '.git', m[1]), 'utf8').trim() : ref;
	return `${root}@${sha}`;
}

/** The stub parts a tree declares as the model does, composed from its declarations (data for kernel-api). */
export async function extractRealDeclarations(dir: string, opts: ExtractOptions = {}): Promise<RealDeclarations> {
	const c: CSourceParser = await loadCParser();
	const interfaces = opts.interfaces ?? KERNEL_INTERFACES;
	const tree = openTree(dir, 'argument');
	const version = readFreeBSDVersion(tree.root);
	const report = await verifyTree(tree.root, { interfaces });
	if (report.differences) {
		throw new Error(`kpi extract: the model differs from ${tree.root} in ${report.differences} declaration(s); run \`wgup kpi verify\` and fix the model first`);
	}
	const known = new Set([...modelledNames(c, interfaces).keys()].filter((k) => !k.includes('.') && !k.startsWith('struct ')));
	const model = modelAt(c, version, interfaces);
	const source = opts.source ?? treeSource(tree.root);
	const parts: RealStubPart[] = [];
	const files = new Map<string, CDeclarations | null>();
	const treeDecls = (rel: string) => {
		if (!files.has(rel)) {
			const abs = path.join(tree.root, rel);
			files.set(rel, fs.existsSync(abs) ? c.declarations(fs.readFileSync(abs, 'latin1'), rel) : null);
		}
		return files.get(rel)!;
	};
	for (const k of interfaces) {
		if (supersededAt(k, version, interfaces)) continue;
		const form = hasInterface(k, version) ? 'present' : 'absent';
		for (const header of Object.keys(k.stub)) {
			const decls = model.decls.filter((m) => m.interfaceId === k.id && m.header === header);
			if (!decls.length) continue;
			const md = decls[0].decls;
			const rel = treePathOf(header);
			const td = treeDecls(rel);
			if (!td) continue;
			// the model's declarations in its own order (by line), enum constants grouped into their enum
			const order = namedDecls(md).map((n) => ({ ...n, line: lineOf(md, n.name, n.kind) })).sort((a, b) => a.line - b.line);
			const lines: string[] = [];
			const cites: string[] = [];
			let complete = true;
			let fromTreeCount = 0;
			const doneEnums = new Set<string>();
			const enumTypedefs = new Set(md.typedefs.filter((t) => t.type.kind === 'base' && /^enum\b/.test(t.type.text)).map((t) => t.name));
			for (const n of order) {
				if (n.kind === 'typedef' && enumTypedefs.has(n.name)) continue;
				if (n.kind === 'enum constant') {
					const e = md.enumConstants.find((x) => x.name === n.name)!;
					if (doneEnums.has(e.enumName)) continue;
					doneEnums.add(e.enumName);
					const names = md.enumConstants.filter((x) => x.enumName === e.enumName).map((x) => x.name);
					const real = td.enumConstants.filter((x) => names.includes(x.name));
					const fromTree = real.length === names.length;
					const values = enumValues(fromTree ? td : md, fromTree ? real[0].enumName : e.enumName);
					const body = names.map((x) => `\t${x} = ${values.get(x)},`);
					lines.push(...(enumTypedefs.has(e.enumName) ? ['typedef enum {', ...body, `} ${e.enumName};`] : [`enum ${e.enumName} {`, ...body, '};']));
					cites.push(fromTree ? `${names.join(', ')}: ${rel}:${real.map((x) => x.line).join(',')}` : `${names.join(', ')}: the model's (not all in ${rel})`);
					fromTreeCount += fromTree ? 1 : 0;
					continue;
				}
				const members = n.kind === 'struct' ? md.records.find((r) => r.tag === n.name)!.members.map((m) => m.name) : [];
				const p = printTree(td, n.name, n.kind, members);
				const unknown = p ? namesIn(p.text).filter((w) => w !== n.name && !known.has(w) && !members.includes(w) && !(p.own ?? []).includes(w)) : [];
				if (p && !unknown.length) {
					lines.push(p.text);
					cites.push(`${n.name}: ${rel}:${p.line}`);
					fromTreeCount++;
					continue;
				}
				// the tree lacks it, or its text names what the stubs do not declare: the model's own declaration stands
				const own = printTree(md, n.name, n.kind, members);
				if (!own) {
					complete = false;
					break;
				}
				lines.push(own.text);
				cites.push(`${n.name}: the model's (${p ? `the tree's names ${unknown.join(', ')}` : `not in ${rel}`})`);
			}
			if (!complete || fromTreeCount === 0) continue;
			parts.push({ interface: k.id, form, header, file: rel, text: lines.join('\n'), cites });
		}
	}
	return {
		schema: 'wgup.real-declarations/v1',
		note: 'Written by `npx wgup kpi extract --tree DIR --source LABEL --write`: each stub part as the tree declares it, read with ' +
			'tree-sitter and printed canonically (one declaration per line, cited by file:line). renderStubHeaders() uses a part for every ' +
			'version that has the same form of the interface.',
		source,
		version,
		parts,
	};
}

function lineOf(d: CDeclarations, name: string, kind: DeclKind): number {
	const list = kind === 'struct' ? d.records.map((r) => ({ name: r.tag, line: r.line }))
		: [...d.functions, ...d.typedefs, ...d.macros, ...d.enumConstants, ...d.variables];
	return list.find((x) => x.name === name)?.line ?? 0;
}

/** Where kernel-api keeps the extracted declarations. */
export const REAL_DECLARATIONS_PATH = path.resolve(__dirname, '..', '..', '..', 'packages', 'kernel-api', 'src', 'data', 'real-declarations.json');

export function serializeRealDeclarations(r: RealDeclarations): string {
	return `${JSON.stringify(r, null, '\t')}\n`;
}
