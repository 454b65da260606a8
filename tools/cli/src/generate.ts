import { planAll, withCopyright, writePlanned, REPO_ROOT, type Generator } from '@wgup/codegen';
import { GENERATORS } from './generators';

export interface GenerateOptions {
	check?: boolean;
	list?: boolean;
	only?: string;
	/** "<year(s)> <holder>" for the licence of generated C files; default: wgup.config.json's */
	copyright?: string;
}

/** Select generators by --only; unknown names are an error that lists the known ones. */
export function selectGenerators(all: readonly Generator[], only?: string): Generator[] {
	if (!only) return [...all];
	const names = only.split(',').map((s) => s.trim()).filter(Boolean);
	const known = new Map(all.map((g) => [g.name, g]));
	const unknown = names.filter((n) => !known.has(n));
	if (unknown.length) {
		throw new Error(`unknown generator ${unknown.join(', ')}; known: ${[...known.keys()].join(', ') || '(none)'}`);
	}
	return names.map((n) => known.get(n)!);
}

/** `wgup generate`; returns the exit code. */
export function runGenerate(opts: GenerateOptions, log: (line: string) => void, root = REPO_ROOT,
	all: readonly Generator[] = GENERATORS): number {
	return withCopyright(opts.copyright, () => generate(opts, log, root, all));
}

function generate(opts: GenerateOptions, log: (line: string) => void, root: string, all: readonly Generator[]): number {
	const generators = selectGenerators(all, opts.only);
	if (opts.list) {
		for (const g of generators) {
			log(`${g.name}: ${g.description}`);
			for (const f of g.plan()) log(`  ${f.path}`);
		}
		return 0;
	}
	const files = planAll(generators);
	const owns = generators.flatMap((g) => g.owns ?? []);
	// with --only, files the other generators plan are not stale even where they share a directory
	const otherPlanned = new Set(all.filter((g) => !generators.includes(g)).flatMap((g) => g.plan().map((f) => f.path)));
	const result = writePlanned(root, files, { check: opts.check, owns, otherPlanned });
	if (opts.check) {
		for (const d of result.drift) log(`${d.kind}: ${d.path}${d.generator ? ` (${d.generator})` : ''}`);
		if (result.drift.length) {
			log(`${result.drift.length} generated file(s) out of date; run \`npx wgup generate\` and commit the result`);
			return 1;
		}
		log(`generate --check: ${files.length} file(s) from ${generators.length} generator(s) are up to date`);
		return 0;
	}
	for (const p of result.written) log(`wrote ${p}`);
	for (const p of result.removed) log(`removed ${p} (no generator plans it any more)`);
	log(`generate: ${files.length} file(s) from ${generators.length} generator(s); ${result.written.length} written, ` +
		`${result.unchanged.length} unchanged, ${result.removed.length} removed`);
	return 0;
}
