/*
 * `wgup kpi verify --tree DIR`: for every interface in packages/kernel-api, the model's declarations at
 * the tree's __FreeBSD_version against the tree's real ones, both read with the same C parser:
 * prototypes (types, order, const), typedefs (a function type is not a pointer to one), struct members,
 * macro vs enum constant, constant values. A sparse tree lacks headers: what it lacks is reported as
 * "not in tree", never as a difference. Two further checks use only real sources:
 *  - driver use: a name the model says the version lacks, which the tree's own driver (sys/dev/wg) uses
 *    without declaring it, is a difference (the driver would not build);
 *  - the handbook: a __FreeBSD_version bump whose handbook text names a kernel identifier the tree's
 *    driver uses must be a change point of some interface (or be listed as reviewed in kernel-api).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	loadCParser, printType, typeText, type CDeclarations, type CSourceParser, type CType,
} from '@wgup/c-source';
import { openTree, readFreeBSDVersion } from '@wgup/freebsd-src';
import { HANDBOOK_REVIEWED, KERNEL_INTERFACES, type KernelInterface } from '@wgup/kernel-api';
import { HANDBOOK_ROWS, RELEASES, type HandbookRow } from '@wgup/releases';
import { modelAt, resolveTypedefs, treePathOf, type DeclKind, type ModelDecl } from './model';
import { KPI_DIRS, TreeIndex, scanDriver, type DriverScan } from './scan';

export type VerifyStatus = 'agree' | 'differ' | 'not in tree';

export interface VerifyRow {
	readonly interfaceId: string;
	readonly name: string;
	readonly kind: DeclKind | 'handbook';
	readonly status: VerifyStatus;
	/** what the comparison rests on */
	readonly basis: 'declaration' | 'driver use' | 'handbook';
	/** the model's declaration at this version ('(absent)' where it says the version lacks it) */
	readonly model: string;
	/** the tree's declaration, or what was found instead */
	readonly tree: string;
	/** tree file (and line) the tree side was read from */
	readonly where: string;
	readonly why?: string;
}

export interface VerifyReport {
	readonly tree: string;
	readonly version: number;
	readonly interfaces: number;
	readonly superseded: string[];
	/** interfaces that declare nothing at this version (no stub text in the form it has): nothing to compare */
	readonly unchecked: { id: string; why: string }[];
	readonly rows: VerifyRow[];
	readonly counts: Record<VerifyStatus, number>;
	readonly differences: number;
}

/** One declaration as the parser read it, printed canonically. */
function show(d: CDeclarations, name: string, kind: DeclKind): string {
	switch (kind) {
		case 'function': {
			const f = d.functions.find((x) => x.name === name)!;
			return `${printType(f.type, name)}`;
		}
		case 'typedef':
			return `typedef ${printType(d.typedefs.find((x) => x.name === name)!.type, name)}`;
		case 'struct': {
			const r = d.records.find((x) => x.tag === name)!;
			return `${r.kind} ${name} { ${r.members.map((m) => `${printType(m.type, m.name)};`).join(' ')} }`;
		}
		case 'macro': {
			const m = d.macros.find((x) => x.name === name)!;
			return `#define ${name}${m.params ? `(${m.params.join(', ')})` : ''} ${m.body}`;
		}
		case 'enum constant': {
			const e = d.enumConstants.find((x) => x.name === name)!;
			return `enum ${e.enumName || '<anonymous>'} { ${name}${e.value ? ` = ${e.value}` : ''} }`;
		}
		case 'variable':
			return `${printType(d.variables.find((x) => x.name === name)!.type, name)}`;
	}
}

/** Which kind the tree declares a name as: the model's kind where the tree has it that way too, else the first match. */
function treeKind(d: CDeclarations, name: string, prefer?: DeclKind): DeclKind | null {
	if (prefer && prefer !== 'struct' && kindHas(d, name, prefer)) return prefer;
	if (d.functions.some((x) => x.name === name && !x.definition) || d.functions.some((x) => x.name === name)) return 'function';
	if (d.typedefs.some((x) => x.name === name)) return 'typedef';
	if (d.macros.some((x) => x.name === name)) return 'macro';
	if (d.enumConstants.some((x) => x.name === name)) return 'enum constant';
	if (d.variables.some((x) => x.name === name)) return 'variable';
	return null;
}

function kindHas(d: CDeclarations, name: string, kind: DeclKind): boolean {
	const list = { function: d.functions, typedef: d.typedefs, macro: d.macros, 'enum constant': d.enumConstants, variable: d.variables, struct: [] }[kind];
	return (list as { name: string }[]).some((x) => x.name === name);
}

const typedefMap = (d: CDeclarations) => new Map<string, CType>(d.typedefs.map((t) => [t.name, t.type]));

