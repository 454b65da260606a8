/*
 * `wgup battery --linux`: runs the emitted ci/linux/netns.sh itself, so what runs here is byte for byte
 * what CI and people run, and the model has one rendering. The runner adds what a script cannot give a
 * caller: the choice of steps, a check that the script is not stale, one pass/fail line per step with
 * the transcript of a failing one, a `wgup peer` as peer3 when the CLI has one, and a second, independent
 * cleanup (namespaces, processes, state directory) after the script ends however it ends.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { SCRIPT_PATHS, renderBatteryScript } from './emit';
import { QUICK_STEPS, STEPS, stepNamed } from './model';

export interface BatteryRunOptions {
	/** steps to run, in order; default: the quick subset (or every step with full) */
	readonly steps?: readonly string[];
	readonly full?: boolean;
	/** 1..6 of [a-z0-9]; default random */
	readonly runId?: string;
	/**
	 * the command that runs `wgup peer` (words split on spaces), null for none (peer3 is then wireguard-go);
	 * default: this checkout's CLI when it has the peer command
	 */
	readonly wgupPeer?: string | null;
	/** the script to run (tests point it elsewhere); default ci/linux/netns.sh, refused when stale */
	readonly script?: string;
	/** one line per finished step, the failures' transcripts and the summary */
	readonly log: (line: string) => void;
	/** also every line of the transcript as it comes */
	readonly verbose?: boolean;
	/** how long the run's processes get to exit after the script ended before they count as leftovers (default 15 s) */
	readonly reapGraceMs?: number;
}

export interface StepOutcome {
	readonly name: string;
	readonly ok: boolean;
	readonly seconds: number;
	/** every line the script printed for this step (commands, their output, failed checks) */
	readonly transcript: readonly string[];
}

export interface BatteryRunResult {
	readonly runId: string;
	readonly setup: StepOutcome;
	readonly steps: readonly StepOutcome[];
	readonly passed: number;
	readonly failed: number;
	/** the script's exit status, or the signal that ended it */
	readonly exit: number | string;
	/** what the runner's own cleanup still found and removed (empty when the script cleaned up) */
	readonly leftovers: readonly string[];
	readonly wgupPeer: string | null;
	/** stopped by SIGINT or SIGTERM */
	readonly interrupted: boolean;
}

const STEP_BEGIN = /^=== ([a-z0-9-]+)(?::|$)/;
const STEP_END = /^--- (ok|FAIL) ([a-z0-9-]+)(?: \((\d+) s\))?$/;

export function newRunId(): string {
	return randomBytes(4).readUInt32BE(0).toString(36).slice(0, 6).padStart(6, '0');
}

export const stateDir = (runId: string) => `/tmp/wgup-battery-${runId}`;

/** Which steps a run executes: named ones (checked against the model), every step, or the quick subset. */
export function chooseSteps(opts: { steps?: readonly string[]; full?: boolean }): string[] {
	if (opts.steps?.length) return opts.steps.map((s) => stepNamed(s).name);
	return opts.full ? STEPS.map((s) => s.name) : [...QUICK_STEPS];
}

/** The `wgup peer` command of this checkout, if its CLI has one and it starts; else null. */
export function detectWgupPeer(): string | null {
	const bin = path.join(REPO_ROOT, 'tools', 'cli', 'bin', 'wgup.js');
	if (/\s/.test(bin) || /\s/.test(process.execPath)) return null; // the script splits the command on spaces
	const r = spawnSync(process.execPath, [bin, 'peer', '--help'], { encoding: 'utf8', timeout: 30_000 });
	return r.status === 0 && r.stdout.includes('--ping') ? `${process.execPath} ${bin} peer` : null;
}

/** Parse the script's transcript into setup and step outcomes. */
export class TranscriptParser {
	readonly outcomes: StepOutcome[] = [];
	private current: { name: string; lines: string[] } | null = null;

	constructor(private readonly onOutcome: (o: StepOutcome) => void = () => {}) {}

	line(text: string): void {
		const end = STEP_END.exec(text);
		if (end && this.current && end[2] === this.current.name) {
			const o = { name: end[2], ok: end[1] === 'ok', seconds: Number(end[3] ?? 0), transcript: this.current.lines };
			this.outcomes.push(o);
			this.current = null;
			this.onOutcome(o);
			return;
		}
		const begin = STEP_BEGIN.exec(text);
		if (begin && begin[1] !== 'teardown') {
			this.current = { name: begin[1], lines: [] };
			return;
		}
		this.current?.lines.push(text);
	}

