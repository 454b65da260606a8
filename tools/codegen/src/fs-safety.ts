/*
 * Filesystem safety and strict input parsing, shared by every command that writes or deletes.
 *
 * Paths. A target directory (--out, the repository root, a ports tree) is the boundary. Paths inside it
 * come as relative POSIX paths and are refused when absolute, empty, or holding "", "." or ".."
 * components. Every component that exists below the target is lstat()ed: a symbolic link there is
 * refused, whatever it points at (a link that stays inside today can be re-pointed tomorrow). The target
 * itself is the user's choice: when --out is a symlink it is followed, and it is never replaced, renamed
 * or chmod()ed: wgup writes into it, so its mode, owner and link stay as they were.
 *
 * Deleting. A file is removed only when wgup recorded its SHA-256 when writing it and the file still
 * has those bytes (removeIfUnchanged); manifest entries are validated like any other path.
 *
 * Writing. writeAllOrNothing() writes a temporary file next to every target first (so a read-only
 * directory or a full disk fails before anything changed) and renames them into place only when all
 * of them exist.
 *
 * Scratch. Scratch directories are named wgup-<kind>-<pid>-<random>; they are removed on SIGINT and
 * SIGTERM, and a later run of the same command removes the ones an interrupted run left behind (its
 * pid gone and the directory older than STALE_AFTER_MS), and says so.
 *
 * Errors. WgupError carries an exit code (EXIT); the CLI prints its message as one line on stderr.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Exit codes of every wgup command (documented in `wgup --help`). */
export const EXIT = {
	ok: 0,
	/** the command ran and failed, or refused to touch something (drift, a changed file, a failing cell) */
	failed: 1,
	/** bad usage: an option's value was refused before any work */
	usage: 2,
	/** interrupted by SIGINT (128 + 2); SIGTERM gives 143 */
	interrupted: 130,
} as const;

export const EXIT_CODES_HELP = `Exit status: 0 success; 1 failure or refusal (the message says what to do); 2 bad usage
(an option's value was refused before any work); 130/143 interrupted by SIGINT/SIGTERM (scratch removed).
Errors are one line on stderr; WGUP_DEBUG=1 adds the stack trace.`;

/** An error whose message is meant for the user as is: one line naming the input and what to do. */
export class WgupError extends Error {
	constructor(message: string, readonly exitCode: number = EXIT.failed) {
		super(message);
	}
}

const usage = (message: string) => new WgupError(message, EXIT.usage);

/* ---------------------------------------------------------------------------------------------- names */

/** What a name that reaches a Makefile, a shell script or a YAML file may look like. */
export const SAFE_NAME = /^[A-Za-z0-9_.-]+$/;

/** A file name safe to paste into a Makefile, shell script or YAML; `what` names where it came from. */
export function checkSafeName(name: string, what: string): string {
	if (!SAFE_NAME.test(name) || name === '.' || name === '..') {
		throw new WgupError(`${what}: the file name ${JSON.stringify(name)} is refused: names that reach a Makefile, ` +
			'a shell script or YAML must match [A-Za-z0-9_.-]+; rename the file');
	}
	return name;
}

/* ---------------------------------------------------------------------------------------------- paths */

/** The components of a relative POSIX path, refusing absolute paths and "", "." and ".." components. */
export function relComponents(rel: string, what: string): string[] {
	const parts = rel.split('/');
	if (!rel || rel.startsWith('/') || path.isAbsolute(rel) || rel.includes('\0') || rel.includes('\\') ||
		parts.some((c) => c === '' || c === '.' || c === '..')) {
		throw new WgupError(`${what}: path ${JSON.stringify(rel)} is refused: it must be relative and stay inside ` +
			'(no absolute path, no "..", "." or empty component)');
	}
	return parts;
}

function lstatOrUndefined(p: string): fs.Stats | undefined {
	try {
		return fs.lstatSync(p);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw e;
	}
}

