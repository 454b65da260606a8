/* `wgup patches`: the upstream patch series (tools/patch-series). */
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { resolveTree, TreeError } from '@wgup/freebsd-src';
import { computeSeries, SeriesError, type SeriesResult } from '@wgup/patch-series';
import type { PatchesOptions } from './commands/patches';

export function describeResult(r: SeriesResult, root: string = process.cwd()): string[] {
	const rel = path.relative(root, r.out) || '.';
	const count = (s: string) => r.outcomes.filter((o) => o.state === s).length;
	const lines = [`wrote ${r.files.length} file(s) to ${rel}/ (series v${r.version}: ${count('applied')} patch(es))`];
	for (const o of r.outcomes) {
		if (o.state !== 'applied') lines.push(`  ${o.state.padEnd(8)} ${o.subject}${o.why ? ` (${o.why})` : ''}`);
		for (const h of o.byHand ?? []) lines.push(`  by hand  ${h}`);
	}
	if (r.standin) lines.push('This ran on the built-in stand-in: the result is a demonstration, not a series for FreeBSD (give --base or --tree, or set WGUP_FREEBSD_SRC).');
	return lines;
}

/** The tree to compute against when no --base is given: --tree, WGUP_FREEBSD_SRC, the fetch cache; undefined: the stand-in. */
export function seriesTree(opts: { base?: string; tree?: string }, env: NodeJS.ProcessEnv = process.env): string | undefined {
	if (opts.base) return undefined;
	return resolveTree({ tree: opts.tree, env })?.root;
}

/**
 * Where the series goes by default: patches/ (committed) holds only a series computed against a real
 * tree; a demonstration on the stand-in goes to dist/patches-standin/ so it never replaces it.
 */
export function defaultOut(root: string, tree: string | undefined): string {
	return tree ? path.join(root, 'patches') : path.join(root, 'dist', 'patches-standin');
}

/** The command the cover letter prints: this one, with the tree relative to the repository. */
export function seriesCommand(root: string, base: string | undefined, tree: string | undefined): string {
	const rel = (p: string) => path.relative(root, path.resolve(p)) || '.';
	if (base) return `npx wgup patches --base ${rel(base)}`;
	return tree ? `npx wgup patches --tree ${rel(tree)}` : 'npx wgup patches';
}

export async function runPatches(opts: PatchesOptions, log: (line: string) => void, root: string = REPO_ROOT): Promise<number> {
	const version = Number(opts.version);
	try {
		const tree = seriesTree(opts);
		if (tree) log(`tree: ${tree}`);
		const r = await computeSeries({
			base: opts.base,
			tree,
			out: opts.out ? path.resolve(opts.out) : defaultOut(root, opts.base ?? tree),
			overlayDir: opts.overlay ? path.resolve(opts.overlay) : path.join(root, 'freebsd-overlay'),
			version,
			fullContext: opts.fullContext,
			command: seriesCommand(root, opts.base, tree),
			log,
		});
		for (const l of describeResult(r)) log(l);
		return 0;
	} catch (err) {
		if (err instanceof SeriesError || err instanceof TreeError) {
			log(`wgup patches: ${err.message}`);
			return 1;
		}
		throw err;
	}
}
