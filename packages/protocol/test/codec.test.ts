import {
	COOKIE_REPLY, INITIATION, LAYOUTS, PARSE_FAILURES, RESPONSE, TRANSPORT, TRANSPORT_MIN_LEN, parseMessage,
	type ParseFailure,
} from '../src';

/* Offsets as ../shared/facts/protocol.md §3 tabulates them from go's marshal/unmarshal. */
const FACTS: Record<string, Array<[string, number, number]>> = {
	wg_pkt_initiation: [['type', 0, 4], ['sender', 4, 4], ['ephemeral', 8, 32], ['encrypted_static', 40, 48], ['encrypted_timestamp', 88, 28], ['mac1', 116, 16], ['mac2', 132, 16]],
	wg_pkt_response: [['type', 0, 4], ['sender', 4, 4], ['receiver', 8, 4], ['ephemeral', 12, 32], ['encrypted_empty', 44, 16], ['mac1', 60, 16], ['mac2', 76, 16]],
	wg_pkt_cookie: [['type', 0, 4], ['receiver', 4, 4], ['nonce', 8, 24], ['encrypted_cookie', 32, 32]],
	wg_pkt_data: [['type', 0, 4], ['receiver', 4, 4], ['counter', 8, 8]],
};

test('layouts have the sizes and offsets the protocol gives', () => {
	expect(LAYOUTS.map((l) => [l.type, l.size])).toEqual([[1, 148], [2, 92], [3, 64], [4, 16]]);
	for (const l of LAYOUTS) expect(l.fields.map((f) => [f.name, f.offset, f.size])).toEqual(FACTS[l.name]);
	expect(TRANSPORT_MIN_LEN).toBe(32);
});

function typed(type: number, len: number): Uint8Array {
	const p = new Uint8Array(len);
	p[0] = type;
	return p;
}

test('well-formed messages parse into their fields', () => {
	const init = typed(1, 148);
	init.set([0x78, 0x56, 0x34, 0x12], 4);
	init[8] = 0xee;
	const r = parseMessage(init);
	expect(r.ok).toBe(true);
	if (r.ok && r.message.type === 1) {
		expect(r.message.sender).toBe(0x12345678);
		expect(r.message.ephemeral[0]).toBe(0xee);
		expect(r.message.mac2.length).toBe(16);
	}
	const data = typed(4, 48);
	data.set([1, 0, 0, 0, 0xff, 0, 0, 0, 0, 0, 0, 0x80], 4);
	const d = parseMessage(data);
	expect(d.ok && d.message.type === 4 && [d.message.receiver, d.message.counter, d.message.ciphertext.length])
		.toEqual([1, 0x80000000000000ffn, 32]);
	const cookie = parseMessage(typed(3, 64));
	expect(cookie.ok && cookie.message.type === 3 && cookie.message.encryptedCookie.length).toBe(32);
	const resp = parseMessage(typed(2, 92));
	expect(resp.ok && resp.message.type === 2 && resp.message.encryptedEmpty.length).toBe(16);
});

test('every malformed shape is rejected with its own reason', () => {
	const cases: Array<[Uint8Array, ParseFailure]> = [
		[new Uint8Array(0), 'too-short'],
		[Uint8Array.of(1, 0, 0), 'too-short'],
		[typed(0, 148), 'unknown-type'],
		[typed(5, 148), 'unknown-type'],
		[typed(0xff, 32), 'unknown-type'],
		[Uint8Array.from({ length: 148 }, (_, i) => (i === 0 ? 1 : i === 3 ? 1 : 0)), 'reserved-not-zero'],
		[typed(1, 147), 'bad-initiation-length'],
		[typed(1, 149), 'bad-initiation-length'],
		[typed(2, 91), 'bad-response-length'],
		[typed(2, 148), 'bad-response-length'],
		[typed(3, 63), 'bad-cookie-reply-length'],
		[typed(3, 65), 'bad-cookie-reply-length'],
		[typed(4, 31), 'transport-too-short'],
		[typed(4, 4), 'transport-too-short'],
	];
	for (const [p, reason] of cases) expect({ len: p.length, r: parseMessage(p) }).toEqual({ len: p.length, r: { ok: false, reason } });
	expect(new Set(cases.map((c) => c[1]))).toEqual(new Set(PARSE_FAILURES));
});

test('parsing is total: random and truncated inputs never throw and views stay inside the buffer', () => {
	let seed = 12345;
	const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
	for (let i = 0; i < 20000; i++) {
		const len = rnd() % 4 === 0 ? [148, 92, 64, 32][rnd() % 4] : rnd();
		const p = Uint8Array.from({ length: len }, rnd);
		if (rnd() % 2) p[0] = 1 + (rnd() % 4);
		if (rnd() % 2) p[1] = p[2] = p[3] = 0;
		const r = parseMessage(p);
		if (r.ok) {
			for (const v of Object.values(r.message)) {
				if (v instanceof Uint8Array) {
					expect(v.buffer).toBe(p.buffer);
					expect(v.byteOffset + v.byteLength).toBeLessThanOrEqual(p.byteOffset + p.byteLength);
				}
			}
		} else {
			expect(PARSE_FAILURES).toContain(r.reason);
		}
	}
});

test('field tables cover each fixed message exactly, with no gaps', () => {
	for (const l of [INITIATION, RESPONSE, COOKIE_REPLY, TRANSPORT]) {
		let at = 0;
		for (const f of l.fields) {
			expect(f.offset).toBe(at);
			at += f.size;
		}
		expect(at).toBe(l.size);
	}
});
