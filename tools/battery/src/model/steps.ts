/*
 * The battery's steps. Each says what it proves and when it passes, and renders its bash for a
 * platform from the dialect. A step starts from the configured network (setup) and leaves it as it
 * found it, so any subset runs in any order.
 *
 * Facts the pass conditions rest on (WireGuard whitepaper, section 5.4 and 6; Linux and FreeBSD keep
 * byte counters per peer that `wg show IF transfer` prints):
 * - a transport data message is 16 bytes of header, the payload padded to 16, and a 16-byte tag; a
 *   keepalive is one with an empty payload, 32 bytes; a ping of 56 bytes of data is an 84-byte IPv4
 *   packet, so at least 84 bytes cross the tunnel per ping;
 * - a handshake initiation is 148 bytes;
 * - an allowed IP belongs to at most one peer of an interface: giving it to one takes it from another.
 */
import { must, mustFail, on, shq, wgSetPeer, type Dialect, type PingOptions } from './dialect';
import {
	LINKS, PING_FILL4, PING_FILL6, ROAM4, endpoint, link, node, peerEntry, type NodeName,
} from './topology';

export type Capability =
	| 'ping4-both-ways' | 'ping6-both-ways' | 'tcp-both-ways' | 'udp-both-ways' | 'parallel-streams'
	| 'roaming' | 'allowed-ips-reroute' | 'wrong-key-fails-closed' | 'persistent-keepalive' | 'mtu-sized-packets'
	| 'interface-removal' | 'outer-ipv6' | 'userspace-peer';

export interface Step {
	readonly name: string;
	/** one sentence: what passing this step shows */
	readonly proves: string;
	/** one sentence: the condition checked */
	readonly pass: string;
	/** part of the short subset the normal test run executes */
	readonly quick: boolean;
	readonly covers: readonly Capability[];
	/** the step's bash lines for a platform */
	body(d: Dialect): string[];
}

const PING_COUNT = 3;
const IPERF_SECONDS = 2;
/** the smallest tunnel packet a default ping makes (84-byte IPv4 packet); see the header comment */
const PING_BYTES = 84;
const KEEPALIVE_BYTES = 32;
const IPERF_PORT = 5201;

const v = (name: string) => `"$${name}"`;
const ifOf = (n: NodeName) => v(node(n).ifVar);
const pubOf = (n: NodeName) => v(node(n).pubVar);
const hostOf = (n: NodeName) => node(n).host;

/** A ping from a node to an address, as a `must` (or `must_fail`) line. */
function ping(d: Dialect, from: NodeName, o: Partial<PingOptions> & { to: string }, what: string, expect: 'ok' | 'fail' = 'ok'): string {
	const opts: PingOptions = { family: o.to.includes(':') ? 6 : 4, count: PING_COUNT, ...o };
	if (from === 'peer3' && expect === 'ok') return d.pingFromPeer3(opts, what);
	const cmd = on(hostOf(from), d.ping(opts));
	return expect === 'ok' ? must(what, cmd) : mustFail(what, cmd);
}

function pingBothWays(d: Dialect, a: NodeName, b: NodeName, family: 4 | 6): string[] {
	const addr = (n: NodeName) => (family === 4 ? node(n).tunnel4 : node(n).tunnel6!);
	return [
		ping(d, a, { to: addr(b) }, `${a} pings ${b} at ${addr(b)} over IPv${family}`),
		ping(d, b, { to: addr(a) }, `${b} pings ${a} at ${addr(a)} over IPv${family}`),
	];
}

/** `peer1 sees peer2 at ADDR:PORT` */
function endpointIs(of: NodeName, peer: NodeName, addr: string): string {
	const ep = endpoint(addr, node(peer).listenPort);
	return must(`${of} sends to ${peer} at ${ep}`, `endpoint_is ${hostOf(of)} ${ifOf(of)} ${pubOf(peer)} ${shq(ep)}`);
}

/** the line that sets a peer entry back to the model's configuration */
function restorePeer(of: NodeName, peer: NodeName): string {
	return must(`${of}: restore peer ${peer}`, wgSetPeer(node(of), peerEntry(of, peer)));
}

/**
 * TCP or UDP through the tunnel, peer1 as client, both directions (-R reverses). Each direction has its own
 * server port: an iperf3 server takes one test at a time and, on a loaded machine, can still be finishing the
 * first when the second connects ("the server is busy running a test").
 */
