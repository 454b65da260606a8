/*
 * Message codecs. parseMessage() classifies any byte string: a typed message or a typed reason it is not
 * one. It never throws and never reads outside the buffer (every read is behind a length check against
 * the layout; views are subarrays of the input, which the caller must not reuse while holding them).
 * Rules as wireguard-go applies them (receive.go): the first four bytes are a little-endian u32 type, so
 * non-zero reserved bytes make a packet unrecognised; handshake messages must have their exact size;
 * transport messages carry at least a header and a tag.
 */
import { load32_le, load64_le, store32_le, store64_le } from '@wgup/prelude';
import {
	COOKIE_REPLY, INITIATION, LAYOUTS, MESSAGE_COOKIE_REPLY, MESSAGE_INITIATION, MESSAGE_RESPONSE,
	MESSAGE_TRANSPORT, RESPONSE, TRANSPORT, TRANSPORT_MIN_LEN, type MessageLayout,
} from './layout';

export interface Initiation {
	readonly type: typeof MESSAGE_INITIATION;
	readonly sender: number;
	readonly ephemeral: Uint8Array;
	readonly encryptedStatic: Uint8Array;
	readonly encryptedTimestamp: Uint8Array;
	readonly mac1: Uint8Array;
	readonly mac2: Uint8Array;
	/** the whole message (mac1 covers bytes before it, mac2 bytes before mac2) */
	readonly bytes: Uint8Array;
}

export interface Response {
	readonly type: typeof MESSAGE_RESPONSE;
	readonly sender: number;
	readonly receiver: number;
	readonly ephemeral: Uint8Array;
	readonly encryptedEmpty: Uint8Array;
	readonly mac1: Uint8Array;
	readonly mac2: Uint8Array;
	readonly bytes: Uint8Array;
}

export interface CookieReply {
	readonly type: typeof MESSAGE_COOKIE_REPLY;
	readonly receiver: number;
	readonly nonce: Uint8Array;
	readonly encryptedCookie: Uint8Array;
	readonly bytes: Uint8Array;
}

export interface Transport {
	readonly type: typeof MESSAGE_TRANSPORT;
	readonly receiver: number;
	readonly counter: bigint;
	/** ciphertext including the 16-byte tag */
	readonly ciphertext: Uint8Array;
	readonly bytes: Uint8Array;
}

export type Message = Initiation | Response | CookieReply | Transport;

/** Why a datagram is not a WireGuard message. */
export type ParseFailure =
	| 'too-short' // fewer than 4 bytes: no type word
	| 'unknown-type' // type byte not 1..4
	| 'reserved-not-zero' // bytes 1..3 of the type word are not zero
	| 'bad-initiation-length' // not exactly 148
	| 'bad-response-length' // not exactly 92
	| 'bad-cookie-reply-length' // not exactly 64
	| 'transport-too-short'; // fewer than 32 bytes

export const PARSE_FAILURES: readonly ParseFailure[] = [
	'too-short', 'unknown-type', 'reserved-not-zero', 'bad-initiation-length', 'bad-response-length',
	'bad-cookie-reply-length', 'transport-too-short',
];

export type ParseResult = { readonly ok: true; readonly message: Message } | { readonly ok: false; readonly reason: ParseFailure };

/** The view of one field of a layout (offsets from the table, length checked by the caller). */
function field(l: MessageLayout, p: Uint8Array, name: string): Uint8Array {
	const f = l.fields.find((x) => x.name === name)!;
	return p.subarray(f.offset, f.offset + f.size);
}

function fieldOffset(l: MessageLayout, name: string): number {
	return l.fields.find((x) => x.name === name)!.offset;
}

const LENGTH_FAILURE: Record<number, ParseFailure> = {
	[MESSAGE_INITIATION]: 'bad-initiation-length',
	[MESSAGE_RESPONSE]: 'bad-response-length',
	[MESSAGE_COOKIE_REPLY]: 'bad-cookie-reply-length',
};