/**
 * root/rel, refused when rel is not a plain relative path or when a component that exists below root is
 * a symbolic link (or a non-directory where a directory is needed). root itself may be a symlink.
 */
export function resolveInside(root: string, rel: string, what: string): string {
	const parts = relComponents(rel, what);
	let cur = path.resolve(root);
	for (const [i, part] of parts.entries()) {
		cur = path.join(cur, part);
		const st = lstatOrUndefined(cur);
		if (!st) break;
		if (st.isSymbolicLink()) {
			throw new WgupError(`${what}: ${cur} is a symbolic link inside ${root}; wgup does not write or delete through ` +
				'links below its target: replace the link with a directory or choose another target');
		}
		if (i < parts.length - 1 && !st.isDirectory()) {
			throw new WgupError(`${what}: ${cur} is not a directory, so ${rel} cannot be written under ${root}; move it away`);
		}
	}
	return path.join(path.resolve(root), ...parts);
}

/** mkdir -p of root/relDir, each new component checked by resolveInside first. */
export function mkdirInside(root: string, relDir: string, what: string): string {
	const abs = resolveInside(root, relDir, what);
	fs.mkdirSync(abs, { recursive: true });
	return abs;
}

/* ------------------------------------------------------------------------------------------- hashing */

export function sha256(data: string | Uint8Array): string {
	return createHash('sha256').update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data).digest('hex');
}

export type Manifest = Record<string, string>;

/**
 * A manifest (path -> SHA-256 of what wgup wrote) read from file: undefined when absent; entries validated
 * like any other path, so a planted "../x" is refused with the manifest named.
 */
export function readManifest(file: string): Manifest | undefined {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw new WgupError(`cannot read ${file}: ${(e as Error).message}`);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw new WgupError(`${file} is not the JSON wgup wrote; remove it (files it listed will then not be removed by wgup)`);
	}
	if (typeof json !== 'object' || json === null || Array.isArray(json)) {
		throw new WgupError(`${file} is not a path -> sha256 object; remove it`);
	}
	const out: Manifest = {};
	for (const [p, h] of Object.entries(json as Record<string, unknown>)) {
		relComponents(p, `${file} (a wgup manifest; remove it if you did not write this entry)`);
		if (typeof h !== 'string' || !/^[0-9a-f]{64}$/.test(h)) throw new WgupError(`${file}: entry ${JSON.stringify(p)} has no sha256; remove the manifest`);
		out[p] = h;
	}
	return out;
}

export function renderManifest(m: Manifest): string {
	const sorted: Manifest = {};
	for (const k of Object.keys(m).sort()) sorted[k] = m[k];
	return `${JSON.stringify(sorted, null, '\t')}\n`;
}

export type RemoveOutcome = 'removed' | 'missing' | 'changed';

/**
 * Remove root/rel only when it is a regular file (not a link) inside root whose bytes still hash to
 * `sha`, what wgup wrote there. 'changed': left alone (edited since, or not a plain file).
 */
export function removeIfUnchanged(root: string, rel: string, sha: string, what: string): RemoveOutcome {
	const abs = resolveInside(root, rel, what);
	const st = lstatOrUndefined(abs);
	if (!st) return 'missing';
	if (!st.isFile()) return 'changed';
	if (sha256(fs.readFileSync(abs)) !== sha) return 'changed';
	fs.unlinkSync(abs);
	return 'removed';
}

/* ------------------------------------------------------------------------------------------- writing */

export interface PendingWrite {
	/** absolute path; check it with resolveInside first when it comes from a relative path */
	readonly file: string;
	readonly data: string | Uint8Array;
	/** default: the existing file's mode, else 0644 */
	readonly mode?: number;
	/** follow a symlink at the file itself (user-named files: --catalogue, --json); default false */
	readonly followLink?: boolean;
}

const tmpName = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);

