/*
 * The two commands of the compat port: `wgup compat` (compose the tree into a directory, optionally
 * with its release tarball) and `wgup port` (update net/wireguard-kmod in a ports tree for a release).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadCParser } from '@wgup/c-source';
import { checkSafeName, checkWritableFile, dropScratch, EXIT, makeScratch, resolveInside, sweepStale, WgupError, writeAllOrNothing } from '@wgup/codegen';
import { supportedReleases } from '@wgup/releases';
import type { Catalogue } from '@wgup/shims';
import { composePort, verificationFromCells, type PortFile, type VerifiedCell } from './compose';
import { portDistversion, updatePort } from './port';
import { sha256Hex, tarGz, versionEpoch } from './tarball';
import { writeTree } from './write';

type Log = (line: string) => void;

/** Today's date as YYYYMMDD (UTC): the default release version. */
export function todayVersion(now: Date = new Date()): string {
	return now.toISOString().slice(0, 10).replace(/-/g, '');
}

export function distName(version: string): string {
	return `wireguard-freebsd-compat-${portDistversion(version)}`;
}

export function releaseTarball(files: readonly PortFile[], version: string): Buffer {
	const prefix = distName(version);
	return tarGz(files.map((f) => ({ path: `${prefix}/${f.path}`, content: f.content })), versionEpoch(version));
}

/** Member file names of one of our tarballs (regular files only, prefix stripped). */
export function tarballFiles(gz: Buffer): string[] {
	const tar = gunzipSync(gz);
	const names: string[] = [];
	for (let off = 0; off + 512 <= tar.length;) {
		const h = tar.subarray(off, off + 512);
		if (h.every((b) => b === 0)) break;
		const field = (a: number, n: number) => h.subarray(a, a + n).toString('utf8').replace(/\0.*$/s, '');
		const name = [field(345, 155), field(0, 100)].filter(Boolean).join('/');
		const size = parseInt(field(124, 12), 8) || 0;
		if (field(156, 1) === '0' || field(156, 1) === '') names.push(name.split('/').slice(1).join('/'));
		off += 512 + Math.ceil(size / 512) * 512;
	}
	return names.sort();
}

export interface CompatRunOptions {
	readonly out: string;
	readonly catalogue: Catalogue;
	readonly driverSrc?: string;
	readonly version?: string;
	readonly force?: boolean;
	readonly tarball?: string;
	/** matrix reports (`wgup matrix --json`, or merged VM cells) whose compat cells the README's table cites */
	readonly verifiedBy?: readonly string[];
}

/** The cells of matrix JSON reports (one cell or an array per file). */
export function readVerifiedCells(files: readonly string[]): VerifiedCell[] {
	return files.flatMap((f) => {
		const data: unknown = JSON.parse(fs.readFileSync(f, 'utf8'));
		const list = (Array.isArray(data) ? data : [data]) as VerifiedCell[];
		for (const [i, c] of list.entries()) {
			if (typeof c?.release !== 'string' || typeof c.target !== 'string' || typeof c.cc !== 'string' || typeof c.ok !== 'boolean') {
				throw new WgupError(`--verified-by ${f}: cell ${i} is not a matrix cell (release, target, cc, ok)`, EXIT.usage);
			}
		}
		return list;
	});
}

/** --version as YYYYMMDD of a real day, refused as bad usage otherwise. */
function checkVersion(version: string): void {
	try {
		versionEpoch(version);
	} catch (e) {
		throw new WgupError(`--version ${(e as Error).message.replace(/^version /, '')}: give the release day as YYYYMMDD, e.g. 20261126`, EXIT.usage);
	}
}

export async function runCompatPort(opts: CompatRunOptions, log: Log): Promise<void> {
	// every option is checked before any work: nothing is written when one is wrong
	const version = opts.version ?? todayVersion();
	checkVersion(version);
	const out = path.resolve(opts.out);
	if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw new WgupError(`--out ${opts.out} exists and is not a directory; choose another --out`, EXIT.usage);
	const tarball = opts.tarball === undefined ? undefined : checkWritableFile(opts.tarball, '--tarball');
	if (tarball && !opts.driverSrc) throw new WgupError('--tarball needs the whole tree: pass --driver-src', EXIT.usage);
	if (tarball && (tarball === out || tarball.startsWith(`${out}${path.sep}`))) {
		throw new WgupError(`--tarball ${opts.tarball} is inside --out; the release tarball goes outside the tree it holds`, EXIT.usage);
	}
	const verification = opts.verifiedBy?.length ? verificationFromCells(readVerifiedCells(opts.verifiedBy)) : undefined;
	const parser = opts.driverSrc ? await loadCParser() : undefined;
	const port = composePort({ catalogue: opts.catalogue, version, driverSrc: opts.driverSrc, verification, parser });
	const gz = tarball ? releaseTarball(port.files, version) : undefined;
	const r = writeTree(out, port.files, { force: opts.force, log, extra: tarball && gz ? [{ file: tarball, data: gz, followLink: true }] : [] });
	for (const p of r.written) log(`wrote ${path.join(opts.out, p)}`);
	for (const p of r.removed) log(`removed ${path.join(opts.out, p)} (no longer part of the port)`);
	for (const p of r.keptEdited) log(`kept ${path.join(opts.out, p)}: no longer part of the port, but edited by hand`);
	if (port.driver) {
		log(`driver: ${port.driver.dir} (${port.driver.layout === 'port' ? 'wireguard-freebsd checkout' : 'FreeBSD sys/dev/wg'}); what wgup did to it (also in README):`);
		for (const a of port.driver.actions) log(`  - ${a}`);
	}
	log(`compat ${version}: ${port.files.length} file(s) in ${opts.out} (${r.written.length} written, ${r.unchanged.length} unchanged)`);
	if (port.missingDriverFiles.length) {
		log(`generated parts only: copy these from a driver checkout (or pass --driver-src): ${port.missingDriverFiles.join(', ')}`);
	}
	if (tarball && gz) log(`tarball ${opts.tarball}: SHA256 ${sha256Hex(gz)}, ${gz.length} bytes`);
}

