/*
 * A WireGuard device without I/O: datagrams and inner packets go in, datagrams and inner packets come out
 * through the DeviceIo the caller gives, and time is whatever the injected Clock says. The tool
 * (tools/peer) binds it to a UDP socket and the real clock; tests drive it with a fake clock and never
 * sleep.
 *
 * Behaviour follows wireguard-go (device/receive.go, send.go, timers.go, noise-protocol.go; facts
 * §4-§8): the responder holds a new keypair as "next" until the initiator's first transport packet
 * confirms it; the initiator confirms at once with a keepalive (or its staged packets); packets sent
 * with no usable keypair are staged (up to 128) and a handshake is started; the timers are go's.
 * Every datagram that is not accepted is counted under a DropReason, never thrown.
 */
import { getCrypto, type Crypto } from '@wgup/crypto';
import { store64_le } from '@wgup/prelude';
import {
	HANDSHAKE_INITIATION_RATE, KEEPALIVE_TIMEOUT, MAX_TIMER_HANDSHAKES, PADDING_MULTIPLE, REJECT_AFTER_MESSAGES,
	REJECT_AFTER_TIME, REKEY_AFTER_MESSAGES, REKEY_AFTER_TIME, REKEY_AFTER_TIME_RECV, REKEY_TIMEOUT,
	REKEY_TIMEOUT_JITTER_MAX, UNDER_LOAD_AFTER_TIME, UNDER_LOAD_THRESHOLD, ZERO_KEYS_AFTER,
} from './constants';
import { CookieChecker, CookieGenerator, type Rng } from './cookie';
import { parseIP, prefixContains, type Prefix } from './ip';
import { INITIATION, MESSAGE_COOKIE_REPLY, MESSAGE_INITIATION, MESSAGE_RESPONSE, RESPONSE, TRANSPORT } from './layout';
import {
	newMessage, parseMessage, setU32, setU64, type CookieReply, type Initiation, type ParseFailure,
	type Response, type Transport,
} from './messages';
import {
	consumeInitiation, consumeResponse, createInitiation, createResponse, localIdentity, remoteIdentity,
	type HandshakeFailure, type InitiatorState, type LocalIdentity, type RemoteIdentity, type TransportKeys,
} from './noise';
import { RateLimiter } from './ratelimit';
import { ReplayWindow } from './replay';
import { tai64n, tai64nAfter } from './tai64n';

/** Milliseconds. now() is monotonic (timers); wall() is Unix time (TAI64N timestamps). */
export interface Clock {
	now(): number;
	wall(): number;
}

export interface Endpoint {
	readonly host: string;
	readonly port: number;
}

export type DeviceEvent =
	| { readonly kind: 'handshake-initiated'; readonly peer: Peer; readonly attempt: number }
	| { readonly kind: 'handshake-complete'; readonly peer: Peer; readonly initiator: boolean }
	| { readonly kind: 'handshake-gave-up'; readonly peer: Peer }
	| { readonly kind: 'cookie-reply-sent'; readonly to: Endpoint }
	| { readonly kind: 'cookie-received'; readonly peer: Peer }
	| { readonly kind: 'keepalive-received'; readonly peer: Peer }
	| { readonly kind: 'keys-zeroed'; readonly peer: Peer };

export interface DeviceIo {
	/** put one datagram on the wire */
	send(to: Endpoint, data: Uint8Array): void;
	/** an authenticated inner IP packet from peer (padding removed, source checked against allowed IPs) */
	deliver(peer: Peer, packet: Uint8Array): void;
	event?(e: DeviceEvent): void;
}