/**
 * Write every file or none: a temporary file next to each target first, then the renames. A failure
 * while writing the temporaries removes them and leaves every target as it was. A target that is a
 * symlink is refused unless followLink (then the link's target is replaced and the link kept).
 */
export function writeAllOrNothing(writes: readonly PendingWrite[]): void {
	const staged: Array<{ tmp: string; dest: string }> = [];
	try {
		for (const w of writes) {
			let dest = path.resolve(w.file);
			const st = lstatOrUndefined(dest);
			if (st?.isSymbolicLink()) {
				if (!w.followLink) throw new WgupError(`${dest} is a symbolic link; wgup does not write through it: replace it with a file`);
				dest = fs.realpathSync(dest);
			}
			const cur = st?.isSymbolicLink() ? lstatOrUndefined(dest) : st;
			if (cur?.isDirectory()) throw new WgupError(`${dest} is a directory; give a file path`);
			fs.mkdirSync(path.dirname(dest), { recursive: true });
			const mode = w.mode ?? (cur ? cur.mode & 0o7777 : 0o644);
			const tmp = trackScratch(tmpName(dest));
			staged.push({ tmp, dest });
			try {
				fs.writeFileSync(tmp, w.data, { mode, flag: 'wx' });
				fs.chmodSync(tmp, mode);
			} catch (e) {
				const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
				throw new WgupError(`cannot write ${dest} (${code}); nothing was changed: make ${path.dirname(dest)} writable, or free space, and run again`);
			}
		}
	} catch (err) {
		for (const s of staged) dropScratch(s.tmp);
		throw err;
	}
	for (const s of staged) {
		fs.renameSync(s.tmp, s.dest);
		dropScratch(s.tmp, true);
	}
}

/** A file the user named (--json, --html, --tarball, --catalogue): a symlink is followed and kept. */
export function writeUserFile(file: string, data: string | Uint8Array): void {
	writeAllOrNothing([{ file, data, followLink: true }]);
}

/**
 * Check before any work that a file the user named can be written: it is not a directory, and its
 * directory exists or can be created (the nearest existing ancestor is a writable directory, not a
 * file). `flag` names the option in the error.
 */
export function checkWritableFile(file: string, flag: string): string {
	const abs = path.resolve(file);
	const isDir = (p: string) => {
		try {
			return fs.statSync(p).isDirectory();
		} catch {
			return false;
		}
	};
	if (isDir(abs)) throw usage(`${flag} ${file} is a directory; give the path of a file to write`);
	let dir = path.dirname(abs);
	while (!fs.existsSync(dir)) dir = path.dirname(dir);
	if (!isDir(dir)) throw usage(`${flag} ${file}: ${dir} is not a directory; choose another path`);
	try {
		fs.accessSync(dir, fs.constants.W_OK);
	} catch {
		throw usage(`${flag} ${file}: the directory ${dir} is not writable; choose another path`);
	}
	return abs;
}

/** An input file's bytes, never decoded. */
export function readBytes(file: string): Buffer {
	return fs.readFileSync(file);
}

/* ------------------------------------------------------------------------------------ strict parsing */

/** __FreeBSD_version: a plain decimal in [100000, 9999999]. */
export function parseFreebsdVersion(text: string, what: string): number {
	const t = text.trim();
	if (!/^[1-9][0-9]{5,6}$/.test(t)) {
		throw usage(`${what}: ${JSON.stringify(text)} is not a __FreeBSD_version: it must be a decimal number from 100000 to 9999999 (e.g. 1400036)`);
	}
	return Number(t);
}

/** A real calendar date written YYYY-MM-DD. */
export function parseIsoDate(text: string, what: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
	if (!m || !d || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() + 1 !== Number(m[2]) || d.getUTCDate() !== Number(m[3])) {
		throw usage(`${what}: ${JSON.stringify(text)} is not a real date written YYYY-MM-DD (e.g. 2026-11-26)`);
	}
	return text;
}