export interface PortRunOptions {
	readonly portsTree: string;
	readonly catalogue: Catalogue;
	readonly driverSrc?: string;
	readonly version?: string;
	/** where the distfile goes (DISTDIR); default <ports tree>/distfiles */
	readonly distdir?: string;
}

function unifiedDiff(label: string, before: string, after: string): string {
	if (before === after) return '';
	const dir = makeScratch('port-diff');
	try {
		fs.writeFileSync(path.join(dir, 'a'), before);
		fs.writeFileSync(path.join(dir, 'b'), after);
		try {
			execFileSync('diff', ['-u', '--label', `a/${label}`, '--label', `b/${label}`, 'a', 'b'], { cwd: dir, encoding: 'utf8' });
			return '';
		} catch (e) {
			const err = e as { status?: number; stdout?: string };
			if (err.status === 1) return err.stdout ?? '';
			throw e;
		}
	} finally {
		dropScratch(dir);
	}
}

export async function runPort(opts: PortRunOptions, log: Log): Promise<void> {
	// every option is checked before any work
	if (!opts.driverSrc) throw new WgupError('a release tarball holds the driver too: pass --driver-src', EXIT.usage);
	const version = opts.version ?? todayVersion();
	checkVersion(version);
	const where = `--ports-tree ${opts.portsTree}`;
	const makefilePath = resolveInside(opts.portsTree, 'net/wireguard-kmod/Makefile', where);
	const distinfoPath = resolveInside(opts.portsTree, 'net/wireguard-kmod/distinfo', where);
	if (!fs.existsSync(makefilePath) || !fs.statSync(makefilePath).isFile()) {
		throw new WgupError(`${opts.portsTree} has no net/wireguard-kmod (looked for ${makefilePath}); point --ports-tree at a ports tree`, EXIT.usage);
	}
	const name = `${distName(version)}.tar.gz`;
	const distdir = path.resolve(opts.distdir ?? path.join(opts.portsTree, 'distfiles'));
	const distfilePath = opts.distdir ? path.join(distdir, name) : resolveInside(opts.portsTree, `distfiles/${name}`, where);
	sweepStale(os.tmpdir(), 'wgup-port-diff-', log);
	const port = composePort({ catalogue: opts.catalogue, version, driverSrc: opts.driverSrc, parser: await loadCParser() });
	const gz = releaseTarball(port.files, version);

	const makefile = fs.readFileSync(makefilePath, 'utf8');
	const distinfo = fs.existsSync(distinfoPath) ? fs.readFileSync(distinfoPath, 'utf8') : '';
	const previousName = /^SHA256 \((.+)\) = /m.exec(distinfo)?.[1];
	if (previousName !== undefined) checkSafeName(previousName, `${distinfoPath} (the previous distfile's name)`);
	const previousPath = previousName ? path.join(distdir, previousName) : undefined;
	const previousFiles = previousPath && fs.existsSync(previousPath) && previousName !== name
		? tarballFiles(fs.readFileSync(previousPath)) : undefined;

	const minOsVersion = Math.min(...supportedReleases({ target: 'compat' }).map((r) => r.version));
	const update = updatePort({ makefile, distinfo }, {
		version,
		distfile: { name, sha256: sha256Hex(gz), size: gz.length, timestamp: versionEpoch(version) },
		minOsVersion,
		previousFiles,
		files: port.files.map((f) => f.path),
	});
	if (!/wireguard-freebsd-compat/.test(update.makefile)) {
		update.notes.push('the Makefile does not name wireguard-freebsd-compat: set DISTNAME= wireguard-freebsd-compat-${DISTVERSION} and the MASTER_SITES that host it');
	}

	// the distfile, Makefile and distinfo change together or not at all
	writeAllOrNothing([{ file: distfilePath, data: gz }, { file: makefilePath, data: update.makefile }, { file: distinfoPath, data: update.distinfo }]);

	log(`distfile ${path.join(distdir, name)} (${gz.length} bytes)`);
	const diff = unifiedDiff('net/wireguard-kmod/Makefile', makefile, update.makefile) +
		unifiedDiff('net/wireguard-kmod/distinfo', distinfo, update.distinfo);
	if (diff) log(diff.trimEnd());
	log('for the port maintainer:');
	for (const n of update.notes) log(`  - ${n}`);
}
