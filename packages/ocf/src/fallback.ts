/*
 * The fallback for releases whose OCF cannot do ChaCha20-Poly1305 with an 8-byte nonce over mbufs
 * (COMPAT_NEED_CHACHA20POLY1305_MBUF): the driver walks the chain itself with ChaCha20 keystream XOR and
 * Poly1305 update over each mbuf, as the port's chacha20poly1305_crypt_mbuf did [P]. Two things differ
 * from the port, on purpose:
 *  - decrypt MACs the ciphertext and checks the tag (timingsafe_bcmp) BEFORE decrypting, so a bad tag
 *    returns EBADMSG with the packet untouched (the port decrypted while MACing and left wrong plaintext
 *    and a trimmed chain behind: ocf.md section 4);
 *  - encrypt reserves the tag slot first, so a failed m_append returns ENOMEM before anything is
 *    encrypted, with the chain restored (the port encrypted first and appended last).
 * The emitted C (tools/ocf-glue) has this shape, function for function.
 */
import { EBADMSG, EMSGSIZE, store64_le, timingsafe_bcmp, type u64 } from '@wgup/prelude';
import { POLY1305_HASH_LEN } from './constants';
import { append_tag_slot } from './glue';
import { DEFAULT_ALLOCATOR, m_adj, m_copyback, m_copydata, mbufs, type Mbuf, type MbufAllocator } from './mbuf';
import { BLOCK, chachapoly_reinit, lengthsBlock, pad16, type ChachaPolyContext } from './xform';

/** A keystream walker: XORs any run of bytes, carrying the unused part of the last block across calls. */
class KeystreamWalker {
	private readonly ks = new Uint8Array(BLOCK);
	private left = 0;
	private block = 1;

	constructor(private readonly ctx: ChachaPolyContext) {}

	xor(p: Uint8Array): void {
		let i = 0;
		for (; i < p.length && this.left > 0; i++, this.left--) p[i] ^= this.ks[BLOCK - this.left];
		const whole = Math.floor((p.length - i) / BLOCK) * BLOCK;
		if (whole > 0) {
			const run = p.subarray(i, i + whole);
			this.ctx.xor(run, run, this.block);
			this.block += whole / BLOCK;
			i += whole;
		}
		if (i < p.length) {
			this.ks.fill(0);
			this.ctx.xor(this.ks, this.ks, this.block++);
			this.left = BLOCK;
			for (; i < p.length; i++, this.left--) p[i] ^= this.ks[BLOCK - this.left];
		}
	}

	wipe(): void {
		this.ks.fill(0);
	}
}

/** Call f on each mbuf's piece of [0, len): the payload, in chain order. */
function walkPayload(m: Mbuf, len: number, f: (piece: Uint8Array) => void): void {
	for (const p of mbufs(m)) {
		if (len === 0) break;
		const n = Math.min(p.len, len);
		if (n > 0) f(p.storage.subarray(p.data, p.data + n));
		len -= n;
	}
}

function nonceBytes(nonce: u64): Uint8Array {
	const n = new Uint8Array(8);
	store64_le(n, 0, nonce);
	return n;
}

function finishMac(ctx: ChachaPolyContext, len: number): Uint8Array {
	ctx.mac.update(pad16(len)); /* no AAD: its padding is empty */
	ctx.mac.update(lengthsBlock(0, len));
	return ctx.mac.final();
}

/** The fallback chacha20poly1305_encrypt_mbuf. */
export function fallback_encrypt_mbuf(m: Mbuf, nonce: u64, key: Uint8Array,
	alloc: MbufAllocator = DEFAULT_ALLOCATOR): number {
	const err = append_tag_slot(m, alloc, true);
	if (err) return err;
	const len = m.pkthdrLen - POLY1305_HASH_LEN;
	const ctx = chachapoly_reinit(key, nonceBytes(nonce));
	const ks = new KeystreamWalker(ctx);
	walkPayload(m, len, (p) => {
		ks.xor(p);
		ctx.mac.update(p);
	});
	ks.wipe();
	const tag = finishMac(ctx, len);
	m_copyback(m, len, POLY1305_HASH_LEN, tag);
	return 0;
}

/** The fallback chacha20poly1305_decrypt_mbuf: verify, then decrypt, then trim the tag. */
export function fallback_decrypt_mbuf(m: Mbuf, nonce: u64, key: Uint8Array): number {
	if (m.pkthdrLen < POLY1305_HASH_LEN) return EMSGSIZE;
	const len = m.pkthdrLen - POLY1305_HASH_LEN;
	const ctx = chachapoly_reinit(key, nonceBytes(nonce));
	walkPayload(m, len, (p) => ctx.mac.update(p));
	const tag = finishMac(ctx, len);
	const got = new Uint8Array(POLY1305_HASH_LEN);
	m_copydata(m, len, POLY1305_HASH_LEN, got);
	if (timingsafe_bcmp(tag, got, POLY1305_HASH_LEN) !== 0) return EBADMSG;
	const ks = new KeystreamWalker(ctx);
	walkPayload(m, len, (p) => ks.xor(p));
	ks.wipe();
	m_adj(m, -POLY1305_HASH_LEN);
	return 0;
}
