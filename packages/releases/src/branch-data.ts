/*
 * The branches: stable/11..15 and main, with the __FreeBSD_version each started at, the newest value
 * seen, the value right after each releng/X.Y was cut, and the branch EoL, loaded from
 * src/data/releases.json ("branches", transcribed from ../shared/facts/freebsd-releases.json);
 * stable/11 is not in those facts beyond its EoL.
 */
import type { Fact } from './types';
import DATA from './data/releases.json';

export interface RawBranch {
	readonly name: string;
	readonly major: number;
	/**
	 * First __FreeBSD_version on the branch: for stable/N the value at which it left main (main then
	 * became (N+1).0-CURRENT at `mainMovedOn`); null where not collected.
	 */
	readonly first: Fact<number> | null;
	/** ISO date main moved to (N+1)00000, i.e. when this stable branch was created */
	readonly created: Fact<string> | null;
	/** newest value seen in a source; the live branch has moved on since */
	readonly lastSeen: Fact<number> | null;
	/** stable value right after each releng/N.M was branched ("N.M" -> value) */
	readonly postReleng: Readonly<Record<string, number>>;
	readonly eol: Fact<string> | null;
}

export const BRANCH_DATA: readonly RawBranch[] = (DATA as unknown as { branches: RawBranch[] }).branches;
