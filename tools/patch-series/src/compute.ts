/*
 * `wgup patches`: desired state minus the base's state, as git format-patch output.
 *
 *   validate the output dir and the base (refuse, writing nothing)
 *   -> private sparse clone of the base (the user's checkout is never touched)
 *   -> for each change: present? blocked? waiting for the overlay? else edit, write, commit
 *   -> format-patch with a cover letter (and a range-diff against the previous version)
 *   -> git am on a second fresh clone must give the same tree
 *   -> the output directory is replaced only now, atomically.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dropScratch, loadTemplate, makeScratch, sweepMatching, sweepStale, TMP_FILE_RE, writeAllOrNothing } from '@wgup/codegen';
import { loadConfig, type SeriesConfig } from './config';
import { git, sparseClone, type Identity } from './git';
import type { Change, ChangeContext, OverlayFile } from './model';
import { assignOverlay, readOverlay } from './overlay';
import { FALLBACK_CHANGE, SERIES } from './series';
import { interfaceById } from '@wgup/kernel-api';
import { DEFAULT_PROFILE, kernelHas, renderStandin, STANDIN_PROFILES, type StandinProfile } from './standin';
import { dirTree, freebsdVersion } from './tree';

export class SeriesError extends Error {}

export interface SeriesOptions {
	/** a FreeBSD src checkout (git, clean); undefined: the built-in stand-in */
	readonly base?: string;
	/** stand-in profile (a name from STANDIN_PROFILES, or a profile) when no base is given */
	readonly profile?: string | StandinProfile;
	/** output directory (created or replaced) */
	readonly out: string;
	/** the overlay to take files from (default: this repository's freebsd-overlay/) */
	readonly overlayDir: string;
	/** series version, 1 by default */
	readonly version?: number;
	readonly fullContext?: boolean;
	readonly config?: SeriesConfig;
	readonly series?: readonly Change[];
	/** the command printed in the cover letter */
	readonly command?: string;
	readonly log?: (line: string) => void;
}

export interface ChangeOutcome {
	readonly id: string;
	readonly subject: string;
	readonly state: 'applied' | 'present' | 'blocked' | 'pending' | 'empty';
	/** evidence (present), reason (blocked, pending) */
	readonly why?: string;
}

export interface SeriesResult {
	readonly out: string;
	/** files written for this version, sorted */
	readonly files: readonly string[];
	readonly outcomes: readonly ChangeOutcome[];
	readonly baseDescription: string;
	readonly version: number;
}

const TEMPLATES = path.join(__dirname, '..', 'templates');
const commitTemplate = loadTemplate(path.join(TEMPLATES, 'commit-message.hbs'));
const coverTemplate = loadTemplate(path.join(TEMPLATES, 'cover-letter.hbs'));

/** Files the command writes in an output directory; anything else there is foreign and refused. */
const OURS = /^(v\d+-)?\d{4}-[\w.-]+\.patch$/;
const versionPrefix = (v: number) => (v > 1 ? `v${v}-` : '');
const isVersion = (file: string, v: number) => OURS.test(file) && (v > 1 ? file.startsWith(`v${v}-`) : !/^v\d+-/.test(file));

export function wrap(text: string, width = 72): string[] {
	const out: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > width) {
			out.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) out.push(line);
	return out;
}

/** A series id that stays the same across versions: the config's date and the cover subject as a slug. */
export function changeId(config: SeriesConfig): string {
	const day = config.date.slice(0, 10).replace(/-/g, '');
	const slug = config.coverSubject.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48).replace(/-$/, '');
	return `${day}-${slug}`;
}

export function commitMessage(change: Change, config: SeriesConfig): string {
	const trailers: string[] = [];
	if (config.reviewedBy[change.id]) trailers.push(`Reviewed by:\t${config.reviewedBy[change.id]}`);
	if (change.mfcAfter) trailers.push(`MFC after:\t${change.mfcAfter}`);
	if (config.sponsoredBy) trailers.push(`Sponsored by:\t${config.sponsoredBy}`);
	const text = commitTemplate({ subject: change.subject, paragraphs: change.body.map((p) => wrap(p).join('\n')), trailers });
	return `${text.trimEnd()}\n`;
}

