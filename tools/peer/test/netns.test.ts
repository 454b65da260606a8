/*
 * Interop with a real WireGuard: wireguard-go configured by `wg` in one namespace, `wgup peer` in
 * another. Needs root (CI runs as root); without it the suite fails and says so rather than skipping.
 */
import { execFileSync } from 'node:child_process';
import { FUZZ, World, removeStaleNamespaces, until } from './netns-world';

jest.setTimeout(120_000);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

test('runs as root (network namespaces and wireguard-go need it)', () => {
	if (!isRoot) throw new Error('tools/peer netns tests need root: run `npm test` as root (CI does), or `sudo npx jest tools/peer`');
	expect(isRoot).toBe(true);
});

const describeRoot = isRoot ? describe : describe.skip;
if (isRoot) removeStaleNamespaces();

describeRoot('wgup peer against wireguard-go', () => {
	let world: World | undefined;
	afterEach(async () => {
		await world?.close();
		world = undefined;
	});

	test('wireguard-go pings wgup (wireguard-go initiates), then wgup pings wireguard-go (wgup initiates)', async () => {
		world = new World();
		await world.up();
		const responder = world.wgup([]);
		await world.listening(responder);
		const ping = world.goPing(world.wgupTunnel4);
		expect(ping.output).toMatch(/3 received/);
		expect(ping.ok).toBe(true);
		/* goPing blocks this event loop; let the child's stderr arrive */
		await until(() => /handshake complete with .* \(they initiated\)/.test(responder.stderr), 5000, 'the handshake line');
		const st = await world.status(responder);
		expect(st.echoRequestsAnswered).toBeGreaterThanOrEqual(3);
		responder.child.kill('SIGTERM');
		expect(await responder.exited).toBe(0);
		expect(responder.stdout).toMatch(/^summary \{/m);

		const pinger = world.wgup(['--count', '3', '--interval', '0.2'], { pingGo: world.goTunnel4 });
		expect(await pinger.exited).toBe(0);
		expect(pinger.stderr).toMatch(/\(we initiated\)/);
		expect(pinger.stdout).toMatch(/3 packets transmitted, 3 received, 0% packet loss/);
		expect(pinger.stdout).toMatch(/bytes from 10\.77\.0\.1: icmp_seq=1 time=[0-9.]+ ms/);
	});

	test('with a preshared key, and IPv6 inside the tunnel, both directions', async () => {
		world = new World({ goPsk: true, wgupPsk: 'same' });
		await world.up();
		const responder = world.wgup([]);
		await world.listening(responder);
		const ping6 = world.goPing(world.wgupTunnel6);
		expect(ping6.output).toMatch(/3 received/);
		const ping4 = world.goPing(world.wgupTunnel4, 2);
		expect(ping4.output).toMatch(/2 received/);
		responder.child.kill('SIGINT');
		expect(await responder.exited).toBe(0);

		const pinger = world.wgup(['--count', '2', '--interval', '0.2'], { pingGo: world.goTunnel6 });
		expect(await pinger.exited).toBe(0);
		expect(pinger.stderr).toMatch(/\(we initiated\)/);
		expect(pinger.stdout).toMatch(/bytes from fd77::1: icmp_seq=2/);
	});

	test('a wrong preshared key: no handshake in either direction, both sides keep running', async () => {
		world = new World({ goPsk: true, wgupPsk: 'different' });
		await world.up();
		const responder = world.wgup([]);
		await world.listening(responder);
		expect(world.goPing(world.wgupTunnel4, 2).ok).toBe(false);
		expect(world.goLatestHandshake()).toBe(0);
		const st = await world.status(responder);
		expect(st.handshakes).toBe(0);
		responder.child.kill('SIGTERM');
		expect(await responder.exited).toBe(0);

		const pinger = world.wgup(['--count', '1', '--wait', '2'], { pingGo: world.goTunnel4 });
		expect(await pinger.exited).toBe(1);
		expect(pinger.stdout).toMatch(/1 packets transmitted, 0 received/);
		expect(pinger.stdout).toMatch(/"response-decrypt-failed":[1-9]/);
		expect(world.goAlive()).toBe(true);
		expect(world.goLatestHandshake()).toBe(0);
	});

	test('an unknown public key: wgup drops the initiation as unknown-peer, nobody crashes', async () => {
		world = new World({ wgupKnowsWrongKey: true });
		await world.up();
		const responder = world.wgup([]);
		await world.listening(responder);
		expect(world.goPing(world.wgupTunnel4, 1).ok).toBe(false);
		const st = await world.status(responder);
		expect(st.drops['unknown-peer']).toBeGreaterThanOrEqual(1);
		expect(st.handshakes).toBe(0);
		expect(responder.child.exitCode).toBeNull();
		expect(world.goAlive()).toBe(true);
		expect(world.goLatestHandshake()).toBe(0);

		/* an endpoint with no route: a clear message, a failed ping, no crash */
		const lost = world.wgup(['--listen-port', '0', '--endpoint', '203.0.113.9:51820', '--ping', world.goTunnel4, '--count', '1', '--wait', '1']);
		expect(await lost.exited).toBe(1);
		expect(lost.stderr).toMatch(/cannot send to 203\.0\.113\.9:51820: ENETUNREACH \(is the endpoint reachable\?\)/);
		expect(lost.stdout).toMatch(/"sendErrors":\{"ENETUNREACH":[1-9]/);
	});

	test('100,000 fuzz datagrams: wgup counts them by reason and still answers pings', async () => {
		world = new World();
		await world.up();
		const responder = world.wgup([]);
		await world.listening(responder);
		expect(world.goPing(world.wgupTunnel4, 1).ok).toBe(true);
		const kernelBefore = world.udpCounters(world.nsWgup);
		const report = JSON.parse(execFileSync('ip', ['netns', 'exec', world.nsWgup, process.execPath, FUZZ,
			'--host', '127.0.0.1', '--port', String(world.wgupPort), '--count', '100000', '--target', world.wgupPub,
			'--known-key', world.file('go.key'), '--pace', String(256 * 1024)], { encoding: 'utf8', timeout: 100_000 }));
		expect(report.sent).toBe(100000);
		/* wait until the peer has drained its socket: two equal readings in a row */
		const total = (d: Record<string, number>) => Object.values(d).reduce((a, b) => a + b, 0);
		let st = await world.status(responder);
		for (let prev = -1; total(st.drops) !== prev;) {
			prev = total(st.drops);
			await new Promise((r) => setTimeout(r, 500));
			st = await world.status(responder);
		}
		const counted = total(st.drops);
		/* what the socket buffer could not hold the kernel counts (InErrors); pacing keeps that near zero */
		const kernelDropped = world.udpCounters(world.nsWgup).InErrors - kernelBefore.InErrors;
		process.stdout.write(`fuzz: ${counted} of ${report.sent} datagrams counted by wgup, ${kernelDropped} dropped by the kernel: ${JSON.stringify(st.drops)}\n`);
		/* every datagram is accounted for: counted by reason, or dropped by the kernel before reaching us
		 * (at most one fuzz initiation from the known key is accepted: its first copy) */
		expect(counted + kernelDropped).toBeGreaterThanOrEqual(report.sent - 1);
		expect(counted + kernelDropped).toBeLessThanOrEqual(report.sent + 10);
		expect(counted).toBeGreaterThan(50_000);
		for (const reason of ['too-short', 'unknown-type', 'reserved-not-zero', 'bad-initiation-length', 'bad-mac1', 'unknown-receiver-index']) {
			expect({ reason, seen: (st.drops[reason] ?? 0) > 0 }).toEqual({ reason, seen: true });
		}
		expect(responder.child.exitCode).toBeNull();
		const after = world.goPing(world.wgupTunnel4, 3);
		expect(after.output).toMatch(/[1-3] received/);
		expect(after.ok).toBe(true);
	});
});
