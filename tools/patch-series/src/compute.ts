/*
 * `wgup patches`: desired state minus the base's state, as git format-patch output.
 *
 *   validate the output dir and the base (refuse, writing nothing)
 *   -> private sparse clone of the base (the user's checkout is never touched)
 *   -> for each change: present? unknown in this tree? blocked? waiting for the overlay? else plan, write, commit
 *   -> refusals: a file the base has created anew, a global symbol the base defines, an unanchored edit
 *   -> format-patch with a cover letter (and a range-diff against the previous version)
 *   -> git am on a second fresh clone must give the same tree
 *   -> the output directory is replaced only now, atomically.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { asmGlobals, globalDefinitions, loadCParser, type CSourceParser } from '@wgup/c-source';
import { dropScratch, loadTemplate, makeScratch, sweepMatching, sweepStale, TMP_FILE_RE, writeAllOrNothing } from '@wgup/codegen';
import { DriverSwitchError } from './blake2s-switch';
import { loadConfig, type SeriesConfig } from './config';
import { git, gitEnv, sparseClone, type Identity } from './git';
import { availabilityText, kernelHas } from './kernel';
import type { Change, ChangeContext, ChangePlan, OverlayFile } from './model';
import { assignOverlay, readOverlay } from './overlay';
import { SERIES } from './series';
import { renderStandin, STANDIN_DESCRIPTION } from './standin';
import { dirTree, freebsdVersion } from './tree';

export class SeriesError extends Error {}

export interface SeriesOptions {
	/** a FreeBSD src git checkout (clean, the top of the repository) */
	readonly base?: string;
	/**
	 * a FreeBSD src tree that need not be a git checkout (what --tree, WGUP_FREEBSD_SRC or `wgup src fetch`
	 * resolve): a git top is used as it is, any other directory has its sys/ imported as one commit
	 */
	readonly tree?: string;
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
	/** `npx wgup bench kernel --json` output the cover letter takes its numbers from (default: DEFAULT_BENCH_FILE) */
	readonly benchFile?: string;
	readonly log?: (line: string) => void;
}

export type OutcomeState = 'applied' | 'present' | 'blocked' | 'pending' | 'empty' | 'unknown' | 'unneeded';

export interface ChangeOutcome {
	readonly id: string;
	readonly subject: string;
	readonly state: OutcomeState;
	/** evidence (present, unknown, unneeded), reason (blocked, pending), why main needs it (applied) */
	readonly why?: string;
	/** what the commit does, one line each (applied) */
	readonly notes?: readonly string[];
	/** edits to files the base lacks (applied): named, never invented */
	readonly byHand?: readonly string[];
}

export interface SeriesResult {
	readonly out: string;
	/** files written for this version, sorted */
	readonly files: readonly string[];
	readonly outcomes: readonly ChangeOutcome[];
	readonly baseDescription: string;
	/** true when no real tree was given: the series is a demonstration on the built-in stand-in */
	readonly standin: boolean;
	readonly version: number;
}

/** Where the cover letter's numbers come from: `npx wgup bench kernel --json > tools/patch-series/bench-kernel.json`. */
export const DEFAULT_BENCH_FILE = path.join(__dirname, '..', 'bench-kernel.json');

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

