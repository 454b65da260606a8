/*
 * The runner's own logic against stand-in scripts that speak the battery's transcript: per-step lines,
 * a failing step's transcript, the summary, and the second cleanup that removes what a script left.
 * Needs root (the runner refuses otherwise, and the cleanup test makes a namespace).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TranscriptParser, cleanupLinuxRun, newRunId, runLinuxBattery, runProcesses, stateDir } from '../src';

const standInDirs: string[] = [];

afterAll(() => {
	for (const d of standInDirs) fs.rmSync(d, { recursive: true, force: true });
});

function standIn(body: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-standin-script-'));
	standInDirs.push(dir);
	const file = path.join(dir, 'netns.sh');
	fs.writeFileSync(file, `#!/usr/bin/env bash\n${body}\n`, { mode: 0o755 });
	return file;
}

test('runs as root (the battery creates namespaces; this suite does not skip without root, it fails)', () => {
	expect(process.getuid?.()).toBe(0);
});

test('the parser splits the transcript by step and ignores lines that only look like markers', () => {
	const seen: string[] = [];
	const p = new TranscriptParser((o) => seen.push(`${o.name}:${o.ok}`));
	for (const l of ['=== setup: run x', '--- ok setup', '=== ping4: proves', '+ [peer1] ping', '--- 10.241.0.2 ping statistics ---',
		'--- ok ping4 (1 s)', '=== roaming: proves', '!! FAILED: peer2 pings', '--- FAIL roaming (6 s)', '=== mtu: x', 'half']) p.line(l);
	expect(seen).toEqual(['setup:true', 'ping4:true', 'roaming:false']);
	expect(p.outcomes[1].transcript).toEqual(['+ [peer1] ping', '--- 10.241.0.2 ping statistics ---']);
	expect(p.outcomes[2].seconds).toBe(6);
	expect(p.unfinished()).toEqual({ name: 'mtu', ok: false, seconds: 0, transcript: ['half'] });
});

test('a failing step prints what it proves, its pass condition and its transcript; the summary counts it', async () => {
	const script = standIn([
		'echo "=== setup: run $2"', 'echo "--- ok setup"',
		'echo "=== ping4: x"', 'echo "+ [peer1] ping"', 'echo "--- ok ping4 (1 s)"',
		'echo "=== roaming: x"', 'echo "+ [peer2] ip addr add 198.18.2.3/24 dev up2"', 'echo "!! FAILED: peer2 pings peer1 from 198.18.2.3"',
		'echo "--- FAIL roaming (3 s)"', 'echo "1 passed, 1 failed"', 'exit 1',
	].join('\n'));
	const lines: string[] = [];
	const r = await runLinuxBattery({ steps: ['ping4', 'roaming'], script, wgupPeer: null, log: (l) => lines.push(l) });
	expect([r.passed, r.failed, r.exit]).toEqual([1, 1, 1]);
	const out = lines.join('\n');
	expect(out).toMatch(/^ok {3}ping4 +1 s$/m);
	expect(out).toMatch(/^FAIL roaming +3 s$/m);
	expect(out).toMatch(/what it proves: when a peer's outer address changes/);
	expect(out).toMatch(/passes when: after peer2 moves/);
	expect(out).toMatch(/^ {7}!! FAILED: peer2 pings peer1 from 198\.18\.2\.3$/m);
	expect(lines[lines.length - 1]).toBe('1 passed, 1 failed');
});

test('steps that never ran count as failed, and the runner removes what a dying script left behind', async () => {
	const runId = newRunId();
	const ns = `wgb-${runId}-r`;
	const script = standIn([
		`ip netns add ${ns}`, `mkdir -p ${stateDir(runId)}`, 'echo "=== setup: run"', 'echo "+ [router] something"', 'kill -9 $$',
	].join('\n'));
	const lines: string[] = [];
	try {
		const r = await runLinuxBattery({ steps: ['ping4', 'ping6'], script, runId, wgupPeer: null, log: (l) => lines.push(l) });
		expect(r.exit).toBe('SIGKILL');
		expect([r.passed, r.failed, r.setup.ok]).toEqual([0, 2, false]);
		expect(r.leftovers).toEqual([`namespace ${ns}`, `directory ${stateDir(runId)}`]);
		expect(spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout).not.toContain(ns);
		expect(lines.join('\n')).toMatch(/FAIL setup \(did not finish: the script ended with SIGKILL\)/);
		expect(lines[lines.length - 1]).toBe('0 passed, 2 failed');
	} finally {
		cleanupLinuxRun(runId);
	}
});

test('refuses a stale ci/linux/netns.sh only when running the committed script; bad run ids are refused', async () => {
	await expect(runLinuxBattery({ runId: 'BAD', log: () => {} })).rejects.toThrow(/--run-id must be/);
	expect(() => cleanupLinuxRun('../x')).toThrow(/bad run id/);
});

describe('the processes a run started', () => {
	/* a background process like wireguard-go under load: SIGTERM'd by the teardown, it takes a while to exit */
	test('the runner waits for a slow one to exit before it reports: nothing left, nothing called a leftover', async () => {
		const runId = newRunId();
		const script = standIn([
			'echo "=== setup: run"', 'echo "--- ok setup"', 'echo "=== ping4: x"',
			`bash -c 'trap "sleep 1.5; exit 0" TERM; while :; do sleep 0.1; done' &`, 'slow=$!', 'sleep 0.3',
			'echo "--- ok ping4 (0 s)"', 'kill "$slow"', 'exit 0',
		].join('\n'));
		const r = await runLinuxBattery({ steps: ['ping4'], script, runId, wgupPeer: null, log: () => {} });
		expect([r.passed, r.leftovers]).toEqual([1, []]);
		expect(runProcesses(runId)).toEqual([]);
	});

	test('one that ignores SIGTERM is waited for (bounded), then killed and reported as a leftover', async () => {
		const runId = newRunId();
		const script = standIn([
			'echo "=== setup: run"', 'echo "--- ok setup"', 'echo "=== ping4: x"',
			`bash -c 'trap "" TERM; while :; do sleep 0.1; done' &`, 'sleep 0.3', 'echo "--- ok ping4 (0 s)"', 'exit 0',
		].join('\n'));
		const r = await runLinuxBattery({ steps: ['ping4'], script, runId, wgupPeer: null, log: () => {}, reapGraceMs: 1000 });
		/* the stubborn bash, and perhaps the sleep it was running at that moment */
		expect(r.leftovers).toContainEqual(expect.stringMatching(/^process \d+ \(bash -c trap "" TERM; .*\) still running 1 s after the script ended$/));
		for (const l of r.leftovers) expect(l).toMatch(/^process \d+ \((bash -c trap|sleep 0\.1)/);
		expect(runProcesses(runId)).toEqual([]);
	}, 30_000);
});