/** A git commit id: 7 to 40 hexadecimal digits (lower-cased). */
export function parseCommit(text: string, what: string): string {
	if (!/^[0-9a-fA-F]{7,40}$/.test(text)) {
		throw usage(`${what}: ${JSON.stringify(text)} is not a commit id: it must be 7 to 40 hexadecimal digits`);
	}
	return text.toLowerCase();
}

/** A comma-separated list option; an empty list is refused (it would otherwise mean "everything"). */
export function parseList(text: string, what: string): string[] {
	const items = text.split(',').map((s) => s.trim());
	if (!items.length || items.some((s) => !s)) {
		throw usage(`${what} ${JSON.stringify(text)}: give a comma-separated list of names, without empty entries, or leave the option out`);
	}
	return items;
}

/* ------------------------------------------------------------------------------------------- scratch */

/** A scratch directory holding this file was kept on purpose and is never swept. */
export const KEPT_MARKER = '.wgup-kept';

/** A scratch directory left by an interrupted run is removed once it is this old and its pid is gone. */
export const STALE_AFTER_MS = 10 * 60 * 1000;

const live = new Set<string>();
let handlersInstalled = false;

/** Descendants of this process (children, their children, ...), from Linux /proc; elsewhere none. */
function descendantPids(): number[] {
	let names: string[];
	try {
		names = fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n));
	} catch {
		return [];
	}
	const parentOf = new Map<number, number>();
	for (const n of names) {
		// pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'
		const stat = readStat(Number(n));
		if (stat) parentOf.set(Number(n), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
	}
	const out: number[] = [];
	const walk = (pid: number) => {
		for (const [child, parent] of parentOf) {
			if (parent === pid) {
				out.push(child);
				walk(child);
			}
		}
	};
	walk(process.pid);
	return out;
}

const running = (pid: number) => {
	const stat = readStat(pid);
	return stat !== '' && !/^\d+ \(.*\) [ZX]/s.test(stat);
};

