/*
 * struct cryptop and the checks made on it: crp_sanity, exactly the rules FreeBSD compiles under
 * INVARIANTS (ocf.md section 3, read in crypto.c C and C'), and model_checks, what the kernel never
 * checks (overlapping regions, int overflow of start + length, m_pkthdr.len against the chain, a session
 * whose driver is not synchronous while the caller's request lives on its stack).
 *
 * Each rule has a stable id. The C harness's dispatcher (tools/ocf-glue/test/harness) implements the
 * same rules with the same ids; a test feeds both the same bad requests and compares the ids.
 */
import { CryptoBuffer, NO_BUFFER, buffer_contig, buffer_mbuf, crypto_buffer_len } from './buffer';
import {
	CRYPTO_BUF_LAST, CRYPTO_BUF_MBUF, CRYPTO_BUF_NONE, CRYPTO_BUF_VMPAGE, CRYPTO_F_DONE, CRYPTO_F_IV_SEPARATE,
	CRYPTO_OP_COMPUTE_DIGEST, CRYPTO_OP_DECRYPT, CRYPTO_OP_ENCRYPT, CRYPTO_OP_VERIFY_DIGEST, CSP_F_SEPARATE_AAD,
	CSP_F_SEPARATE_OUTPUT, CSP_MODE_AEAD, EALG_MAX_BLOCK_LEN, INT_MAX, PAGE_SIZE, POLY1305_HASH_LEN,
} from './constants';
import { M_PKTHDR, m_length, type Mbuf } from './mbuf';
import { CRYPTO_SESS_SYNC, type CryptoSession } from './session';

/** struct cryptop [H], the fields wgup's requests use. */
export interface Cryptop {
	crp_session: CryptoSession | null;
	crp_etype: number;
	crp_flags: number;
	crp_op: number;
	crp_buf: CryptoBuffer;
	crp_obuf: CryptoBuffer;
	/** separate AAD (needs CSP_F_SEPARATE_AAD) */
	crp_aad: Uint8Array | null;
	crp_aad_start: number;
	crp_aad_length: number;
	crp_iv_start: number;
	crp_payload_start: number;
	crp_payload_output_start: number;
	crp_payload_length: number;
	crp_digest_start: number;
	crp_iv: Uint8Array;
	crp_cipher_key: Uint8Array | null;
	crp_callback: ((crp: Cryptop) => number) | null;
}

/** crypto_initreq(crp, cses): zero the request and set its session [C', crypto_request.9]. */
export function crypto_initreq(cses: CryptoSession | null): Cryptop {
	return {
		crp_session: cses, crp_etype: 0, crp_flags: 0, crp_op: 0, crp_buf: NO_BUFFER, crp_obuf: NO_BUFFER,
		crp_aad: null, crp_aad_start: 0, crp_aad_length: 0, crp_iv_start: 0, crp_payload_start: 0,
		crp_payload_output_start: 0, crp_payload_length: 0, crp_digest_start: 0,
		crp_iv: new Uint8Array(EALG_MAX_BLOCK_LEN), crp_cipher_key: null, crp_callback: null,
	};
}

/** crypto_use_mbuf(crp, m) [H] */
export function crypto_use_mbuf(crp: Cryptop, m: Mbuf): void {
	crp.crp_buf = buffer_mbuf(m);
}

/** crypto_use_buf(crp, buf, len) [H] */
export function crypto_use_buf(crp: Cryptop, buf: Uint8Array, len = buf.length): void {
	crp.crp_buf = buffer_contig(buf, len);
}

export type SanityRule =
	| 'session' | 'obuf_type' | 'etype' | 'done' | 'buf_type' | 'vmpage' | 'obuf_without_flag' | 'op'
	| 'iv_separate_required' | 'aad_start' | 'aad_length' | 'aad_bounds' | 'aad_separate_flag'
	| 'aad_separate_fields' | 'iv_start' | 'iv_bounds' | 'payload_start' | 'payload_bounds'
	| 'payload_output' | 'digest_start' | 'digest_bounds' | 'key' | 'callback';

export interface Violation<R extends string> {
	readonly rule: R;
	readonly detail: string;
}

function cbSane(cb: CryptoBuffer, out: Violation<SanityRule>[], which: string): void {
	if (cb.cb_type <= CRYPTO_BUF_NONE || cb.cb_type > CRYPTO_BUF_LAST) {
		out.push({ rule: 'buf_type', detail: `${which} has buffer type ${cb.cb_type}` });
	} else if (cb.cb_type === CRYPTO_BUF_VMPAGE && (cb.cb_vm_page_len < 0 || cb.cb_vm_page_offset < 0 ||
		cb.cb_vm_page_offset >= PAGE_SIZE)) {
		out.push({ rule: 'vmpage', detail: `${which}: vm page offset ${cb.cb_vm_page_offset}, length ${cb.cb_vm_page_len}` });
	}
}

/**
 * crp_sanity [C, C'] for an AEAD session: every KASSERT, in the kernel's order, as a list. An
 * INVARIANTS kernel panics at the first; a release kernel checks none of them.
 */
