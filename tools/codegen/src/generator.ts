/*
 * A generator is model -> plan -> render -> write. plan() is pure and cheap: it lists the files a
 * generator would write and what each comes from. render() is pure: the bytes of one file. write()
 * (write.ts) is shared by every generator.
 */

export interface PlannedFile {
	/** repository-relative path, POSIX separators */
	readonly path: string;
	/** the generator that owns it */
	readonly generator: string;
	/** repository-relative paths of the models and sources it derives from */
	readonly inputs: readonly string[];
	/** the file's bytes as text; must be deterministic */
	readonly render: () => string;
	/** file mode; 0o755 for scripts */
	readonly mode?: number;
}

export interface Generator {
	/** short id, e.g. "crypto", "compat-headers" */
	readonly name: string;
	/** one line for `wgup generate --list` */
	readonly description: string;
	/** directories (repository-relative) whose wgup-generated files this generator owns entirely */
	readonly owns?: readonly string[];
	plan(): PlannedFile[];
}

/** Plans every generator, refusing two generators that claim the same path. Output is sorted by path. */
export function planAll(generators: readonly Generator[]): PlannedFile[] {
	const byPath = new Map<string, PlannedFile>();
	for (const g of generators) {
		for (const f of g.plan()) {
			if (f.path.startsWith('/') || f.path.split('/').includes('..')) {
				throw new Error(`generator ${g.name} planned a path outside the repository: ${f.path}`);
			}
			const prev = byPath.get(f.path);
			if (prev) throw new Error(`generators ${prev.generator} and ${f.generator} both plan ${f.path}`);
			byPath.set(f.path, f);
		}
	}
	return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
