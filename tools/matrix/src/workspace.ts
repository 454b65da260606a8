/*
 * The matrix over this workspace: rows from packages/releases, stub headers from packages/kernel-api,
 * the in-tree target from freebsd-overlay/, the compat target from the compat port's own composition
 * (tools/compat-port composePort, what `wgup compat --out DIR` writes: compat.h and support.h from the
 * shim catalogue, the wg_compat_*.c crypto wrappers, the overlay's glue; its Makefile's SRCS are the top-level .c
 * files, built with -I. and compat.h force-included), and the self-test from src/selftest.ts. Files are
 * found when a cell runs, so whatever the generators add to those trees is compiled. Without a driver
 * checkout (--driver-src) the compat tree lacks FreeBSD's own if_wg.c, wg_noise.c, wg_cookie.c: the
 * matrix compiles what wgup emits, and the probe stands in for the driver's kernel interface use.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, writeFileAtomic } from '@wgup/codegen';
import type { CSourceParser } from '@wgup/c-source';
import { composePort } from '@wgup/compat-port';
import { resolveTree } from '@wgup/freebsd-src';
import { renderDriverStubHeaders } from '@wgup/kernel-api';
import { RELEASES, newestVersion, type BranchName } from '@wgup/releases';
import { CATALOGUE, type Catalogue } from '@wgup/shims';
import { findCSources, type MatrixInputs } from './inputs';
import { PROBE_USES } from './probe-uses';
import { renderSelftest } from './selftest';
import type { CompileUnit, MatrixRelease, SelftestUnit, Target } from './types';

/** The version string the composed compat tree carries (fixed: the matrix must not depend on the date). */
const COMPAT_VERSION = '20260101';

/** The branch heads `--all` adds at their newest known version. */
export const BRANCH_ROWS: readonly BranchName[] = ['stable/14', 'stable/15', 'main'];

/** The overlay directories whose C files are the driver and its crypto. */
export const OVERLAY_SOURCE_DIRS = ['sys/dev/wg', 'sys/crypto'];

export function matrixReleases(): MatrixRelease[] {
	const rows: MatrixRelease[] = RELEASES.filter((r) => r.compatPort || r.inTreeDriver).map((r) => ({
		name: r.name, version: r.version, branch: r.branch, kind: 'release' as const,
		targets: [...(r.inTreeDriver ? ['in-tree' as const] : []), ...(r.compatPort ? ['compat' as const] : [])],
		note: r.facts.version.verified ? undefined : '__FreeBSD_version not verified in a source',
	}));
	for (const b of BRANCH_ROWS) {
		rows.push({ name: b, version: newestVersion(b), branch: b, kind: 'branch', targets: ['in-tree', 'compat'], note: 'newest known version of the branch' });
	}
	return rows;
}

/** Default rows: the newest release of each branch the matrix covers, and main. */
export function defaultRows(rows: readonly MatrixRelease[]): string[] {
	const newest = new Map<string, string>();
	for (const r of rows) if (r.kind === 'release') newest.set(r.branch, r.name);
	return [...newest.values(), 'main'];
}

/** The real FreeBSD main files beside the repository (SOURCES.md there names the commit). */
export const SNAPSHOT_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'freebsd-main-snapshot');
/** The stand-in driver of tools/compat-port's tests: not the driver. */
export const FIXTURE_DRIVER = path.join(REPO_ROOT, 'tools', 'compat-port', 'test', 'fixtures', 'driver');

export interface DriverSource {
	/** what --driver-src would be: a FreeBSD tree, its sys/dev/wg, or a wireguard-freebsd checkout */
	readonly dir: string;
	/** false for the test fixture, which only stands in for the driver */
	readonly real: boolean;
	/** one line for the terminal and the reports */
	readonly label: string;
}

/**
 * The driver the compat cells compose the port from: --driver-src; else the real tree that resolves
 * (--tree / $WGUP_FREEBSD_SRC / the `wgup src fetch` cache); else the snapshot of FreeBSD main beside
 * the repository; else the fixture, said to be a demonstration.
 */
