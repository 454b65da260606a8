/*
 * The one writer every generator shares. Everything is rendered in memory first, so a render error
 * leaves the tree untouched; each file is then replaced atomically (temporary file in the same
 * directory, then rename). In check mode nothing is written and the differences are returned.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GENERATED_MARKER } from './banner';
import type { PlannedFile } from './generator';
import {
	checkSafeName, readManifest, relComponents, removeIfUnchanged, renderManifest, resolveInside, sha256, writeAllOrNothing,
	type Manifest, type PendingWrite,
} from './fs-safety';

export type DriftKind = 'missing' | 'changed' | 'stale' | 'mode';

export interface Drift {
	readonly path: string;
	readonly kind: DriftKind;
	readonly generator?: string;
}

export interface WriteOptions {
	/** report drift, write nothing */
	readonly check?: boolean;
	/** repository-relative directories whose wgup-generated files must all be planned (others are stale) */
	readonly owns?: readonly string[];
	/** paths other generators plan (not being written now): never stale, even inside an owned directory */
	readonly otherPlanned?: ReadonlySet<string>;
}

export interface WriteResult {
	readonly written: string[];
	readonly unchanged: string[];
	readonly removed: string[];
	readonly drift: Drift[];
}

/** Write data to file atomically: a reader sees the old bytes or the new bytes, never a mix. */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o644): void {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
	try {
		fs.writeFileSync(tmp, data, { mode });
		fs.chmodSync(tmp, mode);
		fs.renameSync(tmp, file);
	} catch (err) {
		fs.rmSync(tmp, { force: true });
		throw err;
	}
}

/** Does this file carry a wgup banner in its first lines? */
export function isGeneratedFile(file: string): boolean {
	let head: string;
	try {
		const fd = fs.openSync(file, 'r');
		try {
			const buf = Buffer.alloc(4096);
			const n = fs.readSync(fd, buf, 0, buf.length, 0);
			head = buf.subarray(0, n).toString('utf8');
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		return false;
	}
	return head.includes(GENERATED_MARKER);
}

/**
 * In each owned directory, the manifest of what generate wrote there (path -> SHA-256). A file is
 * removed as stale only when it is listed and still has those bytes: a user's copy (netns-mine.sh,
 * fetch.sh.orig) is never listed, an edited generated file no longer matches, so neither is deleted.
 */
export const GENERATED_MANIFEST = '.wgup-generated';

const manifestPathOf = (dir: string) => `${dir.replace(/\/+$/, '')}/${GENERATED_MANIFEST}`;

/**
 * Render, compare and (unless checking) write the planned files under root. Every path is checked by
 * fs-safety (inside root, no symlink on the way); every file is written or none is.
 */
export function writePlanned(root: string, files: readonly PlannedFile[], options: WriteOptions = {}): WriteResult {
	const rendered = files.map((f) => {
		let text: string;
		try {
			text = f.render();
		} catch (err) {
			throw new Error(`${f.generator}: rendering ${f.path} failed: ${(err as Error).message}`);
		}
		for (const part of relComponents(f.path, `generator ${f.generator}`)) checkSafeName(part, `generator ${f.generator}: ${f.path}`);
		return { file: f as { path: string; generator?: string }, text, mode: f.mode ?? 0o644 };
	});

	const result: WriteResult = { written: [], unchanged: [], removed: [], drift: [] };
	const planned = new Set(files.map((f) => f.path));
	const where = `generate: ${root}`;

	// the owned directories' manifests: what is planned there now (others' entries kept as they were)
	const stale: Array<{ rel: string; sha: string }> = [];
	for (const dir of options.owns ?? []) {
		const mpath = manifestPathOf(dir);
		const old = readManifest(resolveInside(root, mpath, where)) ?? {};
		const next: Manifest = {};
		for (const r of rendered) {
			if (r.file.path.startsWith(`${dir}/`)) next[r.file.path.slice(dir.length + 1)] = sha256(r.text);
		}
		for (const [p, h] of Object.entries(old)) {
			const rel = `${dir}/${p}`;
			if (planned.has(rel)) continue;
			if (options.otherPlanned?.has(rel)) next[p] = h;
			else stale.push({ rel, sha: h });
		}
		rendered.push({ file: { path: mpath, generator: undefined }, text: renderManifest(next), mode: 0o644 });
	}

	const writes: PendingWrite[] = [];
	for (const { file, text, mode } of rendered) {
		const abs = resolveInside(root, file.path, where);
		let current: string | undefined;
		let currentMode: number | undefined;
		try {
			current = fs.readFileSync(abs, 'utf8');
			currentMode = fs.statSync(abs).mode & 0o777;
		} catch {
			current = undefined;
		}
		// git keeps only the executable bit, so that is the only part of the mode compared
		const sameMode = (((currentMode ?? 0) & 0o111) !== 0) === ((mode & 0o111) !== 0);
		if (current === text && sameMode) {
			result.unchanged.push(file.path);
			continue;
		}
		const kind: DriftKind = current === undefined ? 'missing' : current === text ? 'mode' : 'changed';
		result.drift.push({ path: file.path, kind, generator: file.generator });
		writes.push({ file: abs, data: text, mode });
		result.written.push(file.path);
	}

	// stale: listed in a manifest, planned by no generator, and still what generate wrote
	const removable: string[] = [];
	for (const { rel, sha } of stale) {
		const abs = resolveInside(root, rel, where);
		let same = false;
		try {
			same = fs.lstatSync(abs).isFile() && sha256(fs.readFileSync(abs)) === sha;
		} catch {
			same = false;
		}
		if (!same) continue;
		result.drift.push({ path: rel, kind: 'stale' });
		removable.push(rel);
	}
	if (options.check) {
		result.written.length = 0;
	} else {
		writeAllOrNothing(writes);
		for (const rel of removable) {
			if (removeIfUnchanged(root, rel, stale.find((x) => x.rel === rel)!.sha, where) === 'removed') result.removed.push(rel);
		}
	}
	result.drift.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	return result;
}

/** The root of this checkout, from where this module lives (tools/codegen/{src,dist}/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
