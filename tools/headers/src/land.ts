/*
 * `wgup land`: record an upstream landing in the catalogue file and regenerate the overlay's support.h.
 * The new catalogue is validated and rendered in memory first; the catalogue file is then replaced
 * atomically, and support.h after it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCommit, parseFreebsdVersion, parseIsoDate, resolveInside, sweepMatching, TMP_FILE_RE, writeAllOrNothing, type PendingWrite } from '@wgup/codegen';
import { applyLanding, shimById, shimGuard } from '@wgup/shims';
import { readCatalogue } from './catalogue-file';
import { parseCatalogue, serializeCatalogue } from '@wgup/shims';
import { supportHeaderGenerator } from './generator';

export interface LandOptions {
	readonly shim: string;
	readonly main: string;
	/** "stable/13=1301506" entries */
	readonly mfc?: readonly string[];
	readonly commit?: string;
	readonly date?: string;
	/** resolved catalogue path */
	readonly catalogue: string;
	/** repository root whose freebsd-overlay/ is regenerated; undefined: do not regenerate */
	readonly root?: string;
}

function parseVersion(flag: string, text: string): number {
	return parseFreebsdVersion(text, flag);
}

export function parseMfc(entries: readonly string[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const e of entries) {
		const m = /^(stable\/\d+)=(.+)$/.exec(e);
		if (!m) throw new Error(`--mfc ${e}: expected stable/N=<version>, e.g. --mfc stable/13=1301506`);
		if (m[1] in out) throw new Error(`--mfc ${m[1]} given twice`);
		out[m[1]] = parseVersion(`--mfc ${m[1]}=`, m[2]);
	}
	return out;
}

/** Returns the lines to print. Throws (nothing written) when the landing is refused. */
export function runLand(opts: LandOptions): string[] {
	// every value checked strictly before anything is read or written
	const date = opts.date === undefined ? undefined : parseIsoDate(opts.date, '--date');
	const commit = opts.commit === undefined ? undefined : parseCommit(opts.commit, '--commit');
	const main = parseVersion('--main', opts.main);
	const mfc = parseMfc(opts.mfc ?? []);
	const swept: string[] = [];
	sweepMatching(path.dirname(opts.catalogue), TMP_FILE_RE, (l) => swept.push(l));
	const before = readCatalogue(opts.catalogue);
	const next = applyLanding(before, { shim: opts.shim, main, mfc, commit, date });
	const shim = shimById(next, opts.shim)!;
	const text = serializeCatalogue(next);
	parseCatalogue(JSON.parse(text));
	// the catalogue and support.h change together or not at all; a symlinked --catalogue stays a link
	const writes: PendingWrite[] = [{ file: opts.catalogue, data: text, followLink: true }];
	const supportWritten: string[] = [];
	if (opts.root) {
		for (const f of supportHeaderGenerator(next).plan()) {
			const data = f.render(); // a render error refuses the landing before anything is written
			const abs = resolveInside(opts.root, f.path, `land: ${opts.root}`);
			sweepMatching(path.dirname(abs), TMP_FILE_RE, (l) => swept.push(l));
			const current = fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : undefined;
			if (current === data) continue;
			writes.push({ file: abs, data, mode: f.mode ?? 0o644 });
			supportWritten.push(f.path);
		}
	} else {
		supportHeaderGenerator(next).plan().forEach((f) => f.render());
	}
	writeAllOrNothing(writes);
	const out = [
		...swept,
		`${shim.id}: ${shimById(before, opts.shim)!.state} -> compat; guard: #if ${shimGuard(shim)}`,
		`wrote ${opts.catalogue}`,
	];
	if (opts.root) {
		for (const p of supportWritten) out.push(`wrote ${p}`);
		if (!supportWritten.length) out.push('support.h unchanged');
	}
	return out;
}
