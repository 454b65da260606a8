/*
 * Every fact checked against its own evidence records: a value must be one its evidence states (a
 * param.h or manifest value, a handbook row it cites) or follow the rule it names; a verified value
 * needs a verified record stating it; every handbook row a record cites must be in the vendored table
 * (with the commit the record gives), and every row it says is missing must be missing. Dates are
 * checked the same way against the dates the records quote. Pure: the tests run it over the data files.
 */
import { handbookRow } from './handbook';
import type { Evidence, Fact } from './types';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** ISO dates quoted in a text ("June 16, 2020" -> 2020-06-16; ISO dates as they are). */
export function quotedDates(text: string): string[] {
	const out: string[] = [];
	for (const m of text.matchAll(new RegExp(`\\b(${MONTHS.join('|')}) (\\d{1,2}), (\\d{4})\\b`, 'g'))) {
		out.push(`${m[3]}-${String(MONTHS.indexOf(m[1]) + 1).padStart(2, '0')}-${m[2].padStart(2, '0')}`);
	}
	for (const m of text.matchAll(/\b(\d{4}-\d{2}-\d{2})\b/g)) out.push(m[1]);
	return out;
}

/** Problems with the handbook rows one record cites or says are missing. */
export function handbookProblems(e: Evidence): string[] {
	const out: string[] = [];
	for (const v of e.handbook ?? []) {
		const row = handbookRow(v);
		if (!row) {
			out.push(`cites handbook row ${v}, which the handbook table does not have`);
			continue;
		}
		// "1400036 ac847dbf7368 ..." or "1400036 | ac847dbf7368 | ...": the commit next to the value must be the row's
		const m = new RegExp(`\\b${v}\\b[\\s|]+(r\\d+|[0-9a-f]{7,40})\\b`).exec(e.says);
		if (m && row.commit && !row.commit.startsWith(m[1]) && !m[1].startsWith(row.commit)) {
			out.push(`cites handbook row ${v} with commit ${m[1]}; the handbook has ${row.commit || '(none)'}`);
		}
	}
	for (const v of e.handbookAbsent ?? []) {
		if (handbookRow(v)) out.push(`says the handbook has no row ${v}, but it has one (${handbookRow(v)!.date})`);
	}
	if (e.bracket) {
		for (const v of [e.bracket.after, e.bracket.by]) if (!handbookRow(v)) out.push(`brackets with handbook row ${v}, which the table does not have`);
	}
	return out;
}

/** The values a fact's records state. */
export function attestedValues(f: Fact<number>, verifiedOnly = false): number[] {
	const out = new Set<number>();
	for (const e of f.evidence) {
		if (verifiedOnly && !e.verified) continue;
		if (e.value !== undefined) out.add(e.value);
		// a handbook record attests the first row it cites (the others are context: next rows, branch points)
		if (e.handbook?.length) out.add(e.handbook[0]);
	}
	return [...out];
}

export interface FactContext {
	/** what the fact is, for messages ("14.2-RELEASE version") */
	readonly what: string;
	/** for rule X0Y000: the release's major and minor */
	readonly release?: { readonly major: number; readonly minor: number };
}

/** Problems with a numeric fact (a __FreeBSD_version) against its evidence; [] when it holds. */
export function versionFactProblems(f: Fact<number>, ctx: FactContext): string[] {
	const out = f.evidence.flatMap((e) => handbookProblems(e).map((p) => `${ctx.what}: ${p}`));
	for (const e of f.evidence) {
		if (e.value !== undefined && e.verified && e.value !== f.value) {
			out.push(`${ctx.what} is ${f.value}, but ${e.source} states ${e.value}`);
		}
		if (e.valueAfter !== undefined && f.value >= e.valueAfter) {
			out.push(`${ctx.what} is ${f.value}, but ${e.source} shows the branch at ${e.valueAfter} after it`);
		}
	}
	if (f.rule === 'X0Y000') {
		if (!ctx.release) out.push(`${ctx.what}: rule X0Y000 needs a release`);
		else if (f.value !== ctx.release.major * 100000 + ctx.release.minor * 1000) {
			out.push(`${ctx.what} is ${f.value}, but by its rule (X0Y000) it is ${ctx.release.major * 100000 + ctx.release.minor * 1000}`);
		}
		if (f.verified) out.push(`${ctx.what}: a value by convention only cannot be verified`);
		return out;
	}
	if (!attestedValues(f).includes(f.value)) {
		out.push(`${ctx.what} is ${f.value}, which none of its evidence states (they state ${attestedValues(f).join(', ') || 'nothing'})`);
	}
	if (f.verified && !attestedValues(f, true).includes(f.value)) {
		out.push(`${ctx.what} is marked verified, but no verified record states ${f.value}`);
	}
	return out;
}

/** Problems with a date fact: a verified date must be quoted by one of its verified records. */
export function dateFactProblems(f: Fact<string>, ctx: FactContext): string[] {
	const out = f.evidence.flatMap((e) => handbookProblems(e).map((p) => `${ctx.what}: ${p}`));
	const quoted = f.evidence.filter((e) => e.verified || !f.verified).flatMap((e) => quotedDates(e.says));
	if (!quoted.includes(f.value)) out.push(`${ctx.what} is ${f.value}, which none of its records quotes (they quote ${quoted.join(', ') || 'no date'})`);
	return out;
}
