/*
 * Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s as WireGuard instantiates it (paper §5.4.2, §5.4.3, §5.4.5;
 * go device/noise-protocol.go; ../shared/facts/protocol.md §4). Pure functions over the crypto API:
 * the caller supplies the ephemeral private keys, indices and the timestamp, so every step is
 * reproducible in tests. What a responder decides about a peer (timestamp replay, flood) lives in the
 * device; these functions only compute and authenticate.
 *
 * Notation follows the paper: C the chaining key, H the hash, S static, E ephemeral, i initiator,
 * r responder, Q the preshared key (32 zero bytes when none).
 */
import type { Crypto } from '@wgup/crypto';
import { KEY_LEN, LABEL_COOKIE, LABEL_MAC1, NOISE_CONSTRUCTION, WG_IDENTIFIER } from './constants';
import { INITIATION, RESPONSE } from './layout';
import { newMessage, setBytes, setU32, type Initiation, type Response } from './messages';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const EMPTY = new Uint8Array(0);
/** handshake AEADs all use counter 0 (go ZeroNonce) */
const ZERO_NONCE = new Uint8Array(12);
export const ZERO_KEY = new Uint8Array(KEY_LEN);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const out = new Uint8Array(a.length + b.length);
	out.set(a, 0);
	out.set(b, a.length);
	return out;
}

/** Hash(a || b): unkeyed BLAKE2s-256. */
export function hash2(c: Crypto, a: Uint8Array, b: Uint8Array): Uint8Array {
	return c.blake2s(concat(a, b));
}

/* C0 and H0 are constants; each backend computes them once (so the reference backend's are its own). */
const initial = new WeakMap<Crypto, { ck: Uint8Array; h: Uint8Array }>();

function initialValues(c: Crypto): { ck: Uint8Array; h: Uint8Array } {
	let v = initial.get(c);
	if (v === undefined) {
		const ck = c.blake2s(ascii(NOISE_CONSTRUCTION));
		v = { ck, h: hash2(c, ck, ascii(WG_IDENTIFIER)) };
		initial.set(c, v);
	}
	return v;
}

/** C0 = Hash(Construction). (A copy: callers may wipe what they get.) */
export function initialChainingKey(c: Crypto): Uint8Array {
	return initialValues(c).ck.slice();
}

/** H0 = Hash(C0 || Identifier). */
export function initialHash(c: Crypto): Uint8Array {
	return initialValues(c).h.slice();
}

/** mac1 key for messages sent to the holder of publicKey: Hash(Label-Mac1 || publicKey). */
export function mac1Key(c: Crypto, publicKey: Uint8Array): Uint8Array {
	return hash2(c, ascii(LABEL_MAC1), publicKey);
}

/** cookie-reply key of the responder holding publicKey: Hash(Label-Cookie || publicKey). */
export function cookieKey(c: Crypto, publicKey: Uint8Array): Uint8Array {
	return hash2(c, ascii(LABEL_COOKIE), publicKey);
}

/** Our static key pair, with what every handshake addressed to us starts from. */
export interface LocalIdentity {
	readonly privateKey: Uint8Array;
	readonly publicKey: Uint8Array;
	/** Hash(H0 || S_pub): the responder's H after the first mix */
	readonly hashWithOwnKey: Uint8Array;
	readonly mac1Key: Uint8Array;
	readonly cookieKey: Uint8Array;
}

export function localIdentity(c: Crypto, privateKey: Uint8Array): LocalIdentity {
	const publicKey = c.x25519PublicKey(privateKey);
	return {
		privateKey: Uint8Array.from(privateKey), publicKey,
		hashWithOwnKey: hash2(c, initialHash(c), publicKey),
		mac1Key: mac1Key(c, publicKey), cookieKey: cookieKey(c, publicKey),
	};
}

/** What we know of one remote peer, precomputed once (go precomputedStaticStatic). */
export interface RemoteIdentity {
	readonly publicKey: Uint8Array;
	readonly presharedKey: Uint8Array;
	/** DH(S_local.priv, S_remote.pub), or null when it is all zeros (no handshake is then possible) */
	readonly staticStatic: Uint8Array | null;
	/** Hash(H0 || S_remote.pub): the initiator's H after the first mix */
	readonly hashWithPeerKey: Uint8Array;
	readonly mac1Key: Uint8Array;
	readonly cookieKey: Uint8Array;
}