/** A constant's value as a number where it is a plain integer literal (0xf8, 424, 0x02000000U). */
function constValue(text: string): number | null {
	const t = text.trim().replace(/^\((.*)\)$/, '$1').replace(/[uUlL]+$/, '');
	if (/^0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
	if (/^[0-9]+$/.test(t)) return parseInt(t, 10);
	return null;
}
const sameValue = (a: string, b: string) => {
	const x = constValue(a);
	const y = constValue(b);
	return x !== null && y !== null ? x === y : a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
};

interface TreeDecl {
	readonly file: string;
	readonly decls: CDeclarations;
	readonly kind: DeclKind;
}

/** Compares one model declaration with the tree's; returns the status and both printed sides. */
function compare(m: ModelDecl, t: TreeDecl): { status: 'agree' | 'differ'; model: string; tree: string; why?: string } {
	const model = show(m.decls, m.name, m.kind);
	if (m.kind === 'struct') {
		const r = t.decls.records.find((x) => x.tag === m.name)!;
		const mr = m.decls.records.find((x) => x.tag === m.name)!;
		const mt = typedefMap(m.decls);
		const tt = typedefMap(t.decls);
		const bad: string[] = [];
		const shown: string[] = [];
		for (const mem of mr.members) {
			const real = r.members.find((x) => x.name === mem.name);
			if (!real) {
				bad.push(`no member ${mem.name}`);
				shown.push(`(no ${mem.name})`);
				continue;
			}
			const a = typeText(resolveTypedefs(mem.type, mt));
			const b = typeText(resolveTypedefs(real.type, tt));
			shown.push(`${printType(real.type, real.name)}; /* ${b} */`);
			if (a !== b) bad.push(`${mem.name}: model ${a}, tree ${b}`);
		}
		return {
			status: bad.length ? 'differ' : 'agree',
			model,
			tree: `${r.kind} ${m.name} { ${shown.join(' ')} ... }`,
			why: bad.length ? bad.join('; ') : undefined,
		};
	}
	const tree = show(t.decls, m.name, t.kind);
	if (t.kind !== m.kind) {
		return { status: 'differ', model, tree, why: `the model declares a ${m.kind}, the tree a ${t.kind}` };
	}
	switch (m.kind) {
		case 'function':
		case 'typedef':
		case 'variable': {
			const pick = (d: CDeclarations) => (m.kind === 'function' ? d.functions : m.kind === 'typedef' ? d.typedefs : d.variables)
				.find((x) => x.name === m.name)!.type;
			const a = typeText(pick(m.decls));
			const b = typeText(pick(t.decls));
			if (a === b) return { status: 'agree', model, tree };
			// the same type through a typedef on one side only
			const ra = typeText(resolveTypedefs(pick(m.decls), typedefMap(m.decls)));
			const rb = typeText(resolveTypedefs(pick(t.decls), typedefMap(t.decls)));
			return ra === rb ? { status: 'agree', model, tree } : { status: 'differ', model, tree, why: `model ${a}, tree ${b}` };
		}
		case 'macro': {
			const a = m.decls.macros.find((x) => x.name === m.name)!;
			const b = t.decls.macros.find((x) => x.name === m.name)!;
			if ((a.params === null) !== (b.params === null)) return { status: 'differ', model, tree, why: 'object-like vs function-like macro' };
			if (a.params && b.params) {
				// a function-like stub models the interface, not the body: the parameters must match
				return a.params.length === b.params.length ? { status: 'agree', model, tree }
					: { status: 'differ', model, tree, why: `${a.params.length} vs ${b.params.length} parameters` };
			}
			const va = constValue(a.body);
			const vb = constValue(b.body);
			if (va === null || vb === null) return { status: 'agree', model, tree, why: 'non-literal body not compared' };
			return va === vb ? { status: 'agree', model, tree } : { status: 'differ', model, tree, why: `value ${a.body} vs ${b.body}` };
		}
		case 'enum constant': {
			const a = m.decls.enumConstants.find((x) => x.name === m.name)!;
			const b = t.decls.enumConstants.find((x) => x.name === m.name)!;
			if (!sameValue(a.value, b.value)) return { status: 'differ', model, tree, why: `value ${a.value} vs ${b.value}` };
			if (a.enumName && b.enumName && a.enumName !== b.enumName) return { status: 'differ', model, tree, why: `enum ${a.enumName} vs ${b.enumName}` };
			return { status: 'agree', model, tree };
		}
	}
	return { status: 'agree', model, tree };
}

/** Identifiers a handbook row's text names: `quoted` words, struct X, and words like foo_bar or foo(). */
export function handbookIdentifiers(text: string): string[] {
	const ids = new Set<string>();
	for (const m of text.matchAll(/\bstruct\s+`?([A-Za-z_]\w*)`?/g)) ids.add(`struct ${m[1]}`);
	for (const m of text.matchAll(/`([^`]+)`/g)) {
		const s = m[1].trim();
		if (/^struct\s+\w+$/.test(s)) ids.add(s.replace(/\s+/, ' '));
		else if (/^[A-Za-z_]\w*_\w*(\(\))?$/.test(s) || /^[A-Za-z_]\w*\(\)$/.test(s)) ids.add(s.replace(/\(\)$/, ''));
	}
	for (const m of text.matchAll(/\b([A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+)(\(\))?/g)) ids.add(m[1]);
	return [...ids];
}

export interface VerifyOptions {
	readonly interfaces?: readonly KernelInterface[];
	/** handbook rows reviewed as not changing what the driver needs: value -> why (default: kernel-api's) */
	readonly reviewed?: Readonly<Record<string, string>>;
}

export async function verifyTree(dir: string, opts: VerifyOptions = {}): Promise<VerifyReport> {
	const c = await loadCParser();
	const interfaces = opts.interfaces ?? KERNEL_INTERFACES;
	const tree = openTree(dir, 'argument');
	const version = readFreeBSDVersion(tree.root);
	const model = modelAt(c, version, interfaces);
	const files = new Map<string, CDeclarations | null>();
	const treeDecls = (rel: string): CDeclarations | null => {
		if (!files.has(rel)) {
			const abs = path.join(tree.root, rel);
			files.set(rel, fs.existsSync(abs) ? c.declarations(fs.readFileSync(abs, 'latin1'), rel) : null);
		}
		return files.get(rel)!;
	};
	const index = new TreeIndex(c, tree.root);
	/** the tree's declaration of a name: in the model's header, else any KPI header the tree has */
	const find = (header: string, name: string, kind: DeclKind): TreeDecl | null | 'no file' => {
		const rel = treePathOf(header);
		const d = treeDecls(rel);
		const hit = (file: string, decls: CDeclarations): TreeDecl | null => {
			if (kind === 'struct') return decls.records.some((r) => r.tag === name && r.members.length) ? { file, decls, kind } : null;
			const k = treeKind(decls, name, kind);
			return k ? { file, decls, kind: k } : null;
		};
		if (d) {
			const h = hit(rel, d);
			if (h) return h;
		}
		index.load(KPI_DIRS);
		const other = index.headerOf(kind === 'struct' ? `struct ${name}` : name, kind === 'struct' ? 'struct' : 'name');
		if (other) {
			const od = treeDecls(other);
			const h = od && hit(other, od);
			if (h) return h;
		}
		return d ? null : 'no file';
	};
	const driverDir = path.join(tree.root, 'sys', 'dev', 'wg');
	let driver: DriverScan | null | undefined;
	const driverUses = async (name: string): Promise<string | null> => {
		if (driver === undefined) driver = fs.existsSync(driverDir) ? await scanDriver(driverDir, { interfaces }) : null;
		const u = driver?.used.find((x) => x.id === name);
		return u ? `sys/dev/wg/${u.at}` : null;
	};

	const rows: VerifyRow[] = [];
	for (const m of model.decls) {
		const t = find(m.header, m.name, m.kind);
		const base = { interfaceId: m.interfaceId, name: m.name, kind: m.kind };
		if (t === 'no file' || t === null) {
			const model1 = show(m.decls, m.name, m.kind);
			const used = await driverUses(m.kind === 'struct' ? `struct ${m.name}` : m.name);
			rows.push({
				...base, status: t === null ? 'differ' : 'not in tree', basis: 'declaration', model: model1,
				tree: t === null ? `(not declared in ${treePathOf(m.header)})` : `(${treePathOf(m.header)} is not in this tree)`,
				where: treePathOf(m.header),
				why: t === null ? `the model says ${version} declares it` : used ? `the tree's driver uses it (${used}), consistent with the model` : undefined,
			});
			continue;
		}
		const r = compare(m, t);
		rows.push({ ...base, status: r.status, basis: 'declaration', model: r.model, tree: r.tree, where: t.file, why: r.why });
	}
	for (const a of model.absent) {
		const t = find(a.header, a.name, a.kind);
		const base = { interfaceId: a.interfaceId, name: a.name, kind: a.kind, model: `(absent at ${version})` };
		if (t && t !== 'no file') {
			rows.push({ ...base, status: 'differ', basis: 'declaration', tree: show(t.decls, a.name, t.kind), where: t.file,
				why: `the model says ${version} lacks it; the tree declares it` });
			continue;
		}
		const used = await driverUses(a.kind === 'struct' ? `struct ${a.name}` : a.name);
		if (used) {
			rows.push({ ...base, status: 'differ', basis: 'driver use', tree: `used by the tree's driver at ${used}, which does not declare it`,
				where: used, why: `the model says ${version} lacks it, but the tree's own driver uses it` });
		} else {
			rows.push({ ...base, status: t === 'no file' ? 'not in tree' : 'agree', basis: 'declaration',
				tree: t === 'no file' ? `(${treePathOf(a.header)} is not in this tree)` : `(not declared in ${treePathOf(a.header)})`,
				where: treePathOf(a.header) });
		}
	}
	// the handbook: every bump that names what the driver uses must be modelled (or reviewed)
	if (driver === undefined) driver = fs.existsSync(driverDir) ? await scanDriver(driverDir, { interfaces }) : null;
	if (driver) {
		const usedIds = new Set(driver.used.map((u) => u.id));
		const reviewed = opts.reviewed ?? HANDBOOK_REVIEWED;
		const oldest = Math.min(...RELEASES.filter((r) => r.compatPort).map((r) => r.version));
		const changePoints = new Set<number>();
		for (const k of interfaces) {
			if (k.availability.main) changePoints.add(k.availability.main);
			for (const v of Object.values(k.availability.merged ?? {})) changePoints.add(v);
		}
		for (const row of HANDBOOK_ROWS.filter((r: HandbookRow) => r.value >= oldest)) {
			const named = handbookIdentifiers(row.text).filter((id) => usedIds.has(id));
			if (!named.length) continue;
			const covered = changePoints.has(row.value);
			const why = reviewed[String(row.value)];
			rows.push({
				interfaceId: covered ? interfaces.filter((k) => k.availability.main === row.value || Object.values(k.availability.merged ?? {}).includes(row.value)).map((k) => k.id).join(',') : '(none)',
				name: named.join(' '), kind: 'handbook', basis: 'handbook',
				status: covered || why ? 'agree' : 'differ',
				model: covered ? `change point ${row.value}` : why ? `reviewed: ${why}` : '(no interface changes here)',
				tree: `handbook ${row.value} (${row.date}) ${row.text}`,
				where: `handbook ${row.value}`,
				why: covered || why ? undefined : `the handbook's bump ${row.value} names ${named.join(', ')}, which the tree's driver uses; no interface has it as a change point`,
			});
		}
	}
	const counts: Record<VerifyStatus, number> = { agree: 0, differ: 0, 'not in tree': 0 };
	for (const r of rows) counts[r.status]++;
	const checked = new Set([...model.decls.map((d) => d.interfaceId), ...model.absent.map((a) => a.interfaceId), ...model.superseded]);
	const unchecked = interfaces.filter((k) => !checked.has(k.id)).map((k) => ({
		id: k.id,
		why: Object.keys(k.stub).length === 0 ? 'the model declares nothing for it (no stub)' : `it declares nothing in the form ${version} has`,
	}));
	return { tree: tree.root, version, interfaces: interfaces.length, superseded: model.superseded, unchecked, rows, counts, differences: counts.differ };
}

