/*
 * `wgup peer`: a one-peer WireGuard endpoint on a UDP socket that behaves as a tiny host inside the
 * tunnel. The protocol is @wgup/protocol's Device; this file only binds it to node:dgram, the real clock
 * and the host logic (answer echo requests to our addresses; with --ping, send our own and time the
 * replies). Every datagram or packet it does not accept is counted by reason; nothing it receives can
 * end the process.
 */
import * as dgram from 'node:dgram';
import * as dns from 'node:dns/promises';
import { getCrypto, type BackendName } from '@wgup/crypto';
import {
	Device, formatIP, parseIP, parsePrefix, prefixContains, type DeviceEvent, type Endpoint, type Peer, type Prefix,
} from '@wgup/protocol';
import { buildEcho, echoReply, parseEcho } from './icmp';
import { KeyError, formatKey, parseKey, readKeyFile } from './keys';

export class UsageError extends Error {}

export interface PeerCliOptions {
	privateKey?: string;
	listenPort?: string;
	address?: string;
	peer?: string;
	presharedKey?: string;
	endpoint?: string;
	allowedIps?: string;
	ping?: string;
	count?: string;
	interval?: string;
	wait?: string;
	persistentKeepalive?: string;
	backend?: string;
}

export interface PeerConfig {
	readonly privateKey: Uint8Array;
	readonly listenPort: number;
	readonly addresses: readonly Prefix[];
	readonly peerPublicKey: Uint8Array;
	readonly presharedKey?: Uint8Array;
	/** as given; resolved at start */
	readonly endpoint?: { readonly host: string; readonly port: number };
	readonly allowedIps: readonly Prefix[];
	readonly ping?: { readonly target: Uint8Array; readonly count: number; readonly interval: number; readonly wait: number };
	/** seconds, 0 = off */
	readonly persistentKeepalive: number;
	readonly backend: BackendName;
}

function intOption(value: string | undefined, name: string, min: number, max: number, dflt: number): number {
	if (value === undefined) return dflt;
	if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) {
		throw new UsageError(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
	}
	return Number(value);
}

function numberOption(value: string | undefined, name: string, min: number, dflt: number): number {
	if (value === undefined) return dflt;
	const n = Number(value);
	if (!Number.isFinite(n) || n < min) throw new UsageError(`${name} must be a number of seconds >= ${min}, got "${value}"`);
	return n;
}

function prefixList(text: string, name: string): Prefix[] {
	return text.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
		const p = parsePrefix(s);
		if (!p) throw new UsageError(`${name}: "${s}" is not an IPv4 or IPv6 address or CIDR prefix (e.g. 10.0.0.0/24, fd00::/64)`);
		return p;
	});
}

/** The network a host address sits in: 10.0.0.2/24 -> 10.0.0.0/24. */
function networkOf(p: Prefix): Prefix {
	const a = Uint8Array.from(p.address);
	for (let bit = p.bits; bit < a.length * 8; bit++) a[bit >> 3] &= ~(0x80 >> (bit & 7));
	return { address: a, bits: p.bits };
}

export function parseEndpoint(text: string): { host: string; port: number } {
	const m = /^\[([^\]]+)\]:([0-9]+)$/.exec(text) ?? /^([^:]+):([0-9]+)$/.exec(text);
	if (!m) throw new UsageError(`--endpoint must be HOST:PORT or [IPv6]:PORT, got "${text}"`);
	const port = Number(m[2]);
	if (port < 1 || port > 65535) throw new UsageError(`--endpoint port must be 1..65535, got ${m[2]}`);
	return { host: m[1], port };
}

