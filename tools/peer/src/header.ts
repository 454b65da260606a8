/*
 * freebsd-overlay/sys/dev/wg/wg_protocol.h from @wgup/protocol: the wire layouts as packed structs, the
 * protocol constants, and a _Static_assert for every size and offset, so a C compiler proves the
 * driver's view of the wire is the model's. Nothing in it is typed by hand: offsets, sizes and values
 * all come from packages/protocol/src/{layout,constants}.ts.
 */
import { fileHeader, type Generator } from '@wgup/codegen';
import * as P from '@wgup/protocol';

export const HEADER_PATH = 'freebsd-overlay/sys/dev/wg/wg_protocol.h';
const INPUTS = ['packages/protocol/src/constants.ts', 'packages/protocol/src/layout.ts'];
const GUARD = '_DEV_WG_PROTOCOL_H_';

interface Define {
	readonly name: string;
	readonly value: string;
	readonly doc: string;
}

const seconds = (ms: number): string => {
	if (ms % 1000 !== 0) throw new Error(`${ms} ms is not a whole number of seconds`);
	return String(ms / 1000);
};

const u64 = (v: bigint): string => `${v.toString()}ULL`;

/** The constants section, grouped; every value is computed from the model. */
export function defines(): Array<{ title: string; items: Define[] }> {
	const types: Define[] = P.LAYOUTS.map((l) => ({
		name: `WG_PKT_${l.name.replace(/^wg_pkt_/, '').toUpperCase()}`, value: String(l.type), doc: l.doc.replace(/ \(.*/, ''),
	}));
	return [
		{ title: 'Message types: the first byte of the little-endian type word', items: types },
		{
			title: 'Sizes in bytes', items: [
				{ name: 'WG_KEY_LEN', value: String(P.KEY_LEN), doc: 'X25519 keys, symmetric keys, preshared key' },
				{ name: 'WG_HASH_LEN', value: String(P.HASH_LEN), doc: 'BLAKE2s-256 output' },
				{ name: 'WG_TAG_LEN', value: String(P.AEAD_TAG_LEN), doc: 'Poly1305 tag' },
				{ name: 'WG_MAC_LEN', value: String(P.MAC_LEN), doc: 'mac1, mac2: BLAKE2s with a 16-byte output' },
				{ name: 'WG_COOKIE_LEN', value: String(P.COOKIE_LEN), doc: 'cookie value' },
				{ name: 'WG_XNONCE_LEN', value: String(P.XNONCE_LEN), doc: 'XChaCha20-Poly1305 nonce of a cookie reply' },
				{ name: 'WG_TIMESTAMP_LEN', value: String(P.TAI64N_LEN), doc: 'TAI64N timestamp' },
				{ name: 'WG_PKT_DATA_MIN_LEN', value: String(P.TRANSPORT_MIN_LEN), doc: 'header and tag: a keepalive' },
				{ name: 'WG_PADDING_MULTIPLE', value: String(P.PADDING_MULTIPLE), doc: 'transport plaintexts are padded to this' },
			],
		},
		{
			title: 'Limits and timers (whitepaper 6.1); times in seconds unless named _MS', items: [
				{ name: 'WG_REKEY_AFTER_MESSAGES', value: u64(P.REKEY_AFTER_MESSAGES), doc: '2^60' },
				{ name: 'WG_REJECT_AFTER_MESSAGES', value: u64(P.REJECT_AFTER_MESSAGES), doc: '2^64 - 2^13 - 1' },
				{ name: 'WG_REKEY_AFTER_TIME', value: seconds(P.REKEY_AFTER_TIME), doc: 'initiator rekeys a keypair this old' },
				{ name: 'WG_REJECT_AFTER_TIME', value: seconds(P.REJECT_AFTER_TIME), doc: 'no keypair is used past this age' },
				{ name: 'WG_REKEY_ATTEMPT_TIME', value: seconds(P.REKEY_ATTEMPT_TIME), doc: 'give up a handshake after this' },
				{ name: 'WG_REKEY_TIMEOUT', value: seconds(P.REKEY_TIMEOUT), doc: 'retransmit an initiation after this' },
				{ name: 'WG_REKEY_TIMEOUT_JITTER_MS', value: String(P.REKEY_TIMEOUT_JITTER_MAX), doc: 'retransmit jitter is below this' },
				{ name: 'WG_KEEPALIVE_TIMEOUT', value: seconds(P.KEEPALIVE_TIMEOUT), doc: 'passive keepalive interval' },
				{ name: 'WG_COOKIE_REFRESH_TIME', value: seconds(P.COOKIE_REFRESH_TIME), doc: 'cookie lifetime, secret rotation' },
				{ name: 'WG_MAX_TIMER_HANDSHAKES', value: String(P.MAX_TIMER_HANDSHAKES), doc: 'REKEY_ATTEMPT_TIME / REKEY_TIMEOUT' },
				{ name: 'WG_REKEY_AFTER_TIME_RECV', value: seconds(P.REKEY_AFTER_TIME_RECV), doc: 'REJECT - KEEPALIVE - REKEY_TIMEOUT' },
				{ name: 'WG_HANDSHAKE_RATE_MS', value: String(P.HANDSHAKE_INITIATION_RATE), doc: 'one initiation per peer per this' },
			],
		},
		{
			title: 'Replay window (RFC 6479)', items: [
				{ name: 'WG_COUNTER_BITS_TOTAL', value: String(P.COUNTER_BITS_TOTAL), doc: 'bits in the ring' },
				{ name: 'WG_COUNTER_WINDOW_SIZE', value: String(P.COUNTER_WINDOW_SIZE), doc: 'counters accepted behind the highest (64-bit blocks)' },
			],
		},
	];
}

const STRINGS: ReadonlyArray<[string, string, string]> = [
	['WG_NOISE_CONSTRUCTION', P.NOISE_CONSTRUCTION, 'C0 = HASH(construction)'],
	['WG_IDENTIFIER', P.WG_IDENTIFIER, 'H0 = HASH(C0 || identifier)'],
	['WG_LABEL_MAC1', P.LABEL_MAC1, 'mac1 key = HASH(label || receiver public key)'],
	['WG_LABEL_COOKIE', P.LABEL_COOKIE, 'cookie key = HASH(label || responder public key)'],
];

function cType(f: P.Field): { type: string; suffix: string } {
	if (f.kind === 'le32') return { type: 'uint32_t', suffix: '' };
	if (f.kind === 'le64') return { type: 'uint64_t', suffix: '' };
	return { type: 'uint8_t', suffix: `[${f.size}]` };
}

/** A line `#define<TAB>NAME<tabs>VALUE` (style(9)) with the value aligned at column 40 (tabs of 8). */
function define(name: string, value: string): string {
	return padTo(`#define\t${name}`, 40) + value;
}

const MAX_COLUMNS = 80;

/** A top-level comment: one line when it fits 80 columns, else style(9)'s boxed form. */
function comment(text: string): string[] {
	if (width(`/* ${text} */`) <= MAX_COLUMNS) return [`/* ${text} */`];
	const lines: string[] = [];
	let cur = '';
	for (const w of text.split(' ')) {
		if (cur && width(` * ${cur} ${w}`) > MAX_COLUMNS) {
			lines.push(` * ${cur}`);
			cur = w;
		} else cur = cur ? `${cur} ${w}` : w;
	}
	lines.push(` * ${cur}`);
	return ['/*', ...lines, ' */'];
}

/**
 * `code` with its comment at the end of the line when that fits 80 columns (style(9)); otherwise the
 * comment goes on the line above, at the code's indent.
 */
function withComment(code: string, doc: string): string[] {
	const inline = `${padTo(code, width(code) < 40 ? 40 : width(code) + 1)}/* ${doc} */`;
	if (width(inline) <= MAX_COLUMNS) return [inline];
	const indent = /^\t*/.exec(code)![0];
	return [`${indent}/* ${doc} */`, code];
}

/** The width of a line on a terminal with tab stops of 8. */
function width(s: string): number {
	let w = 0;
	for (const ch of s) w = ch === '\t' ? (Math.floor(w / 8) + 1) * 8 : w + 1;
	return w;
}

/** s followed by tabs up to column col (at least one). */
function padTo(s: string, col: number): string {
	let out = `${s}\t`;
	while (width(out) < col) out += '\t';
	return out;
}

function struct(l: P.MessageLayout): string[] {
	const out = [...comment(l.doc), `struct ${l.name} {`];
	for (const f of l.fields) {
		const { type, suffix } = cType(f);
		const code = `\t${type}${'\t'.repeat(type.length < 8 ? 2 : 1)}${f.name}${suffix};`;
		const inline = padTo(code, 48) + `/* ${f.doc} */`;
		out.push(...(width(inline) <= MAX_COLUMNS ? [inline] : [`\t/* ${f.doc} */`, code]));
	}
	out.push('} __packed;', '');
	return out;
}

function asserts(l: P.MessageLayout): string[] {
	const out = [`_Static_assert(sizeof(struct ${l.name}) == ${l.size},`, `    "struct ${l.name} is ${l.size} bytes");`];
	for (const f of l.fields) {
		out.push(`_Static_assert(WG_OFFSETOF(struct ${l.name}, ${f.name}) == ${f.offset},`,
			`    "${l.name}.${f.name} at offset ${f.offset}");`);
		const member = `sizeof(((struct ${l.name} *)0)->${f.name})`;
		const head = `_Static_assert(${member} == ${f.size},`;
		out.push(...(width(head) <= MAX_COLUMNS ? [head] : [`_Static_assert(${member} ==`, `    ${f.size},`]),
			`    "${l.name}.${f.name} is ${f.size} bytes");`);
	}
	return out;
}

/** The header's text; pure and byte-stable. */
export function renderProtocolHeader(): string {
	const lines: string[] = [fileHeader('c', { generator: 'tools/peer/src/header.ts', inputs: INPUTS }).trimEnd(), ''];
	lines.push(`#ifndef ${GUARD}`, `#define\t${GUARD}`, '');
	lines.push(
		'/*',
		' * WireGuard wire format and protocol constants.  Integers in the message',
		' * headers are little-endian on the wire; convert with le32toh()/le64toh().',
		' */',
		'',
		// __packed and __offsetof come from <sys/cdefs.h> through <sys/types.h>, in the kernel and in
		// FreeBSD's userland alike: the header does not define them itself
		'#include <sys/types.h>',
		'#ifdef _KERNEL',
		'#define\tWG_OFFSETOF(t, f)\t__offsetof(t, f)',
		'#else',
		'#include <stddef.h>',
		'#include <stdint.h>',
		'#define\tWG_OFFSETOF(t, f)\toffsetof(t, f)',
		'#endif',
		'',
	);
	for (const group of defines()) {
		lines.push(`/* ${group.title}. */`);
		for (const d of group.items) lines.push(...withComment(define(d.name, d.value), d.doc));
		lines.push('');
	}
	lines.push('/* Strings hashed into the handshake, without their terminating NUL. */');
	for (const [name, value, doc] of STRINGS) {
		lines.push(`/* ${doc} */`, define(name, JSON.stringify(value)), define(`${name}_LEN`, String(value.length)));
	}
	lines.push('');
	for (const l of P.LAYOUTS) lines.push(...struct(l));
	lines.push('/* The layouts above are the wire: any difference is a compile error. */');
	for (const l of P.LAYOUTS) lines.push(...asserts(l));
	for (const [name] of STRINGS) {
		lines.push(`_Static_assert(sizeof(${name}) - 1 == ${name}_LEN,`, `    "${name}_LEN");`);
	}
	lines.push('', `#endif /* !${GUARD} */`, '');
	return lines.join('\n');
}

export const protocolHeaderGenerator: Generator = {
	name: 'protocol-header',
	description: 'freebsd-overlay/sys/dev/wg/wg_protocol.h: WireGuard message layouts and constants from @wgup/protocol',
	plan: () => [{ path: HEADER_PATH, generator: 'protocol-header', inputs: INPUTS, render: renderProtocolHeader }],
};
