/*
 * The WireGuard data-path glue: chacha20poly1305_encrypt_mbuf / chacha20poly1305_decrypt_mbuf as OCF
 * requests, and wg_crypto_init / wg_crypto_deinit that make the one session they share. This is the
 * model of what tools/ocf-glue emits into freebsd-overlay/sys/dev/wg/.
 *
 * The requests are FreeBSD's (ocf.md section 5 [WG1, WG2, P]): the tag slot is appended with m_append,
 * the payload is the packet minus the tag, the digest sits right after it, the 64-bit counter is the
 * 8-byte nonce (le64enc into crp_iv, CRYPTO_F_IV_SEPARATE), no AAD, in place. What wgup adds, and the
 * variant flags switch off to model the older copies:
 *  - checkEtype: the result is crp_etype when crypto_dispatch returned 0 [WG2]; P and WG1 ignored it,
 *    so a forged packet was accepted (ocf.md section 6);
 *  - requireSync: wg_crypto_init refuses a session whose driver is not synchronous, with ENXIO [WG2];
 *  - restoreOnAppendFailure: m_append keeps a partial append when it fails (uipc_mbuf.c), so the glue
 *    trims what it added and the caller gets its chain back unchanged with ENOMEM (no copy does this).
 */
import { EMSGSIZE, ENOMEM, store64_le, type u64 } from '@wgup/prelude';
import {
	CHACHA20_POLY1305_KEY, CRYPTO_CHACHA20_POLY1305, CRYPTO_F_CBIMM, CRYPTO_F_IV_SEPARATE, CRYPTO_OP_COMPUTE_DIGEST,
	CRYPTO_OP_DECRYPT, CRYPTO_OP_ENCRYPT, CRYPTO_OP_VERIFY_DIGEST, CRYPTOCAP_F_SOFTWARE, CSP_F_SEPARATE_AAD,
	CSP_F_SEPARATE_OUTPUT, CSP_MODE_AEAD, ENXIO, POLY1305_HASH_LEN,
} from './constants';
import { crypto_dispatch, type DispatchOptions } from './cryptosoft';
import { DEFAULT_ALLOCATOR, m_adj, m_append, type Mbuf, type MbufAllocator } from './mbuf';
import { crypto_initreq, crypto_use_mbuf, type Cryptop } from './request';
import { CRYPTO_SESS_SYNC, crypto_newsession, csp_new, type CryptoDriver, type CryptoSession } from './session';

/**
 * The glue's fixed choices, in one place: the model's requests use them and tools/ocf-glue spells them
 * in the emitted C. Sources: ocf.md section 5 [WG1, WG2, P]; the guard is the port's compat.h macro.
 */
export const WG_GLUE = {
	/** defined by compat.h on releases whose OCF lacks the 8-byte-nonce mbuf path */
	guard: 'COMPAT_NEED_CHACHA20POLY1305_MBUF',
	requestFlags: CRYPTO_F_IV_SEPARATE | CRYPTO_F_CBIMM,
	encryptOp: CRYPTO_OP_ENCRYPT | CRYPTO_OP_COMPUTE_DIGEST,
	decryptOp: CRYPTO_OP_DECRYPT | CRYPTO_OP_VERIFY_DIGEST,
	/** crypto_newsession's crid: any software driver */
	crid: CRYPTOCAP_F_SOFTWARE,
	tagLen: POLY1305_HASH_LEN,
	keyLen: CHACHA20_POLY1305_KEY,
	/** WireGuard's nonce is a 64-bit counter */
	nonceLen: 8,
} as const;

export interface GlueVariant {
	readonly checkEtype: boolean;
	readonly requireSync: boolean;
	readonly restoreOnAppendFailure: boolean;
}

/** What wgup emits. */
export const WGUP_GLUE: GlueVariant = { checkEtype: true, requireSync: true, restoreOnAppendFailure: true };
/** FreeBSD's fixed copy [WG2]. */
export const FREEBSD_FIXED_GLUE: GlueVariant = { checkEtype: true, requireSync: true, restoreOnAppendFailure: false };
/** The port's src/crypto.c at 20584d1 [P] and the first in-tree copy [WG1]. */
export const PORT_2022_GLUE: GlueVariant = { checkEtype: false, requireSync: false, restoreOnAppendFailure: false };

