/*
 * Poly1305 (RFC 8439 section 2.5) with 64-bit words: the accumulator h is h0 + h1 2^64 + h2 2^128
 * (h2 a few bits) and r is r0 + r1 2^64, so a block costs four 64x64 -> 128-bit products and one small
 * one (44-bit limbs took nine). The C build uses this file when the compiler has unsigned __int128;
 * the 26-bit-limb build is the same interface for the rest.
 *
 * Streaming: poly1305_init, poly1305_update (any split of the message), poly1305_final. The AEAD uses
 * exactly these, and so does the OCF mbuf fallback, which feeds one mbuf segment at a time.
 */
import { add128, carry128, explicit_bzero, load64_le, lo64, mul64x64, store64_le, u128_from, wrap64 } from '@wgup/prelude';
import type { size_t, u128, u32, u64 } from '@wgup/prelude';

/** RFC 8439 2.5: the one-time key is 32 bytes (r || s) */
export const POLY1305_KEY_SIZE = 32;
/** RFC 8439 2.5: the tag is 16 bytes */
export const POLY1305_BLOCK_SIZE = 16;

/**
 * The streaming state. One layout for both limb choices (this file's 64-bit words and
 * the fallback's 26-bit limbs), so a struct poly1305_ctx built by one translation unit means the
 * same in every other, whatever each was compiled with: five 64-bit words for r, five for h, two for s.
 */
export class poly1305_ctx {
	/** r0, r1 (r clamped), then s1 = r1 + r1 / 4 (poly1305_blocks' 2^128 fold); r[3], r[4] stay 0 */
	r = new BigUint64Array(5);
	/** the accumulator h0, h1, h2 (partially reduced between blocks: h2 below 8); h[3], h[4] stay 0 */
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
 * 12 cleared). The clamp leaves r1 a multiple of 4, which makes s1 = r1 + (r1 >> 2) = 5 r1 / 4 exact.
 */