/** Classify a datagram. Total: returns a reason for every input that is not a well-formed message. */
export function parseMessage(p: Uint8Array): ParseResult {
	if (p.length < 4) return { ok: false, reason: 'too-short' };
	const type = p[0];
	const layout = LAYOUTS.find((l) => l.type === type);
	if (!layout) return { ok: false, reason: 'unknown-type' };
	if (p[1] !== 0 || p[2] !== 0 || p[3] !== 0) return { ok: false, reason: 'reserved-not-zero' };
	if (layout.fixed && p.length !== layout.size) return { ok: false, reason: LENGTH_FAILURE[type] };
	switch (type) {
		case MESSAGE_INITIATION:
			return {
				ok: true,
				message: {
					type, bytes: p,
					sender: load32_le(p, fieldOffset(INITIATION, 'sender')),
					ephemeral: field(INITIATION, p, 'ephemeral'),
					encryptedStatic: field(INITIATION, p, 'encrypted_static'),
					encryptedTimestamp: field(INITIATION, p, 'encrypted_timestamp'),
					mac1: field(INITIATION, p, 'mac1'),
					mac2: field(INITIATION, p, 'mac2'),
				},
			};
		case MESSAGE_RESPONSE:
			return {
				ok: true,
				message: {
					type, bytes: p,
					sender: load32_le(p, fieldOffset(RESPONSE, 'sender')),
					receiver: load32_le(p, fieldOffset(RESPONSE, 'receiver')),
					ephemeral: field(RESPONSE, p, 'ephemeral'),
					encryptedEmpty: field(RESPONSE, p, 'encrypted_empty'),
					mac1: field(RESPONSE, p, 'mac1'),
					mac2: field(RESPONSE, p, 'mac2'),
				},
			};
		case MESSAGE_COOKIE_REPLY:
			return {
				ok: true,
				message: {
					type, bytes: p,
					receiver: load32_le(p, fieldOffset(COOKIE_REPLY, 'receiver')),
					nonce: field(COOKIE_REPLY, p, 'nonce'),
					encryptedCookie: field(COOKIE_REPLY, p, 'encrypted_cookie'),
				},
			};
		default:
			if (p.length < TRANSPORT_MIN_LEN) return { ok: false, reason: 'transport-too-short' };
			return {
				ok: true,
				message: {
					type: MESSAGE_TRANSPORT, bytes: p,
					receiver: load32_le(p, fieldOffset(TRANSPORT, 'receiver')),
					counter: load64_le(p, fieldOffset(TRANSPORT, 'counter')),
					ciphertext: p.subarray(TRANSPORT.size),
				},
			};
	}
}

/* ---- Writers: the handshake code fills fields in place through these -------------------------- */

/** A zeroed message of the layout's size with its type word set. */
export function newMessage(l: MessageLayout, extra = 0): Uint8Array {
	const p = new Uint8Array(l.size + extra);
	store32_le(p, 0, l.type);
	return p;
}

export function setU32(l: MessageLayout, p: Uint8Array, name: string, v: number): void {
	store32_le(p, fieldOffset(l, name), v);
}

export function setU64(l: MessageLayout, p: Uint8Array, name: string, v: bigint): void {
	store64_le(p, fieldOffset(l, name), v);
}

export function setBytes(l: MessageLayout, p: Uint8Array, name: string, v: Uint8Array): void {
	const f = l.fields.find((x) => x.name === name)!;
	if (v.length !== f.size) throw new Error(`${l.name}.${name} is ${f.size} bytes, got ${v.length}`);
	p.set(v, f.offset);
}

export function fieldView(l: MessageLayout, p: Uint8Array, name: string): Uint8Array {
	return field(l, p, name);
}

/** The bytes mac1 covers (everything before mac1) and mac2 covers (everything before mac2). */
export function mac1Span(l: MessageLayout, p: Uint8Array): Uint8Array {
	return p.subarray(0, fieldOffset(l, 'mac1'));
}

export function mac2Span(l: MessageLayout, p: Uint8Array): Uint8Array {
	return p.subarray(0, fieldOffset(l, 'mac2'));
}