function iperfBothWays(server: NodeName, client: NodeName, family: 4 | 6, udp: boolean): string[] {
	const addr = family === 4 ? node(server).tunnel4 : node(server).tunnel6!;
	const proto = udp ? 'UDP' : 'TCP';
	const run = udp ? 'iperf_udp' : 'on';
	const extra = udp ? ' -u -b 50M' : '';
	const ports = [IPERF_PORT, IPERF_PORT + 1];
	const lines = ports.map((port) => must(`iperf3 server on ${server} at ${addr} port ${port}`, `iperf_server ${hostOf(server)} ${addr} ${port}`));
	for (const [i, reverse] of [false, true].entries()) {
		const [from, to] = reverse ? [server, client] : [client, server];
		lines.push(must(`${proto} over IPv${family}, ${from} -> ${to}`,
			`${run} ${hostOf(client)} timeout 30 iperf3 -t ${IPERF_SECONDS}${extra}${reverse ? ' -R' : ''} -c ${addr} -p ${ports[i]}`));
	}
	lines.push(...ports.map((port) => `iperf_stop ${port}`));
	return lines;
}

export const STEPS: readonly Step[] = [
	{
		name: 'ping4',
		proves: 'the two peers complete a handshake and carry IPv4 both ways',
		pass: `${PING_COUNT} echo replies each way to the other peer's IPv4 tunnel address`,
		quick: true,
		covers: ['ping4-both-ways'],
		body: (d) => pingBothWays(d, 'peer1', 'peer2', 4),
	},
	{
		name: 'ping6',
		proves: 'the tunnel carries IPv6 both ways',
		pass: `${PING_COUNT} echo replies each way to the other peer's IPv6 tunnel address`,
		quick: true,
		covers: ['ping6-both-ways'],
		body: (d) => pingBothWays(d, 'peer1', 'peer2', 6),
	},
	{
		name: 'ping4-peer3',
		proves: 'peer1 and a third peer on the router handshake with each side initiating (on Linux peer3 is a wgup peer, another implementation, when WGUP_PEER is set)',
		pass: 'peer1 pings peer3 and peer3 pings peer1; after peer1 forgets its session, peer1 pings peer3 again',
		quick: true,
		covers: ['ping4-both-ways', 'userspace-peer'],
		body: (d) => [
			...pingBothWays(d, 'peer1', 'peer3', 4),
			// drop peer1's session with peer3 so the next ping needs a fresh handshake, initiated by peer1
			must('peer1 forgets peer3', on('peer1', `wg set ${ifOf('peer1')} peer ${pubOf('peer3')} remove`)),
			restorePeer('peer1', 'peer3'),
			ping(d, 'peer1', { to: node('peer3').tunnel4 }, 'peer1 pings peer3 after a fresh handshake'),
		],
	},
	{
		name: 'tcp4',
		proves: 'TCP streams cross the tunnel over IPv4 in both directions',
		pass: `iperf3 over TCP runs ${IPERF_SECONDS} s each way and exits 0`,
		quick: true,
		covers: ['tcp-both-ways'],
		body: () => iperfBothWays('peer2', 'peer1', 4, false),
	},
	{
		name: 'tcp6',
		proves: 'TCP streams cross the tunnel over IPv6 in both directions',
		pass: `iperf3 over TCP runs ${IPERF_SECONDS} s each way and exits 0`,
		quick: false,
		covers: ['tcp-both-ways'],
		body: () => iperfBothWays('peer2', 'peer1', 6, false),
	},
	{
		name: 'udp4',
		proves: 'UDP datagrams cross the tunnel over IPv4 in both directions',
		pass: 'iperf3 over UDP at 50 Mbit/s each way: the receiver got datagrams and did not lose them all',
		quick: false,
		covers: ['udp-both-ways'],
		body: () => iperfBothWays('peer2', 'peer1', 4, true),
	},
	{
		name: 'udp6',
		proves: 'UDP datagrams cross the tunnel over IPv6 in both directions',
		pass: 'iperf3 over UDP at 50 Mbit/s each way: the receiver got datagrams and did not lose them all',
		quick: false,
		covers: ['udp-both-ways'],
		body: () => iperfBothWays('peer2', 'peer1', 6, true),
	},
	{
		name: 'parallel',
		proves: 'many concurrent flows in both directions share one tunnel',
		pass: 'four iperf3 clients of two streams each (two sending, two receiving) run at once and all exit 0',
		quick: false,
		covers: ['parallel-streams'],
		body: () => {
			const ports = [5301, 5302, 5303, 5304];
			const addr = node('peer2').tunnel4;
			return [
				...ports.map((p) => must(`iperf3 server on peer2 port ${p}`, `iperf_server peer2 ${addr} ${p}`)),
				...ports.map((p, i) => `run_bg tcp-${p} on peer1 timeout 40 iperf3 -t 3 -P 2${i >= 2 ? ' -R' : ''} -c ${addr} -p ${p}`),
				must('all parallel clients finished without error', 'wait_bg'),
				...ports.map((p) => `iperf_stop ${p}`),
			];
		},
	},
	{
		name: 'mtu',
		proves: `packets of exactly the tunnel MTU cross it unfragmented, and one byte more is refused, not split`,
		pass: `pings with ${PING_FILL4} (IPv4, DF) and ${PING_FILL6} (IPv6) bytes of data succeed both ways; one byte more fails`,
		quick: false,
		covers: ['mtu-sized-packets'],
		body: (d) => {
			const p1 = node('peer1');
			const p2 = node('peer2');
			return [
				ping(d, 'peer1', { to: p2.tunnel4, size: PING_FILL4, dontFragment: true, count: 3 }, 'peer1 -> peer2: MTU-sized IPv4 packet with DF'),
				ping(d, 'peer2', { to: p1.tunnel4, size: PING_FILL4, dontFragment: true, count: 3 }, 'peer2 -> peer1: MTU-sized IPv4 packet with DF'),
				ping(d, 'peer1', { to: p2.tunnel4, size: PING_FILL4 + 1, dontFragment: true, count: 1 },
					'an IPv4 packet one byte over the MTU with DF is refused', 'fail'),
				ping(d, 'peer1', { to: p2.tunnel6!, size: PING_FILL6, dontFragment: true, count: 3 }, 'peer1 -> peer2: MTU-sized IPv6 packet'),
				ping(d, 'peer2', { to: p1.tunnel6!, size: PING_FILL6, dontFragment: true, count: 3 }, 'peer2 -> peer1: MTU-sized IPv6 packet'),
				ping(d, 'peer1', { to: p2.tunnel6!, size: PING_FILL6 + 1, dontFragment: true, count: 1 },
					'an IPv6 packet one byte over the MTU without fragmentation is refused', 'fail'),
			];
		},
	},
	{
		name: 'outer-v6',
		proves: 'the tunnel runs over an IPv6 underlay as well as IPv4',
		pass: "with each peer's endpoint set to the other's IPv6 underlay address, pings pass both ways and each side sends to the IPv6 endpoint",
		quick: false,
		covers: ['outer-ipv6'],
		body: (d) => {
			const l1 = link('peer1');
			const l2 = link('peer2');
			return [
				must('peer1 -> peer2 over the IPv6 underlay', wgSetPeer(node('peer1'), peerEntry('peer1', 'peer2'), l2.peer6)),
				must('peer2 -> peer1 over the IPv6 underlay', wgSetPeer(node('peer2'), peerEntry('peer2', 'peer1'), l1.peer6)),
				...pingBothWays(d, 'peer1', 'peer2', 4),
				endpointIs('peer1', 'peer2', l2.peer6),
				endpointIs('peer2', 'peer1', l1.peer6),
				restorePeer('peer1', 'peer2'),
				restorePeer('peer2', 'peer1'),
				...pingBothWays(d, 'peer1', 'peer2', 4),
				endpointIs('peer1', 'peer2', l2.peer4),
			];
		},
	},
	{
		name: 'roaming',
		proves: "when a peer's outer address changes, the other side learns it from authenticated traffic and its replies follow",
		pass: `after peer2 moves from ${LINKS[1].peer4} to ${ROAM4} and pings, peer1 shows the new endpoint and reaches peer2 there; and back`,
		quick: true,
		covers: ['roaming'],
		body: (d) => {
			const l2 = link('peer2');
			const p1 = node('peer1').tunnel4;
			const p2 = node('peer2').tunnel4;
			return [
				ping(d, 'peer2', { to: p1 }, `peer2 pings peer1 from ${l2.peer4}`),
				endpointIs('peer1', 'peer2', l2.peer4),
				...d.underlayMove('peer2', l2.peer4, ROAM4),
				ping(d, 'peer2', { to: p1 }, `peer2 pings peer1 from ${ROAM4}`),
				endpointIs('peer1', 'peer2', ROAM4),
				ping(d, 'peer1', { to: p2 }, `peer1 reaches peer2 at ${ROAM4} (the old address is gone)`),
				...d.underlayMove('peer2', ROAM4, l2.peer4),
				ping(d, 'peer2', { to: p1 }, `peer2 pings peer1 from ${l2.peer4} again`),
				endpointIs('peer1', 'peer2', l2.peer4),
			];
		},
	},
	{
		name: 'allowedips',
		proves: 'changing allowed-ips moves traffic for an address to another peer at once',
		pass: `after ${node('peer2').tunnel4}/32 is given to peer3, peer1's pings to it are sent to peer3 (its counter grows by ` +
			`${PING_COUNT} pings) and not to peer2; given back, peer2 answers again`,
		quick: false,
		covers: ['allowed-ips-reroute'],
		body: (d) => {
			const p2 = node('peer2').tunnel4;
			const p3 = node('peer3').tunnel4;
			const tx = (peer: NodeName) => `"$(wg_transfer peer1 ${ifOf('peer1')} ${pubOf(peer)} tx)"`;
			return [
				'local tx2 tx3',
				ping(d, 'peer1', { to: p3 }, 'peer1 reaches peer3 (session up before the change)'),
				`tx2=${tx('peer2')} tx3=${tx('peer3')}`,
				must(`give ${p2}/32 to peer3`, on('peer1', `wg set ${ifOf('peer1')} peer ${pubOf('peer3')} allowed-ips ${p3}/32,${p2}/32`)),
				must(`${p2}/32 now belongs to peer3`, `allowed_has peer1 ${ifOf('peer1')} ${pubOf('peer3')} ${p2}/32`),
				must(`${p2}/32 no longer belongs to peer2`, `not allowed_has peer1 ${ifOf('peer1')} ${pubOf('peer2')} ${p2}/32`),
				// peer3 decrypts them but does not own the address, so no replies come back
				ping(d, 'peer1', { to: p2 }, `pings to ${p2} go unanswered (peer3 does not own it)`, 'fail'),
				must(`peer3 was sent the ${PING_COUNT} pings`, `grew_by_at_least ${tx('peer3')} "$tx3" ${PING_COUNT * PING_BYTES}`),
				must('peer2 was sent none of them', `grew_by_less_than ${tx('peer2')} "$tx2" ${PING_BYTES}`),
				restorePeer('peer1', 'peer3'),
				restorePeer('peer1', 'peer2'),
				ping(d, 'peer1', { to: p2 }, `peer2 answers at ${p2} again`),
			];
		},
	},
	{
		name: 'wrong-key',
		proves: 'a peer configured with the wrong public key or the wrong preshared key gets no tunnel: it fails closed, then recovers',
		pass: 'with a wrong public key, then a wrong preshared key, pings fail and no handshake completes; with the wrong public ' +
			'key the router sees the attempts reach peer2 and peer2 accepts no data from them; ' +
			'with the right keys pings pass again',
		quick: true,
		covers: ['wrong-key-fails-closed'],
		body: (d) => {
			const p2 = node('peer2').tunnel4;
			const e = peerEntry('peer1', 'peer2');
			const rx = `"$(wg_transfer peer2 ${ifOf('peer2')} ${pubOf('peer1')} rx)"`;
			const ep = endpoint(e.endpointAddr, node('peer2').listenPort);
			return [
				'local wrong rx fwd',
				'wrong=$(wg genkey | wg pubkey)',
				`rx=${rx}`,
				`fwd="$(${d.txPackets('router', link('peer2').routerIfVar)})"`,
				must('peer1 gets a peer with a wrong public key that owns peer2\'s addresses',
					on('peer1', `wg set ${ifOf('peer1')} peer "$wrong" endpoint ${shq(ep)} allowed-ips ${e.allowedIps.join(',')}`)),
				ping(d, 'peer1', { to: p2, count: 3 }, 'pings through the wrong-key peer fail', 'fail'),
				must('no handshake completed with the wrong key', `handshake_never peer1 ${ifOf('peer1')} "$wrong"`),
				must('peer2 received no data from peer1', `grew_by_less_than ${rx} "$rx" ${PING_BYTES}`),
				// the observer: the attempts did reach peer2's link, so the tunnel failed at peer2's key check, not on the way
				must('the router forwarded the handshake attempts to peer2',
					`grew_by_at_least "$(${d.txPackets('router', link('peer2').routerIfVar)})" "$fwd" 1`),
				must('remove the wrong-key peer', on('peer1', `wg set ${ifOf('peer1')} peer "$wrong" remove`)),
				// a wrong preshared key: the handshake response cannot be opened (Noise IKpsk2 mixes it in last)
				must('peer1 forgets peer2', on('peer1', `wg set ${ifOf('peer1')} peer ${pubOf('peer2')} remove`)),
				`wg genpsk >"$STATE/wrong.psk"`,
				must('peer1 knows peer2 with a wrong preshared key',
					on('peer1', `wg set ${ifOf('peer1')} peer ${pubOf('peer2')} preshared-key "$STATE/wrong.psk" endpoint ${shq(ep)} ` +
						`allowed-ips ${e.allowedIps.join(',')}`)),
				ping(d, 'peer1', { to: p2, count: 3 }, 'pings with a wrong preshared key fail', 'fail'),
				// (peer2 does count the initiations it answers, so its counter is no witness here)
				must('no handshake completed with the wrong preshared key', `handshake_never peer1 ${ifOf('peer1')} ${pubOf('peer2')}`),
				must('peer1 forgets the wrong preshared key', on('peer1', `wg set ${ifOf('peer1')} peer ${pubOf('peer2')} remove`)),
				restorePeer('peer1', 'peer2'),
				...pingBothWays(d, 'peer1', 'peer2', 4),
			];
		},
	},
	{
		name: 'keepalive',
		proves: 'persistent-keepalive sends keepalives on an idle tunnel, and turning it off stops them',
		pass: `with persistent-keepalive 1, peer2 receives at least 2 keepalives (${KEEPALIVE_BYTES} bytes each) in 3.5 s of silence; ` +
			'turned off, at most one more in the next 3 s',
		quick: false,
		covers: ['persistent-keepalive'],
		body: (d) => {
			const rx = `"$(wg_transfer peer2 ${ifOf('peer2')} ${pubOf('peer1')} rx)"`;
			return [
				'local rx',
				ping(d, 'peer1', { to: node('peer2').tunnel4, count: 1 }, 'session up'),
				`rx=${rx}`,
				must('peer1: persistent-keepalive 1', on('peer1', `wg set ${ifOf('peer1')} peer ${pubOf('peer2')} persistent-keepalive 1`)),
				'sleep 3.5',
				must('peer2 received at least 2 keepalives', `grew_by_at_least ${rx} "$rx" ${2 * KEEPALIVE_BYTES}`),
				must('peer1: persistent-keepalive off', on('peer1', `wg set ${ifOf('peer1')} peer ${pubOf('peer2')} persistent-keepalive off`)),
				'sleep 1.5',
				`rx=${rx}`,
				'sleep 3',
				must('peer2 received at most one more keepalive', `grew_by_less_than ${rx} "$rx" ${2 * KEEPALIVE_BYTES}`),
			];
		},
	},
	{
		name: 'iface-remove',
		proves: "destroying a WireGuard interface while a stream runs through it neither hangs nor breaks the other side, and it can be made again",
		pass: "peer2's interface is gone; peer1 still answers `wg show` and reaches peer3; a new peer2 interface with the same key pings both ways",
		quick: false,
		covers: ['interface-removal'],
		body: (d) => {
			const p2 = node('peer2');
			return [
				must('iperf3 server on peer2', `iperf_server peer2 ${p2.tunnel4} ${IPERF_PORT}`),
				`run_bg tcp-during-remove on peer1 timeout 10 iperf3 -t 6 -c ${p2.tunnel4} -p ${IPERF_PORT}`,
				'sleep 2',
				must("destroy peer2's interface mid-stream", d.wgDestroy(p2)),
				must("peer2's interface is gone", d.wgGone(p2)),
				"wait_bg || say \"(the interrupted stream's own status does not count)\"",
				`iperf_stop ${IPERF_PORT}`,
				must('peer1 still answers wg show', on('peer1', `wg show ${ifOf('peer1')}`)),
				ping(d, 'peer1', { to: node('peer3').tunnel4 }, 'peer1 still reaches peer3'),
				...d.wgUp(p2),
				// the new interface has no session: let it initiate, then the old side's stale session is replaced
				ping(d, 'peer2', { to: node('peer1').tunnel4 }, 'the new peer2 pings peer1'),
				ping(d, 'peer1', { to: p2.tunnel4 }, 'peer1 pings the new peer2'),
			];
		},
	},
];

/**
 * The short subset the normal test run executes: pings both ways over IPv4 and IPv6 (and with peer3, the
 * wgup peer), one TCP stream each way, roaming, wrong keys.
 */
export const QUICK_STEPS: readonly string[] = STEPS.filter((s) => s.quick).map((s) => s.name);

export function stepNamed(name: string): Step {
	const s = STEPS.find((x) => x.name === name);
	if (!s) throw new Error(`unknown battery step "${name}"; known: ${STEPS.map((x) => x.name).join(', ')}`);
	return s;
}
