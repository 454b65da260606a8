/*
 * Arithmetic in GF(2^255 - 19) for X25519 (RFC 7748), 32-bit build: an element is ten limbs of
 * alternately 26 and 25 bits (radix 2^25.5: limb k starts at bit ceil(25.5 k)) in a Uint32Array, and
 * every product is a 32x32 -> 64-bit multiply (mul32x32), so no unsigned __int128 is needed. Exports
 * the same functions as the radix-2^51 build; the C picks one behind #ifdef __SIZEOF_INT128__.
 *
 * Mixed radix: limb i times limb j lands at bit pos(i) + pos(j), which is pos(i + j) plus one when i and
 * j are both odd (two 25.5-bit half steps rounded up twice), hence the doubled factors fi_2. A product
 * at limb i + j >= 10 is 2^255 times limb i + j - 10, i.e. 19 times it (2^255 = 19 mod p): gj_19.
 *
 * Bounds: every function returns limbs below 2^26 + 2^18 and takes such limbs; then 19 * g_j and
 * 38 * f_j fit 32 bits, each product is below 2^59 and a column of ten below 2^63.
 */
import { explicit_bzero, load32_le, lo32, mul32x32, store32_le, u64_from, wrap64 } from '@wgup/prelude';
import type { size_t, u32, u64 } from '@wgup/prelude';

/** A field element: ten limbs of 26, 25, 26, ... bits, least significant first. */
export type fe = Uint32Array;

/** Bytes in one element (the same, 40, in both representations). */
export const FE_BYTES = 40;

const MASK26 = 0x3ffffff;
const MASK25 = 0x1ffffff;

/** h = 0 */
export function fe_0(h: fe): void {
	let i: size_t;

	for (i = 0; i < 10; i++) {
		h[i] = 0;
	}
}

/** h = 1 */
export function fe_1(h: fe): void {
	let i: size_t;

	h[0] = 1;
	for (i = 1; i < 10; i++) {
		h[i] = 0;
	}
}

/** h = f */
export function fe_copy(h: fe, f: fe): void {
	let i: size_t;

	for (i = 0; i < 10; i++) {
		h[i] = f[i];
	}
}

/*
 * Carry in place: each limb's bits above its width go to the next, what leaves limb 9 (a multiple of
 * 2^255) comes back into limb 0 times 19. Limbs in: below 2^29; out: below 2^26 + 2^18.
 */
function fe_reduce(h: fe): void {
	let c: u32;

	c = h[0] >>> 26;
	h[0] = h[0] & MASK26;
	h[1] = (h[1] + c) >>> 0;
	c = h[1] >>> 25;
	h[1] = h[1] & MASK25;
	h[2] = (h[2] + c) >>> 0;
	c = h[2] >>> 26;
	h[2] = h[2] & MASK26;
	h[3] = (h[3] + c) >>> 0;
	c = h[3] >>> 25;
	h[3] = h[3] & MASK25;
	h[4] = (h[4] + c) >>> 0;
	c = h[4] >>> 26;
	h[4] = h[4] & MASK26;
	h[5] = (h[5] + c) >>> 0;
	c = h[5] >>> 25;
	h[5] = h[5] & MASK25;
	h[6] = (h[6] + c) >>> 0;
	c = h[6] >>> 26;
	h[6] = h[6] & MASK26;
	h[7] = (h[7] + c) >>> 0;
	c = h[7] >>> 25;
	h[7] = h[7] & MASK25;
	h[8] = (h[8] + c) >>> 0;
	c = h[8] >>> 26;
	h[8] = h[8] & MASK26;
	h[9] = (h[9] + c) >>> 0;
	c = h[9] >>> 25;
	h[9] = h[9] & MASK25;
	h[0] = (h[0] + c * 19) >>> 0;
	c = h[0] >>> 26;
	h[0] = h[0] & MASK26;
	h[1] = (h[1] + c) >>> 0;
}

/*
 * Carry the 64-bit column sums r[0..9] of a product into h. The carry out of limb 9 can reach 2^38, so
 * 19 times it is added to limb 0 in 64 bits.
 */
