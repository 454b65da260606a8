/*
 * A software driver in cryptosoft's image, and crypto_dispatch.
 *
 * swcr_chacha20_poly1305 [S] (ocf.md section 4): needs CRYPTO_F_IV_SEPARATE; MACs the AAD (separate or in
 * the buffer) and its padding; on encrypt, encrypts the payload block by block and MACs the ciphertext;
 * on decrypt, MACs the input payload first, compares the tag read from crp_digest_start with
 * timingsafe_bcmp, and returns EBADMSG before decrypting anything, so the buffer is left untouched. The
 * payload walk uses a cursor: whole blocks in place where the segment has room, one block through a local
 * buffer where it does not, the final partial block always through the local buffer.
 *
 * swcr_process [S] stores the result in crp_etype, calls crypto_done, and returns 0; crypto_dispatch
 * returns what the driver's process method returned [C crypto_dispatch_one]. So a bad tag shows up
 * only in crp_etype: this model, like the C harness's dispatcher, behaves exactly so.
 */
import { EBADMSG, EINVAL, timingsafe_bcmp } from '@wgup/prelude';
import { CryptoCursor, crypto_apply, crypto_copyback, crypto_copydata, type CryptoBuffer } from './buffer';
import {
	CRYPTO_BUF_NONE, CRYPTO_CHACHA20_POLY1305, CRYPTO_F_DONE, CRYPTO_F_IV_SEPARATE,
	CRYPTO_OP_ENCRYPT, CRYPTOCAP_F_HARDWARE, CRYPTOCAP_F_SOFTWARE, CRYPTOCAP_F_SYNC, CRYPTODEV_PROBE_SOFTWARE,
	CSP_MODE_AEAD, EAGAIN, EOPNOTSUPP,
} from './constants';
import { crp_sanity, model_checks, type Cryptop, type ModelRule, type SanityRule, type Violation } from './request';
import { crypto_freesession, crypto_newsession, type CryptoDriver, type CryptoSessionParams } from './session';
import { BLOCK, TAG, chachapoly_reinit, lengthsBlock, pad16 } from './xform';

function probeChachaPoly(csp: CryptoSessionParams): number {
	return csp.csp_mode === CSP_MODE_AEAD && csp.csp_cipher_alg === CRYPTO_CHACHA20_POLY1305
		? CRYPTODEV_PROBE_SOFTWARE : EOPNOTSUPP;
}

/** cryptosoft as registered by swcr_attach: CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC [S]. */
export const CRYPTOSOFT: CryptoDriver = {
	name: 'cryptosoft0',
	caps: CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC,
	probesession: probeChachaPoly,
};

/** A software driver that completes later (no CRYPTOCAP_F_SYNC): what the glue must refuse. */
export const ASYNC_SOFTWARE: CryptoDriver = {
	name: 'asyncsoft0',
	caps: CRYPTOCAP_F_SOFTWARE,
	probesession: probeChachaPoly,
};

/** Process the payload with the cursor the way cryptosoft does; out may be the input buffer (in place). */
function cryptPayload(crp: Cryptop, outBuf: CryptoBuffer, outStart: number,
	ctx: ReturnType<typeof chachapoly_reinit>): void {
	const cin = new CryptoCursor(crp.crp_buf, crp.crp_payload_start);
	const cout = new CryptoCursor(outBuf, outStart);
	const blk = new Uint8Array(BLOCK);
	let block = 1;
	let resid = crp.crp_payload_length;
	while (resid >= BLOCK) {
		const inseg = cin.segment();
		const outseg = cout.segment();
		if (inseg.length < BLOCK || outseg.length < BLOCK) {
			/* a block split across segments goes through the local buffer */
			cin.copydata(BLOCK, blk);
			ctx.xor(blk, blk, block);
			cout.copyback(BLOCK, blk);
			block++;
			resid -= BLOCK;
			continue;
		}
		const todo = Math.floor(Math.min(resid, inseg.length, outseg.length) / BLOCK) * BLOCK;
		ctx.xor(outseg.subarray(0, todo), inseg.subarray(0, todo), block);
		cin.advance(todo);
		cout.advance(todo);
		block += todo / BLOCK;
		resid -= todo;
	}
	if (resid > 0) {
		const last = blk.subarray(0, resid);
		cin.copydata(resid, last);
		ctx.xor(last, last, block);
		cout.copyback(resid, last);
	}
	blk.fill(0);
}

