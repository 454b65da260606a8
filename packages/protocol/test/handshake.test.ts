import { getCrypto, type BackendName } from '@wgup/crypto';
import {
	COOKIE_REFRESH_TIME, INITIATION, KEEPALIVE_TIMEOUT, REJECT_AFTER_MESSAGES, REKEY_AFTER_MESSAGES, MAX_TIMER_HANDSHAKES, REJECT_AFTER_TIME, REKEY_AFTER_TIME, REKEY_TIMEOUT,
	REKEY_TIMEOUT_JITTER_MAX, ZERO_KEYS_AFTER, consumeInitiation, createInitiation, createResponse, consumeResponse,
	localIdentity, parseMessage, remoteIdentity, tai64n, type Initiation, type Response,
} from '../src';
import { ipv4, makeWorld } from './harness';

/* both backends, always: a backend that throws fails these tests instead of silently dropping out */
const BACKENDS: readonly BackendName[] = ['fast', 'reference'];

describe.each(BACKENDS)('handshake on the %s backend', (backend) => {
	test('initiator and responder derive mirrored keys; data flows both ways', () => {
		const w = makeWorld({ backend });
		w.a.device.send(w.a.peer, ipv4('10.0.0.1', '10.0.0.2', [1, 2, 3]));
		expect(w.queue.map((d) => d.data.length)).toEqual([148]);
		w.pump();
		expect(w.b.delivered.map((p) => Array.from(p.subarray(20)))).toEqual([[1, 2, 3]]);
		expect(w.a.events.map((e) => e.kind)).toEqual(['handshake-initiated', 'handshake-complete']);
		expect(w.b.events.map((e) => e.kind)).toEqual(['handshake-complete']);
		expect(w.a.peer.current!.keys.sendKey).toEqual(w.b.peer.current!.keys.receiveKey);
		expect(w.a.peer.current!.keys.receiveKey).toEqual(w.b.peer.current!.keys.sendKey);
		w.b.device.send(w.b.peer, ipv4('10.0.0.2', '10.0.0.1', [9]));
		w.pump();
		expect(w.a.delivered.map((p) => p[20])).toEqual([9]);
	});

	test('with matching preshared keys the handshake completes; with different ones it never does', () => {
		const psk = new Uint8Array(32).fill(7);
		const ok = makeWorld({ backend, pskA: psk, pskB: psk });
		ok.a.device.initiateHandshake(ok.a.peer);
		ok.pump();
		expect(ok.a.peer.current).not.toBeNull();
		expect(ok.b.peer.current).not.toBeNull();

		const bad = makeWorld({ backend, pskA: psk, pskB: new Uint8Array(32).fill(8) });
		bad.a.device.initiateHandshake(bad.a.peer);
		bad.pump();
		expect(bad.a.peer.current).toBeNull();
		expect(bad.b.peer.current).toBeNull();
		expect(bad.a.device.dropCounts()).toEqual({ 'response-decrypt-failed': 1 });
	});
});

test('an initiation from an unknown static key is dropped as unknown-peer', () => {
	const w = makeWorld({ wrongKeyForA: true });
	w.a.device.initiateHandshake(w.a.peer);
	w.pump();
	expect(w.b.device.dropCounts()).toEqual({ 'unknown-peer': 1 });
	expect(w.a.peer.current).toBeNull();
});

test('a replayed initiation is refused by its timestamp; a newer one is accepted', () => {
	const w = makeWorld();
	w.a.device.initiateHandshake(w.a.peer);
	const first = w.queue[0].data.slice();
	w.pump();
	w.b.device.receive(first, w.a.endpoint);
	expect(w.b.device.dropCounts()).toEqual({ 'replayed-timestamp': 1 });
	w.queue.length = 0;
	w.clock.t += REKEY_TIMEOUT;
	w.a.peer.lastSentHandshake = -Infinity;
	w.a.device.initiateHandshake(w.a.peer);
	w.pump();
	expect(w.b.device.dropCounts()).toEqual({ 'replayed-timestamp': 1 });
	expect(w.a.events.filter((e) => e.kind === 'handshake-complete')).toHaveLength(2);
});

