import { chacha20poly1305Open, chacha20poly1305Seal, getCrypto } from '@wgup/crypto';
import { EBADMSG, EINVAL } from '@wgup/prelude';
import {
	ASYNC_SOFTWARE, CRYPTO_BUF_SINGLE_MBUF, CRYPTO_CHACHA20_POLY1305, CRYPTO_F_DONE, CRYPTO_F_IV_SEPARATE,
	CRYPTO_OP_COMPUTE_DIGEST, CRYPTO_OP_DECRYPT, CRYPTO_OP_ENCRYPT, CRYPTO_OP_VERIFY_DIGEST, CRYPTO_XCHACHA20_POLY1305,
	CRYPTOCAP_F_SOFTWARE, CRYPTOSOFT, CSP_F_SEPARATE_AAD, CSP_F_SEPARATE_OUTPUT, CSP_MODE_AEAD, EOPNOTSUPP,
	KernelPanic, PAGE_SIZE, buffer_contig, buffer_mbuf, buffer_single_mbuf, buffer_uio, buffer_vmpage, check_csp,
	crp_sanity, crypto_buffer_len, crypto_copydata, crypto_dispatch, crypto_initreq, crypto_newsession,
	crypto_use_buf, csp_new, m_length, mbuf_chain_from, model_checks, type CryptoBuffer, type CryptoSession,
	type Cryptop,
} from '../src';

const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + seed * 7) & 0xff);
const KEY = bytes(32, 3);

function session(ivlen = 12, flags = CSP_F_SEPARATE_AAD | CSP_F_SEPARATE_OUTPUT): CryptoSession {
	const s = crypto_newsession(csp_new({
		csp_mode: CSP_MODE_AEAD, csp_cipher_alg: CRYPTO_CHACHA20_POLY1305, csp_cipher_klen: 32, csp_ivlen: ivlen,
		csp_flags: flags,
	}), CRYPTOCAP_F_SOFTWARE, [CRYPTOSOFT]);
	if (typeof s === 'number') throw new Error(`newsession: ${s}`);
	return s;
}

describe('sessions: check_csp and driver choice (crypto.c check_csp, crypto_select_driver)', () => {
	const ok = { csp_mode: CSP_MODE_AEAD, csp_cipher_alg: CRYPTO_CHACHA20_POLY1305, csp_cipher_klen: 32, csp_ivlen: 8 };
	test.each([
		[{}, null],
		[{ csp_ivlen: 12 }, null],
		[{ csp_ivlen: 16 }, /8- or 12-byte/],
		[{ csp_ivlen: 0 }, /csp_ivlen is 0/],
		[{ csp_cipher_alg: CRYPTO_XCHACHA20_POLY1305 }, /24-byte/],
		[{ csp_cipher_klen: 0 }, /klen is 0/],
		[{ csp_auth_mlen: 17 }, /auth_mlen/],
		[{ csp_auth_alg: 1 }, /separate auth/],
		[{ csp_flags: 0x8 }, /SUPPORTED_SES/],
		[{ csp_cipher_key: new Uint8Array(32), csp_cipher_klen: 0 }, /without csp_cipher_klen/],
	])('%j', (change, expected) => {
		const r = check_csp(csp_new({ ...ok, ...change }));
		if (expected === null) expect(r).toBeNull();
		else expect(r).toMatch(expected);
	});

	test('crypto_newsession: EINVAL on bad parameters, EOPNOTSUPP without a driver, the best probe wins', () => {
		expect(crypto_newsession(csp_new({ ...ok, csp_ivlen: 5 }), CRYPTOCAP_F_SOFTWARE, [CRYPTOSOFT])).toBe(EINVAL);
		expect(crypto_newsession(csp_new(ok), CRYPTOCAP_F_SOFTWARE, [])).toBe(EOPNOTSUPP);
		const accel = { ...CRYPTOSOFT, name: 'ossl0', probesession: () => -200 };
		const s = crypto_newsession(csp_new(ok), CRYPTOCAP_F_SOFTWARE, [CRYPTOSOFT, accel]) as CryptoSession;
		expect(s.driver.name).toBe('ossl0');
	});
});

