/*
 * The four wire messages as data: each field's name, offset and size. The codecs read and write through
 * these offsets and the C header generator prints packed structs from the same table, so the TS and the
 * C cannot disagree about a byte. Layouts from the paper §5.4.2, §5.4.3, §5.4.6, §5.4.7 and go's
 * marshal/unmarshal in device/noise-protocol.go (see ../shared/facts/protocol.md §3).
 */
import { AEAD_TAG_LEN, COOKIE_LEN, KEY_LEN, MAC_LEN, TAI64N_LEN, XNONCE_LEN } from './constants';

export const MESSAGE_INITIATION = 1;
export const MESSAGE_RESPONSE = 2;
export const MESSAGE_COOKIE_REPLY = 3;
export const MESSAGE_TRANSPORT = 4;

export type MessageType = typeof MESSAGE_INITIATION | typeof MESSAGE_RESPONSE | typeof MESSAGE_COOKIE_REPLY |
	typeof MESSAGE_TRANSPORT;

/** How a field is spelt in C: a little-endian integer, or a byte array. */
export type FieldKind = 'le32' | 'le64' | 'bytes';

export interface Field {
	readonly name: string;
	readonly offset: number;
	readonly size: number;
	readonly kind: FieldKind;
	/** one line for the C comment */
	readonly doc: string;
}

export interface MessageLayout {
	/** C struct name, without the struct keyword */
	readonly name: string;
	readonly type: MessageType;
	/** total size; for transport, the header size (the payload follows) */
	readonly size: number;
	/** true when `size` is exact (handshake messages); false for transport (header then payload) */
	readonly fixed: boolean;
	readonly fields: readonly Field[];
	readonly doc: string;
}

/** Lays fields out back to back from offset 0, so offsets are computed, never typed. */
function layout(name: string, type: MessageType, fixed: boolean, doc: string,
	spec: ReadonlyArray<[string, number, FieldKind, string]>): MessageLayout {
	let offset = 0;
	const fields: Field[] = [];
	for (const [fname, size, kind, fdoc] of spec) {
		fields.push({ name: fname, offset, size, kind, doc: fdoc });
		offset += size;
	}
	return { name, type, size: offset, fixed, fields, doc };
}

const TYPE_FIELD: [string, number, FieldKind, string] = ['type', 4, 'le32', 'message type, then three zero bytes'];

export const INITIATION = layout('wg_pkt_initiation', MESSAGE_INITIATION, true,
	'handshake initiation (paper 5.4.2)', [
		TYPE_FIELD,
		['sender', 4, 'le32', "initiator's session index"],
		['ephemeral', KEY_LEN, 'bytes', "initiator's ephemeral public key"],
		['encrypted_static', KEY_LEN + AEAD_TAG_LEN, 'bytes', "AEAD of the initiator's static public key"],
		['encrypted_timestamp', TAI64N_LEN + AEAD_TAG_LEN, 'bytes', 'AEAD of a TAI64N timestamp'],
		['mac1', MAC_LEN, 'bytes', 'MAC keyed by the responder public key'],
		['mac2', MAC_LEN, 'bytes', 'MAC keyed by a cookie, or zeros'],
	]);

export const RESPONSE = layout('wg_pkt_response', MESSAGE_RESPONSE, true,
	'handshake response (paper 5.4.3)', [
		TYPE_FIELD,
		['sender', 4, 'le32', "responder's session index"],
		['receiver', 4, 'le32', "the initiator's session index"],
		['ephemeral', KEY_LEN, 'bytes', "responder's ephemeral public key"],
		['encrypted_empty', AEAD_TAG_LEN, 'bytes', 'AEAD of the empty string: a tag only'],
		['mac1', MAC_LEN, 'bytes', 'MAC keyed by the initiator public key'],
		['mac2', MAC_LEN, 'bytes', 'MAC keyed by a cookie, or zeros'],
	]);

export const COOKIE_REPLY = layout('wg_pkt_cookie', MESSAGE_COOKIE_REPLY, true,
	'cookie reply (paper 5.4.7)', [
		TYPE_FIELD,
		['receiver', 4, 'le32', 'sender index of the message answered'],
		['nonce', XNONCE_LEN, 'bytes', 'XChaCha20-Poly1305 nonce'],
		['encrypted_cookie', COOKIE_LEN + AEAD_TAG_LEN, 'bytes', 'XAEAD of the cookie, AD = the mac1 answered'],
	]);

export const TRANSPORT = layout('wg_pkt_data', MESSAGE_TRANSPORT, false,
	'transport data header (paper 5.4.6); the padded ciphertext and its tag follow', [
		TYPE_FIELD,
		['receiver', 4, 'le32', "the receiving peer's session index"],
		['counter', 8, 'le64', 'nonce counter, also the AEAD nonce'],
	]);

export const LAYOUTS: readonly MessageLayout[] = [INITIATION, RESPONSE, COOKIE_REPLY, TRANSPORT];

/** The smallest transport message, a keepalive: header plus the tag of an empty payload (32 bytes). */
export const TRANSPORT_MIN_LEN = TRANSPORT.size + AEAD_TAG_LEN;
