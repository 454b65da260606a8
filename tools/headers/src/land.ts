/*
 * `wgup land`: record an upstream landing in the catalogue file and regenerate the overlay's support.h.
 * The new catalogue is validated and rendered in memory first; the catalogue file is then replaced
 * atomically, and support.h after it.
 */
import { writePlanned } from '@wgup/codegen';
import { applyLanding, shimById, shimGuard } from '@wgup/shims';
import { readCatalogue, writeCatalogue } from './catalogue-file';
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
	if (!/^\d+$/.test(text)) throw new Error(`${flag} ${text}: not a __FreeBSD_version (seven digits, e.g. 1400036)`);
	return Number(text);
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
	if (opts.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) throw new Error(`--date ${opts.date}: expected YYYY-MM-DD`);
	const before = readCatalogue(opts.catalogue);
	const next = applyLanding(before, {
		shim: opts.shim,
		main: parseVersion('--main', opts.main),
		mfc: parseMfc(opts.mfc ?? []),
		commit: opts.commit,
		date: opts.date,
	});
	const shim = shimById(next, opts.shim)!;
	const gen = supportHeaderGenerator(next);
	const planned = gen.plan();
	planned.forEach((f) => f.render()); // a render error refuses the landing before anything is written
	writeCatalogue(opts.catalogue, next);
	const out = [
		`${shim.id}: ${shimById(before, opts.shim)!.state} -> compat; guard: #if ${shimGuard(shim)}`,
		`wrote ${opts.catalogue}`,
	];
	if (opts.root) {
		const r = writePlanned(opts.root, planned);
		for (const p of r.written) out.push(`wrote ${p}`);
		if (!r.written.length) out.push('support.h unchanged');
	}
	return out;
}