export type DropReason =
	| ParseFailure
	| HandshakeFailure
	| 'bad-mac1'
	| 'under-load-cookie-sent' // mac2 missing or stale while under load: answered with a cookie reply
	| 'rate-limited'
	| 'replayed-timestamp' // an initiation not newer than the last one accepted from that peer
	| 'initiation-flood' // a second initiation from one peer within 20 ms
	| 'unknown-receiver-index'
	| 'unexpected-response' // a response for a handshake that is not waiting for one
	| 'bad-cookie-reply'
	| 'keypair-expired'
	| 'transport-decrypt-failed'
	| 'replayed-counter'
	| 'inner-bad-version'
	| 'inner-bad-length'
	| 'inner-source-not-allowed'
	| 'no-endpoint' // something to send to a peer whose address we do not know yet
	| 'staged-queue-full';

export interface DeviceOptions {
	readonly privateKey: Uint8Array;
	readonly clock: Clock;
	readonly io: DeviceIo;
	/** the crypto backend; default the fast one */
	readonly crypto?: Crypto;
	/** cryptographic randomness; default globalThis.crypto.getRandomValues */
	readonly random?: Rng;
	/** the tunnel MTU padding is capped at (go: the interface MTU); default 1420 */
	readonly mtu?: number;
}

export interface PeerOptions {
	readonly publicKey: Uint8Array;
	readonly presharedKey?: Uint8Array;
	readonly endpoint?: Endpoint;
	readonly allowedIps?: readonly Prefix[];
	/** milliseconds; 0 or absent: off */
	readonly persistentKeepalive?: number;
}

/** go QueueStagedSize */
const MAX_STAGED = 128;

export function defaultRandom(n: number): Uint8Array {
	const out = new Uint8Array(n);
	globalThis.crypto.getRandomValues(out);
	return out;
}

/** go calculatePaddingSize: pad to 16 but never past the MTU. */
export function paddedLength(size: number, mtu: number): number {
	const round = (n: number) => Math.ceil(n / PADDING_MULTIPLE) * PADDING_MULTIPLE;
	if (mtu === 0) return round(size);
	const last = size > mtu ? size % mtu : size;
	const padded = Math.min(round(last), mtu);
	return size + (padded - last);
}

export class Keypair {
	sendCounter = 0n;
	readonly replay = new ReplayWindow();
	constructor(readonly keys: TransportKeys, readonly localIndex: number, readonly remoteIndex: number,
		readonly initiator: boolean, readonly created: number) {}

	wipe(): void {
		this.keys.sendKey.fill(0);
		this.keys.receiveKey.fill(0);
	}
}

/** One remote peer: its identity, sessions and timers. Fields are the device's to change. */
export class Peer {
	readonly remote: RemoteIdentity;
	readonly cookies: CookieGenerator;
	endpoint: Endpoint | null;
	readonly allowedIps: readonly Prefix[];
	readonly persistentKeepalive: number;

	handshake: InitiatorState | null = null;
	lastTimestamp: Uint8Array | null = null;
	lastInitiationConsumed = -Infinity;
	lastSentHandshake = -Infinity;
	current: Keypair | null = null;
	previous: Keypair | null = null;
	next: Keypair | null = null;
	staged: Uint8Array[] = [];

	/* timers: absolute deadlines on the monotonic clock, null when not armed */
	retransmitAt: number | null = null;
	sendKeepaliveAt: number | null = null;
	newHandshakeAt: number | null = null;
	persistentKeepaliveAt: number | null = null;
	zeroKeysAt: number | null = null;
	handshakeAttempts = 0;
	needAnotherKeepalive = false;
	sentLastMinuteHandshake = false;

	/* statistics */
	lastHandshakeWall: number | null = null;
	rxBytes = 0;
	txBytes = 0;

	constructor(c: Crypto, local: LocalIdentity, o: PeerOptions) {
		this.remote = remoteIdentity(c, local, o.publicKey, o.presharedKey);
		this.cookies = new CookieGenerator(c, this.remote.mac1Key, this.remote.cookieKey);
		this.endpoint = o.endpoint ?? null;
		this.allowedIps = o.allowedIps ?? [];
		this.persistentKeepalive = o.persistentKeepalive ?? 0;
	}
}

