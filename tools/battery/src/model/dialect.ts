/*
 * The two platforms the battery is emitted for, each a dialect: how a host is made (a VNET jail or a
 * network namespace), how a link is made (an epair or a veth pair), how a WireGuard interface is made
 * (`ifconfig wg create` in the kernel, or a wireguard-go process behind a TUN device), and the few
 * commands whose spelling differs (ping, address changes). Everything else — `wg set`, `wg show`,
 * iperf3 — is the same on both, and the steps (steps.ts) write it once.
 *
 * A dialect only returns text: the bash lines of the emitted script. The helper functions those lines
 * call (`on`, `must`, `wggo_start`, ...) are defined in the script templates (tools/battery/templates).
 */
import {
	HOSTS, LINKS, MTU, NODES, PSK_VAR, STATE_VAR, endpoint, link, node, type HostName, type Link,
	type PeerEntry, type WgNode,
} from './topology';

export type Platform = 'freebsd' | 'linux';

export interface PingOptions {
	readonly family: 4 | 6;
	readonly to: string;
	readonly count: number;
	/** ICMP payload bytes (ping -s) */
	readonly size?: number;
	/** forbid fragmentation: IPv4 DF bit, IPv6 no source fragmentation */
	readonly dontFragment?: boolean;
}

export interface Dialect {
	readonly platform: Platform;
	/** for headings: "FreeBSD (VNET jails, epair, if_wg)" */
	readonly title: string;
	/** the programs the script needs, for its header */
	readonly needs: string;
	/** the shell assignments naming hosts, interfaces and files (run before anything else) */
	names(): string[];
	/** the command (words after `on HOST`) that pings */
	ping(o: PingOptions): string;
	/** a full line that pings from peer3 (on Linux, peer3 may be a `wgup peer`) */
	pingFromPeer3(o: PingOptions, what: string): string;
	/** lines that create the hosts and links, address the underlay and start forwarding */
	createNetwork(): string[];
	/** lines that create and address a WireGuard interface and give it its configuration */
	wgUp(n: WgNode): string[];
	/** the command (for `$(...)`) that prints how many packets an interface of a host has sent */
	txPackets(host: HostName, ifVar: string): string;
	/** lines that end the setup (waiting for what was started in the background) */
	setupDone(): string[];
	/** the command (full, for `must`) that destroys a node's WireGuard interface */
	wgDestroy(n: WgNode): string;
	/** the command (full, for `must`) that succeeds once a node's interface is gone */
	wgGone(n: WgNode): string;
	/** lines that move a peer's underlay address from one address to another (same prefix) */
	underlayMove(peer: 'peer1' | 'peer2', from: string, to: string): string[];
	/** lines that remove everything the script made; each tolerates what is already gone */
	teardown(): string[];
}

