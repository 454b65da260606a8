/*
 * A read-only view of a FreeBSD source tree (the checked-out base, or the base with the series so far
 * applied) for presence predicates and edits.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CDeclarations, CSourceParser } from '@wgup/c-source';
import { readFreeBSDVersion, treeFiles } from '@wgup/freebsd-src';

export interface Tree {
	read(file: string): string | undefined;
	exists(file: string): boolean;
	/** files (repository-relative, sorted) directly in a directory */
	list(dir: string): string[];
	/** files (repository-relative, sorted) under a directory, at any depth */
	walk(dir: string): string[];
}

export function dirTree(root: string): Tree {
	return {
		read(file) {
			try {
				return fs.readFileSync(path.join(root, file), 'latin1');
			} catch {
				return undefined;
			}
		},
		exists: (file) => fs.existsSync(path.join(root, file)),
		list(dir) {
			try {
				return fs
					.readdirSync(path.join(root, dir), { withFileTypes: true })
					.filter((e) => e.isFile())
					.map((e) => `${dir}/${e.name}`)
					.sort();
			} catch {
				return [];
			}
		},
		walk: (dir) => treeFiles(root, dir),
	};
}

/**
 * __FreeBSD_version of the tree, or undefined when it has no sys/sys/param.h. A param.h whose value
 * is not a plain decimal in range (0x155CCF, 1400047abc, 99999999999) is refused, never read as 0.
 */
export function freebsdVersion(root: string): number | undefined {
	if (!fs.existsSync(path.join(root, 'sys', 'sys', 'param.h'))) return undefined;
	return readFreeBSDVersion(root);
}

/** C text without comments, for checks on text that is not C (Makefiles are not; this is for messages). */
export function stripComments(c: string): string {
	return c.replace(/\/\*[\s\S]*?\*\//g, ' ');
}

/** What a C file of the tree declares (undefined when the tree lacks the file). */
export function declarationsOf(tree: Tree, c: CSourceParser, file: string): CDeclarations | undefined {
	const text = tree.read(file);
	return text === undefined ? undefined : c.declarations(text, file);
}

/** Names a file declares or defines: functions (prototype or body), macros, enum constants, variables, typedefs. */
export function declaredNames(d: CDeclarations): Set<string> {
	return new Set([
		...d.functions.map((f) => f.name),
		...d.macros.map((m) => m.name),
		...d.enumConstants.map((e) => e.name),
		...d.variables.map((v) => v.name),
		...d.typedefs.map((t) => t.name),
	]);
}

/** Does the file declare every one of these names (as a function, macro, constant, variable or typedef)? */
export function declares(tree: Tree, c: CSourceParser, file: string, names: readonly string[]): boolean {
	const d = declarationsOf(tree, c, file);
	if (!d) return false;
	const have = declaredNames(d);
	return names.every((n) => have.has(n));
}

/** The headers a file #includes, as written between the quotes or brackets. */
export function includedHeaders(text: string, c: CSourceParser): string[] {
	return c
		.spans(text)
		.items.filter((i) => i.type === 'preproc_include')
		.map((i) => text.slice(i.start, i.end).replace(/^#\s*include\s*[<"]/, '').replace(/[>"][\s\S]*$/, ''));
}

export function includes(tree: Tree, c: CSourceParser, file: string, header: string): boolean {
	const text = tree.read(file);
	return text !== undefined && includedHeaders(text, c).some((h) => h === header || h.endsWith(`/${header}`));
}