function checkOutputDir(out: string): void {
	if (!fs.existsSync(out)) return;
	if (!fs.statSync(out).isDirectory()) throw new SeriesError(`output ${out} exists and is not a directory; choose another --out`);
	// a link (or directory) with a series file's name is not a file wgup wrote: nothing is written through it
	const odd = fs.readdirSync(out).filter((f) => !fs.lstatSync(path.join(out, f)).isFile());
	if (odd.length) throw new SeriesError(`output directory ${out} holds entries that are not plain files (${odd.sort().join(', ')}); move them away or choose another --out`);
	const foreign = fs.readdirSync(out).filter((f) => !OURS.test(f) && f !== '.gitkeep');
	if (foreign.length) {
		throw new SeriesError(`output directory ${out} holds files wgup did not write (${foreign.sort().join(', ')}); move them away or choose another --out`);
	}
}

async function checkBase(base: string, id: Identity): Promise<{ version: number; head: string }> {
	if (!fs.existsSync(base) || !fs.statSync(base).isDirectory()) throw new SeriesError(`base ${base} is not a directory`);
	const g = git(base, id);
	let top: string;
	try {
		top = (await g.raw(['rev-parse', '--show-toplevel'])).trim();
	} catch {
		throw new SeriesError(`base ${base} is not a git repository; give --base the top of a FreeBSD src clone`);
	}
	if (fs.realpathSync(top) !== fs.realpathSync(base)) throw new SeriesError(`base ${base} is inside the git repository ${top}, not its top; give --base ${top}`);
	const version = freebsdVersion(dirTree(base));
	if (version === undefined) {
		throw new SeriesError(`base ${base} does not look like a FreeBSD src tree: no sys/sys/param.h defining __FreeBSD_version`);
	}
	const dirty = (await g.raw(['status', '--porcelain', '--untracked-files=no'])).split('\n').filter((l) => l.trim());
	if (dirty.length) {
		const files = dirty.map((l) => l.slice(3)).slice(0, 10);
		throw new SeriesError(`base ${base} has uncommitted changes (${files.join(', ')}); commit or stash them, the series is computed against HEAD`);
	}
	const head = (await g.raw(['rev-parse', 'HEAD'])).trim();
	return { version, head };
}

/** Writes the stand-in tree into dir as a one-commit git repository. */
export function resolveProfile(profile: string | StandinProfile): StandinProfile {
	if (typeof profile !== 'string') return profile;
	const p = STANDIN_PROFILES[profile];
	if (!p) throw new SeriesError(`unknown stand-in profile ${profile}; known: ${Object.keys(STANDIN_PROFILES).join(', ')}`);
	return p;
}

/** Writes the stand-in tree into dir as a one-commit git repository. */
export async function createStandinRepo(dir: string, profileOrName: string | StandinProfile, id: Identity): Promise<void> {
	const profile = resolveProfile(profileOrName);
	for (const [p, text] of renderStandin(profile)) {
		fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
		fs.writeFileSync(path.join(dir, p), text);
	}
	const g = git(dir, id);
	await g.raw(['init', '--quiet', '--initial-branch=main']);
	await g.raw(['add', '--all']);
	await g.raw(['commit', '--quiet', '-m', `wgup base stand-in (profile ${profile.name}, __FreeBSD_version ${profile.version})\n\nNot FreeBSD source: ${profile.description}.`]);
}

/** Where a kernel-api interface exists, in words: `main 1400036, stable/13 1300519`. */
function availabilityText(id: string): string {
	const a = interfaceById(id)!.availability;
	const merged = Object.entries(a.merged ?? {}).map(([b, v]) => `${b} ${v}`);
	return [`main ${a.main ?? 'never'}`, ...merged].join(', ');
}