/** Single-quote a word for bash. */
export function shq(s: string): string {
	return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `must 'what' cmd...` — the check helper every step uses; a failure names what was being proven. */
export function must(what: string, cmd: string): string {
	return `must ${shq(what)} ${cmd}`;
}

export function mustFail(what: string, cmd: string): string {
	return `must_fail ${shq(what)} ${cmd}`;
}

export function on(host: HostName, cmd: string): string {
	return `on ${host} ${cmd}`;
}

const v = (name: string) => `"$${name}"`;

/** `wg set IF peer PUB [preshared-key F] endpoint A:P allowed-ips X,Y` for one peer entry of a node. */
export function wgSetPeer(n: WgNode, e: PeerEntry, endpointAddr = e.endpointAddr): string {
	const peer = node(e.node);
	const psk = e.presharedKey ? ` preshared-key ${v(PSK_VAR)}` : '';
	return on(n.host, `wg set ${v(n.ifVar)} peer ${v(peer.pubVar)}${psk} endpoint ${shq(endpoint(endpointAddr, peer.listenPort))}` +
		` allowed-ips ${e.allowedIps.join(',')}`);
}

/** The `wg set` lines that give a node its key, port and peers. */
export function wgConfigure(n: WgNode): string[] {
	return [
		must(`configure ${n.name}: private key and listen port`,
			on(n.host, `wg set ${v(n.ifVar)} private-key ${v(n.keyVar)} listen-port ${n.listenPort}`)),
		...n.peers.map((e) => must(`configure ${n.name}: peer ${e.node}`, wgSetPeer(n, e))),
	];
}

function tunnelAddrs(n: WgNode): Array<[4 | 6, string]> {
	const out: Array<[4 | 6, string]> = [[4, `${n.tunnel4}/${n.prefix4}`]];
	if (n.tunnel6) out.push([6, `${n.tunnel6}/${n.prefix6}`]);
	return out;
}

/* ------------------------------------------------------------------------------------------------ */

/*
 * FreeBSD: one VNET jail per host (path=/, so keys and pid files are shared with the host), epair(4)
 * links moved into the jails, if_wg interfaces created inside the jail that uses them (so each one's
 * UDP socket lives in that jail's network stack, as a peer's would on a real machine).
 */
export const FREEBSD: Dialect = {
	platform: 'freebsd',
	title: 'FreeBSD (VNET jails, epair(4), if_wg)',
	needs: 'bash, wireguard-tools (wg), iperf3, and the if_wg and if_epair kernel modules',
	names() {
		return [
			...HOSTS.map((h) => `${h.handleVar}="wgb\${RUN}${h.name === 'router' ? 'r' : h.name.slice(-1)}"`),
			// interface names are per VNET, so they can be fixed
			`WG_peer1=wg1 WG_peer2=wg2 WG_peer3=wg3`,
			// epair names are known only once made (new_epair sets them)
			...LINKS.map((l) => `${l.peerIfVar}='' ${l.routerIfVar}=''`),
		];
	},
	ping(o) {
		// timeout(1) bounds a ping that gets no replies; -i 0.2 needs root (we are)
		const size = o.size !== undefined ? ` -s ${o.size}` : '';
		const wait = Math.ceil(o.count * 0.2) + 5;
		if (o.family === 4) return `timeout ${wait} ping -n -c ${o.count} -i 0.2${o.dontFragment ? ' -D' : ''}${size} ${o.to}`;
		// ping6 -m: do not fragment to the minimum IPv6 MTU (ping6(8)); unverified on 14+, where ping6 is ping -6
		return `timeout ${wait} ping6 -n -c ${o.count} -i 0.2${o.dontFragment ? ' -m' : ''}${size} ${o.to}`;
	},
	pingFromPeer3(o, what) {
		return must(what, on('router', this.ping(o)));
	},
	createNetwork() {
		const lines = ['must "load if_wg and if_epair" kldload -n if_wg if_epair'];
		for (const h of HOSTS) {
			lines.push(must(`create jail ${h.name}`, `pp jail -c name=${v(h.handleVar)} path=/ vnet=new persist allow.raw_sockets`));
			lines.push(`echo ${v(h.handleVar)} >>"$${STATE_VAR}/jails"`);
			lines.push(must(`${h.name}: no IPv6 duplicate address detection delay`, on(h.name, 'sysctl -q net.inet6.ip6.dad_count=0')));
			lines.push(must(`${h.name}: loopback up`, on(h.name, 'ifconfig lo0 up')));
		}
		lines.push(must('router forwards IPv4 and IPv6', on('router', 'sysctl -q net.inet.ip.forwarding=1 net.inet6.ip6.forwarding=1')));
		for (const l of LINKS) lines.push(...freebsdLink(l));
		return lines;
	},
	wgUp(n) {
		const lines = [must(`create ${n.name}'s wg interface`, `wg_new ${n.host} ${v(n.ifVar)}`)];
		for (const [family, cidr] of tunnelAddrs(n)) {
			lines.push(must(`address ${n.name}`, on(n.host, `ifconfig ${v(n.ifVar)} ${family === 4 ? 'inet' : 'inet6'} ${cidr}`)));
		}
		lines.push(must(`${n.name}: MTU ${MTU}, up`, on(n.host, `ifconfig ${v(n.ifVar)} mtu ${MTU} up`)));
		return [...lines, ...wgConfigure(n)];
	},
	txPackets(host, ifVar) {
		// netstat -I IF -n: the <Link#N> line, columns Name Mtu Network Address Ipkts Ierrs Idrop Opkts ...
		return `on_quiet ${host} netstat -I ${v(ifVar)} -n | awk 'NR == 2 { print $8 }'`;
	},
	setupDone() {
		return [];
	},
	wgDestroy(n) {
		return on(n.host, `ifconfig ${v(n.ifVar)} destroy`);
	},
	wgGone(n) {
		return `not on ${n.host} ifconfig ${v(n.ifVar)}`;
	},
	underlayMove(peer, from, to) {
		const l = link(peer);
		return [
			must(`${peer}: drop ${from}`, on(peer, `ifconfig ${v(l.peerIfVar)} inet ${from} -alias`)),
			must(`${peer}: take ${to}`, on(peer, `ifconfig ${v(l.peerIfVar)} inet ${to}/${l.prefix4} alias`)),
			// the default route went with the old address's interface route; put it back
			must(`${peer}: default route via the router`, `default_route4 ${peer} ${l.router4}`),
		];
	},
	teardown() {
		// interfaces made inside a jail die with its VNET, but destroying them first is the path the driver's users take
		return [...NODES.map((n) => `on_quiet ${n.host} ifconfig ${v(n.ifVar)} destroy >/dev/null 2>&1`), 'teardown_jails'];
	},
};

function freebsdLink(l: Link): string[] {
	// epair(4) makes a pair NNa/NNb on the host; a goes to the router, b to the peer
	return [
		must(`create link ${l.id}`, `new_epair ${l.routerIfVar} ${l.peerIfVar}`),
		must(`link ${l.id} into the router`, `pp ifconfig ${v(l.routerIfVar)} vnet ${v('H_router')}`),
		must(`link ${l.id} into ${l.peer}`, `pp ifconfig ${v(l.peerIfVar)} vnet ${v(`H_${l.peer}`)}`),
		...([['router', l.routerIfVar, l.router4, l.router6], [l.peer, l.peerIfVar, l.peer4, l.peer6]] as const).flatMap(
			([h, ifVar, a4, a6]) => [
				must(`address ${h} on link ${l.id}`, on(h, `ifconfig ${v(ifVar)} inet ${a4}/${l.prefix4} up`)),
				must(`IPv6 on ${h} link ${l.id}`, on(h, `ifconfig ${v(ifVar)} inet6 -ifdisabled ${a6}/${l.prefix6}`)),
			]),
		must(`${l.peer}: IPv4 default route`, on(l.peer, `route -q add -inet default ${l.router4}`)),
		must(`${l.peer}: IPv6 default route`, on(l.peer, `route -q add -inet6 default ${l.router6}`)),
	];
}

/* ------------------------------------------------------------------------------------------------ */

/*
 * Linux: one network namespace per host, veth pairs as links, and wireguard-go (a TUN device plus a
 * process) for each WireGuard interface, started inside the namespace that uses it. wireguard-go's
 * control socket is /var/run/wireguard/<ifname>.sock, shared by all namespaces, so interface names
 * carry the run id. peer3 is a `wgup peer` when WGUP_PEER names its command.
 */
export const LINUX: Dialect = {
	platform: 'linux',
	title: 'Linux (network namespaces, veth, wireguard-go)',
	needs: 'bash, iproute2, wireguard-go, wireguard-tools (wg), iperf3, iputils ping, timeout',
	names() {
		return [
			...HOSTS.map((h) => `${h.handleVar}="wgb-\${RUN}-${h.name === 'router' ? 'r' : h.name.slice(-1)}"`),
			'WG_peer1="wgb${RUN}p1" WG_peer2="wgb${RUN}p2" WG_peer3="wgb${RUN}p3"',
			...LINKS.map((l) => `${l.peerIfVar}=up${l.id} ${l.routerIfVar}=r${l.id}`),
		];
	},
	ping(o) {
		const size = o.size !== undefined ? ` -s ${o.size}` : '';
		const wait = Math.ceil(o.count * 0.2) + 5;
		return `timeout ${wait} ping -${o.family} -n -c ${o.count} -i 0.2 -W 1${o.dontFragment ? ' -Mdo' : ''}${size} ${o.to}`;
	},
	pingFromPeer3(o, what) {
		const p3 = node('peer3');
		if (o.family !== 4 || o.size !== undefined || o.dontFragment) throw new Error('peer3 pings only plain IPv4');
		const e = p3.peers[0];
		return [
			`if [[ -n \${WGUP_PEER:-} ]]; then`,
			// a second wgup peer with peer3's key on another port: peer1 follows it (roaming) and answers
			`\t${must(what, `wgup_peer_run router ${wgupPeerArgs(p3, e, p3.listenPort + 10)} --ping ${o.to} --count ${o.count} --interval 0.2 --wait 3`)}`,
			'else',
			`\t${must(what, on('router', LINUX.ping(o)))}`,
			'fi',
		].join('\n');
	},
	createNetwork() {
		const lines: string[] = [];
		for (const h of HOSTS) {
			lines.push(must(`create namespace ${h.name}`, `new_netns ${v(h.handleVar)}`));
			lines.push(must(`${h.name}: loopback up`, on(h.name, 'ip link set lo up')));
		}
		lines.push(must('router forwards IPv4 and IPv6',
			on('router', 'sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1')));
		for (const l of LINKS) {
			lines.push(must(`create link ${l.id}`,
				on(l.peer, `ip link add ${v(l.peerIfVar)} type veth peer name ${v(l.routerIfVar)} netns ${v('H_router')}`)));
			for (const [h, ifVar, a4, a6] of [['router', l.routerIfVar, l.router4, l.router6], [l.peer, l.peerIfVar, l.peer4, l.peer6]] as const) {
				lines.push(must(`address ${h} on link ${l.id}`, on(h, `ip addr add ${a4}/${l.prefix4} dev ${v(ifVar)}`)));
				lines.push(must(`IPv6 on ${h} link ${l.id}`, on(h, `ip addr add ${a6}/${l.prefix6} dev ${v(ifVar)} nodad`)));
				lines.push(must(`${h} link ${l.id} up`, on(h, `ip link set ${v(ifVar)} up`)));
			}
			lines.push(must(`${l.peer}: IPv4 default route`, on(l.peer, `ip route add default via ${l.router4}`)));
			lines.push(must(`${l.peer}: IPv6 default route`, on(l.peer, `ip -6 route add default via ${l.router6}`)));
		}
		return lines;
	},
	wgUp(n) {
		const kernelLike = [
			must(`start wireguard-go for ${n.name}`, `wggo_start ${n.host} ${v(n.ifVar)}`),
			...tunnelAddrs(n).map(([family, cidr]) => must(`address ${n.name}`,
				on(n.host, `ip addr add ${cidr} dev ${v(n.ifVar)}${family === 6 ? ' nodad' : ''}`))),
			must(`${n.name}: MTU ${MTU}, up`, on(n.host, `ip link set ${v(n.ifVar)} mtu ${MTU} up`)),
			...wgConfigure(n),
		];
		if (n.name !== 'peer3') return kernelLike;
		return [
			'if [[ -n ${WGUP_PEER:-} ]]; then',
			`\t${must('start a wgup peer as peer3', `wgup_peer_start router ${n.listenPort} ${wgupPeerArgs(n, n.peers[0], n.listenPort)}`)}`,
			'else',
			...kernelLike.map((l) => `\t${l}`),
			'fi',
		];
	},
	txPackets(host, ifVar) {
		return `on_quiet ${host} cat /sys/class/net/${v(ifVar)}/statistics/tx_packets`;
	},
	setupDone() {
		// the wgup peer (node + tsx) is the slowest to start: it was started first and is waited for last
		return [`[[ -z \${WGUP_PEER:-} ]] || ${must('the wgup peer (peer3) is up', `wgup_peer_ready router ${node('peer3').listenPort}`)}`];
	},
	wgDestroy(n) {
		return on(n.host, `ip link del ${v(n.ifVar)}`);
	},
	wgGone(n) {
		return `wggo_gone ${n.host} ${v(n.ifVar)}`;
	},
	underlayMove(peer, from, to) {
		const l = link(peer);
		return [
			must(`${peer}: drop ${from}`, on(peer, `ip addr del ${from}/${l.prefix4} dev ${v(l.peerIfVar)}`)),
			must(`${peer}: take ${to}`, on(peer, `ip addr add ${to}/${l.prefix4} dev ${v(l.peerIfVar)}`)),
			// deleting the address took the default route with it
			must(`${peer}: default route via the router`, on(peer, `ip route replace default via ${l.router4}`)),
			// wireguard-go (0.0.20220316, Debian) keeps sending from the deleted source address: seen here, its log
			// says "Failed to send data packet: network is unreachable" and the other side never sees a packet.
			// Setting the listen port rebinds its socket, which drops the cached source. The kernel drivers need no
			// such help, so the FreeBSD twin has no such line.
			must(`${peer}: wireguard-go forgets its old source address (rebind)`,
				on(peer, `wg set ${v(node(peer).ifVar)} listen-port ${node(peer).listenPort}`)),
		];
	},
	teardown() {
		return ['teardown_netns'];
	},
};

/** The arguments of `wgup peer` that make it peer3 (protocol engineer's CLI, issue 6). */
function wgupPeerArgs(n: WgNode, e: PeerEntry, port: number): string {
	const peer = node(e.node);
	return `--private-key ${v(n.keyVar)} --listen-port ${port} --address ${n.tunnel4}/${n.prefix4} ` +
		`--peer ${v(peer.pubVar)} --endpoint ${shq(endpoint(e.endpointAddr, peer.listenPort))} --allowed-ips ${e.allowedIps.join(',')}`;
}

export const DIALECTS: Readonly<Record<Platform, Dialect>> = { freebsd: FREEBSD, linux: LINUX };

