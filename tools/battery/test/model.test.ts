/*
 * The battery model: it covers what the issue asks, its names are consistent, it stays pure, and each
 * dialect speaks its platform's tools.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	DIALECTS, FREEBSD, LINUX, NODES, QUICK_STEPS, STEPS, batteryScript, chooseSteps, node, shq, stepNamed,
	type Capability,
} from '../src';

const REQUIRED: Capability[] = [
	'ping4-both-ways', 'ping6-both-ways', 'tcp-both-ways', 'udp-both-ways', 'parallel-streams', 'roaming',
	'allowed-ips-reroute', 'wrong-key-fails-closed', 'persistent-keepalive', 'mtu-sized-packets', 'interface-removal',
	'userspace-peer',
];

test('the steps cover every behaviour the battery must prove', () => {
	const covered = new Set(STEPS.flatMap((s) => s.covers));
	expect(REQUIRED.filter((c) => !covered.has(c))).toEqual([]);
});

test('step names are unique shell-safe words and every step says what it proves and when it passes', () => {
	const names = STEPS.map((s) => s.name);
	expect(new Set(names).size).toBe(names.length);
	for (const s of STEPS) {
		expect(s.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
		expect(s.proves.length).toBeGreaterThan(20);
		expect(s.pass.length).toBeGreaterThan(20);
	}
});

test('the quick subset is the pings (v4, v6, the wgup peer), one TCP stream, roaming and wrong keys', () => {
	expect(QUICK_STEPS).toEqual(['ping4', 'ping6', 'ping4-peer3', 'tcp4', 'roaming', 'wrong-key']);
	expect(chooseSteps({})).toEqual(QUICK_STEPS);
	expect(chooseSteps({ full: true })).toHaveLength(STEPS.length);
	expect(chooseSteps({ steps: ['mtu', 'ping4'] })).toEqual(['mtu', 'ping4']);
	expect(() => chooseSteps({ steps: ['pnig4'] })).toThrow(/unknown battery step "pnig4"; known: ping4, /);
	expect(() => stepNamed('nope')).toThrow(/known:/);
});

test('every node has a distinct key variable, port and tunnel address, and its peers name real nodes', () => {
	expect(new Set(NODES.map((n) => n.keyVar)).size).toBe(NODES.length);
	expect(new Set(NODES.map((n) => n.listenPort)).size).toBe(NODES.length);
	expect(new Set(NODES.map((n) => n.tunnel4)).size).toBe(NODES.length);
	for (const n of NODES) for (const p of n.peers) expect(node(p.node).name).toBe(p.node);
});

test('the scripts carry no keys: keys are made at run time by wg genkey', () => {
	for (const d of Object.values(DIALECTS)) {
		const s = batteryScript(d);
		expect(s.setup.join('\n')).toMatch(/gen_key "\$KEY_peer1" PUB_peer1/);
		expect(JSON.stringify(s)).not.toMatch(/[A-Za-z0-9+/]{43}=/);
	}
});

test('each dialect uses its own platform tools and not the other one\'s', () => {
	const text = (d: typeof FREEBSD) => {
		const s = batteryScript(d);
		return [...s.names, ...s.setup, ...s.teardown, ...s.steps.flatMap((x) => x.body)].join('\n');
	};
	const bsd = text(FREEBSD);
	const linux = text(LINUX);
	for (const word of ['jail -c', 'vnet=new', 'new_epair', 'ifconfig "$WG_peer1" inet', 'wg_new', 'ping6', ' -D ']) expect(bsd).toContain(word);
	for (const word of ['new_netns', 'ip link add', 'type veth', 'wggo_start', 'ip addr add', '-Mdo']) expect(linux).toContain(word);
	for (const word of ['ip netns', 'wireguard-go', 'veth']) expect(bsd).not.toContain(word);
	for (const word of ['jail ', 'epair', 'ifconfig']) expect(linux).not.toContain(word);
	// wg(8) and iperf3 are spelled the same on both
	for (const word of ['wg set "$WG_peer1" peer "$PUB_peer2"', 'iperf3 -t 2']) {
		expect(bsd).toContain(word);
		expect(linux).toContain(word);
	}
});

test('MTU-sized pings fill the tunnel MTU exactly', () => {
	const mtu = stepNamed('mtu').body(LINUX).join('\n');
	expect(mtu).toContain('-s 1392 10.241.0.2'); // 1392 + 8 (ICMP) + 20 (IPv4) = 1420
	expect(mtu).toContain('-s 1372 fd00:241::2'); // 1372 + 8 + 40 = 1420
	expect(mtu).toContain('-s 1393 10.241.0.2');
});

test('shq quotes what bash would split or expand', () => {
	expect(shq('plain-word_1.2:3/4')).toBe('plain-word_1.2:3/4');
	expect(shq("it's")).toBe("'it'\\''s'");
	expect(shq('[fd00::1]:5')).toBe("'[fd00::1]:5'");
});

test('the model is pure: nothing under src/model does I/O or imports a tool', () => {
	const dir = path.join(__dirname, '..', 'src', 'model');
	for (const f of fs.readdirSync(dir)) {
		const text = fs.readFileSync(path.join(dir, f), 'utf8');
		expect({ f, io: /from '(node:)?(fs|child_process|net|dgram|os|http|https)'/.test(text) }).toEqual({ f, io: false });
		expect({ f, tool: /from '@wgup\//.test(text) }).toEqual({ f, tool: false });
	}
});
