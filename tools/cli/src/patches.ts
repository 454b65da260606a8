/* `wgup patches`: the upstream patch series (tools/patch-series). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXIT, REPO_ROOT, WgupError } from '@wgup/codegen';
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

function countFiles(dir: string): number {
	let n = 0;
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		if (e.isDirectory()) n += countFiles(path.join(dir, e.name));
		else if (e.isFile() && !e.name.startsWith('.')) n++;
	}
	return n;
}

/**
 * Every option checked before any work. A missing --overlay is a typo: refused. An empty one would
 * replace a good series with one that lacks every generated file: refused when --out holds a series,
 * unless --force.
 */
function checkOptions(opts: PatchesOptions, out: string, overlayDir: string): number {
	if (!/^[1-9][0-9]{0,3}$/.test(opts.version)) throw new WgupError(`--version ${JSON.stringify(opts.version)}: the series version is a positive integer, e.g. 2`, EXIT.usage);
	if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw new WgupError(`--out ${opts.out} exists and is not a directory; choose another --out`, EXIT.usage);
	if (opts.base !== undefined && (!fs.existsSync(opts.base) || !fs.statSync(opts.base).isDirectory())) {
		throw new WgupError(`--base ${opts.base} is not a directory; give the top of a FreeBSD src git checkout`, EXIT.usage);
	}
	if (!fs.existsSync(overlayDir) || !fs.statSync(overlayDir).isDirectory()) {
		throw new WgupError(`--overlay ${opts.overlay ?? overlayDir} is not a directory; give the freebsd-overlay/ to take generated files from`, EXIT.usage);
	}
	const series = fs.existsSync(out) ? fs.readdirSync(out).filter((f) => f.endsWith('.patch')) : [];
	if (countFiles(overlayDir) === 0 && series.length && !opts.force) {
		throw new WgupError(`--overlay ${opts.overlay ?? overlayDir} holds no files: the series would lose every generated file and replace the ` +
			`${series.length} file(s) in ${opts.out ?? out}; run \`npx wgup generate\` first, or pass --force`, EXIT.usage);
	}
	return Number(opts.version);
}

export async function runPatches(opts: PatchesOptions, log: (line: string) => void, root: string = REPO_ROOT): Promise<number> {
	let tree: string | undefined;
	try {
		tree = seriesTree(opts);
	} catch (err) {
		if (err instanceof TreeError) throw new WgupError(`patches: ${err.message}`, EXIT.usage);
		throw err;
	}
	const out = opts.out ? path.resolve(opts.out) : defaultOut(root, opts.base ?? tree);
	const overlayDir = opts.overlay ? path.resolve(opts.overlay) : path.join(root, 'freebsd-overlay');
	const version = checkOptions(opts, out, overlayDir);
	try {
		if (tree) log(`tree: ${tree}`);
		const r = await computeSeries({
			base: opts.base,
			tree,
			out,
			overlayDir,
			version,
			fullContext: opts.fullContext,
			command: seriesCommand(root, opts.base, tree),
			log,
		});
		for (const l of describeResult(r)) log(l);
		return 0;
	} catch (err) {
		// refusals go to stderr as one line (the CLI prints a WgupError's message), never to stdout
		if (err instanceof SeriesError) throw new WgupError(`patches: ${err.message}`);
		if (err instanceof TreeError) throw new WgupError(`patches: ${err.message}`, EXIT.usage);
		throw err;
	}
}
