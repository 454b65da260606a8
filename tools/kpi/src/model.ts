/*
 * What packages/kernel-api says a kernel at one __FreeBSD_version declares, read with the same C parser
 * as the real headers: each interface's stub text for the form it has at that version (present, or the
 * old form), parsed into declarations. A presence interface a version lacks, with no old form, becomes
 * "expected absent" names: the real tree must not declare them.
 */
import type { CDeclarations, CSourceParser, CType } from '@wgup/c-source';
import { KERNEL_INTERFACES, STUB_BASE, STUB_TRAILERS, hasInterface, supersededAt, type KernelInterface } from '@wgup/kernel-api';

/** Include path (as the driver writes it) -> path in a FreeBSD src tree. amd64 stands for machine/. */
export function treePathOf(include: string): string {
	if (include.startsWith('machine/')) return `sys/amd64/include/${include.slice('machine/'.length)}`;
	if (include === 'ck_pr.h') return 'sys/contrib/ck/include/ck_pr.h';
	return `sys/${include}`;
}

export type DeclKind = 'function' | 'typedef' | 'struct' | 'macro' | 'enum constant' | 'variable';

/** One declaration the model makes, as parsed. */
export interface ModelDecl {
	readonly interfaceId: string;
	/** include path of the stub header */
	readonly header: string;
	readonly name: string;
	readonly kind: DeclKind;
	/** 'present': the current form; 'absent': the old form the model gives for versions before the change */
	readonly form: 'present' | 'absent';
	readonly decls: CDeclarations;
}

/** Names an interface's current form declares, which a version lacking it (and having no old form) must not. */
export interface ExpectedAbsent {
	readonly interfaceId: string;
	readonly header: string;
	readonly name: string;
	readonly kind: DeclKind;
}

export interface ModelAt {
	readonly version: number;
	readonly decls: ModelDecl[];
	readonly absent: ExpectedAbsent[];
	/** interfaces whose form at this version is given by a later interface (supersedes) */
	readonly superseded: string[];
}

/** Every named declaration in parsed text, with its kind. */
export function namedDecls(d: CDeclarations): { name: string; kind: DeclKind }[] {
	return [
		...d.functions.map((x) => ({ name: x.name, kind: 'function' as const })),
		...d.typedefs.map((x) => ({ name: x.name, kind: 'typedef' as const })),
		...d.records.filter((x) => x.tag).map((x) => ({ name: x.tag, kind: 'struct' as const })),
		...d.macros.map((x) => ({ name: x.name, kind: 'macro' as const })),
		...d.enumConstants.map((x) => ({ name: x.name, kind: 'enum constant' as const })),
		...d.variables.map((x) => ({ name: x.name, kind: 'variable' as const })),
	];
}

export function modelAt(c: CSourceParser, version: number, interfaces: readonly KernelInterface[] = KERNEL_INTERFACES): ModelAt {
	const decls: ModelDecl[] = [];
	const absent: ExpectedAbsent[] = [];
	const superseded: string[] = [];
	for (const k of interfaces) {
		if (supersededAt(k, version, interfaces)) {
			superseded.push(k.id);
			continue;
		}
		const has = hasInterface(k, version);
		for (const [header, part] of Object.entries(k.stub)) {
			const text = has ? part.present : part.absent;
			if (text) {
				const d = c.declarations(text, `kernel-api:${k.id}:${header}`);
				for (const n of namedDecls(d)) decls.push({ interfaceId: k.id, header, name: n.name, kind: n.kind, form: has ? 'present' : 'absent', decls: d });
			} else if (!has && part.present && k.kind === 'presence') {
				const d = c.declarations(part.present, `kernel-api:${k.id}:${header}`);
				for (const n of namedDecls(d)) absent.push({ interfaceId: k.id, header, name: n.name, kind: n.kind });
			}
		}
	}
	return { version, decls, absent, superseded };
}

/** Every name kernel-api's stubs declare in any form (or its version-independent base): name -> interface ids ('base'). */
export function modelledNames(c: CSourceParser, interfaces: readonly KernelInterface[] = KERNEL_INTERFACES): Map<string, Set<string>> {
	const out = new Map<string, Set<string>>();
	const add = (name: string, id: string) => {
		if (!out.has(name)) out.set(name, new Set());
		out.get(name)!.add(id);
	};
	const addText = (text: string, id: string) => {
		const d = c.declarations(text, id);
		for (const n of namedDecls(d)) add(n.kind === 'struct' ? `struct ${n.name}` : n.name, id);
		for (const r of d.records) for (const m of r.members) add(`${r.tag}.${m.name}`, id);
	};
	for (const k of interfaces) {
		for (const part of Object.values(k.stub)) {
			if (part.present) addText(part.present, k.id);
			if (part.absent) addText(part.absent, k.id);
		}
	}
	for (const text of [...Object.values(STUB_BASE), ...Object.values(STUB_TRAILERS)]) addText(text, 'base');
	return out;
}

/** Typedef names replaced by what they stand for, so `pr_sockaddr_t *` compares with `int (*)(...)`. */
export function resolveTypedefs(t: CType, typedefs: ReadonlyMap<string, CType>, depth = 0): CType {
	if (depth > 8) return t;
	switch (t.kind) {
		case 'base': {
			const name = t.text.replace(/^(const|volatile)\s+/, '');
			const to = typedefs.get(name);
			if (!to) return t;
			return resolveTypedefs(to, typedefs, depth + 1);
		}
		case 'pointer':
			return { ...t, to: resolveTypedefs(t.to, typedefs, depth + 1) };
		case 'array':
			return { ...t, of: resolveTypedefs(t.of, typedefs, depth + 1) };
		case 'function':
			return {
				...t,
				returns: resolveTypedefs(t.returns, typedefs, depth + 1),
				params: t.params.map((p) => ({ ...p, type: resolveTypedefs(p.type, typedefs, depth + 1) })),
			};
	}
}
