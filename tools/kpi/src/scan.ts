/*
 * `wgup kpi scan-driver DIR`: every kernel identifier a driver uses — functions, macros, types, struct
 * tags, struct members, constants — read with the C parser from its .c/.h files, minus what the driver
 * declares itself, joined with what packages/kernel-api models. Where a FreeBSD tree is at hand the
 * unmodelled ones are grouped by the tree header that declares them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCParser, type CDeclarations, type CSourceParser, type CUses } from '@wgup/c-source';
import { KERNEL_INTERFACES, type KernelInterface } from '@wgup/kernel-api';
import { modelledNames, namedDecls } from './model';

export type UseKind = 'function' | 'name' | 'type' | 'struct' | 'member';

export interface DriverUse {
	/** "if_getsoftc", "M_NOWAIT", "if_t", "struct ifnet", "m_pkthdr" (members by name) */
	readonly id: string;
	readonly kind: UseKind;
	/** first file:line it is used at */
	readonly at: string;
	/** kernel-api interfaces that declare it ('base': the version-independent stub base) */
	readonly modelledBy: string[];
	/** tree header that declares it, where a tree was given and it was found */
	readonly header?: string;
}

export interface ChangeUse {
	readonly interfaceId: string;
	readonly changePoint: string;
	readonly used: string[];
}

export interface DriverScan {
	readonly dir: string;
	readonly files: string[];
	readonly used: DriverUse[];
	readonly modelled: number;
	/** unmodelled identifiers by declaring header ('(header not found)' when no tree or not in it) */
	readonly unmodelledByHeader: Record<string, string[]>;
	/** every kernel-api interface with a change point, and which of its identifiers the driver uses */
	readonly changes: ChangeUse[];
	/** parse errors tree-sitter recovered from, per file (macro-built declarations) */
	readonly errorLines: Record<string, number[]>;
}

/** Names that are the language's or the compiler's, not the kernel's. */
const LANGUAGE = new Set([
	'NULL', 'true', 'false', 'bool', 'else', 'defined', 'sizeof', '__func__', '__FILE__', '__LINE__', '__VA_ARGS__',
	'__builtin_expect', '__typeof', '__typeof__', '_Static_assert', 'static_assert', 'alignof', '_Alignof', 'asm', '__asm',
	'va_list', 'va_start', 'va_end', 'va_arg',
]);

/** The driver's .c and .h files under dir (recursive), relative, sorted. */
export function driverFiles(dir: string): string[] {
	const out: string[] = [];
	const walk = (rel: string) => {
		for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
			const r = rel ? `${rel}/${e.name}` : e.name;
			if (e.isDirectory()) walk(r);
			else if (e.isFile() && /\.[ch]$/.test(e.name)) out.push(r);
		}
	};
	walk('');
	return out.sort();
}

interface Parsed {
	readonly file: string;
	readonly decls: CDeclarations;
	readonly uses: CUses;
}

/** What the driver declares itself: names, struct tags and their members. */
function ownNames(parsed: readonly Parsed[]): { names: Set<string>; tags: Set<string>; members: Set<string> } {
	const names = new Set<string>();
	const tags = new Set<string>();
	const members = new Set<string>();
	for (const p of parsed) {
		for (const n of namedDecls(p.decls)) (n.kind === 'struct' ? tags : names).add(n.name);
		for (const r of p.decls.records) for (const m of r.members) members.add(m.name);
		// an enum's tag (or typedef name) is the driver's own too
		for (const e of p.decls.enumConstants) if (e.enumName) tags.add(e.enumName);
		for (const n of p.uses.declared.keys()) names.add(n);
	}
	return { names, tags, members };
}

/** A header index of a tree: name ("struct x" for tags, members as "tag.member") -> header path. Lazy per directory. */
export class TreeIndex {
	private readonly byName = new Map<string, string>();
	private readonly loaded = new Set<string>();
	constructor(private readonly c: CSourceParser, readonly root: string) {}

	/** Index every .h directly under these tree directories (those the tree has). */
	load(dirs: readonly string[]): void {
		for (const d of dirs) {
			if (this.loaded.has(d)) continue;
			this.loaded.add(d);
			const abs = path.join(this.root, d);
			if (!fs.existsSync(abs)) continue;
			for (const f of fs.readdirSync(abs).filter((x) => x.endsWith('.h')).sort()) {
				const rel = `${d}/${f}`;
				const decls = this.c.declarations(fs.readFileSync(path.join(abs, f), 'latin1'), rel);
				for (const n of namedDecls(decls)) {
					const key = n.kind === 'struct' ? `struct ${n.name}` : n.name;
					if (!this.byName.has(key)) this.byName.set(key, rel);
				}
				for (const r of decls.records) for (const m of r.members) if (!this.byName.has(`.${m.name}`)) this.byName.set(`.${m.name}`, rel);
			}
		}
	}

	headerOf(id: string, kind: UseKind): string | undefined {
		return this.byName.get(kind === 'member' ? `.${id}` : id);
	}
}

/** Tree directories whose headers a kernel driver takes its KPI from. */
export const KPI_DIRS = [
	'sys/sys', 'sys/net', 'sys/netinet', 'sys/netinet6', 'sys/opencrypto', 'sys/crypto', 'sys/vm', 'sys/amd64/include',
	'sys/x86/include', 'sys/contrib/ck/include', 'sys/security/mac', 'sys/kern',
];

export interface ScanOptions {
	/** a FreeBSD src root whose headers say where unmodelled names are declared */
	readonly tree?: string;
	readonly interfaces?: readonly KernelInterface[];
}