function toPosix(p: string): string {
	return p.split(path.sep).join('/');
}

/** Applies one change's plan to the work tree; returns the anchors that were missing. */
function applyChange(work: string, change: Change, ctx: ChangeContext): string[] {
	const missing: string[] = [];
	const plan = change.plan(ctx);
	// latin1 maps bytes to chars one to one: a base file's Latin-1 (or UTF-8) bytes come out as they went in
	for (const [p, text] of plan.writes) {
		fs.mkdirSync(path.dirname(path.join(work, p)), { recursive: true });
		fs.writeFileSync(path.join(work, p), text, 'latin1');
	}
	for (const edit of plan.edits) {
		const abs = path.join(work, edit.file);
		if (!fs.existsSync(abs)) {
			missing.push(`${edit.describe}: ${edit.file} does not exist`);
			continue;
		}
		const r = edit.apply(fs.readFileSync(abs, 'latin1'));
		if (!r.ok) missing.push(`${edit.describe}: looked for ${r.anchor}`);
		else fs.writeFileSync(abs, r.text, 'latin1');
	}
	for (const p of plan.deletes) fs.rmSync(path.join(work, p), { force: true });
	return missing;
}

export async function computeSeries(options: SeriesOptions): Promise<SeriesResult> {
	const log = options.log ?? (() => {});
	const config = options.config ?? loadConfig();
	const id: Identity = { name: config.author.name, email: config.author.email, date: config.date };
	const version = options.version ?? 1;
	if (!Number.isInteger(version) || version < 1) throw new SeriesError(`--version must be a positive integer, not ${options.version}`);
	const series = options.series ?? SERIES;
	const out = path.resolve(options.out);
	// scratch of an interrupted earlier run (and the old output swaps next to --out), then ours
	sweepStale(os.tmpdir(), 'wgup-patches-', log);
	sweepMatching(out, TMP_FILE_RE, log);
	sweepMatching(path.dirname(out), new RegExp(`^\\.${path.basename(out).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.tmp-[A-Za-z0-9]{6}(\\.old)?$`), log);
	checkOutputDir(out);

	const scratch = makeScratch('patches');
	try {
		// the base
		let baseDir: string;
		let baseDescription: string;
		if (options.base) {
			baseDir = path.resolve(options.base);
			baseDescription = baseDir;
		} else {
			const profile = resolveProfile(options.profile ?? DEFAULT_PROFILE);
			baseDir = path.join(scratch, 'base');
			fs.mkdirSync(baseDir);
			await createStandinRepo(baseDir, profile, id);
			baseDescription = `the built-in stand-in (profile "${profile.name}": ${profile.description})`;
		}
		const { version: fbsdVersion, head } = await checkBase(baseDir, id);
		log(`base: ${baseDescription} at ${head.slice(0, 12)}, __FreeBSD_version ${fbsdVersion}`);

		// the overlay
		const overlay = readOverlay(options.overlayDir);
		const assignment = assignOverlay(series, overlay);
		if (assignment.errors.length) throw new SeriesError(assignment.errors.join('\n'));
		const overlayMap = new Map<string, OverlayFile>(overlay.map((f) => [f.path, f]));
		log(`overlay: ${overlay.length} file(s) from ${toPosix(path.relative(process.cwd(), options.overlayDir)) || '.'}`);

		// the commits
		const work = path.join(scratch, 'work');
		const g = await sparseClone(baseDir, work, id);
		const outcomes: ChangeOutcome[] = [];
		const failures: string[] = [];
		for (const change of series) {
			const files = assignment.byChange.get(change.id) ?? [];
			const ctx: ChangeContext = { tree: dirTree(work), version: fbsdVersion, files, overlay: overlayMap };
			const base = { id: change.id, subject: change.subject };
			if (change.needsOverlay && files.length === 0) {
				if (change.id !== FALLBACK_CHANGE) outcomes.push({ ...base, state: 'pending', why: 'no file under freebsd-overlay/ for it yet' });
				continue;
			}
			const presence = change.present(ctx);
			if (presence.present) {
				outcomes.push({ ...base, state: 'present', why: presence.evidence });
				log(`  present  ${change.subject} (${presence.evidence})`);
				continue;
			}
			const waiting = (change.after ?? []).filter((dep) => !outcomes.some((o) => o.id === dep && ['applied', 'present', 'empty'].includes(o.state)));
			if (waiting.length) {
				const names = waiting.map((dep) => series.find((c) => c.id === dep)?.subject ?? dep);
				outcomes.push({ ...base, state: 'blocked', why: `needs first: ${names.join('; ')}` });
				log(`  blocked  ${change.subject} (needs first: ${names.join('; ')})`);
				continue;
			}
			if (change.requires && !kernelHas(change.requires.kernelInterface, fbsdVersion)) {
				const avail = availabilityText(change.requires.kernelInterface);
				outcomes.push({ ...base, state: 'blocked', why: `the kernel at ${fbsdVersion} lacks ${change.requires.why} (${avail})` });
				log(`  blocked  ${change.subject}`);
				continue;
			}
			const missing = applyChange(work, change, ctx);
			if (missing.length) {
				failures.push(...missing.map((m) => `change ${change.id} ("${change.subject}"): ${m}`));
				await g.raw(['checkout', '--quiet', '--', '.']);
				await g.raw(['clean', '--quiet', '-fd']);
				continue;
			}
			await g.raw(['add', '--all']);
			const staged = (await g.raw(['diff', '--cached', '--name-only'])).trim();
			if (!staged) {
				outcomes.push({ ...base, state: 'empty', why: 'the base already has these exact contents' });
				continue;
			}
			await g.raw(['commit', '--quiet', '--no-verify', '-m', commitMessage(change, config)]);
			outcomes.push({ ...base, state: 'applied' });
			log(`  commit   ${change.subject}`);
		}
		if (failures.length) {
			throw new SeriesError(`the base lacks what these edits anchor on (nothing written):\n  ${failures.join('\n  ')}`);
		}

		// the patches
		const staging = path.join(scratch, 'out');
		fs.mkdirSync(staging);
		const applied = outcomes.filter((o) => o.state === 'applied');
		// reasons wrapped under their item, in parentheses
		const reason = (why = '') => wrap(`(${why})`, 68).join('\n    ');
		const pick = (state: ChangeOutcome['state']) => outcomes.filter((o) => o.state === state).map((o) => ({ subject: o.subject, why: reason(o.why) }));
		const blurb = coverTemplate({
			total: series.filter((c) => c.id !== FALLBACK_CHANGE || (assignment.byChange.get(c.id) ?? []).length).length,
			applied: applied.length,
			base: wrap(`Base: ${options.base ? 'a FreeBSD src tree given with --base' : baseDescription}, __FreeBSD_version ${fbsdVersion}.`).join('\n'),
			version: fbsdVersion,
			skipped: pick('present').concat(pick('empty')),
			blocked: pick('blocked'),
			pending: pick('pending'),
			notSent: assignment.notSent.map((n) => ({ path: n.path, why: reason(n.why) })),
			command: options.command ?? 'npx wgup patches',
		}).trimEnd();

		if (applied.length > 0) {
			// --full-index: blob ids in full, so the abbreviation a big base would need cannot change the bytes
			const args = ['format-patch', '--quiet', '--cover-letter', '--no-signature', '--zero-commit', '--full-index', `--base=${head}`, '-o', staging];
			if (version > 1) args.push(`-v${version}`);
			if (options.fullContext) args.push('-U100000');
			const prev = await previousVersion(out, version, baseDir, scratch, id);
			if (prev) {
				await g.raw(['fetch', '--quiet', path.join(scratch, 'prev'), 'wgup-series:refs/wgup/prev']);
				args.push(`--range-diff=${head}..refs/wgup/prev`, '--creation-factor=60');
			}
			args.push(`${head}..HEAD`);
			await g.raw(args);
			const cover = path.join(staging, `${versionPrefix(version)}0000-cover-letter.patch`);
			const text = fs.readFileSync(cover, 'utf8').replace('*** SUBJECT HERE ***', config.coverSubject).replace('*** BLURB HERE ***', blurb);
			// b4's change-id: the same for every version of the series, so tools can link v1 to v2
			fs.writeFileSync(cover, `${text.trimEnd()}\nchange-id: ${changeId(config)}\n`);
		} else {
			// nothing to send: the cover letter alone says so (and why)
			const subject = `[PATCH${version > 1 ? ` v${version}` : ''} 0/0] ${config.coverSubject}`;
			const text = [`From: ${id.name} <${id.email}>`, `Subject: ${subject}`, '', 'Nothing to send: the base already has every change of the series.', '', blurb, ''].join('\n');
			fs.writeFileSync(path.join(staging, `${versionPrefix(version)}0000-cover-letter.patch`), text);
		}
		const written = fs.readdirSync(staging).sort();
		log(`format-patch: ${written.length} file(s)`);

		// proof: the series applies with git am on a fresh copy of the base and gives the same tree
		if (applied.length > 0) {
			const check = path.join(scratch, 'check');
			const c = await sparseClone(baseDir, check, id);
			const patches = written.filter((f) => !/0000-cover-letter\.patch$/.test(f)).map((f) => path.join(staging, f));
			try {
				await c.raw(['am', '--quiet', '--keep-cr', ...patches]);
			} catch (err) {
				throw new SeriesError(`the series does not apply with git am on a fresh copy of the base: ${(err as Error).message}`);
			}
			const [want, got] = [(await g.raw(['rev-parse', 'HEAD^{tree}'])).trim(), (await c.raw(['rev-parse', 'HEAD^{tree}'])).trim()];
			if (want !== got) throw new SeriesError(`git am of the series gives tree ${got}, the series was built as ${want}`);
			log(`git am: ${patches.length} patch(es) apply on a fresh copy of the base`);
		}

		// move into place: keep other versions' files, replace this version's
		installOutput(out, staging, version);
		return { out, files: written, outcomes, baseDescription, version };
	} finally {
		dropScratch(scratch);
	}
}