/** Turn the command-line strings into a checked configuration; every error names its option. */
export function parsePeerOptions(o: PeerCliOptions): PeerConfig {
	if (!o.privateKey) throw new UsageError('--private-key FILE is required (a key as `wg genkey` writes it)');
	if (!o.peer) throw new UsageError("--peer PUBKEY is required (the other side's `wg pubkey`)");
	if (!o.address) throw new UsageError('--address is required: our address inside the tunnel, e.g. 10.0.0.2/24');
	if (o.listenPort === undefined) throw new UsageError('--listen-port N is required (0 picks a free port)');
	try {
		const addresses = prefixList(o.address, '--address');
		if (!addresses.length) throw new UsageError('--address is empty');
		const allowedIps = o.allowedIps ? prefixList(o.allowedIps, '--allowed-ips') : addresses.map(networkOf);
		let ping: PeerConfig['ping'];
		if (o.ping) {
			const target = parseIP(o.ping);
			if (!target) throw new UsageError(`--ping: "${o.ping}" is not an IPv4 or IPv6 address`);
			if (!allowedIps.some((p) => prefixContains(p, target))) {
				throw new UsageError(`--ping ${o.ping} is outside --allowed-ips (${allowedIps.map((p) => `${formatIP(p.address)}/${p.bits}`).join(',')}): ` +
					'it would never be routed to the peer');
			}
			if (!addresses.some((a) => a.address.length === target.length)) {
				throw new UsageError(`--ping ${o.ping}: we have no IPv${target.length === 4 ? 4 : 6} --address to send from`);
			}
			ping = {
				target, count: intOption(o.count, '--count', 1, 65535, 3),
				interval: numberOption(o.interval, '--interval', 0.01, 1) * 1000,
				wait: numberOption(o.wait, '--wait', 0, 5) * 1000,
			};
		} else if (o.count !== undefined) {
			throw new UsageError('--count only makes sense with --ping ADDR');
		}
		const backend = (o.backend ?? 'fast') as BackendName;
		if (backend !== 'fast' && backend !== 'reference') throw new UsageError(`--backend must be fast or reference, got "${o.backend}"`);
		const privateKey = readKeyFile(o.privateKey, 'private key file');
		const peerPublicKey = parseKey(o.peer, '--peer');
		// a peer that is ourselves, or the all-zero point (no shared secret with anyone), is never what was meant
		if (peerPublicKey.every((b) => b === 0)) {
			throw new UsageError('--peer is the all-zero key, which no private key has: give the other side\'s `wg pubkey`');
		}
		const ours = getCrypto(backend).x25519PublicKey(privateKey);
		if (Buffer.from(ours).equals(Buffer.from(peerPublicKey))) {
			throw new UsageError(`--peer ${o.peer.trim()} is our own public key (from ${o.privateKey}): give the other side's \`wg pubkey\``);
		}
		return {
			privateKey,
			listenPort: intOption(o.listenPort, '--listen-port', 0, 65535, 0),
			addresses, allowedIps, ping, backend,
			peerPublicKey,
			presharedKey: o.presharedKey ? readKeyFile(o.presharedKey, 'preshared key file') : undefined,
			endpoint: o.endpoint ? parseEndpoint(o.endpoint) : undefined,
			persistentKeepalive: intOption(o.persistentKeepalive, '--persistent-keepalive', 0, 65535, 0),
		};
	} catch (e) {
		if (e instanceof KeyError) throw new UsageError(e.message);
		throw e;
	}
}

export interface PeerIo {
	/** results: ping lines, status and summary (stdout) */
	out(line: string): void;
	/** progress and diagnostics (stderr) */
	log(line: string): void;
}

/** What the process reports: the device's drops and the host's, by reason. */
export interface PeerStatus {
	readonly publicKey: string;
	readonly listenPort: number;
	readonly handshakes: number;
	readonly rxBytes: number;
	readonly txBytes: number;
	readonly echoRequestsAnswered: number;
	readonly drops: Record<string, number>;
	readonly hostDrops: Record<string, number>;
	readonly sendErrors: Record<string, number>;
}

