/*
 * Helpers of the adversarial tests (issue 18): a sandbox with a sentinel tree whose every byte, mode and
 * link is hashed before and after a command, the CLI run as a user runs it (node tools/cli/bin/wgup.js,
 * its own TMPDIR), and interrupting it with a signal once it has made its scratch.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AS_NOBODY, repoForNobody } from '../nobody';

export const REPO = path.resolve(__dirname, '..', '..', '..', '..');
export const WGUP = path.join(REPO, 'tools', 'cli', 'bin', 'wgup.js');

export interface Sandbox {
	readonly root: string;
	/** TMPDIR given to the CLI: scratch directories appear here */
	readonly tmp: string;
	/** files of the user's, next to the target: must be byte-for-byte the same after every command */
	readonly sentinel: string;
	readonly env: NodeJS.ProcessEnv;
}

const made: string[] = [];

/* Every sandbox is removed after its file's tests (WGUP_KEEP_SANDBOX=1 keeps them for a look). */
afterAll(() => {
	if (process.env.WGUP_KEEP_SANDBOX) return;
	for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

export function sandbox(): Sandbox {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-adv-'));
	// beside root, not in it: tsx keeps its cache there, and root is hashed whole by some tests
	const tmp = `${root}-tmp`;
	const sentinel = path.join(root, 'sentinel');
	fs.mkdirSync(tmp);
	made.push(root, tmp);
	fs.mkdirSync(path.join(sentinel, 'victim'), { recursive: true });
	fs.writeFileSync(path.join(sentinel, 'victim', 'target.txt'), 'the user\'s file\n');
	fs.writeFileSync(path.join(sentinel, 'victim', 'latin1.bin'), Buffer.from([0x41, 0xe9, 0x0a]));
	fs.writeFileSync(path.join(sentinel, 'notes.md'), '# mine\n');
	fs.symlinkSync('victim/target.txt', path.join(sentinel, 'link'));
	const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, WGUP_DEBUG: '' };
	delete env.WGUP_CATALOGUE;
	return { root, tmp, sentinel, env };
}

/** Every entry under dir: path -> kind, mode and content hash (or link target). */
export function hashTree(dir: string): Record<string, string> {
	const out: Record<string, string> = {};
	const walk = (d: string) => {
		for (const name of fs.readdirSync(d).sort()) {
			const p = path.join(d, name);
			const rel = path.relative(dir, p);
			const st = fs.lstatSync(p);
			const mode = (st.mode & 0o7777).toString(8);
			if (st.isSymbolicLink()) out[rel] = `link ${fs.readlinkSync(p)}`;
			else if (st.isDirectory()) {
				out[rel] = `dir ${mode}`;
				walk(p);
			} else out[rel] = `file ${mode} ${createHash('sha256').update(fs.readFileSync(p)).digest('hex')}`;
		}
	};
	walk(dir);
	return out;
}

export interface CliResult {
	readonly status: number | null;
	readonly signal: NodeJS.Signals | null;
	readonly stdout: string;
	readonly stderr: string;
}

/*
 * Permissions do not stop root: tests of a read-only directory run the CLI as nobody (setpriv) when the
 * suite runs as root, after opening the sandbox to that user.
 */
export function unprivileged(sb: Sandbox): string[] {
	if (process.getuid?.() !== 0) return [];
	execFileSync('chmod', ['-R', 'a+rwX', sb.root, sb.tmp]);
	return AS_NOBODY;
}

/** A path of the checkout as the user of prefix reads it (nobody: in the copy of repoForNobody()). */
export function inCheckoutFor(prefix: readonly string[], p: string): string {
	return prefix.length ? path.join(repoForNobody(), path.relative(REPO, p)) : p;
}

export function runCli(args: readonly string[], sb: Sandbox, cwd: string = sb.root, extraEnv: NodeJS.ProcessEnv = {},
	prefix: readonly string[] = []): CliResult {
	// as nobody, from a checkout nobody can read (tools/cli/test/nobody.ts)
	const wgup = prefix.length ? path.join(repoForNobody(), 'tools', 'cli', 'bin', 'wgup.js') : WGUP;
	const argv = [...prefix.slice(1), process.execPath, wgup, ...args];
	const r = spawnSync(prefix[0] ?? argv.shift()!, argv, { cwd, env: { ...sb.env, ...extraEnv }, encoding: 'utf8', timeout: 120_000 });
	return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** A refusal: the exit code, one line on stderr matching re, naming wgup, no stack trace. */
export function expectOneLineError(r: CliResult, code: number, re: RegExp): void {
	const lines = r.stderr.split('\n').filter((l) => l.length);
	expect({ status: r.status, lines }).toEqual({ status: code, lines: [expect.stringMatching(re)] });
	expect(lines[0]).toMatch(/^wgup/);
	expect(r.stderr).not.toMatch(/\n\s+at /);
}

/**
 * Start the CLI, wait until ready() holds (polled every 20 ms; e.g. its scratch directory exists), send
 * the signal, and resolve with how it ended. ready() never holding within the time limit is an error.
 */
export function interrupt(args: readonly string[], sb: Sandbox, ready: (so: { stdout: string; stderr: string }) => boolean, signal: NodeJS.Signals = 'SIGINT',
	cwd: string = sb.root): Promise<CliResult & { readonly sawReady: boolean }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [WGUP, ...args], { cwd, env: sb.env });
		let stdout = '';
		let stderr = '';
		let sawReady = false;
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const started = Date.now();
		const timer = setInterval(() => {
			if (ready({ stdout, stderr })) {
				sawReady = true;
				clearInterval(timer);
				child.kill(signal);
			} else if (Date.now() - started > 60_000) {
				clearInterval(timer);
				child.kill('SIGKILL');
				reject(new Error(`${args.join(' ')}: not ready within 60 s; stderr: ${stderr}`));
			}
		}, 20);
		child.on('exit', (status, sig) => {
			clearInterval(timer);
			resolve({ status, signal: sig, stdout, stderr, sawReady });
		});
	});
}

/** Names in dir matching re (none when dir is missing). */
export function entries(dir: string, re: RegExp = /./): string[] {
	try {
		return fs.readdirSync(dir).filter((n) => re.test(n)).sort();
	} catch {
		return [];
	}
}

/** Set a path's mtime back by ms (a stale leftover of an earlier run). */
export function age(p: string, ms: number): void {
	const t = (Date.now() - ms) / 1000;
	fs.utimesSync(p, t, t);
}

export function sha256(data: Uint8Array | string): string {
	return createHash('sha256').update(data).digest('hex');
}
