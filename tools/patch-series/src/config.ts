/*
 * The series config: who the commits are from and when (fixed, so the same inputs give byte-identical
 * patches), the cover letter's subject, and the trailers a submitter fills in. Lives in
 * tools/patch-series/series.config.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SeriesConfig {
	readonly author: { readonly name: string; readonly email: string };
	/** author and committer date of every commit, ISO 8601 */
	readonly date: string;
	readonly coverSubject: string;
	/** `Sponsored by:` value; empty: no trailer */
	readonly sponsoredBy: string;
	/** change id -> `Reviewed by:` value; a change without one gets no trailer */
	readonly reviewedBy: Readonly<Record<string, string>>;
}

export const DEFAULT_CONFIG_FILE = path.join(__dirname, '..', 'series.config.json');

export function loadConfig(file: string = DEFAULT_CONFIG_FILE): SeriesConfig {
	let raw: unknown;
	try {
		raw = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (err) {
		throw new Error(`cannot read the series config ${file}: ${(err as Error).message}`);
	}
	const c = raw as Partial<SeriesConfig>;
	const problems: string[] = [];
	if (!c.author?.name || !c.author?.email) problems.push('author.name and author.email are required');
	if (!c.date || Number.isNaN(Date.parse(c.date))) problems.push('date must be an ISO 8601 date');
	if (!c.coverSubject) problems.push('coverSubject is required');
	if (problems.length) throw new Error(`series config ${file}: ${problems.join('; ')}`);
	return { sponsoredBy: '', reviewedBy: {}, ...c } as SeriesConfig;
}