export function crp_sanity(crp: Cryptop): Violation<SanityRule>[] {
	const v: Violation<SanityRule>[] = [];
	const ses = crp.crp_session;
	if (!ses) return [{ rule: 'session', detail: 'crp_session is NULL' }];
	const csp = ses.csp;
	if (crp.crp_obuf.cb_type < CRYPTO_BUF_NONE || crp.crp_obuf.cb_type > CRYPTO_BUF_LAST) {
		v.push({ rule: 'obuf_type', detail: `output buffer type ${crp.crp_obuf.cb_type}` });
	}
	if (crp.crp_etype !== 0) v.push({ rule: 'etype', detail: `crp_etype is ${crp.crp_etype} before dispatch` });
	if (crp.crp_flags & CRYPTO_F_DONE) v.push({ rule: 'done', detail: 'CRYPTO_F_DONE already set' });
	cbSane(crp.crp_buf, v, 'crp_buf');
	const hasOut = crp.crp_obuf.cb_type !== CRYPTO_BUF_NONE;
	if (hasOut) {
		cbSane(crp.crp_obuf, v, 'crp_obuf');
		if (!(csp.csp_flags & CSP_F_SEPARATE_OUTPUT)) {
			v.push({ rule: 'obuf_without_flag', detail: 'output buffer on a session without CSP_F_SEPARATE_OUTPUT' });
		}
	}
	if (csp.csp_mode !== CSP_MODE_AEAD) return [...v, { rule: 'op', detail: 'only AEAD sessions are modelled' }];
	if (crp.crp_op !== (CRYPTO_OP_ENCRYPT | CRYPTO_OP_COMPUTE_DIGEST) &&
		crp.crp_op !== (CRYPTO_OP_DECRYPT | CRYPTO_OP_VERIFY_DIGEST)) {
		v.push({ rule: 'op', detail: `crp_op ${crp.crp_op} is not ENCRYPT|COMPUTE_DIGEST or DECRYPT|VERIFY_DIGEST` });
	}
	if (!(crp.crp_flags & CRYPTO_F_IV_SEPARATE)) {
		v.push({ rule: 'iv_separate_required', detail: 'AEAD requests need CRYPTO_F_IV_SEPARATE' });
	}
	const ilen = crypto_buffer_len(crp.crp_buf);
	const olen = hasOut ? crypto_buffer_len(crp.crp_obuf) : ilen;
	if (crp.crp_aad === null) {
		if (!(crp.crp_aad_start === 0 || crp.crp_aad_start < ilen)) {
			v.push({ rule: 'aad_start', detail: `crp_aad_start ${crp.crp_aad_start} not below ${ilen}` });
		}
		if (!(crp.crp_aad_length !== 0 || crp.crp_aad_start === 0)) {
			v.push({ rule: 'aad_length', detail: 'crp_aad_start set with crp_aad_length 0' });
		}
		if (!(crp.crp_aad_length === 0 || crp.crp_aad_start + crp.crp_aad_length <= ilen)) {
			v.push({ rule: 'aad_bounds', detail: `AAD ${crp.crp_aad_start}+${crp.crp_aad_length} past ${ilen}` });
		}
	} else {
		if (!(csp.csp_flags & CSP_F_SEPARATE_AAD)) {
			v.push({ rule: 'aad_separate_flag', detail: 'crp_aad on a session without CSP_F_SEPARATE_AAD' });
		}
		if (crp.crp_aad_start !== 0 || crp.crp_aad_length === 0) {
			v.push({ rule: 'aad_separate_fields', detail: 'separate AAD needs crp_aad_start 0 and crp_aad_length > 0' });
		}
	}
	if (crp.crp_flags & CRYPTO_F_IV_SEPARATE) {
		if (crp.crp_iv_start !== 0) v.push({ rule: 'iv_start', detail: 'crp_iv_start set with CRYPTO_F_IV_SEPARATE' });
	} else if (!(crp.crp_iv_start < ilen && crp.crp_iv_start + csp.csp_ivlen <= ilen)) {
		v.push({ rule: 'iv_bounds', detail: `IV ${crp.crp_iv_start}+${csp.csp_ivlen} past ${ilen}` });
	}
	if (!(crp.crp_payload_start === 0 || crp.crp_payload_start < ilen)) {
		v.push({ rule: 'payload_start', detail: `crp_payload_start ${crp.crp_payload_start} not below ${ilen}` });
	}
	if (!(crp.crp_payload_start + crp.crp_payload_length <= ilen)) {
		v.push({ rule: 'payload_bounds', detail: `payload ${crp.crp_payload_start}+${crp.crp_payload_length} past ${ilen}` });
	}
	if (!hasOut) {
		if (crp.crp_payload_output_start !== 0) {
			v.push({ rule: 'payload_output', detail: 'crp_payload_output_start set without an output buffer' });
		}
	} else if (!((crp.crp_payload_output_start === 0 || crp.crp_payload_output_start < olen) &&
		crp.crp_payload_output_start + crp.crp_payload_length <= olen)) {
		v.push({ rule: 'payload_output', detail: `payload output past the output buffer's ${olen} bytes` });
	}
	const dlen = crp.crp_op & CRYPTO_OP_VERIFY_DIGEST ? ilen : olen;
	if (!(crp.crp_digest_start === 0 || crp.crp_digest_start < dlen)) {
		v.push({ rule: 'digest_start', detail: `crp_digest_start ${crp.crp_digest_start} not below ${dlen}` });
	}
	/* the kernel adds csp_auth_mlen, which is 0 for "all": its own comment says the check is not perfect */
	if (!(crp.crp_digest_start + csp.csp_auth_mlen <= dlen)) {
		v.push({ rule: 'digest_bounds', detail: `digest ${crp.crp_digest_start}+${csp.csp_auth_mlen} past ${dlen}` });
	}
	if (csp.csp_cipher_klen !== 0 && csp.csp_cipher_key === null && crp.crp_cipher_key === null) {
		v.push({ rule: 'key', detail: 'no cipher key in the session or the request' });
	}
	if (crp.crp_callback === null) v.push({ rule: 'callback', detail: 'crp_callback is NULL' });
	return v;
}