function fe_carry_wide(h: fe, r: BigUint64Array): void {
	let c: u64;
	let t: u64;

	c = r[0] >> 26n;
	h[0] = lo32(r[0]) & MASK26;
	r[1] = wrap64(r[1] + c);
	c = r[1] >> 25n;
	h[1] = lo32(r[1]) & MASK25;
	r[2] = wrap64(r[2] + c);
	c = r[2] >> 26n;
	h[2] = lo32(r[2]) & MASK26;
	r[3] = wrap64(r[3] + c);
	c = r[3] >> 25n;
	h[3] = lo32(r[3]) & MASK25;
	r[4] = wrap64(r[4] + c);
	c = r[4] >> 26n;
	h[4] = lo32(r[4]) & MASK26;
	r[5] = wrap64(r[5] + c);
	c = r[5] >> 25n;
	h[5] = lo32(r[5]) & MASK25;
	r[6] = wrap64(r[6] + c);
	c = r[6] >> 26n;
	h[6] = lo32(r[6]) & MASK26;
	r[7] = wrap64(r[7] + c);
	c = r[7] >> 25n;
	h[7] = lo32(r[7]) & MASK25;
	r[8] = wrap64(r[8] + c);
	c = r[8] >> 26n;
	h[8] = lo32(r[8]) & MASK26;
	r[9] = wrap64(r[9] + c);
	c = r[9] >> 25n;
	h[9] = lo32(r[9]) & MASK25;
	t = wrap64(u64_from(h[0]) + c * 19n);
	h[0] = lo32(t) & MASK26;
	h[1] = (h[1] + lo32(t >> 26n)) >>> 0;
}

/** h = f + g */
export function fe_add(h: fe, f: fe, g: fe): void {
	let i: size_t;

	for (i = 0; i < 10; i++) {
		h[i] = (f[i] + g[i]) >>> 0;
	}
	fe_reduce(h);
}

/*
 * h = f - g, computed as f + 4p - g so that no limb goes negative; 4p in this radix is
 * 4 (2^26 - 19), then alternately 4 (2^25 - 1) and 4 (2^26 - 1), each above the matching g limb.
 */
export function fe_sub(h: fe, f: fe, g: fe): void {
	let i: size_t;

	h[0] = (f[0] + 0xfffffb4 - g[0]) >>> 0;
	for (i = 1; i < 10; i += 2) {
		h[i] = (f[i] + 0x7fffffc - g[i]) >>> 0;
	}
	for (i = 2; i < 10; i += 2) {
		h[i] = (f[i] + 0xffffffc - g[i]) >>> 0;
	}
	fe_reduce(h);
}

/*
 * Columns 0-4 and 5-9 of f * g, each in a function of its own (kept out of line): a 32-bit target has
 * seven general registers, and with all 100 products in one function clang's i386 code held them in
 * stack slots (a 752-byte frame). Half the products each stay within the kernel's 512-byte budget.
 */
