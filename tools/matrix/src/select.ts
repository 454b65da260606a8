/* Which cells a run has: --releases / --all / the default rows, crossed with targets and compilers. */
import type { MatrixInputs } from './inputs';
import { COMPILERS, TARGETS, type CellSpec, type Compiler, type MatrixRelease, type Target } from './types';

export interface Selection {
	/** release names (comma-separated on the command line); "13.5-RELEASE" is accepted for "13.5" */
	readonly releases?: readonly string[];
	readonly all?: boolean;
	readonly target?: Target | 'both';
	readonly cc?: Compiler | 'both';
}

export interface SelectedCells {
	readonly cells: CellSpec[];
	/** release x target pairs left out because the target does not support the release */
	readonly skipped: string[];
}

export function parseTarget(value: string): Target | 'both' {
	if (value === 'both' || (TARGETS as readonly string[]).includes(value)) return value as Target | 'both';
	throw new Error(`unknown target "${value}"; use one of ${[...TARGETS, 'both'].join(', ')}`);
}

export function parseCompiler(value: string): Compiler | 'both' {
	if (value === 'both' || (COMPILERS as readonly string[]).includes(value)) return value as Compiler | 'both';
	throw new Error(`unknown compiler "${value}"; use one of ${[...COMPILERS, 'both'].join(', ')}`);
}

export function findRelease(inputs: MatrixInputs, name: string): MatrixRelease {
	const wanted = name.trim().replace(/-RELEASE$/i, '');
	const hit = inputs.releases.find((r) => r.name === wanted);
	if (!hit) {
		throw new Error(`unknown release "${name}"; known: ${inputs.releases.map((r) => r.name).join(', ')}`);
	}
	return hit;
}

export function selectCells(inputs: MatrixInputs, sel: Selection): SelectedCells {
	if (sel.all && sel.releases?.length) throw new Error('give either --releases or --all, not both');
	const targets: Target[] = !sel.target || sel.target === 'both' ? [...TARGETS] : [sel.target];
	const ccs: Compiler[] = !sel.cc || sel.cc === 'both' ? [...COMPILERS] : [sel.cc];
	const rows = sel.all ? [...inputs.releases]
		: (sel.releases?.length ? sel.releases : inputs.defaultReleases).map((n) => findRelease(inputs, n));
	const cells: CellSpec[] = [];
	const skipped: string[] = [];
	for (const release of [...new Set(rows)]) {
		for (const target of targets) {
			if (!release.targets.includes(target)) {
				skipped.push(`${release.name} ${target}`);
				continue;
			}
			for (const cc of ccs) cells.push({ release, target, cc });
		}
	}
	if (!cells.length) throw new Error(`no cells to run: ${skipped.join('; ')} not supported by the target`);
	return { cells, skipped };
}