/** A well-formed AEAD request over cb: AAD [0,aad), payload [aad, aad+len), tag after it. */
function request(ses: CryptoSession, cb: CryptoBuffer, op: 'enc' | 'dec', aad: number, len: number, iv: Uint8Array): Cryptop {
	const crp = crypto_initreq(ses);
	crp.crp_op = op === 'enc' ? CRYPTO_OP_ENCRYPT | CRYPTO_OP_COMPUTE_DIGEST : CRYPTO_OP_DECRYPT | CRYPTO_OP_VERIFY_DIGEST;
	crp.crp_flags = CRYPTO_F_IV_SEPARATE;
	crp.crp_buf = cb;
	crp.crp_aad_start = 0;
	crp.crp_aad_length = aad;
	crp.crp_payload_start = aad;
	crp.crp_payload_length = len;
	crp.crp_digest_start = aad + len;
	crp.crp_iv.set(iv);
	crp.crp_cipher_key = KEY;
	crp.crp_callback = () => 0;
	return crp;
}

describe('crp_sanity: the INVARIANTS rules, and what only the model checks', () => {
	const ses = session();
	const iv = bytes(12, 9);
	const good = () => request(ses, buffer_contig(new Uint8Array(64)), 'enc', 8, 40, iv);
	const rules = (crp: Cryptop) => crp_sanity(crp).map((v) => v.rule);

	test('a well-formed request passes both', () => {
		expect(crp_sanity(good())).toEqual([]);
		expect(model_checks(good())).toEqual([]);
	});

	test.each<[string, (c: Cryptop) => void, string]>([
		['no callback', (c) => { c.crp_callback = null; }, 'callback'],
		['no key', (c) => { c.crp_cipher_key = null; }, 'key'],
		['etype preset', (c) => { c.crp_etype = 5; }, 'etype'],
		['already done', (c) => { c.crp_flags |= CRYPTO_F_DONE; }, 'done'],
		['IV not separate', (c) => { c.crp_flags = 0; }, 'iv_separate_required'],
		['encrypt with verify', (c) => { c.crp_op = CRYPTO_OP_ENCRYPT | CRYPTO_OP_VERIFY_DIGEST; }, 'op'],
		['payload past the end', (c) => { c.crp_payload_length = 60; }, 'payload_bounds'],
		['payload start at the end', (c) => { c.crp_payload_start = 64; c.crp_payload_length = 0; }, 'payload_start'],
		['AAD start without length', (c) => { c.crp_aad_start = 2; c.crp_aad_length = 0; }, 'aad_length'],
		['AAD past the end', (c) => { c.crp_aad_start = 60; c.crp_aad_length = 8; }, 'aad_bounds'],
		['digest start at the end', (c) => { c.crp_digest_start = 64; }, 'digest_start'],
		['IV start with IV_SEPARATE', (c) => { c.crp_iv_start = 4; }, 'iv_start'],
		['payload output without output buffer', (c) => { c.crp_payload_output_start = 1; }, 'payload_output'],
		['separate AAD with a start', (c) => { c.crp_aad = new Uint8Array(4); c.crp_aad_start = 1; }, 'aad_separate_fields'],
	])('%s', (_name, mutate, rule) => {
		const crp = good();
		mutate(crp);
		expect(rules(crp)).toContain(rule);
	});

	test('the kernel passes overlaps and a tag running off the end; the model does not', () => {
		const overlap = good();
		overlap.crp_digest_start = 30; /* inside the payload [8, 48) */
		expect(crp_sanity(overlap)).toEqual([]);
		expect(model_checks(overlap).map((v) => v.rule)).toEqual(['overlap']);
		const tail = good();
		tail.crp_digest_start = 60; /* start < ilen, mlen 0: crp_sanity's "isn't perfect" case */
		expect(crp_sanity(tail)).toEqual([]);
		expect(model_checks(tail).map((v) => v.rule)).toEqual(['digest_whole']);
		const m = mbuf_chain_from(new Uint8Array(64), [32, 32]);
		m.pkthdrLen = 60;
		const lying = request(ses, buffer_mbuf(m), 'enc', 0, 40, iv);
		expect(crp_sanity(lying)).toEqual([]);
		expect(model_checks(lying).map((v) => v.rule)).toEqual(['pkthdr_len']);
	});

	test('an INVARIANTS dispatch panics on a violation', () => {
		const crp = good();
		crp.crp_callback = null;
		expect(() => crypto_dispatch(crp)).toThrow(KernelPanic);
	});
});