export function resolveDriverSource(driverSrc?: string, env: NodeJS.ProcessEnv = process.env): DriverSource {
	if (driverSrc) return { dir: driverSrc, real: true, label: `driver: ${driverSrc} (--driver-src)` };
	const tree = resolveTree({ env });
	if (tree) return { dir: tree.root, real: true, label: `driver: ${tree.root}/sys/dev/wg (FreeBSD tree from ${tree.source}, __FreeBSD_version ${tree.version})` };
	if (fs.existsSync(path.join(SNAPSHOT_DIR, 'sys', 'dev', 'wg', 'if_wg.c'))) {
		return { dir: SNAPSHOT_DIR, real: true, label: `driver: ${path.relative(REPO_ROOT, SNAPSHOT_DIR)}/sys/dev/wg (FreeBSD main snapshot, SOURCES.md there)` };
	}
	return { dir: FIXTURE_DRIVER, real: false, label: `driver: ${path.relative(REPO_ROOT, FIXTURE_DRIVER)} (DEMONSTRATION: no FreeBSD tree resolved, so the test fixture stands in for the driver; pass --driver-src or set WGUP_FREEBSD_SRC)` };
}

/** What a kernel module build generates for a module built outside a kernel build (bsd.kmod.mk). */
export const KMOD_OPTION_HEADERS: Readonly<Record<string, string>> = {
	'opt_inet.h': '#define INET 1\n',
	'opt_inet6.h': '#define INET6 1\n',
};

export interface WorkspaceOptions {
	/** scratch directory the compat headers and the self-test source are written into */
	readonly scratch: string;
	readonly root?: string;
	/** the shim catalogue compat.h comes from (default: packages/shims) */
	readonly catalogue?: Catalogue;
	/** a driver checkout composed into the compat target (`wgup compat --driver-src`); default: resolveDriverSource() */
	readonly driverSrc?: string;
	/** the loaded C parser: the driver then gets the edits `wgup compat` makes (tools/compat-port driver-edits.ts) */
	readonly parser?: CSourceParser;
}

export function workspaceInputs(opts: WorkspaceOptions): MatrixInputs {
	const root = opts.root ?? REPO_ROOT;
	const overlay = path.join(root, 'freebsd-overlay');
	const overlaySys = path.join(overlay, 'sys');
	const compatDir = path.join(opts.scratch, 'compat');
	const driver = resolveDriverSource(opts.driverSrc);
	const port = composePort({ catalogue: opts.catalogue ?? CATALOGUE, version: COMPAT_VERSION, root, driverSrc: driver.dir, parser: opts.parser });
	for (const f of port.files) writeFileAtomic(path.join(compatDir, f.path), f.content);
	const buildDir = path.join(opts.scratch, 'build');
	for (const [name, text] of Object.entries(KMOD_OPTION_HEADERS)) writeFileAtomic(path.join(buildDir, name), text);
	const upstream = port.files.filter((f) => f.origin === 'driver' && f.path.endsWith('.c')).map((f) => path.join(compatDir, f.path));
	const selftestSource = path.join(opts.scratch, 'selftest', 'selftest.c');
	writeFileAtomic(selftestSource, renderSelftest());
	const rows = matrixReleases();
	const overlaySources = () => OVERLAY_SOURCE_DIRS.flatMap((d) => findCSources(path.join(overlaySys, d.replace(/^sys\//, ''))));
	const cryptoSources = () => findCSources(path.join(overlaySys, 'crypto'));
	const units: Record<Target, () => CompileUnit> = {
		// FreeBSD's stable/13 copy of the driver builds with `-include compat.h` (sys/modules/if_wg/Makefile at
		// 5ae69e2f10da): an in-tree cell gets the same generated compat.h, which is inert where main has it all
		'in-tree': () => ({ sources: overlaySources(), includeDirs: [overlaySys], forceIncludes: [path.join(compatDir, 'compat.h')], defines: {} }),
		compat: () => ({
			// the Makefile's SRCS: the module directory's own .c files (crypto/*.c come in through wg_compat_*.c)
			sources: port.sources.map((f) => path.join(compatDir, f)),
			includeDirs: [compatDir, buildDir],
			forceIncludes: [path.join(compatDir, 'compat.h')],
			defines: {},
			upstream,
		}),
	};
	const selftest: SelftestUnit = {
		get sources() {
			return [selftestSource, ...cryptoSources()];
		},
		includeDirs: [path.join(root, 'tools', 'ts2c', 'shim'), overlaySys],
		defines: {},
	};
	return {
		releases: rows,
		defaultReleases: defaultRows(rows),
		stubHeaders: (r) => renderDriverStubHeaders(r.version),
		probeUses: PROBE_USES,
		unit: (target) => units[target](),
		compatHeader: (target) => (target === 'compat' ? path.join(compatDir, 'compat.h')
			: fs.existsSync(path.join(overlaySys, 'dev', 'wg', 'support.h')) ? path.join(overlaySys, 'dev', 'wg', 'support.h') : undefined),
		selftest: () => selftest,
		inputRoots: [overlay, compatDir],
		notes: [`compat port: ${driver.label}`],
	};
}