	/** a step the script began but never ended (it died or was interrupted) */
	unfinished(): StepOutcome | null {
		return this.current ? { name: this.current.name, ok: false, seconds: 0, transcript: this.current.lines } : null;
	}
}

/**
 * Every live process a run started, however deep: the runner gives the script WGUP_BATTERY_RUN=<run id> and
 * every process below it (ip netns exec, wireguard-go, iperf3 -D, wgup peer) inherits it. Read from
 * /proc/<pid>/environ (root reads them all); zombies show an empty environment and are not counted.
 */
export function runProcesses(runId: string): Array<{ pid: number; cmdline: string }> {
	const tag = `\0WGUP_BATTERY_RUN=${runId}\0`;
	const found: Array<{ pid: number; cmdline: string }> = [];
	for (const name of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
		try {
			if (!`\0${fs.readFileSync(`/proc/${name}/environ`, 'latin1')}`.includes(tag)) continue;
			found.push({ pid: Number(name), cmdline: fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim() });
		} catch {
			/* exited while we looked, or not ours to read */
		}
	}
	return found;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Wait, up to graceMs, for every process of the run to exit (the script's teardown has sent them SIGTERM;
 * on a loaded machine wireguard-go can take seconds to go). What is still there then is a leftover: it
 * gets SIGTERM, then SIGKILL after killMs more, and is reported.
 */
export async function reapRunProcesses(runId: string, graceMs = 15_000, killMs = 2_000): Promise<string[]> {
	const until = (deadline: number) => async () => {
		let left = runProcesses(runId);
		while (left.length && Date.now() < deadline) {
			await sleep(100);
			left = runProcesses(runId);
		}
		return left;
	};
	const stubborn = await until(Date.now() + graceMs)();
	if (!stubborn.length) return [];
	const signal = (sig: NodeJS.Signals) => {
		for (const p of runProcesses(runId)) {
			try {
				process.kill(p.pid, sig);
			} catch {
				/* exited meanwhile */
			}
		}
	};
	signal('SIGTERM');
	if ((await until(Date.now() + killMs)()).length) {
		signal('SIGKILL');
		await until(Date.now() + killMs)();
	}
	return stubborn.map((p) => `process ${p.pid} (${p.cmdline}) still running ${graceMs / 1000} s after the script ended`);
}

/** Remove whatever a run left: its namespaces, its processes (checked by command line), its state directory. */
export function cleanupLinuxRun(runId: string): string[] {
	if (!/^[a-z0-9]{1,6}$/.test(runId)) throw new Error(`bad run id ${JSON.stringify(runId)}`);
	const removed: string[] = [];
	const dir = stateDir(runId);
	if (fs.existsSync(dir)) {
		for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.pid'))) {
			const pid = Number(fs.readFileSync(path.join(dir, f), 'utf8').trim());
			if (!Number.isInteger(pid) || pid <= 1) continue;
			let cmdline = '';
			try {
				cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
			} catch {
				continue; // gone already
			}
			// pid files name our wireguard-go, iperf3 and wgup peer processes; never kill a reused pid
			if (/wireguard-go|iperf3|wgup/.test(cmdline)) {
				try {
					process.kill(pid, 'SIGTERM');
					removed.push(`process ${pid} (${cmdline.trim()})`);
				} catch {
					/* exited meanwhile */
				}
			}
		}
	}
	const netns = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
	for (const line of (netns.stdout ?? '').split('\n')) {
		const name = line.split(' ')[0];
		if (name.startsWith(`wgb-${runId}-`)) {
			spawnSync('ip', ['netns', 'del', name]);
			removed.push(`namespace ${name}`);
		}
	}
	if (fs.existsSync(dir)) {
		fs.rmSync(dir, { recursive: true, force: true });
		removed.push(`directory ${dir}`);
	}
	return removed;
}

function assertScriptCurrent(script: string): void {
	const want = renderBatteryScript('linux');
	const have = fs.existsSync(script) ? fs.readFileSync(script, 'utf8') : undefined;
	if (have !== want) {
		throw new Error(`${path.relative(REPO_ROOT, script)} is ${have === undefined ? 'missing' : 'out of date with the battery model'}; ` +
			'run `npx wgup generate` first');
	}
}

