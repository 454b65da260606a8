/*
 * The real FreeBSD src tree a command checks against (DESIGN.md, "The real tree is the ground truth").
 * It resolves, in order: an explicit --tree DIR, $WGUP_FREEBSD_SRC, the newest checkout made by
 * `wgup src fetch` in the cache. When none resolves the caller runs on its built-in stand-in and says
 * the result is a demonstration. A tree may be sparse: what it lacks is reported, never invented.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseFreebsdVersion } from '@wgup/codegen';

export type TreeSource = 'argument' | 'environment' | 'cache';

export interface FreeBSDTree {
	/** absolute path of the src root (the directory holding sys/) */
	readonly root: string;
	readonly source: TreeSource;
	/** `__FreeBSD_version` from sys/sys/param.h */
	readonly version: number;
}

export class TreeError extends Error {}

/** Where `wgup src fetch` keeps its checkouts: $WGUP_CACHE or ~/.cache/wgup, then freebsd-src/<ref>. */
export function fetchCacheDir(): string {
	const base = process.env.WGUP_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'wgup');
	return path.join(base, 'freebsd-src');
}

/**
 * Strictly parsed `__FreeBSD_version` of a tree: the decimal in sys/sys/param.h's
 * `#define __FreeBSD_version N`, in [100000, 9999999]. Anything else is refused with the value.
 */
export function readFreeBSDVersion(root: string): number {
	const file = path.join(root, 'sys', 'sys', 'param.h');
	if (!fs.existsSync(file)) throw new TreeError(`${root} is not a FreeBSD src tree: ${path.relative(root, file)} is missing`);
	const text = fs.readFileSync(file, 'latin1');
	// a directive line, whatever the spacing: this is the one macro definition the tree exists to give
	const lines = text.split('\n').filter((l) => /^\s*#\s*define\s+__FreeBSD_version\b/.test(l));
	if (lines.length !== 1) throw new TreeError(`${file}: expected one #define __FreeBSD_version, found ${lines.length}`);
	const value = lines[0].replace(/\/\*.*?\*\//g, '').replace(/^\s*#\s*define\s+__FreeBSD_version\s*/, '').trim();
	return parseFreeBSDVersion(value, `${file}: __FreeBSD_version`);
}

/**
 * `__FreeBSD_version` as a file gives it: a plain decimal in [100000, 9999999] (the one strict
 * parser is @wgup/codegen's, shared with the options that take a version); a TreeError otherwise.
 */
export function parseFreeBSDVersion(value: string, what = '__FreeBSD_version'): number {
	try {
		return parseFreebsdVersion(value, what);
	} catch (err) {
		throw new TreeError((err as Error).message);
	}
}

/** Checks a directory is a FreeBSD src root and reads its version. */
export function openTree(dir: string, source: TreeSource): FreeBSDTree {
	const root = path.resolve(dir);
	if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new TreeError(`${dir}: no such directory (give a FreeBSD src checkout)`);
	return { root, source, version: readFreeBSDVersion(root) };
}

function newestCheckout(): string | null {
	const dir = fetchCacheDir();
	if (!fs.existsSync(dir)) return null;
	const candidates = fs
		.readdirSync(dir, { withFileTypes: true })
		.filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'sys', 'sys', 'param.h')))
		.map((e) => path.join(dir, e.name))
		.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
	return candidates[0] ?? null;
}

/** The tree to use, or null when none resolves (the caller then says it runs on a stand-in). */
export function resolveTree(opts: { tree?: string; env?: NodeJS.ProcessEnv } = {}): FreeBSDTree | null {
	const env = opts.env ?? process.env;
	if (opts.tree) return openTree(opts.tree, 'argument');
	if (env.WGUP_FREEBSD_SRC) return openTree(env.WGUP_FREEBSD_SRC, 'environment');
	const cached = newestCheckout();
	return cached ? openTree(cached, 'cache') : null;
}

/** A file of the tree as bytes, or null when the (possibly sparse) tree lacks it. */
export function treeFile(tree: FreeBSDTree | string, rel: string): Buffer | null {
	const root = typeof tree === 'string' ? tree : tree.root;
	const file = path.join(root, rel);
	return fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file) : null;
}

/** Relative paths of the files under `rel` (recursive, sorted); [] when the tree lacks it. */
export function treeFiles(tree: FreeBSDTree | string, rel: string): string[] {
	const root = typeof tree === 'string' ? tree : tree.root;
	const out: string[] = [];
	const walk = (r: string) => {
		const abs = path.join(root, r);
		if (!fs.existsSync(abs)) return;
		for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
			const child = path.posix.join(r, e.name);
			if (e.isDirectory()) walk(child);
			else if (e.isFile()) out.push(child);
		}
	};
	walk(rel);
	return out.sort();
}