export type ModelRule = 'overlap' | 'int_overflow' | 'pkthdr_len' | 'digest_whole' | 'not_sync' | 'key_length' | 'session_freed';

/**
 * What the kernel does not check and the model does (ocf.md section 3, "Not checked anywhere"): no two of
 * AAD, payload and digest overlap in a buffer; no start + length exceeds INT_MAX; an M_PKTHDR chain's
 * m_pkthdr.len matches its mbufs; the whole 16-byte tag fits (the mlen == 0 hole); the session is
 * synchronous (the request is the caller's stack variable); the key is 32 bytes; the session has not been
 * freed (a use after free).
 */
export function model_checks(crp: Cryptop): Violation<ModelRule>[] {
	const v: Violation<ModelRule>[] = [];
	const ses = crp.crp_session;
	if (!ses) return v;
	if (ses.state.freed) v.push({ rule: 'session_freed', detail: 'crp_session was freed: a use after free' });
	const tagLen = ses.csp.csp_auth_mlen || POLY1305_HASH_LEN;
	const verify = (crp.crp_op & CRYPTO_OP_VERIFY_DIGEST) !== 0;
	const hasOut = crp.crp_obuf.cb_type !== CRYPTO_BUF_NONE;
	for (const [name, start, len] of [
		['AAD', crp.crp_aad_start, crp.crp_aad_length], ['payload', crp.crp_payload_start, crp.crp_payload_length],
		['digest', crp.crp_digest_start, tagLen], ['payload output', crp.crp_payload_output_start, crp.crp_payload_length],
	] as const) {
		if (start + len > INT_MAX) v.push({ rule: 'int_overflow', detail: `${name} ${start}+${len} overflows an int` });
	}
	/* regions of the input buffer, and of the output buffer when there is one */
	const input: Array<[string, number, number]> = [['payload', crp.crp_payload_start, crp.crp_payload_length]];
	if (crp.crp_aad === null) input.push(['AAD', crp.crp_aad_start, crp.crp_aad_length]);
	const output: Array<[string, number, number]> = [];
	if (verify || !hasOut) input.push(['digest', crp.crp_digest_start, tagLen]);
	else output.push(['digest', crp.crp_digest_start, tagLen]);
	if (hasOut) output.push(['payload output', crp.crp_payload_output_start, crp.crp_payload_length]);
	for (const regions of [input, output]) {
		for (let i = 0; i < regions.length; i++) {
			for (let j = i + 1; j < regions.length; j++) {
				const [an, as, al] = regions[i];
				const [bn, bs, bl] = regions[j];
				if (al > 0 && bl > 0 && as < bs + bl && bs < as + al) {
					v.push({ rule: 'overlap', detail: `${an} ${as}+${al} overlaps ${bn} ${bs}+${bl}` });
				}
			}
		}
	}
	const dbuf = verify || !hasOut ? crp.crp_buf : crp.crp_obuf;
	if (crp.crp_digest_start + tagLen > crypto_buffer_len(dbuf)) {
		v.push({ rule: 'digest_whole', detail: `the ${tagLen}-byte tag at ${crp.crp_digest_start} runs past the buffer` });
	}
	for (const cb of [crp.crp_buf, crp.crp_obuf]) {
		if (cb.cb_type === CRYPTO_BUF_MBUF && cb.cb_mbuf.flags & M_PKTHDR && cb.cb_mbuf.pkthdrLen !== m_length(cb.cb_mbuf)) {
			v.push({ rule: 'pkthdr_len', detail: `m_pkthdr.len ${cb.cb_mbuf.pkthdrLen} but the chain holds ${m_length(cb.cb_mbuf)}` });
		}
	}
	if (!CRYPTO_SESS_SYNC(ses)) v.push({ rule: 'not_sync', detail: `driver ${ses.driver.name} is not synchronous` });
	const key = crp.crp_cipher_key ?? ses.csp.csp_cipher_key;
	if (key && key.length !== 32) v.push({ rule: 'key_length', detail: `cipher key of ${key.length} bytes` });
	return v;
}
