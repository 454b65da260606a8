/*
 * Releases and branches with derived views: which releases the compat port and the in-tree driver
 * cover, newest known version per branch, and whether a number is a plausible __FreeBSD_version for a
 * branch (the check `wgup land` runs before it records a landing).
 */
import { BRANCH_DATA, type RawBranch } from './branch-data';
import { RELEASE_DATA } from './release-data';
import type { BranchName, Fact, StableBranchName } from './types';

export interface Release {
	/** "13.2" */
	readonly name: string;
	/** "13.2-RELEASE" */
	readonly label: string;
	readonly major: number;
	readonly minor: number;
	readonly branch: StableBranchName;
	readonly releng: string;
	/** __FreeBSD_version at the release tag */
	readonly version: number;
	readonly released: string;
	readonly eol: string;
	readonly facts: { readonly version: Fact<number>; readonly released: Fact<string>; readonly eol: Fact<string> };
	/** the release ships sys/dev/wg (the in-tree driver) */
	readonly inTreeDriver: boolean;
	/** the wgup compat port (out-of-tree module) builds for it */
	readonly compatPort: boolean;
	/** the historical port's README named it (12.3, 13.0, 13.1, 13.2) */
	readonly portClaimed: boolean;
	/** the historical port's CI built and tested it (12.1..13.1, amd64) */
	readonly portCiTested: boolean;
}

export interface Branch {
	readonly name: BranchName;
	readonly major: number;
	readonly first: number | null;
	readonly created: string | null;
	readonly lastSeen: number | null;
	readonly postReleng: Readonly<Record<string, number>>;
	readonly eol: string | null;
	readonly raw: RawBranch;
	/** releases cut from this branch, oldest first */
	readonly releases: readonly Release[];
}

/*
 * The historical port's releases: its README ("Then, on FreeBSD 12.3, 13.0, 13.1, and 13.2:") and its CI images
 * (freebsd-12-1..12-3-release-amd64, freebsd-13-0/13-1-release-amd64), both at
 * WireGuard/wireguard-freebsd@20584d1c329ed2a71893375fa11ca4c56ed9f642 (freebsd-releases.json port_supported).
 */
const PORT_CLAIMED = new Set(['12.3', '13.0', '13.1', '13.2']);
const PORT_CI = new Set(['12.1', '12.2', '12.3', '13.0', '13.1']);
/**
 * The compat port's floor is 12.1, the oldest release the historical port's CI built (its compat.h has
 * shims for 12.1 and nothing older); it builds for every release since, including those that also ship
 * the in-tree driver (net/wireguard-kmod is how users get a newer driver there).
 */
const COMPAT_PORT_FLOOR = 1201000;

/*
 * The in-tree driver ships from 13.2 (13.2R relnotes: "The kernel wg(4) WireGuard driver has been reintegrated",
 * gitref:5ae69e2f10da) and in main from 744bfb213144 ("Import the WireGuard driver from zx2c4.com", 14.0-CURRENT;
 * reviews.freebsd.org rG7e00bf8773b9); kpi-changes.json driver_import.
 */
function isInTree(major: number, minor: number): boolean {
	return major > 13 || (major === 13 && minor >= 2);
}

export const RELEASES: readonly Release[] = RELEASE_DATA.map((r) => {
	const [major, minor] = r.name.split('.').map(Number);
	return {
		name: r.name,
		label: `${r.name}-RELEASE`,
		major,
		minor,
		branch: r.branch as StableBranchName,
		releng: r.releng,
		version: r.version.value,
		released: r.released.value,
		eol: r.eol.value,
		facts: { version: r.version, released: r.released, eol: r.eol },
		inTreeDriver: isInTree(major, minor),
		compatPort: r.version.value >= COMPAT_PORT_FLOOR,
		portClaimed: PORT_CLAIMED.has(r.name),
		portCiTested: PORT_CI.has(r.name),
	};
}).sort((a, b) => a.version - b.version);

export const BRANCHES: readonly Branch[] = BRANCH_DATA.map((b) => ({
	name: b.name as BranchName,
	major: b.major,
	first: b.first?.value ?? null,
	created: b.created?.value ?? null,
	lastSeen: b.lastSeen?.value ?? null,
	postReleng: b.postReleng,
	eol: b.eol?.value ?? null,
	raw: b,
	releases: RELEASES.filter((r) => r.branch === b.name),
}));

export const MAIN_MAJOR: number = BRANCHES.find((b) => b.name === 'main')!.major;