/** How kernel-api prints a change point: "main 1500027; stable/13 1301511". */
export function changePointText(k: KernelInterface): string {
	const parts = [`main ${k.availability.main ?? 'never'}`];
	for (const [b, v] of Object.entries(k.availability.merged ?? {})) parts.push(`${b} ${v}`);
	return parts.join('; ') + (k.verified ? '' : ' (unverified)');
}

export async function scanDriver(dir: string, opts: ScanOptions = {}): Promise<DriverScan> {
	const c = await loadCParser();
	const interfaces = opts.interfaces ?? KERNEL_INTERFACES;
	const files = driverFiles(dir);
	if (!files.length) throw new Error(`${dir}: no .c or .h files (give the driver's directory, e.g. sys/dev/wg or a port's src/)`);
	const parsed: Parsed[] = files.map((f) => {
		const text = fs.readFileSync(path.join(dir, f), 'latin1');
		return { file: f, decls: c.declarations(text, f), uses: c.uses(text) };
	});
	const own = ownNames(parsed);
	// a struct tag the driver declares is its own name too (macro-built declarations can make the
	// parser read `struct wg_packet` as a typedef name)
	for (const t of own.tags) own.names.add(t);
	const seen = new Map<string, { kind: UseKind; at: string }>();
	const note = (id: string, kind: UseKind, at: string) => {
		const key = `${kind}:${id}`;
		if (!seen.has(key)) seen.set(key, { kind, at });
	};
	for (const p of parsed) {
		for (const [n, line] of p.uses.calls) if (!own.names.has(n) && !LANGUAGE.has(n)) note(n, 'function', `${p.file}:${line}`);
		for (const [n, line] of p.uses.names) if (!own.names.has(n) && !LANGUAGE.has(n)) note(n, 'name', `${p.file}:${line}`);
		for (const [n, line] of p.uses.types) if (!own.names.has(n) && !LANGUAGE.has(n)) note(n, 'type', `${p.file}:${line}`);
		for (const [n, line] of p.uses.tags) if (!own.tags.has(n) && !/^(struct|union|enum)$/.test(n)) note(`struct ${n}`, 'struct', `${p.file}:${line}`);
		for (const [n, line] of p.uses.members) if (!own.members.has(n)) note(n, 'member', `${p.file}:${line}`);
	}
	// a name both called and used as a value (a function passed by pointer) is one identifier
	for (const key of [...seen.keys()]) {
		const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
		if (kind === 'name' && seen.has(`function:${id}`)) seen.delete(key);
	}
	const modelled = modelledNames(c, interfaces);
	const memberModel = new Map<string, Set<string>>();
	for (const [k, ids] of modelled) {
		const dot = k.indexOf('.');
		if (dot > 0 && !k.startsWith('struct ')) {
			const m = k.slice(dot + 1);
			if (!memberModel.has(m)) memberModel.set(m, new Set());
			for (const id of ids) memberModel.get(m)!.add(id);
		}
	}
	let index: TreeIndex | undefined;
	if (opts.tree) {
		index = new TreeIndex(c, opts.tree);
		index.load(KPI_DIRS);
	}
	const used: DriverUse[] = [...seen.entries()].map(([key, v]) => {
		const id = key.slice(key.indexOf(':') + 1);
		const by = v.kind === 'member' ? memberModel.get(id) : modelled.get(id);
		return { id, kind: v.kind, at: v.at, modelledBy: [...(by ?? [])].sort(), header: index?.headerOf(id, v.kind) };
	}).sort((a, b) => a.id.localeCompare(b.id) || a.kind.localeCompare(b.kind));
	const unmodelledByHeader: Record<string, string[]> = {};
	for (const u of used.filter((x) => !x.modelledBy.length)) {
		const h = u.header ?? '(header not found)';
		(unmodelledByHeader[h] ??= []).push(u.kind === 'member' ? `->${u.id}` : u.id);
	}
	const changes: ChangeUse[] = interfaces.filter((k) => k.availability.main !== 0 && Object.keys(k.stub).length)
		.map((k) => ({
			interfaceId: k.id,
			changePoint: changePointText(k),
			used: used.filter((u) => u.modelledBy.includes(k.id)).map((u) => u.id),
		}));
	const errorLines: Record<string, number[]> = {};
	for (const p of parsed) if (p.decls.errorLines.length) errorLines[p.file] = [...p.decls.errorLines];
	return {
		dir, files, used, modelled: used.filter((u) => u.modelledBy.length).length,
		unmodelledByHeader: Object.fromEntries(Object.entries(unmodelledByHeader).sort(([a], [b]) => a.localeCompare(b))),
		changes, errorLines,
	};
}

export function formatScan(s: DriverScan): string {
	const out: string[] = [];
	out.push(`kpi scan-driver ${s.dir}: ${s.files.length} file(s): ${s.files.join(' ')}`);
	out.push(`coverage: ${s.used.length} kernel identifier(s) used, ${s.modelled} modelled by packages/kernel-api, ` +
		`${s.used.length - s.modelled} unmodelled`);
	out.push('', 'interfaces with a change point, and what the driver uses of each:');
	for (const ch of s.changes) out.push(`  ${ch.interfaceId.padEnd(28)} ${ch.changePoint.padEnd(40)} ${ch.used.join(' ') || '-'}`);
	out.push('', 'unmodelled, by the header that declares them:');
	for (const [h, ids] of Object.entries(s.unmodelledByHeader)) out.push(`  ${h} (${ids.length}): ${ids.join(' ')}`);
	const errs = Object.entries(s.errorLines);
	if (errs.length) out.push('', `parser recovered from macro-built declarations in: ${errs.map(([f, l]) => `${f} (${l.length})`).join(', ')}`);
	return `${out.join('\n')}\n`;
}