function fe_mul_cols_lo(r: BigUint64Array, f: fe, g: fe): void {
	const f0: u32 = f[0];
	const f1: u32 = f[1];
	const f2: u32 = f[2];
	const f3: u32 = f[3];
	const f4: u32 = f[4];
	const f5: u32 = f[5];
	const f6: u32 = f[6];
	const f7: u32 = f[7];
	const f8: u32 = f[8];
	const f9: u32 = f[9];
	const g0: u32 = g[0];
	const g1: u32 = g[1];
	const g2: u32 = g[2];
	const g3: u32 = g[3];
	const g4: u32 = g[4];
	const g5: u32 = g[5];
	const g6: u32 = g[6];
	const g7: u32 = g[7];
	const g8: u32 = g[8];
	const g9: u32 = g[9];
	const f1_2: u32 = (f1 * 2) >>> 0;
	const f3_2: u32 = (f3 * 2) >>> 0;
	const f5_2: u32 = (f5 * 2) >>> 0;
	const f7_2: u32 = (f7 * 2) >>> 0;
	const f9_2: u32 = (f9 * 2) >>> 0;
	const g1_19: u32 = (g1 * 19) >>> 0;
	const g2_19: u32 = (g2 * 19) >>> 0;
	const g3_19: u32 = (g3 * 19) >>> 0;
	const g4_19: u32 = (g4 * 19) >>> 0;
	const g5_19: u32 = (g5 * 19) >>> 0;
	const g6_19: u32 = (g6 * 19) >>> 0;
	const g7_19: u32 = (g7 * 19) >>> 0;
	const g8_19: u32 = (g8 * 19) >>> 0;
	const g9_19: u32 = (g9 * 19) >>> 0;

	r[0] = wrap64(mul32x32(f0, g0) + mul32x32(f1_2, g9_19) + mul32x32(f2, g8_19) + mul32x32(f3_2, g7_19) +
	    mul32x32(f4, g6_19) + mul32x32(f5_2, g5_19) + mul32x32(f6, g4_19) + mul32x32(f7_2, g3_19) +
	    mul32x32(f8, g2_19) + mul32x32(f9_2, g1_19));
	r[1] = wrap64(mul32x32(f0, g1) + mul32x32(f1, g0) + mul32x32(f2, g9_19) + mul32x32(f3, g8_19) +
	    mul32x32(f4, g7_19) + mul32x32(f5, g6_19) + mul32x32(f6, g5_19) + mul32x32(f7, g4_19) +
	    mul32x32(f8, g3_19) + mul32x32(f9, g2_19));
	r[2] = wrap64(mul32x32(f0, g2) + mul32x32(f1_2, g1) + mul32x32(f2, g0) + mul32x32(f3_2, g9_19) +
	    mul32x32(f4, g8_19) + mul32x32(f5_2, g7_19) + mul32x32(f6, g6_19) + mul32x32(f7_2, g5_19) +
	    mul32x32(f8, g4_19) + mul32x32(f9_2, g3_19));
	r[3] = wrap64(mul32x32(f0, g3) + mul32x32(f1, g2) + mul32x32(f2, g1) + mul32x32(f3, g0) +
	    mul32x32(f4, g9_19) + mul32x32(f5, g8_19) + mul32x32(f6, g7_19) + mul32x32(f7, g6_19) +
	    mul32x32(f8, g5_19) + mul32x32(f9, g4_19));
	r[4] = wrap64(mul32x32(f0, g4) + mul32x32(f1_2, g3) + mul32x32(f2, g2) + mul32x32(f3_2, g1) +
	    mul32x32(f4, g0) + mul32x32(f5_2, g9_19) + mul32x32(f6, g8_19) + mul32x32(f7_2, g7_19) +
	    mul32x32(f8, g6_19) + mul32x32(f9_2, g5_19));
}

function fe_mul_cols_hi(r: BigUint64Array, f: fe, g: fe): void {
	const f0: u32 = f[0];
	const f1: u32 = f[1];
	const f2: u32 = f[2];
	const f3: u32 = f[3];
	const f4: u32 = f[4];
	const f5: u32 = f[5];
	const f6: u32 = f[6];
	const f7: u32 = f[7];
	const f8: u32 = f[8];
	const f9: u32 = f[9];
	const g0: u32 = g[0];
	const g1: u32 = g[1];
	const g2: u32 = g[2];
	const g3: u32 = g[3];
	const g4: u32 = g[4];
	const g5: u32 = g[5];
	const g6: u32 = g[6];
	const g7: u32 = g[7];
	const g8: u32 = g[8];
	const g9: u32 = g[9];
	const f1_2: u32 = (f1 * 2) >>> 0;
	const f3_2: u32 = (f3 * 2) >>> 0;
	const f5_2: u32 = (f5 * 2) >>> 0;
	const f7_2: u32 = (f7 * 2) >>> 0;
	const f9_2: u32 = (f9 * 2) >>> 0;
	const g6_19: u32 = (g6 * 19) >>> 0;
	const g7_19: u32 = (g7 * 19) >>> 0;
	const g8_19: u32 = (g8 * 19) >>> 0;
	const g9_19: u32 = (g9 * 19) >>> 0;

	r[5] = wrap64(mul32x32(f0, g5) + mul32x32(f1, g4) + mul32x32(f2, g3) + mul32x32(f3, g2) +
	    mul32x32(f4, g1) + mul32x32(f5, g0) + mul32x32(f6, g9_19) + mul32x32(f7, g8_19) +
	    mul32x32(f8, g7_19) + mul32x32(f9, g6_19));
	r[6] = wrap64(mul32x32(f0, g6) + mul32x32(f1_2, g5) + mul32x32(f2, g4) + mul32x32(f3_2, g3) +
	    mul32x32(f4, g2) + mul32x32(f5_2, g1) + mul32x32(f6, g0) + mul32x32(f7_2, g9_19) +
	    mul32x32(f8, g8_19) + mul32x32(f9_2, g7_19));
	r[7] = wrap64(mul32x32(f0, g7) + mul32x32(f1, g6) + mul32x32(f2, g5) + mul32x32(f3, g4) +
	    mul32x32(f4, g3) + mul32x32(f5, g2) + mul32x32(f6, g1) + mul32x32(f7, g0) + mul32x32(f8, g9_19) +
	    mul32x32(f9, g8_19));
	r[8] = wrap64(mul32x32(f0, g8) + mul32x32(f1_2, g7) + mul32x32(f2, g6) + mul32x32(f3_2, g5) +
	    mul32x32(f4, g4) + mul32x32(f5_2, g3) + mul32x32(f6, g2) + mul32x32(f7_2, g1) + mul32x32(f8, g0) +
	    mul32x32(f9_2, g9_19));
	r[9] = wrap64(mul32x32(f0, g9) + mul32x32(f1, g8) + mul32x32(f2, g7) + mul32x32(f3, g6) +
	    mul32x32(f4, g5) + mul32x32(f5, g4) + mul32x32(f6, g3) + mul32x32(f7, g2) + mul32x32(f8, g1) +
	    mul32x32(f9, g0));
}