test('a bad mac1 or a flipped ciphertext bit is dropped and counted, never thrown', () => {
	const w = makeWorld();
	w.a.device.initiateHandshake(w.a.peer);
	const init = w.queue[0].data;
	const badMac = init.slice();
	badMac[120] ^= 1;
	w.b.device.receive(badMac, w.a.endpoint);
	expect(w.b.device.dropCounts()).toEqual({ 'bad-mac1': 1 });
	w.pump();
	w.a.device.send(w.a.peer, ipv4('10.0.0.1', '10.0.0.2', [5]));
	const data = w.queue[0].data.slice();
	data[20] ^= 0x80;
	w.b.device.receive(data, w.a.endpoint);
	w.pump();
	w.b.device.receive(w.a.sent[w.a.sent.length - 1], w.a.endpoint);
	expect(w.b.device.dropCounts()).toMatchObject({ 'transport-decrypt-failed': 1, 'replayed-counter': 1 });
	expect(w.b.delivered).toHaveLength(1);
});

test('inner packets from outside the allowed IPs are dropped; padding is removed', () => {
	const w = makeWorld();
	w.a.device.send(w.a.peer, ipv4('10.0.0.9', '10.0.0.2', [1]));
	w.pump();
	expect(w.b.device.dropCounts()).toEqual({ 'inner-source-not-allowed': 1 });
	w.a.device.send(w.a.peer, ipv4('10.0.0.1', '10.0.0.2', [1, 2, 3, 4, 5]));
	expect(w.queue[0].data.length).toBe(16 + 32 + 16);
	w.pump();
	expect(w.b.delivered[0].length).toBe(25);
});

describe('pure handshake functions', () => {
	test('the responder recovers the initiator key and both sides derive the same transport keys', () => {
		const c = getCrypto('fast');
		const skI = new Uint8Array(32).fill(1);
		const skR = new Uint8Array(32).fill(2);
		const I = localIdentity(c, skI);
		const R = localIdentity(c, skR);
		const rOfI = remoteIdentity(c, I, R.publicKey);
		const iOfR = remoteIdentity(c, R, I.publicKey);
		const made = createInitiation(c, I, rOfI, new Uint8Array(32).fill(3), 42, tai64n(0));
		if (!made.ok) throw new Error(made.reason);
		const parsed = parseMessage(made.value.message);
		if (!parsed.ok) throw new Error(parsed.reason);
		const consumed = consumeInitiation(c, R, parsed.message as Initiation, () => ({ remote: iOfR }));
		if (!consumed.ok) throw new Error(consumed.reason);
		expect(consumed.value.state.remoteStatic).toEqual(I.publicKey);
		expect(consumed.value.state.remoteIndex).toBe(42);
		expect(Buffer.from(consumed.value.state.timestamp).toString('hex')).toBe('400000000000000a00000000');
		const resp = createResponse(c, iOfR, consumed.value.state, new Uint8Array(32).fill(4), 77);
		if (!resp.ok) throw new Error(resp.reason);
		const pr = parseMessage(resp.value.message);
		if (!pr.ok) throw new Error(pr.reason);
		const keys = consumeResponse(c, I, rOfI, made.value.state, pr.message as Response);
		if (!keys.ok) throw new Error(keys.reason);
		expect(keys.value.sendKey).toEqual(resp.value.keys.receiveKey);
		expect(keys.value.receiveKey).toEqual(resp.value.keys.sendKey);
		expect(keys.value.sendKey).not.toEqual(keys.value.receiveKey);
	});

	test('a low-order ephemeral is refused as zero-shared-secret', () => {
		const c = getCrypto('fast');
		const R = localIdentity(c, new Uint8Array(32).fill(2));
		const msg = new Uint8Array(INITIATION.size);
		msg[0] = 1; /* ephemeral left all zero: u = 0 is a low-order point */
		const parsed = parseMessage(msg);
		if (!parsed.ok) throw new Error(parsed.reason);
		expect(consumeInitiation(c, R, parsed.message as Initiation, () => null)).toEqual({ ok: false, reason: 'zero-shared-secret' });
	});
});

