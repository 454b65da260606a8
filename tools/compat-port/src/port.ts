/*
 * Updating net/wireguard-kmod in a ports tree for a new compat-port release. The edits are the ones a
 * port maintainer makes by hand: DISTVERSION, PORTREVISION reset (a new version starts at 0), distinfo
 * (TIMESTAMP, SHA256, SIZE of the new distfile), and the lowest supported OSVERSION when the set of
 * supported releases changed. Pure text in, text out; the command does the file I/O.
 */

export interface Distfile {
	/** e.g. wireguard-freebsd-compat-0.0.20261126.tar.gz */
	readonly name: string;
	readonly sha256: string;
	readonly size: number;
	/** seconds since the epoch; what `make makesum` would write as TIMESTAMP */
	readonly timestamp: number;
}

export interface PortFiles {
	readonly makefile: string;
	readonly distinfo: string;
}

export interface PortUpdate extends PortFiles {
	/** what else the maintainer must look at, one line each */
	readonly notes: string[];
}

const DISTVERSION_RE = /^(DISTVERSION=[ \t]*)(\S+)[ \t]*$/m;
const PORTREVISION_RE = /^PORTREVISION=[ \t]*\S+[ \t]*\n/m;
const OSVERSION_RE = /^(\.if \$\{OSVERSION\} < )(\d+)$/m;

/** The port's DISTVERSION for a compat release YYYYMMDD, as the port has always spelled it. */
export function portDistversion(version: string): string {
	return `0.0.${version}`;
}

export function readDistversion(makefile: string): string {
	const m = DISTVERSION_RE.exec(makefile);
	if (!m) throw new Error('net/wireguard-kmod/Makefile has no DISTVERSION= line; is this the wireguard-kmod port?');
	return m[2];
}

export function renderDistinfo(d: Distfile): string {
	return `TIMESTAMP = ${d.timestamp}\nSHA256 (${d.name}) = ${d.sha256}\nSIZE (${d.name}) = ${d.size}\n`;
}

export interface PortUpdateInput {
	readonly version: string;
	readonly distfile: Distfile;
	/** lowest __FreeBSD_version the compat port supports (an OSVERSION floor in the Makefile, if it has one) */
	readonly minOsVersion?: number;
	/** files of the previous release's tree and of this one, to report additions and removals */
	readonly previousFiles?: readonly string[];
	readonly files?: readonly string[];
}

export function updatePort(current: PortFiles, input: PortUpdateInput): PortUpdate {
	const notes: string[] = [];
	const oldVersion = readDistversion(current.makefile);
	const newVersion = portDistversion(input.version);
	let makefile = current.makefile.replace(DISTVERSION_RE, (_all, key: string) => `${key}${newVersion}`);
	if (oldVersion !== newVersion && PORTREVISION_RE.test(makefile)) {
		makefile = makefile.replace(PORTREVISION_RE, '');
		notes.push('PORTREVISION removed: a new DISTVERSION starts again at revision 0');
	}
	if (oldVersion === newVersion) notes.push(`DISTVERSION was already ${newVersion}: only distinfo changes; bump PORTREVISION if the package contents change`);
	if (input.minOsVersion !== undefined) {
		const m = OSVERSION_RE.exec(makefile);
		if (!m) {
			notes.push(`the Makefile has no ".if \${OSVERSION} < N" guard; the compat port supports __FreeBSD_version >= ${input.minOsVersion}`);
		} else if (Number(m[2]) !== input.minOsVersion) {
			makefile = makefile.replace(OSVERSION_RE, `$1${input.minOsVersion}`);
			notes.push(`supported releases changed: the OSVERSION floor moves from ${m[2]} to ${input.minOsVersion}; check the IGNORE message`);
		}
	}
	if (input.previousFiles && input.files) {
		const before = new Set(input.previousFiles);
		const after = new Set(input.files);
		const added = input.files.filter((f) => !before.has(f));
		const removed = input.previousFiles.filter((f) => !after.has(f));
		for (const f of added) notes.push(`new file in the distfile: ${f} (check SRCS and the module Makefile)`);
		for (const f of removed) notes.push(`file gone from the distfile: ${f}`);
	} else {
		notes.push('no previous release tree to compare with: review the distfile contents by hand');
	}
	return { makefile, distinfo: renderDistinfo(input.distfile), notes };
}