/** h = f * g: schoolbook over ten limbs, columns summed in 64 bits. h may alias f or g. */
export function fe_mul(h: fe, f: fe, g: fe): void {
	const r = new BigUint64Array(10);
	fe_mul_cols_lo(r, f, g);
	fe_mul_cols_hi(r, f, g);
	fe_carry_wide(h, r);
}

/** h = f^2: fe_mul with each symmetric pair f_i f_j (i != j) formed once and doubled. h may alias f. */
export function fe_sq(h: fe, f: fe): void {
	const r = new BigUint64Array(10);
	const f0: u32 = f[0];
	const f1: u32 = f[1];
	const f2: u32 = f[2];
	const f3: u32 = f[3];
	const f4: u32 = f[4];
	const f5: u32 = f[5];
	const f6: u32 = f[6];
	const f7: u32 = f[7];
	const f8: u32 = f[8];
	const f9: u32 = f[9];
	const f0_2: u32 = (f0 * 2) >>> 0;
	const f1_2: u32 = (f1 * 2) >>> 0;
	const f2_2: u32 = (f2 * 2) >>> 0;
	const f3_2: u32 = (f3 * 2) >>> 0;
	const f4_2: u32 = (f4 * 2) >>> 0;
	const f5_2: u32 = (f5 * 2) >>> 0;
	const f6_2: u32 = (f6 * 2) >>> 0;
	const f7_2: u32 = (f7 * 2) >>> 0;
	const f8_2: u32 = (f8 * 2) >>> 0;
	const f9_2: u32 = (f9 * 2) >>> 0;
	const f5_19: u32 = (f5 * 19) >>> 0;
	const f6_19: u32 = (f6 * 19) >>> 0;
	const f7_19: u32 = (f7 * 19) >>> 0;
	const f8_19: u32 = (f8 * 19) >>> 0;
	const f9_19: u32 = (f9 * 19) >>> 0;
	const f7_38: u32 = (f7 * 38) >>> 0;
	const f9_38: u32 = (f9 * 38) >>> 0;

	r[0] = wrap64(mul32x32(f0, f0) + mul32x32(f1_2, f9_38) + mul32x32(f2_2, f8_19) +
	    mul32x32(f3_2, f7_38) + mul32x32(f4_2, f6_19) + mul32x32(f5_2, f5_19));
	r[1] = wrap64(mul32x32(f0_2, f1) + mul32x32(f2_2, f9_19) + mul32x32(f3_2, f8_19) +
	    mul32x32(f4_2, f7_19) + mul32x32(f5_2, f6_19));
	r[2] = wrap64(mul32x32(f0_2, f2) + mul32x32(f1_2, f1) + mul32x32(f3_2, f9_38) + mul32x32(f4_2, f8_19) +
	    mul32x32(f5_2, f7_38) + mul32x32(f6, f6_19));
	r[3] = wrap64(mul32x32(f0_2, f3) + mul32x32(f1_2, f2) + mul32x32(f4_2, f9_19) + mul32x32(f5_2, f8_19) +
	    mul32x32(f6_2, f7_19));
	r[4] = wrap64(mul32x32(f0_2, f4) + mul32x32(f1_2, f3_2) + mul32x32(f2, f2) + mul32x32(f5_2, f9_38) +
	    mul32x32(f6_2, f8_19) + mul32x32(f7_2, f7_19));
	r[5] = wrap64(mul32x32(f0_2, f5) + mul32x32(f1_2, f4) + mul32x32(f2_2, f3) + mul32x32(f6_2, f9_19) +
	    mul32x32(f7_2, f8_19));
	r[6] = wrap64(mul32x32(f0_2, f6) + mul32x32(f1_2, f5_2) + mul32x32(f2_2, f4) + mul32x32(f3_2, f3) +
	    mul32x32(f7_2, f9_38) + mul32x32(f8, f8_19));
	r[7] = wrap64(mul32x32(f0_2, f7) + mul32x32(f1_2, f6) + mul32x32(f2_2, f5) + mul32x32(f3_2, f4) +
	    mul32x32(f8_2, f9_19));
	r[8] = wrap64(mul32x32(f0_2, f8) + mul32x32(f1_2, f7_2) + mul32x32(f2_2, f6) + mul32x32(f3_2, f5_2) +
	    mul32x32(f4, f4) + mul32x32(f9_2, f9_19));
	r[9] = wrap64(mul32x32(f0_2, f9) + mul32x32(f1_2, f8) + mul32x32(f2_2, f7) + mul32x32(f3_2, f6) +
	    mul32x32(f4_2, f5));
	fe_carry_wide(h, r);
}