type IndexEntry = { readonly peer: Peer; readonly keypair: Keypair | null };

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export class Device {
	readonly crypto: Crypto;
	readonly local: LocalIdentity;
	readonly peers: Peer[] = [];
	/** forces the under-load path (tests, and `wgup peer` has no queue to measure) */
	forceUnderLoad = false;

	private readonly clock: Clock;
	private readonly io: DeviceIo;
	private readonly random: Rng;
	private readonly mtu: number;
	private readonly checker: CookieChecker;
	private readonly limiter = new RateLimiter();
	private readonly byKey = new Map<string, Peer>();
	private readonly indices = new Map<number, IndexEntry>();
	private readonly drops = new Map<DropReason, number>();
	private loadWindowStart = -Infinity;
	private loadCount = 0;
	private underLoadUntil = -Infinity;

	constructor(o: DeviceOptions) {
		this.crypto = o.crypto ?? getCrypto('fast');
		this.clock = o.clock;
		this.io = o.io;
		this.random = o.random ?? defaultRandom;
		this.mtu = o.mtu ?? 1420;
		this.local = localIdentity(this.crypto, o.privateKey);
		this.checker = new CookieChecker(this.crypto, this.local.mac1Key, this.local.cookieKey, this.random);
	}

	addPeer(o: PeerOptions): Peer {
		const peer = new Peer(this.crypto, this.local, o);
		if (this.byKey.has(hex(peer.remote.publicKey))) throw new Error('a peer with this public key already exists');
		this.byKey.set(hex(peer.remote.publicKey), peer);
		this.peers.push(peer);
		return peer;
	}

	/** Drop counters by reason (only reasons that occurred). */
	dropCounts(): Record<string, number> {
		return Object.fromEntries([...this.drops].sort(([a], [b]) => (a < b ? -1 : 1)));
	}

	/* ---- Receive ------------------------------------------------------------------------------ */

	/** One datagram from the wire. */
	receive(data: Uint8Array, from: Endpoint): void {
		const parsed = parseMessage(data);
		if (!parsed.ok) return this.drop(parsed.reason);
		const m = parsed.message;
		switch (m.type) {
			case MESSAGE_INITIATION:
			case MESSAGE_RESPONSE:
				return this.receiveHandshake(m, from);
			case MESSAGE_COOKIE_REPLY:
				return this.receiveCookieReply(m);
			default:
				return this.receiveTransport(m, from);
		}
	}

	private underLoad(now: number): boolean {
		/* go counts its handshake queue; a synchronous receiver has none, so the arrival rate stands in:
		 * UNDER_LOAD_THRESHOLD handshakes within one UNDER_LOAD_AFTER_TIME. */
		if (now - this.loadWindowStart > UNDER_LOAD_AFTER_TIME) {
			this.loadWindowStart = now;
			this.loadCount = 0;
		}
		if (++this.loadCount >= UNDER_LOAD_THRESHOLD) this.underLoadUntil = now + UNDER_LOAD_AFTER_TIME;
		return this.forceUnderLoad || now < this.underLoadUntil;
	}

	private receiveHandshake(m: Initiation | Response, from: Endpoint): void {
		const now = this.clock.now();
		const layout = m.type === MESSAGE_INITIATION ? INITIATION : RESPONSE;
		if (!this.checker.checkMac1(layout, m.bytes)) return this.drop('bad-mac1');
		if (this.underLoad(now)) {
			if (!this.checker.checkMac2(layout, m.bytes, sourceBytes(from), now)) {
				this.io.send(from, this.checker.createReply(layout, m.bytes, m.sender, sourceBytes(from), now));
				this.io.event?.({ kind: 'cookie-reply-sent', to: from });
				return this.drop('under-load-cookie-sent');
			}
			if (!this.limiter.allow(from.host, now)) return this.drop('rate-limited');
		}
		if (m.type === MESSAGE_INITIATION) this.receiveInitiation(m, from, now);
		else this.receiveResponse(m, from, now);
	}

	private receiveInitiation(m: Initiation, from: Endpoint, now: number): void {
		const consumed = consumeInitiation(this.crypto, this.local, m, (pk) => this.byKey.get(hex(pk)) ?? null);
		if (!consumed.ok) return this.drop(consumed.reason);
		const { peer, state } = consumed.value;
		if (peer.lastTimestamp !== null && !tai64nAfter(state.timestamp, peer.lastTimestamp)) return this.drop('replayed-timestamp');
		if (now - peer.lastInitiationConsumed < HANDSHAKE_INITIATION_RATE) return this.drop('initiation-flood');
		peer.lastTimestamp = state.timestamp;
		peer.lastInitiationConsumed = now;
		peer.endpoint = from;

		const localIndex = this.allocateIndex();
		const response = createResponse(this.crypto, peer.remote, state, this.random(32), localIndex);
		if (!response.ok) return this.drop(response.reason);
		/* A new initiation from the peer supersedes our own half-done one (go: handshake state is reset). */
		this.clearHandshake(peer);
		const kp = new Keypair(response.value.keys, localIndex, state.remoteIndex, false, now);
		if (peer.next) this.retire(peer.next);
		peer.next = kp;
		this.indices.set(localIndex, { peer, keypair: kp });
		const msg = response.value.message;
		peer.cookies.addMacs(RESPONSE, msg, now);
		this.sendTo(peer, msg);
		this.authenticatedSent(peer, now);
		peer.zeroKeysAt = now + ZERO_KEYS_AFTER;
	}

	private receiveResponse(m: Response, from: Endpoint, now: number): void {
		const entry = this.indices.get(m.receiver);
		if (!entry || entry.keypair !== null) return this.drop('unknown-receiver-index');
		const peer = entry.peer;
		if (!peer.handshake || peer.handshake.localIndex !== m.receiver) return this.drop('unexpected-response');
		const keys = consumeResponse(this.crypto, this.local, peer.remote, peer.handshake, m);
		if (!keys.ok) return this.drop(keys.reason);
		const kp = new Keypair(keys.value, m.receiver, m.sender, true, now);
		peer.handshake.ephemeralPrivate.fill(0);
		peer.handshake = null;
		this.indices.set(m.receiver, { peer, keypair: kp });
		/* go BeginSymmetricSession, initiator: an unconfirmed next is dropped into previous */
		if (peer.next) {
			if (peer.previous) this.retire(peer.previous);
			peer.previous = peer.next;
			peer.next = null;
		} else {
			if (peer.previous) this.retire(peer.previous);
			peer.previous = peer.current;
		}
		peer.current = kp;
		peer.endpoint = from;
		peer.zeroKeysAt = now + ZERO_KEYS_AFTER;
		this.handshakeComplete(peer, true);
		this.authenticatedReceived(peer, now);
		/* confirm the keys to the responder: staged data if there is any, else a keepalive */
		this.sendKeepalive(peer);
	}

	private receiveCookieReply(m: CookieReply): void {
		const entry = this.indices.get(m.receiver);
		if (!entry) return this.drop('unknown-receiver-index');
		if (!entry.peer.cookies.consumeReply(m, this.clock.now())) return this.drop('bad-cookie-reply');
		this.io.event?.({ kind: 'cookie-received', peer: entry.peer });
	}

	private receiveTransport(m: Transport, from: Endpoint): void {
		const now = this.clock.now();
		const entry = this.indices.get(m.receiver);
		if (!entry || entry.keypair === null) return this.drop('unknown-receiver-index');
		const { peer, keypair } = entry;
		if (now - keypair.created >= REJECT_AFTER_TIME) return this.drop('keypair-expired');
		const nonce = new Uint8Array(12);
		store64_le(nonce, 4, m.counter);
		const plain = this.crypto.chacha20poly1305Open(keypair.keys.receiveKey, nonce, m.ciphertext);
		if (plain === null) return this.drop('transport-decrypt-failed');
		if (!keypair.replay.validate(m.counter, REJECT_AFTER_MESSAGES)) return this.drop('replayed-counter');

		peer.endpoint = from;
		peer.rxBytes += m.bytes.length;
		if (keypair === peer.next) {
			/* go ReceivedWithKeypair: the responder's keys are confirmed */
			if (peer.previous) this.retire(peer.previous);
			peer.previous = peer.current;
			peer.current = keypair;
			peer.next = null;
			this.handshakeComplete(peer, false);
			this.flushStaged(peer);
		}
		this.keepKeyFreshReceiving(peer, now);
		this.authenticatedReceived(peer, now);
		if (plain.length === 0) {
			this.io.event?.({ kind: 'keepalive-received', peer });
			return;
		}
		this.dataReceived(peer, now);
		const inner = checkInnerPacket(plain, peer.allowedIps);
		if (typeof inner === 'string') return this.drop(inner);
		this.io.deliver(peer, inner);
	}

	/* ---- Send --------------------------------------------------------------------------------- */

	/** Send an inner IP packet to peer: now if a session is up, else staged behind a handshake. */
	send(peer: Peer, packet: Uint8Array): void {
		if (peer.staged.length >= MAX_STAGED) {
			peer.staged.shift();
			this.drop('staged-queue-full');
		}
		peer.staged.push(packet);
		this.flushStaged(peer);
	}

	/** Start a handshake now (the tool calls this at start-up when it knows the endpoint). */
	initiateHandshake(peer: Peer): void {
		this.sendInitiation(peer, false);
	}

	private usableKeypair(peer: Peer, now: number): Keypair | null {
		const kp = peer.current;
		if (!kp || now - kp.created >= REJECT_AFTER_TIME || kp.sendCounter >= REJECT_AFTER_MESSAGES) return null;
		return kp;
	}

	private flushStaged(peer: Peer): void {
		const now = this.clock.now();
		const kp = this.usableKeypair(peer, now);
		if (!kp) {
			this.sendInitiation(peer, false);
			return;
		}
		if (!peer.endpoint) {
			this.drop('no-endpoint');
			return;
		}
		const packets = peer.staged;
		peer.staged = [];
		for (const p of packets) this.sealAndSend(peer, kp, p, now);
		this.keepKeyFreshSending(peer, kp, now);
	}

	private sealAndSend(peer: Peer, kp: Keypair, packet: Uint8Array, now: number): void {
		const counter = kp.sendCounter++;
		const padded = new Uint8Array(paddedLength(packet.length, this.mtu));
		padded.set(packet);
		const nonce = new Uint8Array(12);
		store64_le(nonce, 4, counter);
		const sealed = this.crypto.chacha20poly1305Seal(kp.keys.sendKey, nonce, padded);
		const msg = newMessage(TRANSPORT, sealed.length);
		setU32(TRANSPORT, msg, 'receiver', kp.remoteIndex);
		setU64(TRANSPORT, msg, 'counter', counter);
		msg.set(sealed, TRANSPORT.size);
		this.sendTo(peer, msg);
		peer.txBytes += msg.length;
		this.authenticatedSent(peer, now);
		if (packet.length > 0) this.dataSent(peer, now);
	}

	/** go SendKeepalive: an empty packet unless data is already waiting. */
	private sendKeepalive(peer: Peer): void {
		if (peer.staged.length === 0) peer.staged.push(new Uint8Array(0));
		this.flushStaged(peer);
	}

	private sendInitiation(peer: Peer, retry: boolean): void {
		const now = this.clock.now();
		if (!retry) peer.handshakeAttempts = 0;
		if (now - peer.lastSentHandshake < REKEY_TIMEOUT) return;
		if (!peer.endpoint) {
			this.drop('no-endpoint');
			return;
		}
		peer.lastSentHandshake = now;
		this.clearHandshake(peer);
		const localIndex = this.allocateIndex();
		const eph = this.random(32);
		const made = createInitiation(this.crypto, this.local, peer.remote, eph, localIndex, tai64n(this.clock.wall()));
		if (!made.ok) return this.drop(made.reason);
		peer.handshake = made.value.state;
		this.indices.set(localIndex, { peer, keypair: null });
		const msg = made.value.message;
		peer.cookies.addMacs(INITIATION, msg, now);
		this.sendTo(peer, msg);
		this.io.event?.({ kind: 'handshake-initiated', peer, attempt: peer.handshakeAttempts + 1 });
		this.authenticatedSent(peer, now);
		peer.retransmitAt = now + REKEY_TIMEOUT + this.jitter();
	}

	private sendTo(peer: Peer, data: Uint8Array): void {
		if (!peer.endpoint) return this.drop('no-endpoint');
		this.io.send(peer.endpoint, data);
	}

	/* ---- Timers (go timers.go) ------------------------------------------------------------------ */

	/** The earliest armed deadline over all peers, or null: when the tool should call tick() next. */
	nextDeadline(): number | null {
		let best: number | null = null;
		for (const p of this.peers) {
			for (const t of [p.retransmitAt, p.sendKeepaliveAt, p.newHandshakeAt, p.persistentKeepaliveAt, p.zeroKeysAt]) {
				if (t !== null && (best === null || t < best)) best = t;
			}
		}
		return best;
	}

	/** Fire every timer whose deadline has passed. */
	tick(): void {
		const now = this.clock.now();
		for (const peer of this.peers) {
			if (peer.retransmitAt !== null && now >= peer.retransmitAt) {
				peer.retransmitAt = null;
				if (peer.handshakeAttempts > MAX_TIMER_HANDSHAKES) {
					/* go gives up here, after MaxTimerHandshakes + 2 = 20 initiations in all */
					peer.sendKeepaliveAt = null;
					peer.staged = [];
					this.clearHandshake(peer);
					if (peer.zeroKeysAt === null) peer.zeroKeysAt = now + ZERO_KEYS_AFTER;
					this.io.event?.({ kind: 'handshake-gave-up', peer });
				} else {
					peer.handshakeAttempts++;
					this.sendInitiation(peer, true);
				}
			}
			if (peer.sendKeepaliveAt !== null && now >= peer.sendKeepaliveAt) {
				peer.sendKeepaliveAt = null;
				this.sendKeepalive(peer);
				if (peer.needAnotherKeepalive) {
					peer.needAnotherKeepalive = false;
					peer.sendKeepaliveAt = now + KEEPALIVE_TIMEOUT;
				}
			}
			if (peer.newHandshakeAt !== null && now >= peer.newHandshakeAt) {
				peer.newHandshakeAt = null;
				this.sendInitiation(peer, false);
			}
			if (peer.persistentKeepaliveAt !== null && now >= peer.persistentKeepaliveAt) {
				peer.persistentKeepaliveAt = null;
				if (peer.persistentKeepalive > 0) this.sendKeepalive(peer);
			}
			if (peer.zeroKeysAt !== null && now >= peer.zeroKeysAt) {
				peer.zeroKeysAt = null;
				for (const kp of [peer.current, peer.previous, peer.next]) if (kp) this.retire(kp);
				peer.current = peer.previous = peer.next = null;
				this.clearHandshake(peer);
				this.io.event?.({ kind: 'keys-zeroed', peer });
			}
		}
	}

	private jitter(): number {
		const r = this.random(2);
		return ((r[0] << 8) | r[1]) % REKEY_TIMEOUT_JITTER_MAX;
	}

	private handshakeComplete(peer: Peer, initiator: boolean): void {
		peer.retransmitAt = null;
		peer.handshakeAttempts = 0;
		peer.sentLastMinuteHandshake = false;
		peer.lastHandshakeWall = this.clock.wall();
		this.io.event?.({ kind: 'handshake-complete', peer, initiator });
	}

	private authenticatedSent(peer: Peer, now: number): void {
		peer.sendKeepaliveAt = null;
		this.traversal(peer, now);
	}

	private authenticatedReceived(peer: Peer, now: number): void {
		peer.newHandshakeAt = null;
		this.traversal(peer, now);
	}

	private traversal(peer: Peer, now: number): void {
		if (peer.persistentKeepalive > 0) peer.persistentKeepaliveAt = now + peer.persistentKeepalive;
	}

	private dataSent(peer: Peer, now: number): void {
		if (peer.newHandshakeAt === null) peer.newHandshakeAt = now + KEEPALIVE_TIMEOUT + REKEY_TIMEOUT + this.jitter();
	}

	private dataReceived(peer: Peer, now: number): void {
		if (peer.sendKeepaliveAt === null) peer.sendKeepaliveAt = now + KEEPALIVE_TIMEOUT;
		else peer.needAnotherKeepalive = true;
	}

	private keepKeyFreshSending(peer: Peer, kp: Keypair, now: number): void {
		if (kp.sendCounter > REKEY_AFTER_MESSAGES || (kp.initiator && now - kp.created > REKEY_AFTER_TIME)) {
			this.sendInitiation(peer, false);
		}
	}

	private keepKeyFreshReceiving(peer: Peer, now: number): void {
		if (peer.sentLastMinuteHandshake) return;
		const kp = peer.current;
		if (kp && kp.initiator && now - kp.created > REKEY_AFTER_TIME_RECV) {
			peer.sentLastMinuteHandshake = true;
			this.sendInitiation(peer, false);
		}
	}

	/* ---- Bookkeeping ---------------------------------------------------------------------------- */

	private allocateIndex(): number {
		for (;;) {
			const r = this.random(4);
			const idx = ((r[0] | (r[1] << 8) | (r[2] << 16) | (r[3] << 24)) >>> 0);
			if (!this.indices.has(idx)) return idx;
		}
	}

	private clearHandshake(peer: Peer): void {
		if (!peer.handshake) return;
		peer.handshake.ephemeralPrivate.fill(0);
		this.indices.delete(peer.handshake.localIndex);
		peer.handshake = null;
	}

	private retire(kp: Keypair): void {
		this.indices.delete(kp.localIndex);
		kp.wipe();
	}

	private drop(reason: DropReason): void {
		this.drops.set(reason, (this.drops.get(reason) ?? 0) + 1);
	}
}