function sleepMs(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/*
 * Stop the descendants (git and its helpers, cc) first: one still running could write into the scratch
 * directory again after it was removed. The signal first, SIGKILL for any still running after 2 s.
 */
function stopChildren(signal: NodeJS.Signals): void {
	const pids = descendantPids();
	const send = (sig: NodeJS.Signals) => {
		for (const pid of pids) {
			try {
				process.kill(pid, sig);
			} catch {
				// already gone
			}
		}
	};
	send(signal);
	for (const [limit, next] of [[2000, 'SIGKILL'], [1000, undefined]] as const) {
		const until = Date.now() + limit;
		while (Date.now() < until && pids.some(running)) sleepMs(10);
		if (!pids.some(running) || !next) break;
		send(next);
	}
}

function readStat(pid: number): string {
	try {
		return fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return '';
	}
}

function onSignal(signal: NodeJS.Signals): void {
	stopChildren(signal);
	for (const d of live) {
		try {
			fs.rmSync(d, { recursive: true, force: true, maxRetries: 5 });
		} catch (e) {
			process.stderr.write(`wgup: could not remove ${d} (${(e as Error).message}); remove it by hand\n`);
		}
	}
	live.clear();
	process.stderr.write(`wgup: interrupted by ${signal}; scratch removed\n`);
	process.exit(signal === 'SIGINT' ? EXIT.interrupted : 143);
}

function installHandlers(): void {
	if (handlersInstalled) return;
	handlersInstalled = true;
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
}

function uninstallHandlers(): void {
	if (!handlersInstalled || live.size) return;
	handlersInstalled = false;
	process.off('SIGINT', onSignal);
	process.off('SIGTERM', onSignal);
}

/** Track a directory (scratch or staging) to remove on SIGINT/SIGTERM; release with dropScratch. */
export function trackScratch(dir: string): string {
	live.add(dir);
	installHandlers();
	return dir;
}

/** Scratch directory wgup-<kind>-<pid>-<random> under parent (default the temporary directory). */
export function makeScratch(kind: string, parent: string = os.tmpdir()): string {
	checkSafeName(kind, 'scratch kind');
	const dir = path.join(parent, `wgup-${kind}-${process.pid}-${randomBytes(4).toString('hex')}`);
	// tracked (and the handlers installed) before it exists: a signal right after mkdir still removes it
	trackScratch(dir);
	try {
		fs.mkdirSync(dir, { mode: 0o700 });
	} catch (e) {
		dropScratch(dir, true);
		throw new WgupError(`cannot create a scratch directory in ${parent} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); ` +
			'set TMPDIR to a writable directory');
	}
	return dir;
}

/** Remove a scratch directory and stop tracking it. keep: only stop tracking. */
export function dropScratch(dir: string, keep = false): void {
	if (!keep) fs.rmSync(dir, { recursive: true, force: true });
	live.delete(dir);
	uninstallHandlers();
}

/**
 * Keep a scratch directory on purpose (its logs and files are a failed run's evidence): mark it, so a
 * later run's sweepStale leaves it alone, and stop tracking it.
 */
export function keepMarked(dir: string, why: string): void {
	fs.writeFileSync(path.join(dir, KEPT_MARKER), `kept: ${why}\n`);
	dropScratch(dir, true);
}

/** Directories currently tracked (tests). */
export function trackedScratch(): string[] {
	return [...live];
}

function pidAlive(pid: number): boolean {
	if (pid === process.pid) return true;
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Remove what an interrupted earlier run of this command left in parent: entries named
 * `<prefix><pid>-<8 hex>` (and the older mkdtemp names `<prefix><6 chars>`) whose pid is not running
 * and that are older than STALE_AFTER_MS. Returns the removed paths; log says so for each.
 */
export function sweepStale(parent: string, prefix: string, log: (line: string) => void, now = Date.now()): string[] {
	const esc = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return sweepMatching(parent, new RegExp(`^${esc}(?:(\\d+)-[0-9a-f]{8}|[A-Za-z0-9]{6})$`), log, now);
}

/** Temporary files of an atomic write (`name.tmp-<pid>-<rand>`, `.name.tmp-<pid>-<hex>`) left in dir. */
export const TMP_FILE_RE = /^.+\.tmp-(\d+)-[0-9a-z]{1,8}$/;

/** sweepStale with an explicit pattern; its first group, when it matched, is the pid of the writer. */
export function sweepMatching(parent: string, re: RegExp, log: (line: string) => void, now = Date.now()): string[] {
	let names: string[];
	try {
		names = fs.readdirSync(parent);
	} catch {
		return [];
	}
	const removed: string[] = [];
	for (const name of names) {
		const m = re.exec(name);
		if (!m) continue;
		const p = path.join(parent, name);
		const st = lstatOrUndefined(p);
		if (!st || st.isSymbolicLink() || (process.getuid && st.uid !== process.getuid())) continue;
		// a directory kept on purpose (e.g. for a failed run's reproduce commands) says so
		if (st.isDirectory() && fs.existsSync(path.join(p, KEPT_MARKER))) continue;
		if (now - st.mtimeMs < STALE_AFTER_MS) continue;
		if (m[1] && pidAlive(Number(m[1]))) continue;
		fs.rmSync(p, { recursive: true, force: true });
		removed.push(p);
		log(`removed ${p}: left by an interrupted earlier run`);
	}
	return removed;
}

/** Is the temporary directory usable? An error naming TMPDIR otherwise. */
export function checkTmpdir(): void {
	const dir = os.tmpdir();
	try {
		if (!fs.statSync(dir).isDirectory()) throw new Error('not a directory');
		fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
	} catch (e) {
		throw new WgupError(`the temporary directory ${dir} is not usable (${(e as Error).message}); set TMPDIR to a writable directory`);
	}
}

/** The message of any error as one line (for stderr). */
export function oneLine(message: string): string {
	return message.split('\n').map((l) => l.trim()).filter(Boolean).join('; ');
}