export function remoteIdentity(c: Crypto, local: LocalIdentity, publicKey: Uint8Array,
	presharedKey: Uint8Array = ZERO_KEY): RemoteIdentity {
	return {
		publicKey: Uint8Array.from(publicKey), presharedKey: Uint8Array.from(presharedKey),
		staticStatic: c.x25519(local.privateKey, publicKey),
		hashWithPeerKey: hash2(c, initialHash(c), publicKey),
		mac1Key: mac1Key(c, publicKey), cookieKey: cookieKey(c, publicKey),
	};
}

/** The symmetric state between messages. */
export interface HandshakeState {
	readonly chainingKey: Uint8Array;
	readonly hash: Uint8Array;
}

/** Initiator's state after sending message 1. */
export interface InitiatorState extends HandshakeState {
	readonly ephemeralPrivate: Uint8Array;
	readonly localIndex: number;
}

/** Responder's state after consuming message 1. */
export interface ConsumedInitiation extends HandshakeState {
	readonly remoteStatic: Uint8Array;
	readonly remoteEphemeral: Uint8Array;
	readonly remoteIndex: number;
	readonly timestamp: Uint8Array;
}

export interface TransportKeys {
	readonly sendKey: Uint8Array;
	readonly receiveKey: Uint8Array;
}

export type HandshakeFailure =
	| 'zero-shared-secret' // a DH gave all zeros: a low-order point
	| 'static-decrypt-failed' // the AEAD over the initiator's static key did not verify
	| 'unknown-peer' // the static key decrypted to a key we have no peer for
	| 'timestamp-decrypt-failed'
	| 'response-decrypt-failed'; // the tag over the empty payload did not verify

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: HandshakeFailure };

const fail = <T>(reason: HandshakeFailure): Result<T> => ({ ok: false, reason });

/** (C, k) := Kdf2(C, dh); the mixKey-with-output step. */
function mixDh(c: Crypto, ck: Uint8Array, dh: Uint8Array): [Uint8Array, Uint8Array] {
	const [next, key] = c.kdf(2, ck, dh);
	return [next, key];
}

/**
 * Message 1 (steps 1-8 of facts §4): the initiation without its macs (the device adds them, since mac2
 * depends on cookie state).
 */
export function createInitiation(c: Crypto, local: LocalIdentity, remote: RemoteIdentity,
	ephemeralPrivate: Uint8Array, localIndex: number, timestamp: Uint8Array): Result<{ message: Uint8Array; state: InitiatorState }> {
	if (remote.staticStatic === null) return fail('zero-shared-secret');
	const msg = newMessage(INITIATION);
	const ephemeral = c.x25519PublicKey(ephemeralPrivate);
	let ck = c.kdf(1, initialValues(c).ck, ephemeral)[0];
	let h = hash2(c, remote.hashWithPeerKey, ephemeral);
	setU32(INITIATION, msg, 'sender', localIndex);
	setBytes(INITIATION, msg, 'ephemeral', ephemeral);

	const es = c.x25519(ephemeralPrivate, remote.publicKey);
	if (es === null) return fail('zero-shared-secret');
	let key: Uint8Array;
	[ck, key] = mixDh(c, ck, es);
	const encStatic = c.chacha20poly1305Seal(key, ZERO_NONCE, local.publicKey, h);
	setBytes(INITIATION, msg, 'encrypted_static', encStatic);
	h = hash2(c, h, encStatic);

	[ck, key] = mixDh(c, ck, remote.staticStatic);
	const encTimestamp = c.chacha20poly1305Seal(key, ZERO_NONCE, timestamp, h);
	setBytes(INITIATION, msg, 'encrypted_timestamp', encTimestamp);
	h = hash2(c, h, encTimestamp);
	key.fill(0);
	return { ok: true, value: { message: msg, state: { chainingKey: ck, hash: h, ephemeralPrivate, localIndex } } };
}

/**
 * The responder's side of message 1. lookup maps the decrypted static key to the peer (null: unknown).
 * Returns the state to answer from; the caller checks the timestamp against the peer's last one.
 */