describe('cookies under load', () => {
	test('a responder under load answers with a cookie; the retry carries mac2 and completes', () => {
		const w = makeWorld();
		w.b.device.forceUnderLoad = true;
		w.a.device.initiateHandshake(w.a.peer);
		w.pump();
		expect(w.b.device.dropCounts()).toEqual({ 'under-load-cookie-sent': 1 });
		expect(w.b.sent.map((d) => d.length)).toEqual([64]);
		expect(w.a.events.map((e) => e.kind)).toEqual(['handshake-initiated', 'cookie-received']);
		expect(w.a.peer.current).toBeNull();
		w.tick(REKEY_TIMEOUT + REKEY_TIMEOUT_JITTER_MAX);
		const retry = w.queue[0].data;
		expect(retry.length).toBe(148);
		expect(retry.subarray(132).some((x) => x !== 0)).toBe(true);
		w.pump();
		expect(w.a.peer.current).not.toBeNull();
	});

	test('a cookie reply that does not decrypt is counted as bad-cookie-reply', () => {
		const w = makeWorld();
		w.b.device.forceUnderLoad = true;
		w.a.device.initiateHandshake(w.a.peer);
		w.pump((d, to) => to.port === 1002);
		const reply = w.queue.length ? w.queue[0].data : w.b.sent[0];
		const forged = reply.slice();
		forged[40] ^= 1;
		w.a.device.receive(forged, w.b.endpoint);
		expect(w.a.device.dropCounts()).toEqual({ 'bad-cookie-reply': 1 });
	});

	test('the cookie secret rotates: after COOKIE_REFRESH_TIME an old cookie earns a new cookie reply', () => {
		const w = makeWorld();
		w.b.device.forceUnderLoad = true;
		w.a.device.initiateHandshake(w.a.peer);
		w.pump();
		expect(w.a.peer.cookies.hasCookie(w.clock.now())).toBe(true);
		w.clock.t += COOKIE_REFRESH_TIME + 1;
		expect(w.a.peer.cookies.hasCookie(w.clock.now())).toBe(false);
		w.a.peer.lastSentHandshake = -Infinity;
		w.a.device.initiateHandshake(w.a.peer);
		const retry = w.queue[0].data;
		expect(retry.subarray(132).every((x) => x === 0)).toBe(true);
		w.pump();
		expect(w.b.device.dropCounts()).toEqual({ 'under-load-cookie-sent': 2 });
		expect(w.a.events.filter((e) => e.kind === 'cookie-received')).toHaveLength(2);
	});

	test('the arrival rate alone puts a responder under load', () => {
		const w = makeWorld();
		w.a.device.initiateHandshake(w.a.peer);
		const init = w.queue[0].data;
		w.queue.length = 0;
		for (let i = 0; i < 200; i++) w.b.device.receive(init, w.a.endpoint);
		expect(w.b.device.dropCounts()['under-load-cookie-sent']).toBeGreaterThan(50);
	});
});

