import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXIT, parseList, planAll, resolveInside, sweepMatching, TMP_FILE_RE, WgupError, withCopyright, writePlanned, REPO_ROOT, type Generator } from '@wgup/codegen';
import { GENERATORS } from './generators';

export interface GenerateOptions {
	check?: boolean;
	list?: boolean;
	only?: string;
	/** repository to regenerate (default: this checkout) */
	root?: string;
	/** "<year(s)> <holder>" for the licence of generated C files; default: wgup.config.json's */
	copyright?: string;
}

/** Select generators by --only; unknown names are an error that lists the known ones. */
export function selectGenerators(all: readonly Generator[], only?: string): Generator[] {
	if (only === undefined) return [...all];
	const names = parseList(only, '--only');
	const known = new Map(all.map((g) => [g.name, g]));
	const unknown = names.filter((n) => !known.has(n));
	if (unknown.length) {
		throw new WgupError(`--only: unknown generator ${unknown.join(', ')}; known: ${[...known.keys()].join(', ') || '(none)'}`, EXIT.usage);
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
	if (opts.root !== undefined) {
		root = path.resolve(opts.root);
		if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new WgupError(`--root ${opts.root} is not a directory`, EXIT.usage);
	}
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
	if (!opts.check) {
		// temporaries of an interrupted earlier run, in the directories generate writes
		const dirs = new Set(files.map((f) => path.posix.dirname(f.path)).filter((d) => d !== '.'));
		for (const d of [...dirs].sort()) sweepMatching(resolveInside(root, d, `generate: ${root}`), TMP_FILE_RE, log);
	}
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
	for (const p of result.removed) log(`removed ${p} (no generator plans it any more; unchanged since generate wrote it)`);
	log(`generate: ${files.length} file(s) from ${generators.length} generator(s); ${result.written.length} written, ` +
		`${result.unchanged.length} unchanged, ${result.removed.length} removed`);
	return 0;
}
