/*
 * A read-only view of a FreeBSD source tree (the checked-out base, or the base with the series so far
 * applied) for presence predicates and edits.
 */
import { parseFreebsdVersion } from '@wgup/codegen';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Tree {
	read(file: string): string | undefined;
	exists(file: string): boolean;
	/** files (repository-relative, sorted) directly in a directory */
	list(dir: string): string[];
}

export function dirTree(root: string): Tree {
	return {
		read(file) {
			try {
				return fs.readFileSync(path.join(root, file), 'utf8');
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
	};
}

/** __FreeBSD_version from sys/sys/param.h, or undefined when the file or the define is missing. */
export function freebsdVersion(tree: Tree): number | undefined {
	const param = tree.read('sys/sys/param.h');
	// the whole token after the name, parsed strictly: 0x155CCF, 1400047abc or 99999999999 are refused
	const m = param?.match(/^#define[ \t]+__FreeBSD_version[ \t]+(\S+)/m);
	return m ? parseFreebsdVersion(m[1], 'sys/sys/param.h of the base: __FreeBSD_version') : undefined;
}

/** C text without comments, for declaration checks that must not be fooled by a comment. */
export function stripComments(c: string): string {
	return c.replace(/\/\*[\s\S]*?\*\//g, ' ');
}

/** Does the file declare (prototype, definition or macro) each of these names? */
export function declares(tree: Tree, file: string, names: readonly string[]): boolean {
	const text = tree.read(file);
	if (text === undefined) return false;
	const code = stripComments(text);
	return names.every((n) => new RegExp(`(^#\\s*define\\s+${n}\\b|\\b${n}\\s*\\()`, 'm').test(code));
}

/** Does the file define this constant (a #define or an enum member)? */
export function definesConstant(tree: Tree, file: string, name: string): boolean {
	const code = stripComments(tree.read(file) ?? '');
	return new RegExp(`(^#\\s*define\\s+${name}\\b|^\\s*${name}\\s*=)`, 'm').test(code);
}

export function includes(tree: Tree, file: string, header: string): boolean {
	const text = tree.read(file) ?? '';
	return text.split('\n').some((l) => /^#\s*include\s*[<"]/.test(l) && l.includes(header));
}
