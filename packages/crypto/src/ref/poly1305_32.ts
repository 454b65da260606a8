/*
 * Poly1305 (RFC 8439 section 2.5) for targets without unsigned __int128: five limbs of 26 bits, each
 * product a 32x32 -> 64-bit multiply (mul32x32), a row of five summing below 2^64 (the "donna-32"
 * layout). Same interface as the 44-bit-limb build; the C picks one of the two behind #ifdef __SIZEOF_INT128__.
 */
import { explicit_bzero, load32_le, load64_le, lo32, mul32x32, store32_le, u64_from, wrap64 } from '@wgup/prelude';
import type { size_t, u32, u64 } from '@wgup/prelude';

/** RFC 8439 2.5: the one-time key is 32 bytes (r || s) */
export const POLY1305_KEY_SIZE = 32;
/** RFC 8439 2.5: the tag is 16 bytes */
export const POLY1305_BLOCK_SIZE = 16;

const MASK26 = 0x3ffffff;

/**
 * The streaming state. One layout for both limb choices (poly1305.ts's 64-bit words and
 * this file's 26-bit ones), so a struct poly1305_ctx built by one translation unit means the same
 * in every other, whatever each was compiled with: five 64-bit words for r, five for h, two for s.
 */
export class poly1305_ctx {
	/** r, clamped, in five 26-bit limbs, one per 64-bit word */
	r = new BigUint64Array(5);
	/** the accumulator, same limbs (partially reduced between blocks) */
	h = new BigUint64Array(5);
	/** s, the second key half, as two little-endian 64-bit words */
	pad = new BigUint64Array(2);
	/** a partial block waiting for more input */
	buf = new Uint8Array(16);
	buflen: size_t = 0;
	/** 1 while processing the padded last block: it carries no 2^128 bit of its own */
	final: u32 = 0;
}

/**
 * RFC 8439 2.5: clamp r and split it into 26-bit limbs in one step: each limb is read from the byte
 * where it starts, shifted, and masked with the clamp bits cleared.
 */