export function poly1305_init(ctx: poly1305_ctx, key: Uint8Array): void {
	ctx.r[0] = load64_le(key, 0) & 0x0ffffffc0fffffffn;
	ctx.r[1] = load64_le(key, 8) & 0x0ffffffc0ffffffcn;
	ctx.r[2] = wrap64(ctx.r[1] + (ctx.r[1] >> 2n));
	ctx.r[3] = 0n;
	ctx.r[4] = 0n;
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
 * RFC 8439 2.5.1: for each 16-byte block, h = (h + block + 2^128) * r mod 2^130 - 5. With
 * h = h0 + h1 2^64 + h2 2^128 and r = r0 + r1 2^64 the product is h0 r0 + (h0 r1 + h1 r0) 2^64 +
 * (h1 r1 + h2 r0) 2^128 + h2 r1 2^192; since 2^130 = 5 (mod p) and 4 divides r1, r1 2^128 = (r1 / 4)
 * 2^130 = s1, so d0 = h0 r0 + h1 s1, d1 = h0 r1 + h1 r0 + h2 s1 and d2 = h2 r0 (plus carries). Bounds:
 * r0, r1 < 2^60, s1 < 2^61, h2 <= 6 after the block is added (at most 4 left by the last reduction, plus
 * a carry and the 2^128 bit), so h2 s1 < 2^64 and h2 r0 < 2^63 are 64-bit products, d0, d1 < 2^126 and
 * d2 < 2^64. The part of d2 from bit 2 up is 2^130 multiples: it re-enters h0 times 5.
 *
 * The low 128 bits of h are one unsigned __int128 and each addition into them is one 128-bit add whose
 * carry (carry128: the compiler's carry flag, no branch) goes into h2. Written as two 64-bit halves
 * with the carry through a u128 sum, gcc at the kernel's -O2 kept the zero high halves of the sums in
 * stack slots on the multiply chain and took 0.95 TSC ticks a byte; this shape takes 0.74 with gcc and
 * 0.65 with clang (was 0.80).
 */
function poly1305_blocks(ctx: poly1305_ctx, m: Uint8Array, bytes: size_t): void {
	let hibit: u64 = 1n;
	const r0: u64 = ctx.r[0];
	const r1: u64 = ctx.r[1];
	const s1: u64 = ctx.r[2];
	let h: u128 = u128_from(ctx.h[0]) | (u128_from(ctx.h[1]) << 64n);
	let h2: u64 = ctx.h[2];
	let h0: u64;
	let h1: u64;
	let mb: u128;
	let d0: u128;
	let d1: u128;
	let d2: u64;
	let c: u64;
	let off: size_t = 0;

	if (ctx.final !== 0) {
		hibit = 0n;
	}
	while (bytes - off >= POLY1305_BLOCK_SIZE) {
		/* h += m + 2^128 (the 2^128 bit is hibit, added to h2) */
		mb = u128_from(load64_le(m, off)) | (u128_from(load64_le(m, off + 8)) << 64n);
		h = add128(h, mb);
		h2 = wrap64(h2 + carry128(h, mb) + hibit);
		h0 = lo64(h);
		h1 = lo64(h >> 64n);

		/* h *= r */
		d0 = mul64x64(h0, r0) + mul64x64(h1, s1);
		d1 = mul64x64(h0, r1) + mul64x64(h1, r0) + wrap64(h2 * s1) + (d0 >> 64n);
		d2 = wrap64(wrap64(h2 * r0) + lo64(d1 >> 64n));

		/* partial reduction: h2 keeps bits 128, 129; 5 (d2 >> 2) goes back into h0 */
		c = wrap64((d2 >> 2n) + (d2 & 0xfffffffffffffffcn));
		h2 = d2 & 3n;
		h = u128_from(lo64(d0)) | (u128_from(lo64(d1)) << 64n);
		h = add128(h, u128_from(c));
		h2 = wrap64(h2 + carry128(h, u128_from(c)));

		off += POLY1305_BLOCK_SIZE;
	}
	ctx.h[0] = lo64(h);
	ctx.h[1] = lo64(h >> 64n);
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
	let t: u128;
	let i: size_t;

	if (ctx.buflen !== 0) {
		ctx.buf[ctx.buflen] = 1;
		for (i = ctx.buflen + 1; i < POLY1305_BLOCK_SIZE; i++) {
			ctx.buf[i] = 0;
		}
		ctx.final = 1;
		poly1305_blocks(ctx, ctx.buf, POLY1305_BLOCK_SIZE);
	}

	/* fold what is above 2^130 once more: then h < 2^130 + 2^66, below 2p */
	h0 = ctx.h[0];
	h1 = ctx.h[1];
	h2 = ctx.h[2];
	c = wrap64((h2 >> 2n) + (h2 & 0xfffffffffffffffcn));
	h2 = h2 & 3n;
	t = mul64x64(h0, 1n) + c;
	h0 = lo64(t);
	t = mul64x64(h1, 1n) + (t >> 64n);
	h1 = lo64(t);
	h2 = wrap64(h2 + lo64(t >> 64n));

	/* g = h + 5 = h - p + 2^130: if that reaches 2^130 (g2 >= 4), h >= p and g's low 130 bits are h - p */
	t = mul64x64(h0, 1n) + 5n;
	g0 = lo64(t);
	t = mul64x64(h1, 1n) + (t >> 64n);
	g1 = lo64(t);
	g2 = wrap64(h2 + lo64(t >> 64n));

	/* mask = all ones when g2 >= 4 (select g), zero otherwise (keep h); g2 is below 8 */
	mask = wrap64(0n - (g2 >> 2n));
	h0 = (h0 & wrap64(~mask)) | (g0 & mask);
	h1 = (h1 & wrap64(~mask)) | (g1 & mask);

	/* tag = (h + s) mod 2^128 */
	t = mul64x64(h0, 1n) + ctx.pad[0];
	h0 = lo64(t);
	h1 = wrap64(h1 + ctx.pad[1] + lo64(t >> 64n));
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