export function consumeInitiation<P extends { readonly remote: RemoteIdentity }>(c: Crypto, local: LocalIdentity,
	msg: Initiation, lookup: (publicKey: Uint8Array) => P | null): Result<{ peer: P; state: ConsumedInitiation }> {
	const ephemeral = Uint8Array.from(msg.ephemeral);
	let ck = c.kdf(1, initialValues(c).ck, ephemeral)[0];
	let h = hash2(c, local.hashWithOwnKey, ephemeral);

	const es = c.x25519(local.privateKey, ephemeral);
	if (es === null) return fail('zero-shared-secret');
	let key: Uint8Array;
	[ck, key] = mixDh(c, ck, es);
	const remoteStatic = c.chacha20poly1305Open(key, ZERO_NONCE, msg.encryptedStatic, h);
	if (remoteStatic === null) return fail('static-decrypt-failed');
	h = hash2(c, h, msg.encryptedStatic);

	const peer = lookup(remoteStatic);
	if (peer === null) return fail('unknown-peer');
	if (peer.remote.staticStatic === null) return fail('zero-shared-secret');
	[ck, key] = mixDh(c, ck, peer.remote.staticStatic);
	const timestamp = c.chacha20poly1305Open(key, ZERO_NONCE, msg.encryptedTimestamp, h);
	if (timestamp === null) return fail('timestamp-decrypt-failed');
	h = hash2(c, h, msg.encryptedTimestamp);
	key.fill(0);
	return {
		ok: true,
		value: { peer, state: { chainingKey: ck, hash: h, remoteStatic, remoteEphemeral: ephemeral, remoteIndex: msg.sender, timestamp } },
	};
}

/** Steps 10-14 shared by both sides once both ephemerals are known; returns (C, H) after the empty AEAD key. */
function responseKeys(c: Crypto, ck: Uint8Array, h: Uint8Array, responderEphemeral: Uint8Array, ee: Uint8Array,
	se: Uint8Array, psk: Uint8Array): { ck: Uint8Array; h: Uint8Array; key: Uint8Array } {
	h = hash2(c, h, responderEphemeral);
	ck = c.kdf(1, ck, responderEphemeral)[0];
	ck = c.kdf(1, ck, ee)[0];
	ck = c.kdf(1, ck, se)[0];
	const [next, tau, key] = c.kdf(3, ck, psk);
	h = hash2(c, h, tau);
	return { ck: next, h, key };
}

/** The transport keys: (T1, T2) := Kdf2(C, empty); the initiator sends with T1. */
export function deriveTransportKeys(c: Crypto, ck: Uint8Array, initiator: boolean): TransportKeys {
	const [t1, t2] = c.kdf(2, ck, EMPTY);
	return initiator ? { sendKey: t1, receiveKey: t2 } : { sendKey: t2, receiveKey: t1 };
}

/** Message 2 (steps 10-15), without macs, and the responder's transport keys. */
export function createResponse(c: Crypto, remote: RemoteIdentity, consumed: ConsumedInitiation,
	ephemeralPrivate: Uint8Array, localIndex: number): Result<{ message: Uint8Array; keys: TransportKeys }> {
	const msg = newMessage(RESPONSE);
	const ephemeral = c.x25519PublicKey(ephemeralPrivate);
	const ee = c.x25519(ephemeralPrivate, consumed.remoteEphemeral);
	const se = c.x25519(ephemeralPrivate, remote.publicKey);
	if (ee === null || se === null) return fail('zero-shared-secret');
	const k = responseKeys(c, consumed.chainingKey, consumed.hash, ephemeral, ee, se, remote.presharedKey);
	const empty = c.chacha20poly1305Seal(k.key, ZERO_NONCE, EMPTY, k.h);
	setU32(RESPONSE, msg, 'sender', localIndex);
	setU32(RESPONSE, msg, 'receiver', consumed.remoteIndex);
	setBytes(RESPONSE, msg, 'ephemeral', ephemeral);
	setBytes(RESPONSE, msg, 'encrypted_empty', empty);
	k.key.fill(0);
	const keys = deriveTransportKeys(c, k.ck, false);
	k.ck.fill(0);
	return { ok: true, value: { message: msg, keys } };
}

/** The initiator's side of message 2: authenticates the response and derives the transport keys. */
export function consumeResponse(c: Crypto, local: LocalIdentity, remote: RemoteIdentity, state: InitiatorState,
	msg: Response): Result<TransportKeys> {
	const ee = c.x25519(state.ephemeralPrivate, msg.ephemeral);
	const se = c.x25519(local.privateKey, msg.ephemeral);
	if (ee === null || se === null) return fail('zero-shared-secret');
	const k = responseKeys(c, state.chainingKey, state.hash, Uint8Array.from(msg.ephemeral), ee, se, remote.presharedKey);
	const ok = c.chacha20poly1305Open(k.key, ZERO_NONCE, msg.encryptedEmpty, k.h);
	k.key.fill(0);
	if (ok === null) return fail('response-decrypt-failed');
	const keys = deriveTransportKeys(c, k.ck, true);
	k.ck.fill(0);
	return { ok: true, value: keys };
}
