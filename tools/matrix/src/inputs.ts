/*
 * What the matrix compiles, as one interface. The real workspace (packages/releases, packages/kernel-api,
 * freebsd-overlay/, the compat port) and the test fixtures both implement it with treeInputs(): a target
 * is "every C file under these directories + include dirs + defines", found by walking the emitted trees
 * when a cell runs, so files the generators add later are compiled without touching the matrix.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompileUnit, MatrixRelease, ProbeUse, SelftestUnit, Target } from './types';

export interface MatrixInputs {
	/** every row the matrix knows: releases, then branch heads */
	readonly releases: readonly MatrixRelease[];
	/** rows run when neither --releases nor --all is given */
	readonly defaultReleases: readonly string[];
	/** the release's stub kernel headers: path under the include root -> content */
	stubHeaders(release: MatrixRelease): Readonly<Record<string, string>>;
	/** the kernel interfaces the driver uses, spelled as on main */
	readonly probeUses: readonly ProbeUse[];
	/** the C files, include dirs and defines of a target for a release */
	unit(target: Target, release: MatrixRelease): CompileUnit;
	/** the header whose COMPAT_NEED_* macros say which remedies a release needs (evaluated by cpp) */
	compatHeader(target: Target): string | undefined;
	/** the crypto self-test binary of a target, if the target has one */
	selftest(target: Target): SelftestUnit | undefined;
	/** files the matrix result depends on, for the nx cache and the log */
	readonly inputRoots: readonly string[];
	/** what the user should know about these inputs (e.g. which driver the compat port was composed from) */
	readonly notes?: readonly string[];
}

export interface TreeSpec {
	/** absolute root of the emitted tree */
	readonly root: string;
	/** directories under root whose *.c files (recursively) are the target's sources */
	readonly sourceDirs: readonly string[];
	/** -I directories, relative to root */
	readonly includeDirs: readonly string[];
	/** -include files, relative to root */
	readonly forceIncludes?: readonly string[];
	/** the compat header, relative to root */
	readonly compatHeader?: string;
	readonly defines?: Readonly<Record<string, string | null>>;
	/** C files (relative to root) that are not kernel sources (e.g. a userland self-test main) */
	readonly exclude?: readonly string[];
}

export interface TreeInputsConfig {
	readonly releases: readonly MatrixRelease[];
	readonly defaultReleases: readonly string[];
	readonly stubHeaders: (release: MatrixRelease) => Readonly<Record<string, string>>;
	readonly probeUses: readonly ProbeUse[];
	readonly trees: Readonly<Record<Target, TreeSpec>>;
	readonly selftests?: Partial<Readonly<Record<Target, SelftestUnit>>>;
}

/** Every *.c under dir, recursively, sorted (absolute paths). */
export function findCSources(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	const out: string[] = [];
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) out.push(...findCSources(p));
		else if (e.isFile() && e.name.endsWith('.c')) out.push(p);
	}
	return out.sort();
}

export function treeInputs(config: TreeInputsConfig): MatrixInputs {
	return {
		releases: config.releases,
		defaultReleases: config.defaultReleases,
		stubHeaders: config.stubHeaders,
		probeUses: config.probeUses,
		inputRoots: Object.values(config.trees).map((t) => t.root),
		unit(target) {
			const tree = config.trees[target];
			const excluded = new Set((tree.exclude ?? []).map((f) => path.join(tree.root, f)));
			const sources = tree.sourceDirs
				.flatMap((d) => findCSources(path.join(tree.root, d)))
				.filter((f) => !excluded.has(f));
			return {
				sources: [...new Set(sources)].sort(),
				includeDirs: tree.includeDirs.map((d) => path.join(tree.root, d)),
				forceIncludes: (tree.forceIncludes ?? []).map((f) => path.join(tree.root, f)),
				defines: tree.defines ?? {},
			};
		},
		compatHeader(target) {
			const tree = config.trees[target];
			return tree.compatHeader ? path.join(tree.root, tree.compatHeader) : undefined;
		},
		selftest(target) {
			return config.selftests?.[target];
		},
	};
}
