/*
 * The VM matrix as data: which jobs run where, computed from packages/releases. Pure; the workflow
 * generator and the qemu runner both read it, and a test holds the generated workflow's job list equal
 * to it.
 *
 * Sources (../shared/facts/ci-vms.md):
 *  - vmactions/freebsd-vm v1.5.4 (latest tag, HEAD 342275cd, 2026-08-22) ships images for 12.4,
 *    13.2-13.5, 14.0-14.4, 15.0 and 15.1 on x86_64 and aarch64 (README table, conf/); 12.4 has no
 *    package repository any more (anyvm-org/freebsd-builder conf/freebsd-12.4.conf), so its job can
 *    only build on the base system.
 *  - No -STABLE or -CURRENT images there: those boot the official BASIC-CI snapshot images under QEMU
 *    with KVM, as openzfs/zfs .github/workflows/scripts/qemu-2-start.sh does.
 *  - Official images lack /usr/src (release/tools/vmimage.subr): jobs fetch the matching src.txz.
 */
import { BRANCHES, MAIN_MAJOR, RELEASES, newestVersion, type Release } from '@wgup/releases';
import type { Target } from '../types';

export const VMACTIONS_ACTION = 'vmactions/freebsd-vm';
/** pinned full version tag (ci-vms.md section 1: latest tag v1.5.4) */
export const VMACTIONS_VERSION = 'v1.5.4';
/** releases vmactions/freebsd-vm v1.5.4 boots (x86_64 and aarch64 alike) */
export const VMACTIONS_RELEASES: readonly string[] = ['12.4', '13.2', '13.3', '13.4', '13.5', '14.0', '14.1', '14.2', '14.3', '14.4', '15.0', '15.1'];
/** releases whose pkg repository is gone: build on the base system only */
export const NO_PACKAGES: readonly string[] = ['12.4'];
/** branch heads booted from official snapshot images under QEMU */
export const QEMU_BRANCHES: readonly string[] = ['stable/14', 'stable/15', 'main'];

export type Arch = 'amd64' | 'aarch64';

export interface VmJob {
	/** stable id: "vm-13.5-compat-amd64" */
	readonly id: string;
	readonly runner: 'vmactions' | 'qemu';
	/** the matrix row name ("13.5", "stable/14", "main") */
	readonly release: string;
	readonly version: number;
	readonly target: Target;
	readonly arch: Arch;
	/** no packages: build (and load) only, no smoke battery */
	readonly buildOnly: boolean;
	/** src.txz URLs to try in order when the image has no /usr/src */
	readonly srcUrls: readonly string[];
}

const targetsOf = (r: Release): Target[] => [...(r.inTreeDriver ? ['in-tree' as const] : []), ...(r.compatPort ? ['compat' as const] : [])];

/** The snapshot name of a branch head: "15.1-STABLE", "16.0-CURRENT" (the newest release of the branch). */
export function snapshotName(branch: string): string {
	if (branch === 'main') return `${MAIN_MAJOR}.0-CURRENT`;
	const b = BRANCHES.find((x) => x.name === branch);
	if (!b || !b.releases.length) throw new Error(`no releases known for ${branch}`);
	return `${b.releases[b.releases.length - 1].name}-STABLE`;
}

/** src.txz of a release: the live mirror first, the archive for releases past end of life. */
export function releaseSrcUrls(name: string): string[] {
	return [
		`https://download.freebsd.org/releases/amd64/${name}-RELEASE/src.txz`,
		`https://archive.freebsd.org/old-releases/amd64/${name}-RELEASE/src.txz`,
	];
}

export function snapshotSrcUrls(branch: string): string[] {
	return [`https://download.freebsd.org/snapshots/amd64/${snapshotName(branch)}/src.txz`];
}

/** The official BASIC-CI image of a branch head or release (raw, xz-compressed, amd64). */
export function imageUrl(row: string): string {
	if (QEMU_BRANCHES.includes(row)) {
		const v = snapshotName(row);
		return `https://download.freebsd.org/snapshots/CI-IMAGES/${v}/amd64/Latest/FreeBSD-${v}-amd64-BASIC-CI-ufs.raw.xz`;
	}
	const r = RELEASES.find((x) => x.name === row);
	if (!r) throw new Error(`unknown release "${row}"`);
	// 15.x images come as -ufs and -zfs; 14.x and older have the plain name (ci-vms.md section 2)
	const suffix = r.major >= 15 ? '-ufs' : '';
	return `https://download.freebsd.org/releases/CI-IMAGES/${r.name}-RELEASE/amd64/Latest/FreeBSD-${r.name}-RELEASE-amd64-BASIC-CI${suffix}.raw.xz`;
}

/** The newest vmactions release of each branch: it also gets an aarch64 job. */
export function newestPerBranch(): Release[] {
	const out = new Map<string, Release>();
	for (const r of RELEASES) if (VMACTIONS_RELEASES.includes(r.name)) out.set(r.branch, r);
	return [...out.values()];
}

export function vmJobs(): VmJob[] {
	const jobs: VmJob[] = [];
	const add = (runner: VmJob['runner'], release: string, version: number, target: Target, arch: Arch, buildOnly: boolean, srcUrls: string[]) =>
		jobs.push({ id: `${runner === 'qemu' ? 'qemu' : 'vm'}-${release.replace('/', '-')}-${target}-${arch}`, runner, release, version, target, arch, buildOnly, srcUrls });
	const aarch64 = new Set(newestPerBranch().map((r) => r.name));
	for (const r of RELEASES.filter((x) => VMACTIONS_RELEASES.includes(x.name))) {
		for (const target of targetsOf(r)) {
			const buildOnly = NO_PACKAGES.includes(r.name);
			add('vmactions', r.name, r.version, target, 'amd64', buildOnly, releaseSrcUrls(r.name));
			if (aarch64.has(r.name)) add('vmactions', r.name, r.version, target, 'aarch64', buildOnly, releaseSrcUrls(r.name));
		}
	}
	for (const b of QEMU_BRANCHES) {
		for (const target of ['in-tree', 'compat'] as const) add('qemu', b, newestVersion(b as 'main'), target, 'amd64', false, snapshotSrcUrls(b));
	}
	return jobs;
}