/** h = f * 121666 (see the radix-2^51 fe_mul121666: the ladder's E * (BB + 121666 E) form of RFC 7748 5's a24 line). */
export function fe_mul121666(h: fe, f: fe): void {
	const r = new BigUint64Array(10);
	let i: size_t;

	for (i = 0; i < 10; i++) {
		r[i] = mul32x32(f[i], 121666);
	}
	fe_carry_wide(h, r);
}

/**
 * h = f^(2^n) * g, n >= 1: n squarings and a multiplication, the step fe_invert's chain repeats. A
 * function of its own (printed noinline) so that fe_invert's frame does not hold the spilled products
 * of every squaring and multiplication it would otherwise inline. h may alias f but not g. In: loose.
 * Out: tight.
 */
function fe_sqn_mul(h: fe, f: fe, n: size_t, g: fe): void {
	let i: size_t;

	fe_sq(h, f);
	for (i = 1; i < n; i++) {
		fe_sq(h, h);
	}
	fe_mul(h, h, g);
}

/**
 * h = f^(p - 2) = 1/f (Fermat; 0 maps to 0): 254 squarings and 11 multiplications in a fixed order,
 * the same chain as the radix-2^51 build.
 */
export function fe_invert(h: fe, f: fe): void {
	const t0: fe = new Uint32Array(10);
	const t1: fe = new Uint32Array(10);
	const t2: fe = new Uint32Array(10);
	const t3: fe = new Uint32Array(10);

	/* four temporaries, not one per named power: the kernel stack is small (at most 512 bytes a frame) */
	fe_sq(t0, f); /* 2 */
	fe_sqn_mul(t1, t0, 2, f); /* 2 * 4 + 1 = 9 */
	fe_mul(t0, t0, t1); /* 11, kept in t0 to the end */
	fe_sqn_mul(t2, t0, 1, t1); /* 22 + 9 = 31 = 2^5 - 2^0 */
	fe_sqn_mul(t1, t2, 5, t2); /* 2^10 - 2^0 */
	fe_sqn_mul(t2, t1, 10, t1); /* 2^20 - 2^0 */
	fe_sqn_mul(t3, t2, 20, t2); /* 2^40 - 2^0 */
	fe_sqn_mul(t2, t3, 10, t1); /* 2^50 - 2^0 */
	fe_sqn_mul(t1, t2, 50, t2); /* 2^100 - 2^0 */
	fe_sqn_mul(t3, t1, 100, t1); /* 2^200 - 2^0 */
	fe_sqn_mul(t1, t3, 50, t2); /* 2^250 - 2^0 */
	fe_sqn_mul(h, t1, 5, t0); /* 2^255 - 2^5 + 11 = 2^255 - 21 */
	/* powers of a secret */
	explicit_bzero(t0, FE_BYTES);
	explicit_bzero(t1, FE_BYTES);
	explicit_bzero(t2, FE_BYTES);
	explicit_bzero(t3, FE_BYTES);
}