export function formatVerify(r: VerifyReport): string {
	const out: string[] = [];
	out.push(`kpi verify: ${r.tree} (__FreeBSD_version ${r.version}); ${r.interfaces} interfaces in packages/kernel-api` +
		(r.superseded.length ? `; superseded at this version by a later change: ${r.superseded.join(', ')}` : ''));
	const w = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));
	out.push(`${w('interface', 26)} ${w('name', 28)} ${w('kind', 14)} ${w('status', 12)} detail`);
	for (const x of r.rows) {
		const detail = x.status === 'differ'
			? `model: ${x.model} | tree: ${x.tree}${x.why ? ` | ${x.why}` : ''}`
			: x.status === 'not in tree' ? `${x.tree}${x.why ? `; ${x.why}` : ''}` : x.where;
		out.push(`${w(x.interfaceId, 26)} ${w(x.name, 28)} ${w(x.kind, 14)} ${w(x.status, 12)} ${detail}`);
	}
	if (r.unchecked.length) out.push('', `nothing to compare at ${r.version}: ${r.unchecked.map((u) => `${u.id} (${u.why})`).join('; ')}`);
	out.push('', `${r.counts.agree} agree, ${r.counts.differ} differ, ${r.counts['not in tree']} not in tree (a sparse tree lacks those headers)`);
	if (r.differences) {
		out.push('', 'differences:');
		for (const x of r.rows.filter((y) => y.status === 'differ')) {
			out.push(`  ${x.interfaceId} ${x.name}:`, `    model: ${x.model}`, `    tree:  ${x.tree}`, ...(x.why ? [`    ${x.why}`] : []));
		}
	}
	return `${out.join('\n')}\n`;
}