/** The bytes the cookie binds to: the source IP then the port, little-endian (as go's AddrPort encoding). */
function sourceBytes(e: Endpoint): Uint8Array {
	const ip = parseIP(e.host) ?? Uint8Array.from(e.host, (ch) => ch.charCodeAt(0) & 0xff);
	const out = new Uint8Array(ip.length + 2);
	out.set(ip);
	out[ip.length] = e.port & 0xff;
	out[ip.length + 1] = (e.port >>> 8) & 0xff;
	return out;
}

/**
 * go RoutineSequentialReceiver's checks on a decrypted packet: an IPv4 or IPv6 header whose length fits
 * the plaintext (the rest is padding and is cut off), and a source address inside the peer's allowed IPs.
 */
export function checkInnerPacket(plain: Uint8Array, allowed: readonly Prefix[]): Uint8Array | DropReason {
	const version = plain[0] >> 4;
	let length: number;
	let source: Uint8Array;
	if (version === 4 && plain.length >= 20) {
		length = (plain[2] << 8) | plain[3];
		source = plain.subarray(12, 16);
		if (length < 20) return 'inner-bad-length';
	} else if (version === 6 && plain.length >= 40) {
		length = ((plain[4] << 8) | plain[5]) + 40;
		source = plain.subarray(8, 24);
	} else {
		return 'inner-bad-version';
	}
	if (length > plain.length) return 'inner-bad-length';
	if (!allowed.some((p) => prefixContains(p, source))) return 'inner-source-not-allowed';
	return plain.subarray(0, length);
}