export interface RunningPeer {
	readonly port: number;
	status(): PeerStatus;
	/** resolves with the exit code once the peer has stopped (by stop(), a signal, or the end of --ping) */
	readonly done: Promise<number>;
	stop(): void;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
const sorted = (m: Map<string, number>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
const v4mapped = (host: string) => (host.startsWith('::ffff:') && host.includes('.') ? host.slice(7) : host);

async function bindSocket(port: number): Promise<{ socket: dgram.Socket; dualStack: boolean }> {
	const tryBind = (type: 'udp4' | 'udp6') => new Promise<dgram.Socket>((resolve, reject) => {
		const s = dgram.createSocket({ type, ipv6Only: false });
		s.once('error', reject);
		s.bind(port, () => {
			s.off('error', reject);
			resolve(s);
		});
	});
	const roomy = (s: dgram.Socket) => {
		/* bursts (a fuzzer, a flood) should be counted by reason, not lost in the kernel; capped by rmem_max */
		try {
			s.setRecvBufferSize(8 << 20);
		} catch {
			/* keep the default */
		}
		return s;
	};
	try {
		return { socket: roomy(await tryBind('udp6')), dualStack: true };
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		if (code === 'EADDRINUSE' || code === 'EACCES') throw new UsageError(`cannot listen on UDP port ${port}: ${code}`);
		return { socket: roomy(await tryBind('udp4')), dualStack: false };
	}
}

/** Start the peer; resolves once the socket is bound. */
export async function startPeer(cfg: PeerConfig, io: PeerIo): Promise<RunningPeer> {
	let endpoint: Endpoint | undefined;
	if (cfg.endpoint) {
		const { host, port } = cfg.endpoint;
		if (parseIP(host)) endpoint = { host: formatIP(parseIP(host)!), port };
		else {
			try {
				endpoint = { host: (await dns.lookup(host)).address, port };
			} catch (e) {
				throw new UsageError(`--endpoint: cannot resolve "${host}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
			}
		}
	}
	const { socket, dualStack } = await bindSocket(cfg.listenPort);
	const port = socket.address().port;
	const hostDrops = new Map<string, number>();
	const sendErrors = new Map<string, number>();
	let handshakes = 0;
	let answered = 0;
	let stopped = false;
	let finish: (code: number) => void = () => {};
	const done = new Promise<number>((resolve) => (finish = resolve));
	const t0 = performance.now();
	const clock = { now: () => performance.now() - t0 + 1, wall: () => Date.now() };
	const ourAddresses = cfg.addresses.map((p) => p.address);
	const isOurs = (a: Uint8Array) => ourAddresses.some((o) => o.length === a.length && o.every((x, i) => x === a[i]));

	/* ping state */
	const echoId = process.pid & 0xffff;
	const sentAt = new Map<number, number>();
	const rtts: number[] = [];
	let transmitted = 0;

	const wireSend = (to: Endpoint, data: Uint8Array) => {
		const host = dualStack && !to.host.includes(':') ? `::ffff:${to.host}` : to.host;
		socket.send(data, to.port, host, (err) => {
			if (!err) return;
			const code = (err as NodeJS.ErrnoException).code ?? err.message;
			if (!sendErrors.has(code)) io.log(`wgup peer: cannot send to ${to.host}:${to.port}: ${code} (is the endpoint reachable?)`);
			bump(sendErrors, code);
		});
	};

	const device: Device = new Device({
		privateKey: cfg.privateKey,
		crypto: getCrypto(cfg.backend),
		clock,
		io: {
			send: wireSend,
			deliver: (peer, packet) => onInnerPacket(peer, packet),
			event: (e) => onEvent(e),
		},
	});
	const peer = device.addPeer({
		publicKey: cfg.peerPublicKey, presharedKey: cfg.presharedKey, endpoint, allowedIps: cfg.allowedIps,
		persistentKeepalive: cfg.persistentKeepalive * 1000,
	});

	function onEvent(e: DeviceEvent): void {
		if (e.kind === 'handshake-complete') {
			handshakes++;
			io.log(`wgup peer: handshake complete with ${formatKey(e.peer.remote.publicKey)} (${e.initiator ? 'we initiated' : 'they initiated'})`);
		} else if (e.kind === 'handshake-gave-up') {
			io.log('wgup peer: no handshake response after 20 attempts; giving up until there is new traffic');
		}
	}

	function onInnerPacket(from: Peer, packet: Uint8Array): void {
		const echo = parseEcho(packet);
		if (typeof echo === 'string') return void bump(hostDrops, echo);
		if (!isOurs(echo.destination)) return void bump(hostDrops, 'not-our-address');
		if (echo.kind === 'request') {
			answered++;
			device.send(from, echoReply(echo));
			return;
		}
		const t = sentAt.get(echo.seq);
		if (!cfg.ping || echo.id !== echoId || t === undefined || formatIP(echo.source) !== formatIP(cfg.ping.target)) {
			return void bump(hostDrops, 'unexpected-echo-reply');
		}
		sentAt.delete(echo.seq);
		const rtt = performance.now() - t;
		rtts.push(rtt);
		io.out(`${packet.length} bytes from ${formatIP(echo.source)}: icmp_seq=${echo.seq} time=${rtt.toFixed(2)} ms`);
		if (rtts.length === cfg.ping.count) stop();
	}

	socket.on('message', (msg, rinfo) => {
		try {
			device.receive(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength), { host: v4mapped(rinfo.address), port: rinfo.port });
		} catch (e) {
			/* the model counts every drop itself; reaching here is a bug, reported and survived */
			bump(hostDrops, 'internal-error');
			io.log(`wgup peer: internal error on a datagram from ${rinfo.address}:${rinfo.port}: ${(e as Error).message}`);
		}
	});
	socket.on('error', (err) => io.log(`wgup peer: socket error: ${err.message}`));

	const ticker = setInterval(() => device.tick(), 100);
	const timers: NodeJS.Timeout[] = [];

	const status = (): PeerStatus => ({
		publicKey: formatKey(device.local.publicKey), listenPort: port, handshakes,
		rxBytes: peer.rxBytes, txBytes: peer.txBytes, echoRequestsAnswered: answered,
		drops: device.dropCounts(), hostDrops: sorted(hostDrops), sendErrors: sorted(sendErrors),
	});

	function stop(): void {
		if (stopped) return;
		stopped = true;
		clearInterval(ticker);
		for (const t of timers) clearTimeout(t);
		process.off('SIGINT', stop);
		process.off('SIGTERM', stop);
		process.off('SIGUSR1', printStatus);
		let code = 0;
		if (cfg.ping) {
			const received = rtts.length;
			const loss = transmitted ? Math.round((100 * (transmitted - received)) / transmitted) : 100;
			io.out(`--- ${formatIP(cfg.ping.target)} wgup peer ping statistics ---`);
			io.out(`${transmitted} packets transmitted, ${received} received, ${loss}% packet loss`);
			if (received) {
				const min = Math.min(...rtts), max = Math.max(...rtts), avg = rtts.reduce((a, b) => a + b, 0) / received;
				io.out(`rtt min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms`);
			}
			code = received > 0 ? 0 : 1;
		}
		io.out(`summary ${JSON.stringify(status())}`);
		socket.close(() => finish(code));
	}

	function printStatus(): void {
		io.out(`status ${JSON.stringify(status())}`);
	}

	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	process.on('SIGUSR1', printStatus);

	io.log(`wgup peer: listening on UDP port ${port}; public key ${formatKey(device.local.publicKey)}; ` +
		`address ${cfg.addresses.map((p) => `${formatIP(p.address)}/${p.bits}`).join(',')}`);

	if (cfg.ping) {
		const ping = cfg.ping;
		const source = ourAddresses.find((a) => a.length === ping.target.length)!;
		for (let i = 0; i < ping.count; i++) {
			timers.push(setTimeout(() => {
				const seq = i + 1;
				transmitted++;
				sentAt.set(seq, performance.now());
				const data = new Uint8Array(56);
				for (let j = 0; j < data.length; j++) data[j] = j;
				device.send(peer, buildEcho({ family: source.length === 4 ? 4 : 6, source, destination: ping.target, kind: 'request', id: echoId, seq, data }));
			}, i * ping.interval));
		}
		timers.push(setTimeout(stop, (ping.count - 1) * ping.interval + ping.wait));
	} else if (endpoint) {
		device.initiateHandshake(peer);
	}
	return { port, status, done, stop };
}

/** `wgup peer`: parse, run until done; resolves to the exit code (2 for bad usage). */
export async function runPeerCommand(o: PeerCliOptions, io: PeerIo): Promise<number> {
	try {
		const peer = await startPeer(parsePeerOptions(o), io);
		return await peer.done;
	} catch (e) {
		if (e instanceof UsageError) {
			io.log(`wgup peer: ${e.message}`);
			return 2;
		}
		throw e;
	}
}

export { parseKey };