/** swcr_chacha20_poly1305 [S]: returns the errno that swcr_process stores in crp_etype. */
export function swcr_chacha20_poly1305(crp: Cryptop): number {
	const ses = crp.crp_session!;
	if (!(crp.crp_flags & CRYPTO_F_IV_SEPARATE)) return EINVAL;
	const key = crp.crp_cipher_key ?? ses.csp.csp_cipher_key;
	if (!key || key.length !== 32) return EINVAL;
	const ctx = chachapoly_reinit(key, crp.crp_iv.subarray(0, ses.csp.csp_ivlen));
	const tagLen = ses.csp.csp_auth_mlen || TAG;
	const encrypt = (crp.crp_op & CRYPTO_OP_ENCRYPT) !== 0;
	const hasOut = crp.crp_obuf.cb_type !== CRYPTO_BUF_NONE;
	const outBuf = hasOut ? crp.crp_obuf : crp.crp_buf;
	const outStart = hasOut ? crp.crp_payload_output_start : crp.crp_payload_start;

	/* AAD and its padding */
	if (crp.crp_aad) ctx.mac.update(crp.crp_aad.subarray(0, crp.crp_aad_length));
	else crypto_apply(crp.crp_buf, crp.crp_aad_start, crp.crp_aad_length, (p) => (ctx.mac.update(p), 0));
	ctx.mac.update(pad16(crp.crp_aad_length));

	if (encrypt) {
		cryptPayload(crp, outBuf, outStart, ctx);
		crypto_apply(outBuf, outStart, crp.crp_payload_length, (p) => (ctx.mac.update(p), 0));
	} else {
		crypto_apply(crp.crp_buf, crp.crp_payload_start, crp.crp_payload_length, (p) => (ctx.mac.update(p), 0));
	}
	ctx.mac.update(pad16(crp.crp_payload_length));
	ctx.mac.update(lengthsBlock(crp.crp_aad_length, crp.crp_payload_length));
	const tag = ctx.mac.final();

	if (encrypt) {
		crypto_copyback(outBuf, crp.crp_digest_start, tagLen, tag);
		tag.fill(0);
		return 0;
	}
	const expect = new Uint8Array(TAG);
	crypto_copydata(crp.crp_buf, crp.crp_digest_start, tagLen, expect);
	const bad = timingsafe_bcmp(tag, expect, tagLen);
	tag.fill(0);
	if (bad) return EBADMSG; /* before any decryption: the payload is untouched */
	cryptPayload(crp, outBuf, outStart, ctx);
	return 0;
}

export interface DispatchOptions {
	/** INVARIANTS kernel: a crp_sanity violation panics (throws here) */
	readonly invariants?: boolean;
	/** also enforce model_checks (what the kernel never checks); the harness's dispatcher does */
	readonly modelChecks?: boolean;
	/** where an asynchronous driver leaves requests it has not completed yet */
	readonly queue?: Cryptop[];
	/**
	 * The session's driver has unregistered (CRYPTOCAP_F_CLEANUP); these drivers remain. crypto_invoke then
	 * migrates the request: frees its session, creates a new one into crp_session and completes it with
	 * EAGAIN [C crypto_invoke].
	 */
	readonly unregistered?: readonly CryptoDriver[];
}

export class KernelPanic extends Error {
	constructor(readonly violations: readonly Violation<SanityRule | ModelRule>[]) {
		super(`panic: ${violations.map((v) => `${v.rule}: ${v.detail}`).join('; ')}`);
	}
}

/**
 * crypto_dispatch(crp) [C crypto_dispatch_one]: the sanity checks (an INVARIANTS kernel; the model's own
 * checks too unless switched off), then the driver's process method, the result in crp_etype, and
 * crypto_done, which with CRYPTO_F_CBIMM on a sync driver runs the callback before crypto_dispatch
 * returns [C crypto_done]. Returns the process method's return value: always 0 for cryptosoft.
 */
export function crypto_dispatch(crp: Cryptop, opts: DispatchOptions = {}): number {
	if (opts.invariants ?? true) {
		const v = [...crp_sanity(crp), ...(opts.modelChecks ?? true ? model_checks(crp) : [])];
		if (v.length) throw new KernelPanic(v);
	}
	if (opts.unregistered) {
		const old = crp.crp_session!;
		crypto_freesession(old);
		const nses = crypto_newsession({ ...old.csp }, CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE, opts.unregistered);
		if (typeof nses !== 'number') crp.crp_session = nses;
		crp.crp_etype = EAGAIN;
		crp.crp_flags |= CRYPTO_F_DONE;
		crp.crp_callback?.(crp);
		return 0;
	}
	if (!(crp.crp_session!.driver.caps & CRYPTOCAP_F_SYNC)) {
		/*
		 * An asynchronous driver queues the request and completes it later, from another thread: when
		 * crypto_dispatch returns, nothing has been done and crp_etype is still 0. The model leaves the
		 * request on opts.queue (complete it later with crypto_complete), which is what a caller whose
		 * request lives on its stack sees.
		 */
		opts.queue?.push(crp);
		return 0;
	}
	crypto_complete(crp);
	return 0;
}

/** crypto_done after the driver ran: what the crypto thread does for a queued request. */
export function crypto_complete(crp: Cryptop): void {
	crp.crp_etype = swcr_chacha20_poly1305(crp);
	crp.crp_flags |= CRYPTO_F_DONE;
	if (crp.crp_callback) crp.crp_callback(crp);
}