export function poly1305_init(ctx: poly1305_ctx, key: Uint8Array): void {
	ctx.r[0] = u64_from(load32_le(key, 0) & 0x3ffffff);
	ctx.r[1] = u64_from((load32_le(key, 3) >>> 2) & 0x3ffff03);
	ctx.r[2] = u64_from((load32_le(key, 6) >>> 4) & 0x3ffc0ff);
	ctx.r[3] = u64_from((load32_le(key, 9) >>> 6) & 0x3f03fff);
	ctx.r[4] = u64_from((load32_le(key, 12) >>> 8) & 0x00fffff);
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
 * RFC 8439 2.5.1: h = (h + block + 2^128) * r mod 2^130 - 5, block by block. A product term whose limb
 * index passes 4 wraps to index - 5 times 5 (2^130 = 5 mod p): s1..s4 hold r1..r4 times 5.
 */
function poly1305_blocks(ctx: poly1305_ctx, m: Uint8Array, bytes: size_t): void {
	let hibit: u32 = 1 << 24;
	const r0: u32 = lo32(ctx.r[0]);
	const r1: u32 = lo32(ctx.r[1]);
	const r2: u32 = lo32(ctx.r[2]);
	const r3: u32 = lo32(ctx.r[3]);
	const r4: u32 = lo32(ctx.r[4]);
	const s1: u32 = (r1 * 5) >>> 0;
	const s2: u32 = (r2 * 5) >>> 0;
	const s3: u32 = (r3 * 5) >>> 0;
	const s4: u32 = (r4 * 5) >>> 0;
	let h0: u32 = lo32(ctx.h[0]);
	let h1: u32 = lo32(ctx.h[1]);
	let h2: u32 = lo32(ctx.h[2]);
	let h3: u32 = lo32(ctx.h[3]);
	let h4: u32 = lo32(ctx.h[4]);
	let d0: u64;
	let d1: u64;
	let d2: u64;
	let d3: u64;
	let d4: u64;
	let c: u32;
	let off: size_t = 0;

	if (ctx.final !== 0) {
		hibit = 0;
	}
	while (bytes - off >= POLY1305_BLOCK_SIZE) {
		/* h += m, split into 26-bit limbs, with the 2^128 bit (hibit, bit 24 of limb 4) */
		h0 = (h0 + (load32_le(m, off + 0) & MASK26)) >>> 0;
		h1 = (h1 + ((load32_le(m, off + 3) >>> 2) & MASK26)) >>> 0;
		h2 = (h2 + ((load32_le(m, off + 6) >>> 4) & MASK26)) >>> 0;
		h3 = (h3 + ((load32_le(m, off + 9) >>> 6) & MASK26)) >>> 0;
		h4 = (h4 + ((load32_le(m, off + 12) >>> 8) | hibit)) >>> 0;

		/* h *= r */
		d0 = wrap64(mul32x32(h0, r0) + mul32x32(h1, s4) + mul32x32(h2, s3) + mul32x32(h3, s2) + mul32x32(h4, s1));
		d1 = wrap64(mul32x32(h0, r1) + mul32x32(h1, r0) + mul32x32(h2, s4) + mul32x32(h3, s3) + mul32x32(h4, s2));
		d2 = wrap64(mul32x32(h0, r2) + mul32x32(h1, r1) + mul32x32(h2, r0) + mul32x32(h3, s4) + mul32x32(h4, s3));
		d3 = wrap64(mul32x32(h0, r3) + mul32x32(h1, r2) + mul32x32(h2, r1) + mul32x32(h3, r0) + mul32x32(h4, s4));
		d4 = wrap64(mul32x32(h0, r4) + mul32x32(h1, r3) + mul32x32(h2, r2) + mul32x32(h3, r1) + mul32x32(h4, r0));

		/* partial reduction: carry limb to limb, the top carry times 5 into limb 0 */
		c = lo32(d0 >> 26n);
		h0 = lo32(d0) & MASK26;
		d1 = wrap64(d1 + u64_from(c));
		c = lo32(d1 >> 26n);
		h1 = lo32(d1) & MASK26;
		d2 = wrap64(d2 + u64_from(c));
		c = lo32(d2 >> 26n);
		h2 = lo32(d2) & MASK26;
		d3 = wrap64(d3 + u64_from(c));
		c = lo32(d3 >> 26n);
		h3 = lo32(d3) & MASK26;
		d4 = wrap64(d4 + u64_from(c));
		c = lo32(d4 >> 26n);
		h4 = lo32(d4) & MASK26;
		h0 = (h0 + c * 5) >>> 0;
		c = h0 >>> 26;
		h0 = h0 & MASK26;
		h1 = (h1 + c) >>> 0;

		off += POLY1305_BLOCK_SIZE;
	}
	ctx.h[0] = u64_from(h0);
	ctx.h[1] = u64_from(h1);
	ctx.h[2] = u64_from(h2);
	ctx.h[3] = u64_from(h3);
	ctx.h[4] = u64_from(h4);
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
 * RFC 8439 2.5: pad the last partial block (1 byte, zeros, no 2^128 bit), reduce h fully, add s mod
 * 2^128 and write the tag. h or h - p is chosen by a mask, never a branch.
 */
export function poly1305_final(ctx: poly1305_ctx, mac: Uint8Array): void {
	let h0: u32;
	let h1: u32;
	let h2: u32;
	let h3: u32;
	let h4: u32;
	let g0: u32;
	let g1: u32;
	let g2: u32;
	let g3: u32;
	let g4: u32;
	let c: u32;
	let mask: u32;
	let f: u64;
	let i: size_t;

	if (ctx.buflen !== 0) {
		ctx.buf[ctx.buflen] = 1;
		for (i = ctx.buflen + 1; i < POLY1305_BLOCK_SIZE; i++) {
			ctx.buf[i] = 0;
		}
		ctx.final = 1;
		poly1305_blocks(ctx, ctx.buf, POLY1305_BLOCK_SIZE);
	}

	/* carry fully: every limb below 2^26 (h0 may hold a last small carry) */
	h0 = lo32(ctx.h[0]);
	h1 = lo32(ctx.h[1]);
	h2 = lo32(ctx.h[2]);
	h3 = lo32(ctx.h[3]);
	h4 = lo32(ctx.h[4]);
	c = h1 >>> 26;
	h1 = h1 & MASK26;
	h2 = (h2 + c) >>> 0;
	c = h2 >>> 26;
	h2 = h2 & MASK26;
	h3 = (h3 + c) >>> 0;
	c = h3 >>> 26;
	h3 = h3 & MASK26;
	h4 = (h4 + c) >>> 0;
	c = h4 >>> 26;
	h4 = h4 & MASK26;
	h0 = (h0 + c * 5) >>> 0;
	c = h0 >>> 26;
	h0 = h0 & MASK26;
	h1 = (h1 + c) >>> 0;

	/* g = h + 5 - 2^130 = h - p */
	g0 = (h0 + 5) >>> 0;
	c = g0 >>> 26;
	g0 = g0 & MASK26;
	g1 = (h1 + c) >>> 0;
	c = g1 >>> 26;
	g1 = g1 & MASK26;
	g2 = (h2 + c) >>> 0;
	c = g2 >>> 26;
	g2 = g2 & MASK26;
	g3 = (h3 + c) >>> 0;
	c = g3 >>> 26;
	g3 = g3 & MASK26;
	g4 = (h4 + c - (1 << 26)) >>> 0;

	/* mask = all ones when g4 did not go negative (h >= p: select g), zero otherwise (keep h) */
	mask = ((g4 >>> 31) - 1) >>> 0;
	g0 = (g0 & mask) >>> 0;
	g1 = (g1 & mask) >>> 0;
	g2 = (g2 & mask) >>> 0;
	g3 = (g3 & mask) >>> 0;
	g4 = (g4 & mask) >>> 0;
	mask = ~mask >>> 0;
	h0 = ((h0 & mask) | g0) >>> 0;
	h1 = ((h1 & mask) | g1) >>> 0;
	h2 = ((h2 & mask) | g2) >>> 0;
	h3 = ((h3 & mask) | g3) >>> 0;
	h4 = ((h4 & mask) | g4) >>> 0;

	/* repack the 26-bit limbs into four 32-bit words (h mod 2^128) */
	h0 = (h0 | (h1 << 26)) >>> 0;
	h1 = ((h1 >>> 6) | (h2 << 20)) >>> 0;
	h2 = ((h2 >>> 12) | (h3 << 14)) >>> 0;
	h3 = ((h3 >>> 18) | (h4 << 8)) >>> 0;

	/* tag = (h + s) mod 2^128, carried through 64-bit sums */
	f = wrap64(u64_from(h0) + (ctx.pad[0] & 0xffffffffn));
	h0 = lo32(f);
	f = wrap64(u64_from(h1) + (ctx.pad[0] >> 32n) + (f >> 32n));
	h1 = lo32(f);
	f = wrap64(u64_from(h2) + (ctx.pad[1] & 0xffffffffn) + (f >> 32n));
	h2 = lo32(f);
	f = wrap64(u64_from(h3) + (ctx.pad[1] >> 32n) + (f >> 32n));
	h3 = lo32(f);
	store32_le(mac, 0, h0);
	store32_le(mac, 4, h1);
	store32_le(mac, 8, h2);
	store32_le(mac, 12, h3);

	/* r, s and h are one-time key material */
	explicit_bzero(ctx.r, 40);
	explicit_bzero(ctx.h, 40);
	explicit_bzero(ctx.pad, 16);
	explicit_bzero(ctx.buf, 16);
	ctx.buflen = 0;
	ctx.final = 0;
}
