/*
 * The battery's network, as data. Three hosts: a router in the middle that forwards between two
 * underlay links and watches, and two peers, one on each link. Each peer runs a WireGuard interface;
 * the router runs a third one ("peer3"), which is the "new peer" that allowed-ips changes reroute
 * traffic to (and, on Linux, the place where a `wgup peer` stands in for a WireGuard interface).
 *
 *       peer1 ---- link 1 ---- router ---- link 2 ---- peer2
 *   198.18.1.1/24       .254 /    \ .254        198.18.2.2/24  (roams to 198.18.2.3)
 *   wg: 10.241.0.1           wg: 10.241.0.3          wg: 10.241.0.2
 *
 * Addresses: the underlay is in 198.18.0.0/15 (RFC 2544, set aside for benchmarking network devices)
 * and fd00:18::/32 (a unique-local prefix, RFC 4193); the tunnel is 10.241.0.0/24 and fd00:241::/64.
 * Every address lives only inside the namespaces or jails the battery creates.
 *
 * Shell variable names are part of the model: the emitted scripts and the steps refer to hosts,
 * interfaces and keys only through them (H_<host>, WG_<node>, KEY_<node>, PUB_<node>, UP_<host>).
 */

export type HostName = 'router' | 'peer1' | 'peer2';
export type NodeName = 'peer1' | 'peer2' | 'peer3';

export interface Host {
	readonly name: HostName;
	/** what this host is for, one line */
	readonly role: string;
	/** the shell variable holding the jail name (FreeBSD) or namespace name (Linux) */
	readonly handleVar: string;
}

/** One underlay link: a peer on one side, the router on the other. */
export interface Link {
	readonly id: 1 | 2;
	readonly peer: 'peer1' | 'peer2';
	/** shell variables holding the interface names at each end */
	readonly peerIfVar: string;
	readonly routerIfVar: string;
	readonly peer4: string;
	readonly router4: string;
	readonly peer6: string;
	readonly router6: string;
	readonly prefix4: number;
	readonly prefix6: number;
}

/** A peer entry in a node's WireGuard configuration. */
export interface PeerEntry {
	readonly node: NodeName;
	/** the outer address the configuration starts with (host part only; the port is the node's) */
	readonly endpointAddr: string;
	readonly allowedIps: readonly string[];
	readonly presharedKey: boolean;
}

/** A WireGuard interface: which host it is on, its keys, port, tunnel addresses and peers. */
export interface WgNode {
	readonly name: NodeName;
	readonly host: HostName;
	readonly ifVar: string;
	/** the shell variable holding the path of the private key file (written by `wg genkey` at run time) */
	readonly keyVar: string;
	/** the shell variable holding the public key (`wg pubkey` at run time) */
	readonly pubVar: string;
	readonly listenPort: number;
	readonly tunnel4: string;
	readonly tunnel6?: string;
	readonly prefix4: number;
	readonly prefix6: number;
	readonly peers: readonly PeerEntry[];
}

export const MTU = 1420;
/** ICMP payloads that fill a MTU-sized packet: MTU - IPv4 header (20) - ICMP header (8), and IPv6 (40 + 8). */
export const PING_FILL4 = MTU - 28;
export const PING_FILL6 = MTU - 48;
/** the shell variable holding the path of the preshared key file shared by peer1 and peer2 */
export const PSK_VAR = 'PSK';
/** where run-time files (keys, pid files, logs) go; the variable is set by the script */
export const STATE_VAR = 'STATE';

export const HOSTS: readonly Host[] = [
	{ name: 'router', role: 'forwards between link 1 and link 2, watches, and runs peer3 (the new peer)', handleVar: 'H_router' },
	{ name: 'peer1', role: 'WireGuard peer on link 1', handleVar: 'H_peer1' },
	{ name: 'peer2', role: 'WireGuard peer on link 2; the one that roams', handleVar: 'H_peer2' },
];

export const LINKS: readonly Link[] = [
	{
		id: 1, peer: 'peer1', peerIfVar: 'UP_peer1', routerIfVar: 'UP_router1',
		peer4: '198.18.1.1', router4: '198.18.1.254', peer6: 'fd00:18:1::1', router6: 'fd00:18:1::fe', prefix4: 24, prefix6: 64,
	},
	{
		id: 2, peer: 'peer2', peerIfVar: 'UP_peer2', routerIfVar: 'UP_router2',
		peer4: '198.18.2.2', router4: '198.18.2.254', peer6: 'fd00:18:2::2', router6: 'fd00:18:2::fe', prefix4: 24, prefix6: 64,
	},
];

/** The address peer2 roams to on link 2. */
export const ROAM4 = '198.18.2.3';

export const NODES: readonly WgNode[] = [
	{
		name: 'peer1', host: 'peer1', ifVar: 'WG_peer1', keyVar: 'KEY_peer1', pubVar: 'PUB_peer1', listenPort: 51821,
		tunnel4: '10.241.0.1', tunnel6: 'fd00:241::1', prefix4: 24, prefix6: 64,
		peers: [
			{ node: 'peer2', endpointAddr: '198.18.2.2', allowedIps: ['10.241.0.2/32', 'fd00:241::2/128'], presharedKey: true },
			{ node: 'peer3', endpointAddr: '198.18.1.254', allowedIps: ['10.241.0.3/32'], presharedKey: false },
		],
	},
	{
		name: 'peer2', host: 'peer2', ifVar: 'WG_peer2', keyVar: 'KEY_peer2', pubVar: 'PUB_peer2', listenPort: 51822,
		tunnel4: '10.241.0.2', tunnel6: 'fd00:241::2', prefix4: 24, prefix6: 64,
		peers: [
			{ node: 'peer1', endpointAddr: '198.18.1.1', allowedIps: ['10.241.0.1/32', 'fd00:241::1/128'], presharedKey: true },
		],
	},
	{
		// v4 only inside the tunnel: on Linux a `wgup peer` (one --address) may stand in for it
		name: 'peer3', host: 'router', ifVar: 'WG_peer3', keyVar: 'KEY_peer3', pubVar: 'PUB_peer3', listenPort: 51823,
		tunnel4: '10.241.0.3', prefix4: 24, prefix6: 64,
		peers: [
			{ node: 'peer1', endpointAddr: '198.18.1.1', allowedIps: ['10.241.0.1/32'], presharedKey: false },
		],
	},
];

export function host(name: HostName): Host {
	const h = HOSTS.find((x) => x.name === name);
	if (!h) throw new Error(`no host ${name}`);
	return h;
}

export function node(name: NodeName): WgNode {
	const n = NODES.find((x) => x.name === name);
	if (!n) throw new Error(`no WireGuard node ${name}`);
	return n;
}

export function link(peer: 'peer1' | 'peer2'): Link {
	return LINKS.find((l) => l.peer === peer)!;
}

export function peerEntry(of: NodeName, peer: NodeName): PeerEntry {
	const e = node(of).peers.find((p) => p.node === peer);
	if (!e) throw new Error(`${of} has no peer ${peer}`);
	return e;
}

/** `host:port` for an endpoint, bracketing IPv6 addresses. */
export function endpoint(addr: string, port: number): string {
	return addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`;
}