export interface WgCrypto {
	readonly session: CryptoSession;
	readonly variant: GlueVariant;
	readonly alloc: MbufAllocator;
	readonly dispatch: DispatchOptions;
}

/** The session parameters every copy uses [WG1, WG2, P crypto_init]. */
export function wg_session_params() {
	return csp_new({
		csp_mode: CSP_MODE_AEAD,
		csp_ivlen: WG_GLUE.nonceLen,
		csp_cipher_alg: CRYPTO_CHACHA20_POLY1305,
		csp_cipher_klen: CHACHA20_POLY1305_KEY,
		csp_flags: CSP_F_SEPARATE_AAD | CSP_F_SEPARATE_OUTPUT,
	});
}

/** wg_crypto_init: one software session; ENXIO when its driver is not synchronous (requireSync). */
export function wg_crypto_init(drivers: readonly CryptoDriver[], variant: GlueVariant = WGUP_GLUE,
	opts: { alloc?: MbufAllocator; dispatch?: DispatchOptions } = {}): WgCrypto | number {
	const ses = crypto_newsession(wg_session_params(), WG_GLUE.crid, drivers);
	if (typeof ses === 'number') return ses;
	if (variant.requireSync && !CRYPTO_SESS_SYNC(ses)) return ENXIO; /* crypto_freesession, then ENXIO */
	return { session: ses, variant, alloc: opts.alloc ?? DEFAULT_ALLOCATOR, dispatch: opts.dispatch ?? {} };
}

/** The request both directions build; only crp_op differs. */
function wgRequest(wc: WgCrypto, m: Mbuf, op: number, nonce: u64, key: Uint8Array): Cryptop {
	const crp = crypto_initreq(wc.session);
	crp.crp_op = op;
	crp.crp_flags = WG_GLUE.requestFlags;
	crypto_use_mbuf(crp, m);
	crp.crp_payload_length = m.pkthdrLen - POLY1305_HASH_LEN;
	crp.crp_digest_start = crp.crp_payload_length;
	store64_le(crp.crp_iv, 0, nonce);
	crp.crp_cipher_key = key;
	crp.crp_callback = () => 0;
	return crp;
}

/** crypto_dispatch, then crp_etype when the variant reads it. */
function dispatchAndResult(wc: WgCrypto, crp: Cryptop): number {
	let ret = crypto_dispatch(crp, wc.dispatch);
	if (ret === 0 && wc.variant.checkEtype) ret = crp.crp_etype;
	return ret;
}

const BLANK_TAG = new Uint8Array(POLY1305_HASH_LEN);

/**
 * Reserve the tag slot at the end of the packet. On failure the chain is trimmed back to its old length
 * (restoreOnAppendFailure) and ENOMEM returned.
 */
export function append_tag_slot(m: Mbuf, alloc: MbufAllocator, restore: boolean): number {
	const before = m.pkthdrLen;
	if (m_append(m, POLY1305_HASH_LEN, BLANK_TAG, alloc)) return 0;
	if (restore && m.pkthdrLen > before) m_adj(m, before - m.pkthdrLen);
	return ENOMEM;
}

/** chacha20poly1305_encrypt_mbuf(m, nonce, key): seal the packet in place, tag appended. */
export function chacha20poly1305_encrypt_mbuf(wc: WgCrypto, m: Mbuf, nonce: u64, key: Uint8Array): number {
	const err = append_tag_slot(m, wc.alloc, wc.variant.restoreOnAppendFailure);
	if (err) return err;
	const crp = wgRequest(wc, m, WG_GLUE.encryptOp, nonce, key);
	return dispatchAndResult(wc, crp);
}

/** chacha20poly1305_decrypt_mbuf(m, nonce, key): open in place and drop the tag; EBADMSG leaves m as it was. */
export function chacha20poly1305_decrypt_mbuf(wc: WgCrypto, m: Mbuf, nonce: u64, key: Uint8Array): number {
	if (m.pkthdrLen < POLY1305_HASH_LEN) return EMSGSIZE;
	const crp = wgRequest(wc, m, WG_GLUE.decryptOp, nonce, key);
	const ret = dispatchAndResult(wc, crp);
	if (ret) return ret;
	m_adj(m, -POLY1305_HASH_LEN);
	return 0;
}
