/*
 * The Linux twin for real: the quick subset of ci/linux/netns.sh in namespaces made for this run (pings
 * both ways over IPv4 and IPv6, the wgup peer, one TCP stream each way, roaming, wrong keys), then an
 * interrupted run that must leave nothing behind. Needs root; fails (does not skip) without it.
 * The full battery is `npx nx run battery:battery-full` / `npx wgup battery --linux --full`.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { QUICK_STEPS, cleanupLinuxRun, newRunId, runLinuxBattery, stateDir, type BatteryRunResult } from '../src';

jest.setTimeout(180_000);

const runIds: string[] = [];

/** Everything a run could leave: namespaces, wireguard-go control sockets, processes, its state directory. */
function traces(runId: string): string[] {
	const found: string[] = [];
	const ns = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout;
	found.push(...ns.split('\n').filter((l) => l.startsWith(`wgb-${runId}-`)));
	if (fs.existsSync('/var/run/wireguard')) found.push(...fs.readdirSync('/var/run/wireguard').filter((n) => n.startsWith(`wgb${runId}`)));
	for (const pid of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
		let args = '';
		try {
			args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
		} catch {
			continue; // exited while we looked
		}
		if (args.includes(`wgb${runId}`) || args.includes(`wgb-${runId}-`) || args.includes(stateDir(runId))) found.push(`${pid}: ${args}`);
	}
	if (fs.existsSync(stateDir(runId))) found.push(stateDir(runId));
	return found;
}

afterAll(() => {
	for (const id of runIds) cleanupLinuxRun(id);
});

test('runs as root', () => {
	expect(process.getuid?.()).toBe(0);
});

test('`wgup battery` without --linux says what to add; --steps and --full exclude each other', () => {
	const bin = path.join(REPO_ROOT, 'tools/cli/bin/wgup.js');
	const r = spawnSync(process.execPath, [bin, 'battery'], { encoding: 'utf8' });
	expect(r.status).toBe(1);
	expect(r.stderr).toMatch(/only the Linux twin runs here: add --linux/);
	const r2 = spawnSync(process.execPath, [bin, 'battery', '--linux', '--full', '--steps', 'ping4'], { encoding: 'utf8' });
	expect(r2.stderr).toMatch(/--steps and --full exclude each other/);
});

describe('the quick battery', () => {
	let result: BatteryRunResult;
	const lines: string[] = [];

	beforeAll(async () => {
		const runId = newRunId();
		runIds.push(runId);
		result = await runLinuxBattery({ runId, log: (l) => lines.push(l) });
	});

	test('every quick step passes', () => {
		const failed = result.steps.filter((s) => !s.ok);
		// on failure, show the transcripts
		expect(failed.map((s) => `${s.name}\n${s.transcript.join('\n')}`)).toEqual([]);
		expect(result.steps.map((s) => s.name)).toEqual(QUICK_STEPS);
		expect([result.passed, result.failed]).toEqual([QUICK_STEPS.length, 0]);
		expect(lines[lines.length - 1]).toBe(`${QUICK_STEPS.length} passed, 0 failed`);
	});

	test('peer3 was a wgup peer (the CLI has the peer command)', () => {
		expect(result.wgupPeer).toMatch(/wgup\.js peer$/);
		const p3 = result.steps.find((s) => s.name === 'ping4-peer3')!;
		expect(p3.transcript.join('\n')).toMatch(/wgup\.js peer --private-key .* --ping 10\.241\.0\.1/);
	});

	test('the run cleaned up after itself: the runner found nothing left', () => {
		expect(result.leftovers).toEqual([]);
		expect(traces(result.runId)).toEqual([]);
	});
});

test('Ctrl-C in the middle of a step still removes every namespace and process', async () => {
	const runId = newRunId();
	runIds.push(runId);
	const child = spawn(process.execPath, [path.join(REPO_ROOT, 'tools/cli/bin/wgup.js'), 'battery', '--linux', '--no-wgup-peer',
		'--steps', 'keepalive', '--run-id', runId], { stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	child.stdout.on('data', (c: Buffer) => (out += c.toString()));
	child.stderr.on('data', (c: Buffer) => (out += c.toString()));
	// wait until the namespaces exist and wireguard-go runs, then interrupt
	for (let i = 0; i < 300 && !fs.existsSync(`/var/run/wireguard/wgb${runId}p3.sock`); i++) await new Promise((r) => setTimeout(r, 100));
	expect(traces(runId).length).toBeGreaterThan(0);
	child.kill('SIGINT');
	const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
	expect({ code, out }).toEqual({ code: 130, out: expect.stringMatching(/SIGINT: stopping the script/) });
	expect(out).toMatch(/^0 passed, 1 failed$/m);
	expect(traces(runId)).toEqual([]);
});
