/*
 * The one writer every generator shares. Everything is rendered in memory first, so a render error
 * leaves the tree untouched; each file is then replaced atomically (temporary file in the same
 * directory, then rename). In check mode nothing is written and the differences are returned.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GENERATED_MARKER } from './banner';
import type { PlannedFile } from './generator';

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

function listFiles(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	const out: string[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...listFiles(p));
		else if (entry.isFile()) out.push(p);
	}
	return out;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/** Render, compare and (unless checking) write the planned files under root. */
export function writePlanned(root: string, files: readonly PlannedFile[], options: WriteOptions = {}): WriteResult {
	const rendered = files.map((f) => {
		let text: string;
		try {
			text = f.render();
		} catch (err) {
			throw new Error(`${f.generator}: rendering ${f.path} failed: ${(err as Error).message}`);
		}
		return { file: f, text, mode: f.mode ?? 0o644 };
	});

	const result: WriteResult = { written: [], unchanged: [], removed: [], drift: [] };
	const planned = new Set(files.map((f) => f.path));

	for (const { file, text, mode } of rendered) {
		const abs = path.join(root, file.path);
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
		if (!options.check) {
			writeFileAtomic(abs, text, mode);
			result.written.push(file.path);
		}
	}

	for (const dir of options.owns ?? []) {
		for (const abs of listFiles(path.join(root, dir))) {
			const rel = toPosix(path.relative(root, abs));
			if (planned.has(rel) || options.otherPlanned?.has(rel) || !isGeneratedFile(abs)) continue;
			result.drift.push({ path: rel, kind: 'stale' });
			if (!options.check) {
				fs.rmSync(abs);
				result.removed.push(rel);
			}
		}
	}
	result.drift.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	return result;
}

/** The root of this checkout, from where this module lives (tools/codegen/{src,dist}/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
