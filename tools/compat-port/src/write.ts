/*
 * Writing the composed port into a directory without losing anyone's work. A manifest
 * (.wgup-compat-manifest: path -> SHA-256 of what wgup last wrote) tells a file wgup wrote and nobody
 * touched since (safe to replace) from one changed by hand (refused unless --force). All files are
 * staged in a temporary directory inside the target first, then renamed into place, and the manifest
 * is replaced last: a failure leaves the old tree, not half of the new one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '@wgup/codegen';
import { sha256Hex } from './tarball';
import type { PortFile } from './compose';

export const MANIFEST = '.wgup-compat-manifest';

export interface WriteTreeResult {
	readonly written: string[];
	readonly unchanged: string[];
	readonly removed: string[];
	/** files from an earlier composition that were changed by hand and so were left alone */
	readonly keptEdited: string[];
}

type Manifest = Record<string, string>;

function readManifest(out: string): Manifest {
	try {
		return JSON.parse(fs.readFileSync(path.join(out, MANIFEST), 'utf8')) as Manifest;
	} catch {
		return {};
	}
}

const hashOf = (text: string | Buffer) => sha256Hex(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);

export function writeTree(out: string, files: readonly PortFile[], options: { force?: boolean } = {}): WriteTreeResult {
	const manifest = readManifest(out);
	const result: WriteTreeResult = { written: [], unchanged: [], removed: [], keptEdited: [] };
	const toWrite: PortFile[] = [];
	const refused: string[] = [];
	for (const f of files) {
		const abs = path.join(out, f.path);
		if (!fs.existsSync(abs)) {
			toWrite.push(f);
			continue;
		}
		const current = fs.readFileSync(abs);
		if (current.equals(typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content)) {
			result.unchanged.push(f.path);
			continue;
		}
		if (manifest[f.path] === hashOf(current) || options.force) toWrite.push(f);
		else refused.push(f.path);
	}
	if (refused.length) {
		throw new Error(`refusing to overwrite ${refused.length} file(s) in ${out} changed since wgup wrote them (or not written by wgup): ` +
			`${refused.join(', ')}; move them away or pass --force`);
	}

	fs.mkdirSync(out, { recursive: true });
	const staging = fs.mkdtempSync(path.join(out, '.wgup-staging-'));
	try {
		for (const f of toWrite) {
			const p = path.join(staging, f.path);
			fs.mkdirSync(path.dirname(p), { recursive: true });
			fs.writeFileSync(p, f.content);
		}
		for (const f of toWrite) {
			const dest = path.join(out, f.path);
			fs.mkdirSync(path.dirname(dest), { recursive: true });
			fs.renameSync(path.join(staging, f.path), dest);
			result.written.push(f.path);
		}
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}

	const now = new Set(files.map((f) => f.path));
	for (const [p, hash] of Object.entries(manifest).sort()) {
		if (now.has(p)) continue;
		const abs = path.join(out, p);
		if (!fs.existsSync(abs)) continue;
		if (hashOf(fs.readFileSync(abs)) === hash) {
			fs.rmSync(abs);
			result.removed.push(p);
		} else {
			result.keptEdited.push(p);
		}
	}
	const next: Manifest = {};
	for (const f of files) next[f.path] = hashOf(f.content);
	writeFileAtomic(path.join(out, MANIFEST), `${JSON.stringify(next, null, '\t')}\n`);
	return result;
}
