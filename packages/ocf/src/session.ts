/*
 * OCF sessions: struct crypto_session_params, the checks crypto_newsession makes (check_csp), and the
 * driver choice. Sources: ../../../shared/facts/ocf.md section 1 (H = cryptodev.h, C = crypto.c
 * @246982c1, C' = cheribsd crypto.c @019a7e60, S = cryptosoft.c, O = ossl.c @298b6a0e).
 */
import { EINVAL } from '@wgup/prelude';
import {
	CHACHA20_POLY1305_IV_LEN, CRYPTO_CHACHA20_POLY1305, CRYPTO_XCHACHA20_POLY1305, CRYPTOCAP_F_HARDWARE,
	CRYPTOCAP_F_SOFTWARE, CRYPTOCAP_F_SYNC, CSP_F_SUPPORTED, CSP_MODE_AEAD, CSP_MODE_CIPHER, CSP_MODE_DIGEST,
	CSP_MODE_ETA, EALG_MAX_BLOCK_LEN, EOPNOTSUPP, POLY1305_HASH_LEN, XCHACHA20_POLY1305_IV_LEN,
} from './constants';

/** struct crypto_session_params [H]; crypto_session.9 says to zero all of it first (csp_new does). */
export interface CryptoSessionParams {
	csp_mode: number;
	csp_flags: number;
	csp_ivlen: number;
	csp_cipher_alg: number;
	csp_cipher_klen: number;
	csp_cipher_key: Uint8Array | null;
	csp_auth_alg: number;
	csp_auth_klen: number;
	csp_auth_key: Uint8Array | null;
	/** 0 means the whole digest */
	csp_auth_mlen: number;
}

export function csp_new(fields: Partial<CryptoSessionParams> = {}): CryptoSessionParams {
	return {
		csp_mode: 0, csp_flags: 0, csp_ivlen: 0, csp_cipher_alg: 0, csp_cipher_klen: 0, csp_cipher_key: null,
		csp_auth_alg: 0, csp_auth_klen: 0, csp_auth_key: null, csp_auth_mlen: 0, ...fields,
	};
}

/**
 * check_csp for the AEAD algorithms wgup cares about [C, C' check_csp]. Returns null when the
 * parameters pass, or the rule that fails (crypto_newsession then returns EINVAL).
 */
export function check_csp(csp: CryptoSessionParams): string | null {
	if (csp.csp_flags & ~CSP_F_SUPPORTED) return 'csp_flags has a bit outside SUPPORTED_SES';
	if (csp.csp_ivlen < 0 || csp.csp_cipher_klen < 0 || csp.csp_auth_klen < 0 || csp.csp_auth_mlen < 0) {
		return 'a negative length';
	}
	if (csp.csp_cipher_key !== null && csp.csp_cipher_klen === 0) return 'csp_cipher_key without csp_cipher_klen';
	if (csp.csp_auth_key !== null && csp.csp_auth_klen === 0) return 'csp_auth_key without csp_auth_klen';
	switch (csp.csp_mode) {
	case CSP_MODE_AEAD:
		if (csp.csp_cipher_alg !== CRYPTO_CHACHA20_POLY1305 && csp.csp_cipher_alg !== CRYPTO_XCHACHA20_POLY1305) {
			return 'csp_cipher_alg is not an AEAD algorithm this model knows';
		}
		if (csp.csp_cipher_klen === 0) return 'csp_cipher_klen is 0';
		if (csp.csp_ivlen === 0 || csp.csp_ivlen >= EALG_MAX_BLOCK_LEN) return 'csp_ivlen is 0 or >= EALG_MAX_BLOCK_LEN';
		if (csp.csp_auth_alg !== 0 || csp.csp_auth_klen !== 0) return 'AEAD takes no separate auth algorithm or key';
		if (csp.csp_cipher_alg === CRYPTO_CHACHA20_POLY1305 && csp.csp_ivlen !== CHACHA20_POLY1305_IV_LEN &&
			csp.csp_ivlen !== 8) {
			return 'CRYPTO_CHACHA20_POLY1305 takes an 8- or 12-byte nonce';
		}
		if (csp.csp_cipher_alg === CRYPTO_XCHACHA20_POLY1305 && csp.csp_ivlen !== XCHACHA20_POLY1305_IV_LEN) {
			return 'CRYPTO_XCHACHA20_POLY1305 takes a 24-byte nonce';
		}
		if (csp.csp_auth_mlen > POLY1305_HASH_LEN) return 'csp_auth_mlen above POLY1305_HASH_LEN';
		return null;
	case CSP_MODE_CIPHER:
	case CSP_MODE_DIGEST:
	case CSP_MODE_ETA:
		return 'mode not modelled (wgup only builds AEAD sessions)';
	default:
		return `csp_mode ${csp.csp_mode} is not a session mode`;
	}
}

/** A registered driver as crypto_select_driver sees it. */
export interface CryptoDriver {
	readonly name: string;
	/** CRYPTOCAP_F_* it registered with */
	readonly caps: number;
	/** its probesession: a CRYPTODEV_PROBE_* priority, or a positive errno when it refuses */
	probesession(csp: CryptoSessionParams): number;
}

/** A session: its parameters, frozen, the driver that took it, and whether crypto_freesession ran. */
export interface CryptoSession {
	readonly csp: Readonly<CryptoSessionParams>;
	readonly driver: CryptoDriver;
	readonly state: { freed: boolean };
}

/** crypto_freesession: the session's memory goes back to the kernel; any pointer left to it dangles. */
export function crypto_freesession(s: CryptoSession): void {
	s.state.freed = true;
}

/** crypto_ses2caps / CRYPTO_SESS_SYNC [H] */
export function CRYPTO_SESS_SYNC(s: CryptoSession): boolean {
	return (s.driver.caps & CRYPTOCAP_F_SYNC) !== 0;
}

/**
 * crypto_newsession(&ses, csp, crid) [C]: check_csp, then pick the driver whose flags intersect crid
 * with the highest probe value (ties: the first registered, where the kernel takes the one with fewer
 * sessions). Returns the session or an errno.
 */
export function crypto_newsession(csp: CryptoSessionParams, crid: number,
	drivers: readonly CryptoDriver[]): CryptoSession | number {
	if (check_csp(csp) !== null) return EINVAL;
	let best: CryptoDriver | null = null;
	let bestProbe = 0;
	for (const d of drivers) {
		if ((crid & (CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE)) !== 0 && (d.caps & crid) === 0) continue;
		const p = d.probesession(csp);
		if (p > 0) continue;
		if (best === null || p > bestProbe) {
			best = d;
			bestProbe = p;
		}
	}
	if (!best) return EOPNOTSUPP;
	return { csp: Object.freeze({ ...csp }), driver: best, state: { freed: false } };
}