/** Run the Linux battery; resolves when the script has ended and everything it made is gone. */
export async function runLinuxBattery(opts: BatteryRunOptions): Promise<BatteryRunResult> {
	if (process.getuid?.() !== 0) {
		throw new Error('the battery needs root: it creates network namespaces, veth links and wireguard-go interfaces (run it with sudo)');
	}
	const steps = chooseSteps(opts);
	const runId = opts.runId ?? newRunId();
	if (!/^[a-z0-9]{1,6}$/.test(runId)) throw new Error(`--run-id must be 1 to 6 lower-case letters or digits, not ${runId}`);
	const script = opts.script ?? path.join(REPO_ROOT, SCRIPT_PATHS.linux);
	if (!opts.script) assertScriptCurrent(script);
	const wgupPeer = opts.wgupPeer === undefined ? detectWgupPeer() : opts.wgupPeer;
	const { log } = opts;

	log(`battery: Linux twin, run ${runId}, ${steps.length} step(s): ${steps.join(' ')}`);
	log(`battery: peer3 is ${wgupPeer ? 'a wgup peer' : 'wireguard-go'}; script ${path.relative(REPO_ROOT, script) || script}`);

	const parser = new TranscriptParser((o) => {
		if (o.name === 'setup' && o.ok) return;
		log(`${o.ok ? 'ok  ' : 'FAIL'} ${o.name.padEnd(13)} ${String(o.seconds).padStart(3)} s`);
		if (!o.ok) {
			log(`     what it proves: ${o.name === 'setup' ? 'the hosts, links and interfaces could be made' : stepNamed(o.name).proves}`);
			log(`     passes when: ${o.name === 'setup' ? 'every setup command succeeds' : stepNamed(o.name).pass}`);
			log('     transcript (commands as "+ [host] command", failed checks as "!! FAILED"):');
			for (const l of o.transcript) log(`       ${l}`);
		}
	});

	const env = { ...process.env, WGUP_BATTERY_RUN: runId } as NodeJS.ProcessEnv;
	if (wgupPeer) env.WGUP_PEER = wgupPeer;
	else delete env.WGUP_PEER;

	const child = spawn('bash', [script, '--run-id', runId, ...steps], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let interrupted = false;
	const onSignal = (sig: NodeJS.Signals) => {
		interrupted = true;
		log(`battery: ${sig}: stopping the script (it removes what it made)`);
		child.kill('SIGTERM');
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	// one line buffer per stream (the script sends everything to stdout; stderr carries only bash's own errors)
	const pendings: string[] = [];
	const feeder = () => {
		const slot = pendings.push('') - 1;
		return (chunk: Buffer) => {
			pendings[slot] += chunk.toString('utf8');
			let nl: number;
			while ((nl = pendings[slot].indexOf('\n')) >= 0) {
				const line = pendings[slot].slice(0, nl);
				pendings[slot] = pendings[slot].slice(nl + 1);
				if (opts.verbose) log(`  | ${line}`);
				parser.line(line);
			}
		};
	};
	child.stdout.on('data', feeder());
	child.stderr.on('data', feeder());

	const exit = await new Promise<number | string>((resolve) => {
		// a script that ignores SIGTERM for 60 s is killed outright
		let killer: NodeJS.Timeout | undefined;
		child.once('exit', (code, signal) => {
			if (killer) clearTimeout(killer);
			resolve(code ?? signal ?? 'unknown');
		});
		child.once('error', (err) => resolve(`spawn failed: ${err.message}`));
		const arm = () => {
			killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
		};
		process.once('SIGINT', arm);
		process.once('SIGTERM', arm);
		child.once('exit', () => {
			process.off('SIGINT', arm);
			process.off('SIGTERM', arm);
		});
	});
	process.off('SIGINT', onSignal);
	process.off('SIGTERM', onSignal);
	for (const rest of pendings) if (rest) parser.line(rest);

	/* first every process the run started must be gone (bounded), then the namespaces and the state directory */
	const leftovers = [...await reapRunProcesses(runId, opts.reapGraceMs), ...cleanupLinuxRun(runId)];
	for (const l of leftovers) log(`battery: cleanup removed a leftover ${l}`);

	const unfinished = parser.unfinished();
	if (unfinished) {
		const o = { ...unfinished };
		parser.outcomes.push(o);
		log(`FAIL ${o.name} (did not finish: the script ended with ${exit})`);
		for (const l of o.transcript.slice(-30)) log(`       ${l}`);
	}
	const setup = parser.outcomes.find((o) => o.name === 'setup') ?? { name: 'setup', ok: false, seconds: 0, transcript: [] };
	const outcomes = parser.outcomes.filter((o) => o.name !== 'setup');
	const passed = outcomes.filter((o) => o.ok).length;
	// a step that never ran (setup failed, or the run was stopped) counts as failed
	const failed = steps.length - passed;
	log(`battery (linux, run ${runId}): ${passed} passed, ${failed} failed${setup.ok ? '' : ' (setup failed)'}`);
	log(`${passed} passed, ${failed} failed`);
	return { runId, setup, steps: outcomes, passed, failed, exit, leftovers, wgupPeer, interrupted };
}
