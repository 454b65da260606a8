/*
 * Two network namespaces joined by a veth pair: wireguard-go (configured with `wg`) in one, `wgup peer`
 * in the other. Every name carries this process's pid and a counter, and every world is torn down in
 * close() — called from afterEach/afterAll and, as a last resort, from process exit.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';

const WGUP = path.join(REPO_ROOT, 'tools/cli/bin/wgup.js');
export const FUZZ = path.join(REPO_ROOT, 'tools/peer/bin/fuzz.js');

let counter = 0;
const open = new Set<World>();
process.on('exit', () => {
	for (const w of open) w.closeSync();
});

export function run(cmd: string, args: string[], opts: { input?: string; allowFail?: boolean } = {}): string {
	try {
		return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], input: opts.input, timeout: 20_000 });
	} catch (e) {
		if (opts.allowFail) return '';
		const err = e as { stderr?: string; message: string };
		throw new Error(`${cmd} ${args.join(' ')} failed: ${err.stderr || err.message}`);
	}
}

/** Wait until check() is true, polling; throws with what after timeout ms. */
export async function until(check: () => boolean, timeout: number, what: string): Promise<void> {
	const end = Date.now() + timeout;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

export interface Proc {
	readonly child: ChildProcess;
	stdout: string;
	stderr: string;
	readonly exited: Promise<number | null>;
}

function track(child: ChildProcess): Proc {
	const p = { child, stdout: '', stderr: '' } as Proc & { exited: Promise<number | null> };
	child.stdout?.on('data', (d) => (p.stdout += d));
	child.stderr?.on('data', (d) => (p.stderr += d));
	p.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
	return p;
}

export interface WorldOptions {
	/** preshared key on the wireguard-go side and on the wgup side (different: a wrong one) */
	goPsk?: boolean;
	wgupPsk?: 'same' | 'different';
	/** wgup is given a public key that is not wireguard-go's */
	wgupKnowsWrongKey?: boolean;
}

export class World {
	readonly id = `${process.pid}-${++counter}`;
	readonly nsGo = `wgup-p6-${this.id}-a`;
	readonly nsWgup = `wgup-p6-${this.id}-b`;
	readonly wgIf = `wgp6${process.pid % 1_000_000}${counter}`;
	readonly vethGo = `vp6${process.pid % 1_000_000}${counter}a`;
	readonly vethWgup = `vp6${process.pid % 1_000_000}${counter}b`;
	readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-p6-'));
	readonly goUnderlay = '192.168.77.1';
	readonly wgupUnderlay = '192.168.77.2';
	readonly goPort = 51820;
	readonly wgupPort = 51821;
	readonly goTunnel4 = '10.77.0.1';
	readonly wgupTunnel4 = '10.77.0.2';
	readonly goTunnel6 = 'fd77::1';
	readonly wgupTunnel6 = 'fd77::2';
	readonly procs: Proc[] = [];
	goPub = '';
	wgupPub = '';
	private closed = false;

	constructor(readonly options: WorldOptions = {}) {
		open.add(this);
	}

	file(name: string): string {
		return path.join(this.dir, name);
	}

	async up(): Promise<void> {
		const o = this.options;
		for (const n of ['go', 'wgup', 'stranger']) {
			fs.writeFileSync(this.file(`${n}.key`), run('wg', ['genkey']), { mode: 0o600 });
			fs.writeFileSync(this.file(`${n}.pub`), run('wg', ['pubkey'], { input: fs.readFileSync(this.file(`${n}.key`), 'utf8') }));
		}
		fs.writeFileSync(this.file('psk'), run('wg', ['genpsk']), { mode: 0o600 });
		fs.writeFileSync(this.file('psk2'), run('wg', ['genpsk']), { mode: 0o600 });
		this.goPub = fs.readFileSync(this.file('go.pub'), 'utf8').trim();
		this.wgupPub = fs.readFileSync(this.file('wgup.pub'), 'utf8').trim();

		run('ip', ['netns', 'add', this.nsGo]);
		run('ip', ['netns', 'add', this.nsWgup]);
		run('ip', ['link', 'add', this.vethGo, 'netns', this.nsGo, 'type', 'veth', 'peer', 'name', this.vethWgup, 'netns', this.nsWgup]);
		for (const [ns, dev, addr] of [[this.nsGo, this.vethGo, this.goUnderlay], [this.nsWgup, this.vethWgup, this.wgupUnderlay]]) {
			run('ip', ['-n', ns, 'addr', 'add', `${addr}/24`, 'dev', dev]);
			run('ip', ['-n', ns, 'link', 'set', dev, 'up']);
			run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
			/* room for fuzz bursts in the receiver's socket buffer (per-namespace sysctl) */
			run('ip', ['netns', 'exec', ns, 'sysctl', '-q', '-w', 'net.core.rmem_max=8388608'], { allowFail: true });
		}

		const go = track(spawn('ip', ['netns', 'exec', this.nsGo, 'wireguard-go', '-f', this.wgIf], {
			env: { ...process.env, LOG_LEVEL: 'error', WG_PROCESS_FOREGROUND: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
		}));
		this.procs.push(go);
		await until(() => run('ip', ['-n', this.nsGo, 'link', 'show', this.wgIf], { allowFail: true }) !== '', 10_000, `wireguard-go to create ${this.wgIf}`);
		await until(() => run('ip', ['netns', 'exec', this.nsGo, 'wg', 'show', this.wgIf], { allowFail: true }) !== '', 10_000, 'the wireguard-go UAPI socket');
		const peerArgs = ['peer', this.wgupPub, 'allowed-ips', `${this.wgupTunnel4}/32,${this.wgupTunnel6}/128`,
			'endpoint', `${this.wgupUnderlay}:${this.wgupPort}`];
		if (o.goPsk) peerArgs.push('preshared-key', this.file('psk'));
		run('ip', ['netns', 'exec', this.nsGo, 'wg', 'set', this.wgIf, 'private-key', this.file('go.key'), 'listen-port', String(this.goPort), ...peerArgs]);
		run('ip', ['-n', this.nsGo, 'addr', 'add', `${this.goTunnel4}/24`, 'dev', this.wgIf]);
		run('ip', ['-n', this.nsGo, '-6', 'addr', 'add', `${this.goTunnel6}/64`, 'dev', this.wgIf, 'nodad']);
		run('ip', ['-n', this.nsGo, 'link', 'set', this.wgIf, 'up']);
	}

	/** `wgup peer` in the wgup namespace with the world's keys; extra args are appended. */
	wgup(extra: string[], opts: { pingGo?: string } = {}): Proc {
		const o = this.options;
		const args = ['netns', 'exec', this.nsWgup, process.execPath, WGUP, 'peer',
			'--private-key', this.file('wgup.key'), '--listen-port', String(this.wgupPort),
			'--address', `${this.wgupTunnel4}/24,${this.wgupTunnel6}/64`,
			'--peer', o.wgupKnowsWrongKey ? fs.readFileSync(this.file('stranger.pub'), 'utf8').trim() : this.goPub];
		if (o.wgupPsk) args.push('--preshared-key', this.file(o.wgupPsk === 'same' ? 'psk' : 'psk2'));
		if (opts.pingGo) args.push('--endpoint', `${this.goUnderlay}:${this.goPort}`, '--ping', opts.pingGo);
		const p = track(spawn('ip', [...args, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] }));
		this.procs.push(p);
		return p;
	}

	/** Wait until a running wgup peer has printed its listening line. */
	async listening(p: Proc): Promise<void> {
		await until(() => /listening on UDP port/.test(p.stderr) || p.child.exitCode !== null, 20_000, 'wgup peer to listen');
		if (p.child.exitCode !== null) throw new Error(`wgup peer exited: ${p.stderr}`);
	}

	/** Ask a running wgup peer for its counters (SIGUSR1 prints a status line). */
	async status(p: Proc): Promise<{ handshakes: number; drops: Record<string, number>; hostDrops: Record<string, number>; echoRequestsAnswered: number }> {
		const before = (p.stdout.match(/^status /gm) ?? []).length;
		p.child.kill('SIGUSR1');
		await until(() => (p.stdout.match(/^status /gm) ?? []).length > before, 10_000, 'a status line');
		const lines = p.stdout.split('\n').filter((l) => l.startsWith('status '));
		return JSON.parse(lines[lines.length - 1].slice('status '.length));
	}

	/** ping from the wireguard-go namespace through its tunnel; the exit status. */
	goPing(addr: string, count = 3): { ok: boolean; output: string } {
		try {
			const output = execFileSync('ip', ['netns', 'exec', this.nsGo, 'ping', '-n', '-c', String(count), '-i', '0.2', '-W', '2', addr],
				{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
			return { ok: true, output };
		} catch (e) {
			return { ok: false, output: String((e as { stdout?: string }).stdout ?? '') };
		}
	}

	/** the kernel's UDP counters in a namespace (/proc/net/snmp is per network namespace) */
	udpCounters(ns: string): Record<string, number> {
		const lines = run('ip', ['netns', 'exec', ns, 'cat', '/proc/net/snmp']).split('\n').filter((l) => l.startsWith('Udp:'));
		const names = lines[0].split(/\s+/).slice(1);
		const values = lines[1].split(/\s+/).slice(1).map(Number);
		return Object.fromEntries(names.map((n, i) => [n, values[i]]));
	}

	goAlive(): boolean {
		return this.procs[0].child.exitCode === null && run('ip', ['netns', 'exec', this.nsGo, 'wg', 'show', this.wgIf], { allowFail: true }) !== '';
	}

	/** latest-handshake time wireguard-go reports for its peer (0: none) */
	goLatestHandshake(): number {
		const out = run('ip', ['netns', 'exec', this.nsGo, 'wg', 'show', this.wgIf, 'latest-handshakes'], { allowFail: true });
		return Number(out.trim().split(/\s+/)[1] ?? 0);
	}

	async close(): Promise<void> {
		for (const p of this.procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([Promise.all(this.procs.map((p) => p.exited)), new Promise((r) => (timer = setTimeout(r, 5000)))]);
		clearTimeout(timer);
		this.closeSync();
	}

	closeSync(): void {
		if (this.closed) return;
		this.closed = true;
		open.delete(this);
		for (const p of this.procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
		run('ip', ['-n', this.nsGo, 'link', 'del', this.wgIf], { allowFail: true });
		run('ip', ['netns', 'del', this.nsGo], { allowFail: true });
		run('ip', ['netns', 'del', this.nsWgup], { allowFail: true });
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}

/** Remove namespaces left by earlier runs whose process is gone (a crash, a SIGKILL). */
export function removeStaleNamespaces(): void {
	for (const line of run('ip', ['netns', 'list'], { allowFail: true }).split('\n')) {
		const m = /^(wgup-p6-(\d+)-\d+-[ab])\b/.exec(line);
		if (!m) continue;
		let alive = true;
		try {
			process.kill(Number(m[2]), 0);
		} catch {
			alive = false;
		}
		if (!alive) run('ip', ['netns', 'del', m[1]], { allowFail: true });
	}
}
