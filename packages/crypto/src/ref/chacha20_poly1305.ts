/*
 * ChaCha20-Poly1305 AEAD (RFC 8439 section 2.8) and XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha
 * section 2.3), with the signatures of FreeBSD's sys/crypto/chacha20_poly1305.h so the emitted C is a
 * drop-in for it.
 *
 * Built from the streaming pieces (chacha20_xor, poly1305_init/update/final) that the OCF mbuf fallback
 * calls too, so those are exercised by every AEAD test.
 */
import { KASSERT, explicit_bzero, store64_le, timingsafe_bcmp, u64_from } from '@wgup/prelude';
import type { i32, size_t } from '@wgup/prelude';
import { CHACHA20_NONCE_SIZE, chacha20_block, chacha20_init, chacha20_xor, hchacha20 } from './chacha20';
import { POLY1305_BLOCK_SIZE, poly1305_ctx, poly1305_final, poly1305_init, poly1305_update } from './poly1305';

/** RFC 8439 2.8: key bytes */
export const CHACHA20POLY1305_KEY_SIZE = 32;
/** RFC 8439 2.8: tag bytes */
export const CHACHA20POLY1305_AUTHTAG_SIZE = 16;
/** draft-irtf-cfrg-xchacha 2.3: nonce bytes */
export const XCHACHA20POLY1305_NONCE_SIZE = 24;

/* RFC 8439 2.8: zero bytes that pad the AAD and the ciphertext to a multiple of 16 */
const ZERO_PAD = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

/**
 * RFC 8439 2.8: the 12-byte nonce. An 8-byte nonce is WireGuard's: the 64-bit little-endian message
 * counter, which is the RFC nonce with a 32-bit zero prefix (the original ChaCha20's 64-bit block
 * counter and 64-bit nonce give the same keystream while the block counter stays below 2^32).
 * Any other length is a caller's bug: a panic with INVARIANTS, otherwise false (as FreeBSD's
 * xform_chacha20_poly1305.c asserts), never a 12-byte read of a shorter nonce.
 */
function chacha20_poly1305_nonce(out: Uint8Array, nonce: Uint8Array, nonce_len: size_t): boolean {
	let i: size_t;

	KASSERT(nonce_len === 8 || nonce_len === CHACHA20_NONCE_SIZE, 'nonce length is not 8 or 12');
	if (nonce_len === 8) {
		out[0] = 0;
		out[1] = 0;
		out[2] = 0;
		out[3] = 0;
		for (i = 0; i < 8; i++) {
			out[4 + i] = nonce[i];
		}
		return true;
	}
	if (nonce_len === CHACHA20_NONCE_SIZE) {
		for (i = 0; i < CHACHA20_NONCE_SIZE; i++) {
			out[i] = nonce[i];
		}
		return true;
	}
	return false;
}

/**
 * RFC 8439 2.8: the tag over (aad, ciphertext). The Poly1305 key is the first 32 bytes of keystream
 * block 0 (2.6); the MAC input is aad, zero pad, ciphertext, zero pad, then both lengths as 64-bit
 * little-endian numbers.
 */
function chacha20_poly1305_tag(tag: Uint8Array, ct: Uint8Array, ct_len: size_t, aad: Uint8Array, aad_len: size_t,
    nonce12: Uint8Array, key: Uint8Array): void {
	const ctx = new poly1305_ctx();
	const state = new Uint32Array(16);
	const block0 = new Uint8Array(64);
	const lens = new Uint8Array(16);

	/* RFC 8439 2.6: one-time Poly1305 key = ChaCha20 block 0, first 32 bytes */
	chacha20_init(state, key, nonce12, 0);
	chacha20_block(block0, state);
	poly1305_init(ctx, block0);

	poly1305_update(ctx, aad, aad_len);
	poly1305_update(ctx, ZERO_PAD, (POLY1305_BLOCK_SIZE - (aad_len % POLY1305_BLOCK_SIZE)) % POLY1305_BLOCK_SIZE);
	poly1305_update(ctx, ct, ct_len);
	poly1305_update(ctx, ZERO_PAD, (POLY1305_BLOCK_SIZE - (ct_len % POLY1305_BLOCK_SIZE)) % POLY1305_BLOCK_SIZE);
	store64_le(lens, 0, u64_from(aad_len));
	store64_le(lens, 8, u64_from(ct_len));
	poly1305_update(ctx, lens, 16);
	poly1305_final(ctx, tag);

	explicit_bzero(state, 64);
	explicit_bzero(block0, 64);
}

