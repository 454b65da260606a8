/*
 * Poly1305 (RFC 8439 section 2.5) with 64-bit limbs: the accumulator h and the key part r are held as
 * three limbs of 44, 44 and 42 bits, so each product of a limb of h with a limb of r fits 88 bits and a
 * row of three fits the u128 that mul64x64 returns (the "donna-64" layout). The C build uses this file
 * when the compiler has unsigned __int128; poly1305_32.ts is the same interface for the rest.
 *
 * Streaming: poly1305_init, poly1305_update (any split of the message), poly1305_final. The AEAD uses
 * exactly these, and so does the OCF mbuf fallback, which feeds one mbuf segment at a time.
 */
import { explicit_bzero, load64_le, lo64, mul64x64, store64_le, wrap64 } from '@wgup/prelude';
import type { size_t, u128, u32, u64 } from '@wgup/prelude';

/** RFC 8439 2.5: the one-time key is 32 bytes (r || s) */
export const POLY1305_KEY_SIZE = 32;
/** RFC 8439 2.5: the tag is 16 bytes */
export const POLY1305_BLOCK_SIZE = 16;

const MASK44 = 0xfffffffffffn;
const MASK42 = 0x3ffffffffffn;

/**
 * The streaming state. One layout for both limb choices (this file's 44-bit limbs and
 * poly1305_32.ts's 26-bit ones), so a struct poly1305_ctx built by one translation unit means the same
 * in every other, whatever each was compiled with: five 64-bit words for r, five for h, two for s.
 */
export class poly1305_ctx {
	/** r, clamped, in limbs of 44/44/42 bits, then r1 * 20 and r2 * 20 (poly1305_blocks' s1, s2) */
	r = new BigUint64Array(5);
	/** the accumulator, same limbs (partially reduced between blocks); h[3], h[4] stay 0 */
	h = new BigUint64Array(5);
	/** s, the second key half, added at the end */
	pad = new BigUint64Array(2);
	/** a partial block waiting for more input */
	buf = new Uint8Array(16);
	buflen: size_t = 0;
	/** 1 while processing the padded last block: it carries no 2^128 bit of its own */
	final: u32 = 0;
}

/**
 * RFC 8439 2.5: r is clamped (the top four bits of bytes 3, 7, 11, 15 and the bottom two of bytes 4, 8,
 * 12 cleared) so the multiplication cannot overflow the limbs; the masks below do the clamp and the
 * split into 44/44/42-bit limbs at once.
 */
export function poly1305_init(ctx: poly1305_ctx, key: Uint8Array): void {
	const t0: u64 = load64_le(key, 0);
	const t1: u64 = load64_le(key, 8);

	ctx.r[0] = t0 & 0xffc0fffffffn;
	ctx.r[1] = wrap64((t0 >> 44n) | (t1 << 20n)) & 0xfffffc0ffffn;
	ctx.r[2] = (t1 >> 24n) & 0x00ffffffc0fn;
	ctx.r[3] = wrap64(ctx.r[1] * 20n);
	ctx.r[4] = wrap64(ctx.r[2] * 20n);
	ctx.h[0] = 0n;
	ctx.h[1] = 0n;
	ctx.h[2] = 0n;
	ctx.h[3] = 0n;
	ctx.h[4] = 0n;
	ctx.pad[0] = load64_le(key, 16);
	ctx.pad[1] = load64_le(key, 24);
	ctx.buflen = 0;
	ctx.final = 0;
}

/*
 * RFC 8439 2.5.1: for each 16-byte block, h = (h + block + 2^128) * r mod 2^130 - 5. Reduction uses
 * 2^130 = 5 (mod p): what overflows limb 2 re-enters limb 0 times 5, which is why s1 and s2 hold
 * r1 and r2 times 5 (times 4 more for the 44 + 42 + 44 = 130 bit alignment: 20), computed once by
 * poly1305_init.
 */
function poly1305_blocks(ctx: poly1305_ctx, m: Uint8Array, bytes: size_t): void {
	let hibit: u64 = 1n << 40n;
	const r0: u64 = ctx.r[0];
	const r1: u64 = ctx.r[1];
	const r2: u64 = ctx.r[2];
	const s1: u64 = ctx.r[3];
	const s2: u64 = ctx.r[4];
	let h0: u64 = ctx.h[0];
	let h1: u64 = ctx.h[1];
	let h2: u64 = ctx.h[2];
	let d0: u128;
	let d1: u128;
	let d2: u128;
	let c: u64;
	let t0: u64;
	let t1: u64;
	let off: size_t = 0;

	if (ctx.final !== 0) {
		hibit = 0n;
	}
	while (bytes - off >= POLY1305_BLOCK_SIZE) {
		/* h += m, the block split into the same limbs, with the 2^128 bit (hibit, bit 40 of limb 2) */
		t0 = load64_le(m, off);
		t1 = load64_le(m, off + 8);
		h0 = wrap64(h0 + (t0 & MASK44));
		h1 = wrap64(h1 + (wrap64((t0 >> 44n) | (t1 << 20n)) & MASK44));
		h2 = wrap64(h2 + (((t1 >> 24n) & MASK42) | hibit));

		/* h *= r: schoolbook, the limbs that pass 2^130 folded back through s1, s2 */
		d0 = mul64x64(h0, r0) + mul64x64(h1, s2) + mul64x64(h2, s1);
		d1 = mul64x64(h0, r1) + mul64x64(h1, r0) + mul64x64(h2, s2);
		d2 = mul64x64(h0, r2) + mul64x64(h1, r1) + mul64x64(h2, r0);

		/* partial reduction: carry each limb into the next, the top carry times 5 into limb 0 */
		c = lo64(d0 >> 44n);
		h0 = lo64(d0) & MASK44;
		d1 = d1 + c;
		c = lo64(d1 >> 44n);
		h1 = lo64(d1) & MASK44;
		d2 = d2 + c;
		c = lo64(d2 >> 42n);
		h2 = lo64(d2) & MASK42;
		h0 = wrap64(h0 + c * 5n);
		c = h0 >> 44n;
		h0 = h0 & MASK44;
		h1 = wrap64(h1 + c);

		off += POLY1305_BLOCK_SIZE;
	}
	ctx.h[0] = h0;
	ctx.h[1] = h1;
	ctx.h[2] = h2;
}