/**
 * RFC 7748 5: decode a little-endian u-coordinate, ignoring bit 255. Each limb is read with one 32-bit
 * load from the byte it starts in (start bit mod 8 plus width never passes 32).
 */
export function fe_frombytes(h: fe, s: Uint8Array): void {
	h[0] = load32_le(s, 0) & MASK26;
	h[1] = (load32_le(s, 3) >>> 2) & MASK25;
	h[2] = (load32_le(s, 6) >>> 3) & MASK26;
	h[3] = (load32_le(s, 9) >>> 5) & MASK25;
	h[4] = (load32_le(s, 12) >>> 6) & MASK26;
	h[5] = load32_le(s, 16) & MASK25;
	h[6] = (load32_le(s, 19) >>> 1) & MASK26;
	h[7] = (load32_le(s, 22) >>> 3) & MASK25;
	h[8] = (load32_le(s, 25) >>> 4) & MASK26;
	h[9] = (load32_le(s, 28) >>> 6) & MASK25;
}

/**
 * Encode the canonical value below p: carry twice (h < 2^255 + small), find q = 1 exactly when h >= p
 * by carrying h + 19 through the limbs, add 19q and drop bit 255. No branch on the value.
 */
export function fe_tobytes(s: Uint8Array, f: fe): void {
	const h: fe = new Uint32Array(10);
	let q: u32;

	fe_copy(h, f);
	fe_reduce(h);
	fe_reduce(h);
	q = (h[0] + 19) >>> 26;
	q = (h[1] + q) >>> 25;
	q = (h[2] + q) >>> 26;
	q = (h[3] + q) >>> 25;
	q = (h[4] + q) >>> 26;
	q = (h[5] + q) >>> 25;
	q = (h[6] + q) >>> 26;
	q = (h[7] + q) >>> 25;
	q = (h[8] + q) >>> 26;
	q = (h[9] + q) >>> 25;
	h[0] = (h[0] + 19 * q) >>> 0;
	h[1] = (h[1] + (h[0] >>> 26)) >>> 0;
	h[0] = h[0] & MASK26;
	h[2] = (h[2] + (h[1] >>> 25)) >>> 0;
	h[1] = h[1] & MASK25;
	h[3] = (h[3] + (h[2] >>> 26)) >>> 0;
	h[2] = h[2] & MASK26;
	h[4] = (h[4] + (h[3] >>> 25)) >>> 0;
	h[3] = h[3] & MASK25;
	h[5] = (h[5] + (h[4] >>> 26)) >>> 0;
	h[4] = h[4] & MASK26;
	h[6] = (h[6] + (h[5] >>> 25)) >>> 0;
	h[5] = h[5] & MASK25;
	h[7] = (h[7] + (h[6] >>> 26)) >>> 0;
	h[6] = h[6] & MASK26;
	h[8] = (h[8] + (h[7] >>> 25)) >>> 0;
	h[7] = h[7] & MASK25;
	h[9] = (h[9] + (h[8] >>> 26)) >>> 0;
	h[8] = h[8] & MASK26;
	h[9] = h[9] & MASK25;

	store32_le(s, 0, (h[0] | (h[1] << 26)) >>> 0);
	store32_le(s, 4, ((h[1] >>> 6) | (h[2] << 19)) >>> 0);
	store32_le(s, 8, ((h[2] >>> 13) | (h[3] << 13)) >>> 0);
	store32_le(s, 12, ((h[3] >>> 19) | (h[4] << 6)) >>> 0);
	store32_le(s, 16, (h[5] | (h[6] << 25)) >>> 0);
	store32_le(s, 20, ((h[6] >>> 7) | (h[7] << 19)) >>> 0);
	store32_le(s, 24, ((h[7] >>> 13) | (h[8] << 12)) >>> 0);
	store32_le(s, 28, ((h[8] >>> 20) | (h[9] << 6)) >>> 0);
	explicit_bzero(h, FE_BYTES);
}

/** RFC 7748 5 cswap: swap f and g when b is 1, by mask, with the same work when b is 0. */
export function fe_cswap(f: fe, g: fe, b: u32): void {
	const mask: u32 = (0 - b) >>> 0;
	let x: u32;
	let i: size_t;

	for (i = 0; i < 10; i++) {
		x = ((f[i] ^ g[i]) & mask) >>> 0;
		f[i] = (f[i] ^ x) >>> 0;
		g[i] = (g[i] ^ x) >>> 0;
	}
}