/** Every buffer type holding the same bytes, split in different ways. */
function buffersHolding(data: Uint8Array): Array<[string, CryptoBuffer]> {
	const out: Array<[string, CryptoBuffer]> = [];
	const copy = () => Uint8Array.from(data);
	out.push(['contig', buffer_contig(copy())]);
	const n = data.length;
	out.push(['mbuf 1', buffer_mbuf(mbuf_chain_from(copy(), [n]))]);
	const a = Math.floor(n / 3);
	const b = Math.floor(n / 2);
	out.push(['mbuf 3 uneven', buffer_mbuf(mbuf_chain_from(copy(), [a, 0, b - a, n - b]))]);
	out.push(['mbuf bytewise', buffer_mbuf(mbuf_chain_from(copy(), Array.from({ length: n }, () => 1)))]);
	out.push(['single mbuf', buffer_single_mbuf(mbuf_chain_from(copy(), [n]))]);
	const d = copy();
	out.push(['uio', buffer_uio([d.subarray(0, 5), d.subarray(5, 69), d.subarray(69)])]);
	const pages = [new Uint8Array(PAGE_SIZE), new Uint8Array(PAGE_SIZE)];
	const off = PAGE_SIZE - 37;
	pages[0].set(data.subarray(0, 37), off);
	pages[1].set(data.subarray(37), 0);
	out.push(['vmpage across a page', buffer_vmpage(pages, n, off)]);
	return out;
}