/** A release by "13.2", "13.2-RELEASE" or "releng/13.2"; undefined if unknown. */
export function releaseByName(name: string): Release | undefined {
	const n = name.replace(/^releng\//, '').replace(/-RELEASE$/i, '');
	return RELEASES.find((r) => r.name === n);
}

export function branchByName(name: string): Branch | undefined {
	return BRANCHES.find((b) => b.name === name);
}

export interface SupportQuery {
	/** 'compat': releases the out-of-tree compat port builds for; 'in-tree': releases that ship sys/dev/wg */
	readonly target: 'compat' | 'in-tree';
	/** only releases not yet at end of life on this ISO date (pure: the caller passes "today") */
	readonly supportedOn?: string;
}

export function supportedReleases(query: SupportQuery): Release[] {
	return RELEASES.filter((r) => (query.target === 'compat' ? r.compatPort : r.inTreeDriver))
		.filter((r) => query.supportedOn === undefined || r.eol >= query.supportedOn);
}

/** The newest __FreeBSD_version known for a branch (a floor: live branches move on). */
export function newestVersion(branch: BranchName): number {
	const b = branchByName(branch);
	if (!b) throw new Error(`unknown branch ${branch}; known: ${BRANCHES.map((x) => x.name).join(', ')}`);
	const known = [b.first, b.lastSeen, ...Object.values(b.postReleng), ...b.releases.map((r) => r.version)]
		.filter((v): v is number => v !== null);
	if (!known.length) throw new Error(`no __FreeBSD_version is known for ${branch}`);
	return Math.max(...known);
}

/** The major of a __FreeBSD_version (1301506 -> 13). */
export const majorOf = (v: number): number => Math.floor(v / 100000);

/**
 * The branch a version number belongs to: below the stable/N branch point a value N..... is
 * N.0-CURRENT (main); from it on, stable/N or one of its releng branches.
 */
export function lineOf(v: number): BranchName {
	const major = majorOf(v);
	if (major >= MAIN_MAJOR) return 'main';
	const b = branchByName(`stable/${major}`);
	if (b?.first != null && v < b.first) return 'main';
	return `stable/${major}`;
}

export type Plausibility = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const bad = (reason: string): Plausibility => ({ ok: false, reason });

/**
 * Is v a __FreeBSD_version the branch could have carried? __FreeBSD_version is MMmmxxx: on main
 * (M.0-CURRENT) xxx < 500 with mm = 00, up to the value at which stable/M left main; on stable/M the
 * pre-release values from the branch point up to M00499, then M0m5xx after each releng/M.m was cut
 * (M0m000..M0m499 are releng/M.m values, not stable ones). Source: the Porter's Handbook version table
 * (freebsd-releases.json sources.handbook).
 */
export function checkVersion(branch: string, v: number): Plausibility {
	if (!Number.isInteger(v) || v < 1000000 || v > 9999999) {
		return bad(`${v} is not a __FreeBSD_version (seven digits, MMmmxxx, e.g. 1400036)`);
	}
	const major = majorOf(v);
	const minor = Math.floor(v / 1000) % 100;
	const rest = v % 1000;
	if (branch === 'main') {
		if (major > MAIN_MAJOR) return bad(`${v} is ${major}.x, but main is ${MAIN_MAJOR}.0-CURRENT`);
		if (minor !== 0 || rest >= 500) {
			return bad(`${v} is not a main (CURRENT) value: main numbers run ${major}00000..${major}00499 ` +
				`while it is ${major}.0-CURRENT; ${v} looks like a ${rest >= 500 ? 'stable' : 'releng'}/${major} value`);
		}
		const stable = branchByName(`stable/${major}`);
		if (major < MAIN_MAJOR && stable?.first != null && v > stable.first) {
			return bad(`${v} is past ${stable.first}, where stable/${major} left main and main became ` +
				`${major + 1}.0-CURRENT (${major + 1}00000): main never carried ${v}`);
		}
		return { ok: true };
	}
	const b = branchByName(branch);
	if (!b || b.name === 'main') {
		return bad(`unknown branch ${branch}; known: ${BRANCHES.map((x) => x.name).join(', ')}`);
	}
	if (major !== b.major) return bad(`${v} is a ${major}.x value, but ${branch} numbers are ${b.major}xxxxx`);
	if (b.first !== null && v < b.first) {
		return bad(`${v} predates ${branch}: the branch left main at ${b.first}; earlier ${b.major}xxxxx values are main's`);
	}
	if (minor > 0 && rest < 500) {
		return bad(`${v} is a releng/${b.major}.${minor} value (${b.major}0${minor}000..${b.major}0${minor}499); ` +
			`${branch} numbers after releng/${b.major}.${minor} was cut are ${b.major}0${minor}500 and up`);
	}
	const releasedMinors = b.releases.map((r) => r.minor);
	const newestMinor = releasedMinors.length ? Math.max(...releasedMinors) : 0;
	if (minor > newestMinor) {
		return bad(`${v} would follow releng/${b.major}.${minor}, but the newest release from ${branch} is ` +
			`${b.major}.${newestMinor}`);
	}
	return { ok: true };
}

/** Dates known to bracket a version on its branch (ISO strings; either may be unknown). */
export interface DateBounds {
	readonly notBefore?: string;
	readonly notAfter?: string;
	/** why, for messages */
	readonly because: string[];
}

/**
 * Dates a version value was carried, from the dated anchors the model has: a main value M..... was
 * reached no earlier than the day main became M.0-CURRENT (stable/(M-1) was created); a stable/M value
 * below a release's version was reached no later than that release date. Used by `wgup land` to
 * refuse a merge point that predates the main commit it merges.
 */
export function dateBounds(branch: BranchName, v: number): DateBounds {
	const because: string[] = [];
	let notBefore: string | undefined;
	let notAfter: string | undefined;
	if (branch === 'main') {
		const prev = branchByName(`stable/${majorOf(v) - 1}`);
		if (prev?.created) {
			notBefore = prev.created;
			because.push(`main became ${majorOf(v)}.0-CURRENT on ${prev.created}`);
		}
		const self = branchByName(`stable/${majorOf(v)}`);
		if (self?.created) {
			notAfter = self.created;
			because.push(`main left ${majorOf(v)}.0-CURRENT on ${self.created}`);
		}
	} else {
		const b = branchByName(branch);
		if (b?.created) {
			notBefore = b.created;
			because.push(`${branch} was created on ${b.created}`);
		}
		const later = b?.releases.find((r) => r.version > v);
		if (later) {
			notAfter = later.released;
			because.push(`${branch} was past ${v} before ${later.label} (${later.version}) was released on ${later.released}`);
		}
	}
	return { notBefore, notAfter, because };
}
