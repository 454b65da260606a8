/*
 * Writing the composed port into a directory without losing anyone's work. A manifest
 * (.wgup-compat-manifest: path -> SHA-256 of what wgup last wrote) tells a file wgup wrote and nobody
 * touched since (safe to replace or remove) from one changed by hand (refused unless --force; never
 * removed). Every path goes through @wgup/codegen's fs-safety: nothing is written or deleted outside
 * --out or through a symbolic link below it (--out itself may be a link: it is followed, never
 * replaced). All files, the manifest and the tarball are written as temporaries first and renamed into
 * place only when every one of them exists: a failure leaves the old tree as it was.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	readManifest, removeIfUnchanged, renderManifest, resolveInside, sha256, sweepMatching, sweepStale, TMP_FILE_RE,
	WgupError, writeAllOrNothing, type Manifest, type PendingWrite,
} from '@wgup/codegen';
import type { PortFile } from './compose';

export const MANIFEST = '.wgup-compat-manifest';

export interface WriteTreeResult {
	readonly written: string[];
	readonly unchanged: string[];
	readonly removed: string[];
	/** files from an earlier composition that were changed by hand and so were left alone */
	readonly keptEdited: string[];
}

const bytes = (c: string | Uint8Array) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c));

/** Staging and temporaries an interrupted earlier run left in out (and its subdirectories). */
function sweepOut(out: string, files: readonly PortFile[], log: (line: string) => void): void {
	sweepStale(out, '.wgup-staging-', log);
	const dirs = new Set([out, ...files.map((f) => path.join(out, path.dirname(f.path)))]);
	for (const d of dirs) sweepMatching(d, TMP_FILE_RE, log);
}

export function writeTree(out: string, files: readonly PortFile[], options: { force?: boolean; extra?: readonly PendingWrite[];
	log?: (line: string) => void } = {}): WriteTreeResult {
	const log = options.log ?? (() => {});
	if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw new WgupError(`--out ${out} exists and is not a directory; choose another --out`);
	const manifestPath = resolveInside(out, MANIFEST, `--out ${out}`);
	const manifest: Manifest = readManifest(manifestPath) ?? {};
	if (fs.existsSync(out)) sweepOut(out, files, log);
	const result: WriteTreeResult = { written: [], unchanged: [], removed: [], keptEdited: [] };
	const writes: PendingWrite[] = [];
	const refused: string[] = [];
	for (const f of files) {
		const abs = resolveInside(out, f.path, `--out ${out}`);
		const data = bytes(f.content);
		const st = fs.existsSync(abs) ? fs.lstatSync(abs) : undefined;
		if (!st) {
			writes.push({ file: abs, data, mode: 0o644 });
			result.written.push(f.path);
			continue;
		}
		const current = st.isFile() ? fs.readFileSync(abs) : undefined;
		if (current?.equals(data)) {
			result.unchanged.push(f.path);
			continue;
		}
		if (current && (manifest[f.path] === sha256(current) || options.force)) {
			writes.push({ file: abs, data, mode: 0o644 });
			result.written.push(f.path);
		} else refused.push(f.path);
	}
	if (refused.length) {
		throw new WgupError(`refusing to overwrite ${refused.length} file(s) in ${out} changed since wgup wrote them (or not written by wgup): ` +
			`${refused.join(', ')}; move them away or pass --force`);
	}
	// stale entries are checked now too (a link below --out on their path refuses the run before any write)
	const now = new Set(files.map((f) => f.path));
	for (const p of Object.keys(manifest)) if (!now.has(p)) resolveInside(out, p, `${manifestPath} entry`);
	const next: Manifest = {};
	for (const f of files) next[f.path] = sha256(bytes(f.content));
	writes.push({ file: manifestPath, data: renderManifest(next), mode: 0o644 });
	writeAllOrNothing([...writes, ...(options.extra ?? [])]);

	for (const [p, hash] of Object.entries(manifest).sort()) {
		if (now.has(p)) continue;
		const outcome = removeIfUnchanged(out, p, hash, `${manifestPath} entry`);
		if (outcome === 'removed') result.removed.push(p);
		else if (outcome === 'changed') result.keptEdited.push(p);
	}
	return result;
}