describe('the software driver over every buffer type equals the contiguous AEAD', () => {
	for (const ivlen of [8, 12]) {
		const ses = session(ivlen);
		const iv = bytes(ivlen, 5);
		for (const [aad, len] of [[0, 0], [0, 1], [13, 64], [3, 150], [0, 200]]) {
			test(`ivlen ${ivlen}, AAD ${aad}, payload ${len}`, () => {
				const plain = bytes(aad + len + 16, len);
				const expected = chacha20poly1305Seal(KEY, iv, plain.subarray(aad, aad + len), plain.subarray(0, aad));
				for (const [name, cb] of buffersHolding(plain)) {
					const enc = request(ses, cb, 'enc', aad, len, iv);
					expect({ name, ret: crypto_dispatch(enc), etype: enc.crp_etype }).toEqual({ name, ret: 0, etype: 0 });
					const sealed = new Uint8Array(crypto_buffer_len(cb));
					crypto_copydata(cb, 0, sealed.length, sealed);
					expect({ name, aad: sealed.subarray(0, aad) }).toEqual({ name, aad: plain.subarray(0, aad) });
					expect({ name, sealed: sealed.subarray(aad) }).toEqual({ name, sealed: expected });
					const dec = request(ses, cb, 'dec', aad, len, iv);
					expect(crypto_dispatch(dec)).toBe(0);
					expect(dec.crp_etype).toBe(0);
					const opened = new Uint8Array(crypto_buffer_len(cb));
					crypto_copydata(cb, 0, opened.length, opened);
					expect({ name, opened: opened.subarray(0, aad + len) }).toEqual({ name, opened: plain.subarray(0, aad + len) });
				}
			});
		}
	}

	test('both @wgup/crypto backends (the C-able reference ts2c emits, and the fast one) agree with the driver', () => {
		const ref = getCrypto('reference');
		for (const ivlen of [8, 12]) {
			const ses = session(ivlen);
			const iv = bytes(ivlen, 7);
			for (const len of [0, 17, 64, 300]) {
				const plain = bytes(len + 16, 3);
				const m = mbuf_chain_from(Uint8Array.from(plain), [Math.floor(len / 2), 0, len + 16 - Math.floor(len / 2)]);
				const crp = request(ses, buffer_mbuf(m), 'enc', 0, len, iv);
				expect(crypto_dispatch(crp)).toBe(0);
				const sealed = new Uint8Array(len + 16);
				crypto_copydata(crp.crp_buf, 0, sealed.length, sealed);
				expect(sealed).toEqual(ref.chacha20poly1305Seal(KEY, iv, plain.subarray(0, len)));
				expect(ref.chacha20poly1305Open(KEY, iv, sealed)).toEqual(plain.subarray(0, len));
			}
		}
	});

	test('a separate output buffer receives ciphertext and tag; the input is left alone', () => {
		const ses = session(12);
		const iv = bytes(12, 2);
		const plain = bytes(100, 4);
		const crp = request(ses, buffer_contig(Uint8Array.from(plain)), 'enc', 0, 100, iv);
		crp.crp_digest_start = 100;
		const out = new Uint8Array(116);
		crp.crp_obuf = buffer_contig(out);
		expect(crypto_dispatch(crp)).toBe(0);
		expect(out).toEqual(chacha20poly1305Seal(KEY, iv, plain));
		expect(crp.crp_buf.cb_type === 1 && crp.crp_buf.cb_buf.subarray(0, 100)).toEqual(plain);
		expect(chacha20poly1305Open(KEY, iv, out)).toEqual(plain);
	});

	test('a bad tag: dispatch returns 0, crp_etype is EBADMSG, not one byte of the buffer changed', () => {
		const ses = session(8);
		const iv = bytes(8, 1);
		const plain = bytes(150, 6);
		const sealed = chacha20poly1305Seal(KEY, iv, plain);
		for (const flip of [0, 63, 64, 149, 150, 165]) {
			const forged = Uint8Array.from(sealed);
			forged[flip] ^= 0x01;
			for (const [name, cb] of buffersHolding(forged)) {
				const crp = request(ses, cb, 'dec', 0, 150, iv);
				expect(crypto_dispatch(crp)).toBe(0);
				expect({ name, flip, etype: crp.crp_etype }).toEqual({ name, flip, etype: EBADMSG });
				const now = new Uint8Array(crypto_buffer_len(cb));
				crypto_copydata(cb, 0, now.length, now);
				expect({ name, now }).toEqual({ name, now: forged });
			}
		}
	});

	test('SINGLE_MBUF sees only the first mbuf; MBUF trusts m_pkthdr.len', () => {
		const m = mbuf_chain_from(bytes(50), [20, 30]);
		expect(crypto_buffer_len(buffer_single_mbuf(m))).toBe(20);
		expect(buffer_single_mbuf(m).cb_type).toBe(CRYPTO_BUF_SINGLE_MBUF);
		expect(crypto_buffer_len(buffer_mbuf(m))).toBe(m_length(m));
	});

	test('the driver refuses an AEAD request without CRYPTO_F_IV_SEPARATE with EINVAL (swcr_chacha20_poly1305)', () => {
		const crp = crypto_initreq(session(12));
		crypto_use_buf(crp, new Uint8Array(32));
		crp.crp_op = CRYPTO_OP_ENCRYPT;
		crp.crp_payload_length = 16;
		crp.crp_digest_start = 16;
		crp.crp_cipher_key = KEY;
		crp.crp_callback = () => 0;
		expect(crypto_dispatch(crp, { invariants: false })).toBe(0);
		expect(crp.crp_etype).toBe(EINVAL);
	});

	test('an asynchronous driver has done nothing when crypto_dispatch returns', () => {
		const s = crypto_newsession(session(8).csp as never, CRYPTOCAP_F_SOFTWARE, [ASYNC_SOFTWARE]) as CryptoSession;
		const buf = bytes(48);
		const crp = request(s, buffer_contig(Uint8Array.from(buf)), 'enc', 0, 32, bytes(8));
		expect(model_checks(crp).map((v) => v.rule)).toEqual(['not_sync']);
		const queue: Cryptop[] = [];
		expect(crypto_dispatch(crp, { modelChecks: false, queue })).toBe(0);
		expect(crp.crp_etype).toBe(0);
		expect(crp.crp_flags & CRYPTO_F_DONE).toBe(0);
		expect(queue).toEqual([crp]);
	});
});