/** RFC 8439 2.5: absorb `len` bytes; whole blocks go straight through, a tail waits in ctx.buf. */
export function poly1305_update(ctx: poly1305_ctx, m: Uint8Array, len: size_t): void {
	let off: size_t = 0;
	let want: size_t;
	let i: size_t;
	let full: size_t;

	if (ctx.buflen !== 0) {
		want = POLY1305_BLOCK_SIZE - ctx.buflen;
		if (want > len) {
			want = len;
		}
		for (i = 0; i < want; i++) {
			ctx.buf[ctx.buflen + i] = m[i];
		}
		ctx.buflen += want;
		off = want;
		if (ctx.buflen < POLY1305_BLOCK_SIZE) {
			return;
		}
		poly1305_blocks(ctx, ctx.buf, POLY1305_BLOCK_SIZE);
		ctx.buflen = 0;
	}
	full = (len - off) - ((len - off) % POLY1305_BLOCK_SIZE);
	if (full !== 0) {
		poly1305_blocks(ctx, m.subarray(off), full);
		off += full;
	}
	for (i = 0; off + i < len; i++) {
		ctx.buf[i] = m[off + i];
	}
	ctx.buflen = len - off;
}

/**
 * RFC 8439 2.5: pad a last partial block with a 1 byte and zeros (and no 2^128 bit), reduce h fully
 * mod 2^130 - 5, add s mod 2^128 and write the 16-byte tag. The final reduction selects h or h - p by
 * a mask, never by a branch: h is secret until s is added.
 */
export function poly1305_final(ctx: poly1305_ctx, mac: Uint8Array): void {
	let h0: u64;
	let h1: u64;
	let h2: u64;
	let g0: u64;
	let g1: u64;
	let g2: u64;
	let c: u64;
	let mask: u64;
	let t0: u64;
	let t1: u64;
	let i: size_t;

	if (ctx.buflen !== 0) {
		ctx.buf[ctx.buflen] = 1;
		for (i = ctx.buflen + 1; i < POLY1305_BLOCK_SIZE; i++) {
			ctx.buf[i] = 0;
		}
		ctx.final = 1;
		poly1305_blocks(ctx, ctx.buf, POLY1305_BLOCK_SIZE);
	}

	/* carry until every limb is in range: h < 2^130 */
	h0 = ctx.h[0];
	h1 = ctx.h[1];
	h2 = ctx.h[2];
	c = h1 >> 44n;
	h1 = h1 & MASK44;
	h2 = wrap64(h2 + c);
	c = h2 >> 42n;
	h2 = h2 & MASK42;
	h0 = wrap64(h0 + c * 5n);
	c = h0 >> 44n;
	h0 = h0 & MASK44;
	h1 = wrap64(h1 + c);
	c = h1 >> 44n;
	h1 = h1 & MASK44;
	h2 = wrap64(h2 + c);
	c = h2 >> 42n;
	h2 = h2 & MASK42;
	h0 = wrap64(h0 + c * 5n);
	c = h0 >> 44n;
	h0 = h0 & MASK44;
	h1 = wrap64(h1 + c);

	/* g = h + 5 - 2^130 = h - p; if that did not go negative (top bit clear) h >= p and g is the result */
	g0 = wrap64(h0 + 5n);
	c = g0 >> 44n;
	g0 = g0 & MASK44;
	g1 = wrap64(h1 + c);
	c = g1 >> 44n;
	g1 = g1 & MASK44;
	g2 = wrap64(h2 + c - (1n << 42n));

	/* mask = all ones when g2 is non-negative (select g), zero when negative (keep h) */
	mask = wrap64((g2 >> 63n) - 1n);
	g0 = g0 & mask;
	g1 = g1 & mask;
	g2 = g2 & mask;
	mask = wrap64(~mask);
	h0 = (h0 & mask) | g0;
	h1 = (h1 & mask) | g1;
	h2 = (h2 & mask) | g2;

	/* tag = (h + s) mod 2^128 */
	t0 = ctx.pad[0];
	t1 = ctx.pad[1];
	h0 = wrap64(h0 + (t0 & MASK44));
	c = h0 >> 44n;
	h0 = h0 & MASK44;
	h1 = wrap64(h1 + (wrap64((t0 >> 44n) | (t1 << 20n)) & MASK44) + c);
	c = h1 >> 44n;
	h1 = h1 & MASK44;
	h2 = wrap64(h2 + ((t1 >> 24n) & MASK42) + c);
	h2 = h2 & MASK42;

	/* repack the 44/44/42 limbs into two 64-bit little-endian words */
	h0 = wrap64(h0 | (h1 << 44n));
	h1 = wrap64((h1 >> 20n) | (h2 << 24n));
	store64_le(mac, 0, h0);
	store64_le(mac, 8, h1);

	/* r, s and h are one-time key material */
	explicit_bzero(ctx.r, 40);
	explicit_bzero(ctx.h, 40);
	explicit_bzero(ctx.pad, 16);
	explicit_bzero(ctx.buf, 16);
	ctx.buflen = 0;
	ctx.final = 0;
}