/**
 * When the output holds version N-1 of the series, import it onto the base in a scratch repository and
 * return its tip, for format-patch's --range-diff.
 */
async function previousVersion(out: string, version: number, baseDir: string, scratch: string, id: Identity): Promise<string | undefined> {
	if (version < 2 || !fs.existsSync(out)) return undefined;
	const prevFiles = fs
		.readdirSync(out)
		.filter((f) => isVersion(f, version - 1) && !/0000-cover-letter\.patch$/.test(f))
		.sort();
	if (prevFiles.length === 0) return undefined;
	const dir = path.join(scratch, 'prev');
	const g = await sparseClone(baseDir, dir, id);
	try {
		await g.raw(['am', '--quiet', ...prevFiles.map((f) => path.join(out, f))]);
	} catch (err) {
		throw new SeriesError(`version ${version - 1} in ${out} does not apply to this base, so there is no range-diff against it: ${(err as Error).message}`);
	}
	return (await g.raw(['rev-parse', 'HEAD'])).trim();
}

/*
 * Into --out (kept as it is: a symlink stays a symlink, its mode stays): this version's files are
 * written all or nothing, then this version's files the new series no longer has are removed. Other
 * versions' files stay.
 */
function installOutput(out: string, staging: string, version: number): void {
	fs.mkdirSync(out, { recursive: true });
	const fresh = fs.readdirSync(staging).sort();
	writeAllOrNothing(fresh.map((f) => ({ file: path.join(out, f), data: fs.readFileSync(path.join(staging, f)), mode: 0o644 })));
	for (const f of fs.readdirSync(out)) {
		if (isVersion(f, version) && !fresh.includes(f)) fs.rmSync(path.join(out, f));
	}
}
