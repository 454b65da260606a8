/*
 * A packet fuzzer for a WireGuard UDP port: random datagrams and mutations of well-formed ones (real
 * initiations with a valid mac1 from a key the target does not know, initiations from a key it does
 * know when given one, responses, cookie replies and transport packets with made-up indices). Sent in
 * bursts so 100,000 datagrams take seconds, not minutes.
 */
import * as dgram from 'node:dgram';
import * as fs from 'node:fs';
import { getCrypto } from '@wgup/crypto';
import {
	COOKIE_REPLY, RESPONSE, TRANSPORT, INITIATION, createInitiation, localIdentity, newMessage, remoteIdentity, tai64n,
	CookieGenerator,
} from '@wgup/protocol';
import { randomBytes } from 'node:crypto';

export interface FuzzOptions {
	readonly host: string;
	readonly port: number;
	readonly count: number;
	/** the target's public key: lets the fuzzer make initiations whose mac1 is valid */
	readonly targetPublicKey: Uint8Array;
	/** a private key the target knows as a peer: its initiations get through to the handshake */
	readonly knownPrivateKey?: Uint8Array;
	readonly seed?: number;
	readonly burst?: number;
	/**
	 * Hold each burst while the target socket's receive queue (read from /proc/net/udp and udp6, which
	 * show the sockets of the fuzzer's own network namespace) holds more than this many bytes, so the
	 * datagrams reach the target instead of overflowing its buffer. 0: do not pace.
	 */
	readonly paceQueueBytes?: number;
}

/** The receive-queue bytes of the UDP socket bound to port in this namespace, or null if none is found. */
function receiveQueue(port: number): number | null {
	const want = port.toString(16).toUpperCase().padStart(4, '0');
	for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
		let text: string;
		try {
			text = fs.readFileSync(file, 'utf8');
		} catch {
			continue;
		}
		for (const line of text.split('\n').slice(1)) {
			const cols = line.trim().split(/\s+/);
			if (cols.length < 5 || !cols[1].endsWith(`:${want}`)) continue;
			return parseInt(cols[4].split(':')[1], 16);
		}
	}
	return null;
}

export interface FuzzReport {
	readonly sent: number;
	readonly byKind: Record<string, number>;
	readonly received: number;
	/** milliseconds spent waiting for the target to drain */
	readonly pausedMs: number;
}

/** A small deterministic PRNG (xorshift32) so a failing run can be repeated with its seed. */
function prng(seed: number): () => number {
	let s = seed >>> 0 || 1;
	return () => {
		s ^= s << 13;
		s >>>= 0;
		s ^= s >>> 17;
		s ^= s << 5;
		return (s >>>= 0);
	};
}

/** Well-formed messages to mutate. */
function seeds(o: FuzzOptions): Array<{ kind: string; bytes: Uint8Array }> {
	const c = getCrypto('fast');
	const out: Array<{ kind: string; bytes: Uint8Array }> = [];
	const initiationFrom = (sk: Uint8Array, kind: string) => {
		const local = localIdentity(c, sk);
		const remote = remoteIdentity(c, local, o.targetPublicKey);
		const made = createInitiation(c, local, remote, randomBytes(32), 0x1234, tai64n(Date.now()));
		if (!made.ok) return;
		new CookieGenerator(c, remote.mac1Key, remote.cookieKey).addMacs(INITIATION, made.value.message, 0);
		out.push({ kind, bytes: made.value.message });
	};
	initiationFrom(randomBytes(32), 'initiation-unknown-key');
	if (o.knownPrivateKey) initiationFrom(o.knownPrivateKey, 'initiation-known-key');
	for (const [kind, l, extra] of [['response', RESPONSE, 0], ['cookie-reply', COOKIE_REPLY, 0], ['transport', TRANSPORT, 64]] as const) {
		const m = newMessage(l, extra);
		m.set(randomBytes(m.length - 4), 4);
		out.push({ kind, bytes: m });
	}
	return out;
}

/** One fuzz datagram. */
function mutate(rnd: () => number, base: Array<{ kind: string; bytes: Uint8Array }>): { kind: string; bytes: Uint8Array } {
	const choice = rnd() % 10;
	if (choice < 2) {
		const len = rnd() % 200;
		const p = new Uint8Array(len);
		for (let i = 0; i < len; i++) p[i] = rnd() & 0xff;
		if (len && rnd() % 2) p[0] = 1 + (rnd() % 4);
		return { kind: 'random', bytes: p };
	}
	const seed = base[rnd() % base.length];
	const p = seed.bytes.slice();
	switch (choice) {
		case 2: /* truncate */
			return { kind: `${seed.kind}-truncated`, bytes: p.subarray(0, rnd() % p.length) };
		case 3: { /* extend */
			const q = new Uint8Array(p.length + 1 + (rnd() % 64));
			q.set(p);
			return { kind: `${seed.kind}-extended`, bytes: q };
		}
		case 4: /* reserved bytes */
			p[1 + (rnd() % 3)] = 1 + (rnd() % 255);
			return { kind: `${seed.kind}-reserved`, bytes: p };
		case 5: /* unchanged: replays of a valid message */
			return { kind: `${seed.kind}-replayed`, bytes: p };
		default: { /* flip 1..4 bits anywhere */
			const flips = 1 + (rnd() % 4);
			for (let i = 0; i < flips; i++) p[rnd() % p.length] ^= 1 << (rnd() % 8);
			return { kind: `${seed.kind}-bitflip`, bytes: p };
		}
	}
}

export async function fuzz(o: FuzzOptions): Promise<FuzzReport> {
	const rnd = prng(o.seed ?? 0x5eed);
	const base = seeds(o);
	const burst = o.burst ?? 200;
	const socket = dgram.createSocket(o.host.includes(':') ? 'udp6' : 'udp4');
	let received = 0;
	socket.on('message', () => received++);
	socket.on('error', () => {});
	await new Promise<void>((r) => socket.bind(0, r));
	const byKind = new Map<string, number>();
	let sent = 0;
	const pace = o.paceQueueBytes ?? 0;
	let paused = 0;
	while (sent < o.count) {
		if (pace > 0) {
			/* wait (up to 200 ms per burst) for the target to drain below the mark */
			for (let waited = 0; waited < 200; waited += 2) {
				const q = receiveQueue(o.port);
				if (q === null || q < pace) break;
				paused += 2;
				await new Promise((r) => setTimeout(r, 2));
			}
		}
		const n = Math.min(burst, o.count - sent);
		await Promise.all(Array.from({ length: n }, () => {
			const m = mutate(rnd, base);
			const group = m.kind.replace(/^initiation-(unknown|known)-key/, 'initiation');
			byKind.set(group, (byKind.get(group) ?? 0) + 1);
			return new Promise<void>((r) => socket.send(m.bytes, o.port, o.host, () => r()));
		}));
		sent += n;
		/* let the receiver drain its socket buffer between bursts */
		await new Promise((r) => setTimeout(r, 2));
	}
	await new Promise((r) => setTimeout(r, 200));
	socket.close();
	return { sent, byKind: Object.fromEntries([...byKind].sort()), received, pausedMs: paused };
}
