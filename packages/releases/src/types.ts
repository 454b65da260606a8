/*
 * The shapes every FreeBSD fact takes in wgup: a value, whether it was read in a cited source, and the
 * evidence for it. `wgup status` lists the values whose `verified` is false.
 */

/** One piece of evidence: where it was read (owner/repo:path@commit or a URL) and what it says. */
export interface Evidence {
	readonly source: string;
	readonly says: string;
	readonly verified: boolean;
	readonly note?: string;
	/** the value this source states (read in param.h, a release manifest, a header), where it states one */
	readonly value?: number;
	/** a value the source shows the branch had already passed (the fact must be below it) */
	readonly valueAfter?: number;
	/** Porter's Handbook rows the record cites (each checked against the vendored table) */
	readonly handbook?: readonly number[];
	/** rows the record says the handbook lacks (checked too) */
	readonly handbookAbsent?: readonly number[];
	/** a version a real tree shows with the fact in its current form (the value must not exceed it) */
	readonly presentAt?: number;
	/** for an unverified value: the handbook rows it lies between (after < value <= by) */
	readonly bracket?: { readonly after: number; readonly by: number };
}

/** A value with its evidence. `verified` is true only where the value itself was read in a source. */
export interface Fact<T> {
	readonly value: T;
	readonly verified: boolean;
	readonly evidence: readonly Evidence[];
	readonly note?: string;
	/** 'X0Y000': the value follows the releng convention (major * 100000 + minor * 1000) and no source showed it */
	readonly rule?: 'X0Y000';
}

/** `main` or `stable/N`. */
export type BranchName = 'main' | `stable/${number}`;
export type StableBranchName = `stable/${number}`;

/** A release as transcribed from the facts (see release-data.ts). */
export interface RawRelease {
	/** "13.2" (the -RELEASE suffix is implied) */
	readonly name: string;
	readonly branch: string;
	readonly releng: string;
	/** __FreeBSD_version in sys/sys/param.h on the releng branch at the release tag */
	readonly version: Fact<number>;
	/** ISO date */
	readonly released: Fact<string>;
	/** ISO date of the release's end of life (published expected date for supported ones) */
	readonly eol: Fact<string>;
}