/**
 * RFC 8439 2.8: dst = ChaCha20(key, nonce, counter 1) XOR src, followed by the 16-byte tag.
 * dst holds src_len + 16 bytes; nonce_len is 8 (WireGuard) or 12 (RFC 8439). With another nonce
 * length (a panic under INVARIANTS) nothing is encrypted: dst is zeroed, so an in-place caller
 * never sends its plaintext, and the all-zero tag does not verify.
 */
export function chacha20_poly1305_encrypt(dst: Uint8Array, src: Uint8Array, src_len: size_t, aad: Uint8Array,
    aad_len: size_t, nonce: Uint8Array, nonce_len: size_t, key: Uint8Array): void {
	const nonce12 = new Uint8Array(12);

	if (!chacha20_poly1305_nonce(nonce12, nonce, nonce_len)) {
		explicit_bzero(dst, src_len);
		explicit_bzero(dst.subarray(src_len), CHACHA20POLY1305_AUTHTAG_SIZE);
		return;
	}
	/* RFC 8439 2.8: the payload starts at block counter 1 */
	chacha20_xor(dst, src, src_len, key, nonce12, 1);
	chacha20_poly1305_tag(dst.subarray(src_len), dst, src_len, aad, aad_len, nonce12, key);
}

/**
 * RFC 8439 2.8: src is ciphertext || tag (src_len includes the tag). The tag is verified first, in
 * constant time; on a mismatch nothing is written to dst and false is returned. Only then is the
 * ciphertext decrypted into dst (src_len - 16 bytes).
 */
export function chacha20_poly1305_decrypt(dst: Uint8Array, src: Uint8Array, src_len: size_t, aad: Uint8Array,
    aad_len: size_t, nonce: Uint8Array, nonce_len: size_t, key: Uint8Array): boolean {
	const nonce12 = new Uint8Array(12);
	const tag = new Uint8Array(16);
	let ct_len: size_t;
	let bad: i32;

	if (src_len < CHACHA20POLY1305_AUTHTAG_SIZE) {
		return false;
	}
	ct_len = src_len - CHACHA20POLY1305_AUTHTAG_SIZE;
	if (!chacha20_poly1305_nonce(nonce12, nonce, nonce_len)) {
		return false;
	}
	chacha20_poly1305_tag(tag, src, ct_len, aad, aad_len, nonce12, key);
	bad = timingsafe_bcmp(tag, src.subarray(ct_len), CHACHA20POLY1305_AUTHTAG_SIZE);
	explicit_bzero(tag, 16);
	if (bad !== 0) {
		return false;
	}
	chacha20_xor(dst, src, ct_len, key, nonce12, 1);
	return true;
}

/**
 * draft-irtf-cfrg-xchacha 2.3: HChaCha20(key, nonce[0..16]) is the subkey; the AEAD then runs with the
 * 12-byte nonce 0x00000000 || nonce[16..24], i.e. the 8-byte form above.
 */
export function xchacha20_poly1305_encrypt(dst: Uint8Array, src: Uint8Array, src_len: size_t, aad: Uint8Array,
    aad_len: size_t, nonce: Uint8Array, key: Uint8Array): void {
	const subkey = new Uint8Array(32);

	hchacha20(subkey, key, nonce);
	chacha20_poly1305_encrypt(dst, src, src_len, aad, aad_len, nonce.subarray(16), 8, subkey);
	explicit_bzero(subkey, 32);
}

/** draft-irtf-cfrg-xchacha 2.3: as xchacha20_poly1305_encrypt, verifying first like chacha20_poly1305_decrypt. */
export function xchacha20_poly1305_decrypt(dst: Uint8Array, src: Uint8Array, src_len: size_t, aad: Uint8Array,
    aad_len: size_t, nonce: Uint8Array, key: Uint8Array): boolean {
	const subkey = new Uint8Array(32);
	let ok: boolean;

	hchacha20(subkey, key, nonce);
	ok = chacha20_poly1305_decrypt(dst, src, src_len, aad, aad_len, nonce.subarray(16), 8, subkey);
	explicit_bzero(subkey, 32);
	return ok;
}