export function commitMessage(change: Change, config: SeriesConfig, plan?: ChangePlan): string {
	const trailers: string[] = [];
	if (config.reviewedBy[change.id]) trailers.push(`Reviewed by:\t${config.reviewedBy[change.id]}`);
	if (change.mfcAfter) trailers.push(`MFC after:\t${change.mfcAfter}`);
	if (config.sponsoredBy) trailers.push(`Sponsored by:\t${config.sponsoredBy}`);
	const text = commitTemplate({ subject: plan?.subject ?? change.subject, paragraphs: (plan?.body ?? change.body).map((p) => wrap(p).join('\n')), trailers });
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
	const version = freebsdVersion(base);
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


function toPosix(p: string): string {
	return p.split(path.sep).join('/');
}

/** Writes files into dir and makes them one commit of a new repository (fixed identity and date). */
async function commitTree(dir: string, files: Iterable<readonly [string, string | Buffer]>, message: string, id: Identity): Promise<void> {
	for (const [p, text] of files) {
		fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
		fs.writeFileSync(path.join(dir, p), text);
	}
	const g = git(dir, id);
	await g.raw(['init', '--quiet', '--initial-branch=main']);
	await g.raw(['add', '--all']);
	await g.raw(['commit', '--quiet', '--no-verify', '-m', message]);
}

/** Writes the built-in stand-in into dir as a one-commit git repository. */
export async function createStandinRepo(dir: string, id: Identity): Promise<void> {
	await commitTree(dir, renderStandin(), `wgup stand-in base\n\nNot FreeBSD source: ${STANDIN_DESCRIPTION}.`, id);
}

function isGitTop(dir: string): boolean {
	const r = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' });
	return r.status === 0 && fs.realpathSync(r.stdout.trim()) === fs.realpathSync(dir);
}

/** A tree that is not a git checkout (the snapshot, an unpacked src.txz): its sys/ as one commit, same bytes. */
async function importTree(tree: string, dir: string, id: Identity): Promise<void> {
	const sys = path.join(tree, 'sys');
	if (!fs.existsSync(sys)) throw new SeriesError(`${tree} has no sys/: not a FreeBSD src tree`);
	fs.cpSync(sys, path.join(dir, 'sys'), { recursive: true });
	await commitTree(dir, [], `import sys/ of a FreeBSD src tree (__FreeBSD_version ${freebsdVersion(tree) ?? 'unknown'})`, id);
}

interface Applied {
	failures: string[];
}

/** Applies one change's plan to the work tree; returns what could not be done (refusals). */
function applyPlan(work: string, change: Change, plan: ChangePlan): Applied {
	const failures: string[] = [];
	for (const [p, text] of plan.creates ?? []) {
		if (fs.existsSync(path.join(work, p))) {
			failures.push(`would create ${p}, which the base already has (its declarations differ from what the series brings: compare them by hand)`);
			continue;
		}
		fs.mkdirSync(path.dirname(path.join(work, p)), { recursive: true });
		fs.writeFileSync(path.join(work, p), text, 'latin1');
	}
	for (const [p, text] of plan.writes) {
		if (!fs.existsSync(path.join(work, p))) {
			failures.push(`would rewrite ${p}, which the base does not have`);
			continue;
		}
		fs.writeFileSync(path.join(work, p), text, 'latin1');
	}
	for (const edit of plan.edits) {
		const abs = path.join(work, edit.file);
		if (!fs.existsSync(abs)) {
			failures.push(`${edit.describe}: cannot anchor the hunk: ${edit.file} is not in the base`);
			continue;
		}
		const r = edit.apply(fs.readFileSync(abs, 'latin1'));
		if (!r.ok) failures.push(`${edit.describe}: cannot anchor the hunk: looked for ${r.anchor}`);
		else fs.writeFileSync(abs, r.text, 'latin1');
	}
	for (const p of plan.deletes) fs.rmSync(path.join(work, p), { force: true });
	return { failures: failures.map((f) => `change ${change.id} ("${plan.subject ?? change.subject}"): ${f}`) };
}

/**
 * Global symbols the series' new C files define that something else in the patched tree (anywhere
 * under sys/, C definitions and `.globl` in assembly) already defines: a duplicate strong symbol
 * breaks the kernel link. git grep narrows the files to read; the parser decides.
 */
export function symbolClashes(work: string, created: readonly string[], c: CSourceParser, id: Identity): string[] {
	const clashes: string[] = [];
	const defs = new Map<string, string[]>();
	for (const f of created.filter((p) => p.endsWith('.c'))) defs.set(f, globalDefinitions(c.declarations(fs.readFileSync(path.join(work, f), 'utf8'), f)));
	const names = [...new Set([...defs.values()].flat())];
	if (names.length === 0) return [];
	const r = spawnSync('git', ['grep', '-l', '-w', '-F', ...names.flatMap((n) => ['-e', n]), 'HEAD', '--', 'sys'], { cwd: work, env: gitEnv(id), encoding: 'utf8', maxBuffer: 64 << 20 });
	if (r.status !== 0 && r.status !== 1) throw new SeriesError(`git grep for the series' global symbols failed: ${r.stderr}`);
	const candidates = r.stdout
		.split('\n')
		.filter(Boolean)
		.map((l) => l.replace(/^HEAD:/, ''))
		.filter((p) => !created.includes(p) && /\.(c|S|s)$/.test(p));
	for (const p of candidates.sort()) {
		const text = spawnSync('git', ['show', `HEAD:${p}`], { cwd: work, env: gitEnv(id), encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
		const theirs = new Set(p.endsWith('.c') ? globalDefinitions(c.declarations(text, p)) : asmGlobals(text));
		for (const [f, mine] of defs) {
			for (const n of mine) if (theirs.has(n)) clashes.push(`${f} defines the global symbol ${n}, which ${p} already defines${p.endsWith('.c') ? '' : ' (.globl)'}: the kernel would not link`);
		}
	}
	return clashes;
}

interface BenchData {
	readonly ratios: Readonly<Record<string, number>>;
}

function readBench(file: string): BenchData | undefined {
	if (!fs.existsSync(file)) return undefined;
	let raw: unknown;
	try {
		raw = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (err) {
		throw new SeriesError(`cannot read the benchmark numbers ${file}: ${(err as Error).message}`);
	}
	const b = raw as { bench?: unknown; ratios?: unknown };
	if (b.bench !== 'kernel' || typeof b.ratios !== 'object' || b.ratios === null) throw new SeriesError(`${file} is not the output of \`npx wgup bench kernel --json\` (want {"bench":"kernel","ratios":{...}})`);
	return { ratios: b.ratios as Record<string, number> };
}

/** The cover letter's numbers for a change: the bench ratios it cites, or a marked place for them. */
function benchLines(change: Change, bench: BenchData | undefined, file: string): string[] {
	if (!change.bench?.length) return [];
	const rel = path.relative(path.join(__dirname, '..', '..', '..'), file);
	if (!bench) return [`[numbers: none yet. They come from \`npx wgup bench kernel --json > ${rel}\`, the kernel-flags benchmark; regenerate the series once it is there.]`];
	const hits = Object.entries(bench.ratios)
		/* `wgup bench kernel` reports each ratio per compiler as `<cc>_<name>`; a change names the `<name>` prefix */
		.filter(([k]) => change.bench!.some((prefix) => k.startsWith(prefix) || k.replace(/^(gcc|clang)_/, '').startsWith(prefix)))
		.sort(([a], [b]) => a.localeCompare(b));
	if (hits.length === 0) return [`[numbers: ${rel} has no ratio for ${change.bench.join(', ')}]`];
	return hits.map(([k, v]) => `${k}: ${v.toFixed(2)} (above 1: the new code is faster; \`npx wgup bench kernel\`, kernel flags)`);
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
	const benchFile = options.benchFile ?? DEFAULT_BENCH_FILE;
	const bench = readBench(benchFile);
	const c = await loadCParser();

	const scratch = makeScratch('patches');
	try {
		// the base
		let baseDir: string;
		let baseDescription: string;
		const standin = !options.base && !options.tree;
		if (options.base) {
			baseDir = path.resolve(options.base);
			baseDescription = 'a FreeBSD src tree given with --base';
		} else if (options.tree && isGitTop(path.resolve(options.tree))) {
			baseDir = path.resolve(options.tree);
			baseDescription = 'a FreeBSD src checkout';
		} else if (options.tree) {
			baseDir = path.join(scratch, 'base');
			fs.mkdirSync(baseDir);
			await importTree(path.resolve(options.tree), baseDir, id);
			baseDescription = 'a FreeBSD src tree (not a git checkout: its sys/ imported as one commit)';
		} else {
			baseDir = path.join(scratch, 'base');
			fs.mkdirSync(baseDir);
			await createStandinRepo(baseDir, id);
			baseDescription = STANDIN_DESCRIPTION;
			log('no FreeBSD tree given or resolved: running on the built-in stand-in; the result is a demonstration, not a series for FreeBSD');
		}
		const { version: fbsdVersion, head } = await checkBase(baseDir, id);
		log(`base: ${baseDescription} at ${head.slice(0, 12)}, __FreeBSD_version ${fbsdVersion}`);

		// the overlay
		const overlay = readOverlay(options.overlayDir);
		const assignment = assignOverlay(series, overlay, c);
		if (assignment.errors.length) throw new SeriesError(assignment.errors.join('\n'));
		const overlayMap = new Map<string, OverlayFile>(overlay.map((f) => [f.path, f]));
		log(`overlay: ${overlay.length} file(s) from ${toPosix(path.relative(process.cwd(), options.overlayDir)) || '.'}`);

		// the commits
		const work = path.join(scratch, 'work');
		const g = await sparseClone(baseDir, work, id);
		const outcomes: ChangeOutcome[] = [];
		const failures: string[] = [];
		const satisfied: readonly OutcomeState[] = ['applied', 'present', 'empty', 'unknown', 'unneeded'];
		for (const change of series) {
			const files = assignment.byChange.get(change.id) ?? [];
			const ctx: ChangeContext = { tree: dirTree(work), version: fbsdVersion, files, overlay: overlayMap, c };
			const base = { id: change.id, subject: change.subject };
			if (change.needsOverlay && files.length === 0) {
				outcomes.push({ ...base, state: 'pending', why: 'no file under freebsd-overlay/ for it yet' });
				continue;
			}
			const presence = change.present(ctx);
			if (presence.present || presence.unknown || presence.unneeded) {
				const state = presence.present ? 'present' : presence.unknown ? 'unknown' : 'unneeded';
				outcomes.push({ ...base, state, why: presence.evidence });
				log(`  ${state.padEnd(8)} ${change.subject} (${presence.evidence})`);
				continue;
			}
			const waiting = (change.after ?? []).filter((dep) => !outcomes.some((o) => o.id === dep && satisfied.includes(o.state)));
			if (waiting.length) {
				const names = waiting.map((dep) => series.find((x) => x.id === dep)?.subject ?? dep);
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
			let plan: ChangePlan;
			try {
				plan = await change.plan(ctx);
			} catch (err) {
				if (!(err instanceof DriverSwitchError)) throw err;
				failures.push(`change ${change.id} ("${change.subject}"): ${err.message}`);
				continue;
			}
			const applied = applyPlan(work, change, plan);
			if (applied.failures.length) {
				failures.push(...applied.failures);
				await g.raw(['checkout', '--quiet', '--', '.']);
				await g.raw(['clean', '--quiet', '-fd']);
				continue;
			}
			await g.raw(['add', '--all']);
			const staged = (await g.raw(['diff', '--cached', '--name-only'])).trim();
			const subject = plan.subject ?? change.subject;
			if (!staged) {
				outcomes.push({ id: change.id, subject, state: 'empty', why: 'the base already has these exact contents' });
				continue;
			}
			await g.raw(['commit', '--quiet', '--no-verify', '-m', commitMessage(change, config, plan)]);
			outcomes.push({ id: change.id, subject, state: 'applied', why: change.why, notes: plan.notes, byHand: plan.byHand });
			log(`  commit   ${subject}`);
			for (const n of plan.notes ?? []) log(`           ${n}`);
			for (const n of plan.byHand ?? []) log(`           ${n}`);
		}
		if (failures.length) throw new SeriesError(`refused, nothing written:\n  ${failures.join('\n  ')}`);

		// a new file defining a global symbol the tree already defines would break the kernel link
		const created = (await g.raw(['diff', '--name-only', '--diff-filter=A', head, 'HEAD'])).split('\n').filter(Boolean);
		const clashes = symbolClashes(work, created, c, id);
		if (clashes.length) throw new SeriesError(`refused, nothing written:\n  ${clashes.join('\n  ')}`);

		// the patches
		const staging = path.join(scratch, 'out');
		fs.mkdirSync(staging);
		const applied = outcomes.filter((o) => o.state === 'applied');
		// reasons wrapped under their item, in parentheses
		const reason = (why = '') => wrap(`(${why})`, 68).join('\n    ');
		const pick = (...states: OutcomeState[]) => outcomes.filter((o) => states.includes(o.state)).map((o) => ({ subject: o.subject, why: reason(o.why) }));
		const byHand = applied.flatMap((o) => (o.byHand ?? []).map((h) => ({ subject: o.subject, text: wrap(h, 68).join('\n    ') })));
		const blurb = coverTemplate({
			standin,
			total: series.length,
			applied: applied.length,
			base: wrap(`Base: ${baseDescription}, __FreeBSD_version ${fbsdVersion}.`).join('\n'),
			commits: applied.map((o) => {
				const change = series.find((x) => x.id === o.id)!;
				return { subject: o.subject, why: wrap(o.why ?? '', 68).join('\n    '), numbers: benchLines(change, bench, benchFile).map((l) => wrap(l, 68).join('\n    ')) };
			}),
			byHand,
			skipped: pick('present', 'empty'),
			unknown: pick('unknown'),
			unneeded: pick('unneeded'),
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
		return { out, files: written, outcomes, baseDescription, standin, version };
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