describe('timers on a fake clock', () => {
	test('an unanswered initiation is retried every REKEY_TIMEOUT and abandoned after 20 in all', () => {
		const w = makeWorld();
		w.a.device.initiateHandshake(w.a.peer);
		for (let i = 0; i < 40; i++) {
			w.queue.length = 0;
			w.tick(REKEY_TIMEOUT + REKEY_TIMEOUT_JITTER_MAX);
		}
		const sent = w.a.events.filter((e) => e.kind === 'handshake-initiated').length;
		expect(sent).toBe(MAX_TIMER_HANDSHAKES + 2);
		expect(w.a.events.some((e) => e.kind === 'handshake-gave-up')).toBe(true);
	});

	test('passive keepalive after KEEPALIVE_TIMEOUT of receiving without sending', () => {
		const w = makeWorld();
		w.a.device.send(w.a.peer, ipv4('10.0.0.1', '10.0.0.2', [1]));
		w.pump();
		const before = w.b.sent.length;
		w.tick(KEEPALIVE_TIMEOUT - 1);
		expect(w.b.sent.length).toBe(before);
		w.tick(1);
		expect(w.b.sent.length).toBe(before + 1);
		expect(w.b.sent[before].length).toBe(32);
		w.pump();
		expect(w.a.events.filter((e) => e.kind === 'keepalive-received')).toHaveLength(1);
	});

	test('persistent keepalive fires on its interval', () => {
		const w = makeWorld({ persistentKeepalive: 25_000 });
		w.a.device.initiateHandshake(w.a.peer);
		w.pump();
		const n = w.a.sent.length;
		w.tick(25_000);
		expect(w.a.sent.length).toBe(n + 1);
		expect(w.a.sent[n].length).toBe(32);
	});

	test('the initiator rekeys after REKEY_AFTER_TIME when sending; keys past REJECT_AFTER_TIME are refused', () => {
		const w = makeWorld();
		w.a.device.initiateHandshake(w.a.peer);
		w.pump();
		const first = w.a.peer.current!;
		w.clock.t += REKEY_AFTER_TIME + 1;
		w.a.device.send(w.a.peer, ipv4('10.0.0.1', '10.0.0.2', [1]));
		expect(w.queue.map((d) => d.data.length)).toEqual([64, 148]);
		const stale = w.queue[0].data;
		w.pump();
		expect(w.a.peer.current).not.toBe(first);
		expect(w.a.peer.previous).toBe(first);
		w.clock.t += REJECT_AFTER_TIME;
		w.b.device.receive(stale, w.a.endpoint);
		expect(w.b.device.dropCounts()).toMatchObject({ 'keypair-expired': 1 });
	});

	test('REKEY_AFTER_MESSAGES starts a handshake; at REJECT_AFTER_MESSAGES the keypair is not used', () => {
		const w = makeWorld();
		w.a.device.initiateHandshake(w.a.peer);
		w.pump();
		w.a.peer.current!.sendCounter = REKEY_AFTER_MESSAGES + 1n;
		w.clock.t += REKEY_TIMEOUT;
		w.a.device.send(w.a.peer, ipv4('10.0.0.1', '10.0.0.2', [1]));
		expect(w.queue.map((d) => d.data.length)).toEqual([64, 148]);
		w.queue.length = 0;
		const kp = w.a.peer.current!;
		kp.sendCounter = REJECT_AFTER_MESSAGES;
		w.clock.t += REKEY_TIMEOUT;
		w.a.device.send(w.a.peer, ipv4('10.0.0.1', '10.0.0.2', [2]));
		expect(w.queue.map((d) => d.data.length)).toEqual([148]);
		expect(w.a.peer.staged).toHaveLength(1);
		expect(kp.sendCounter).toBe(REJECT_AFTER_MESSAGES);
	});

	test('key material is zeroed 3 x REJECT_AFTER_TIME after the last session was derived', () => {
		const w = makeWorld();
		w.a.device.initiateHandshake(w.a.peer);
		w.pump();
		const key = w.a.peer.current!.keys.sendKey;
		w.tick(ZERO_KEYS_AFTER);
		expect(w.a.peer.current).toBeNull();
		expect(key.every((x) => x === 0)).toBe(true);
		expect(w.a.events.some((e) => e.kind === 'keys-zeroed')).toBe(true);
	});
});
