/*
 * Arithmetic in GF(2^255 - 19) for X25519 (RFC 7748), 64-bit build: an element is five limbs of 51
 * bits (radix 2^51) in a BigUint64Array, products are 64x64 -> 128-bit (mul64x64). The radix-2^25.5
 * build has the same functions over ten 26/25-bit limbs for targets without unsigned __int128.
 *
 * Bounds (fiat-crypto style; each function below states its own). Two classes of element:
 *   tight:  limb 1 below 2^51 + 2^19, every other limb below 2^51 (what fe_carry leaves: the output
 *           of fe_mul, fe_sq, fe_mul121666, fe_frombytes, fe_0/fe_1; fe_copy and fe_cswap keep it);
 *   loose:  every limb below 2^54 (the output of fe_add and fe_sub on tight inputs: they do not carry,
 *           as donna-c64 does, which saves a carry chain per add/sub in the ladder).
 * fe_mul, fe_sq, fe_mul121666 and fe_tobytes accept loose inputs: with limbs below 2^54 a term
 * f_i * 19 g_j is below 2^54 * 2^58.25 = 2^112.25 and a row of five (or fe_sq's 1 + 2 * 2 * 19 = 77
 * units of 2^108) below 95 * 2^108 < 2^114.6, which fe_carry needs.
 * fe_add and fe_sub need tight inputs (a loose sum fed into another add/sub could pass 2^54).
 * Only fe_tobytes reduces fully, to the canonical value below p.
 */
import { explicit_bzero, lo64, load64_le, mul64x64, store64_le, u64_from, wrap64 } from '@wgup/prelude';
import type { size_t, u128, u32, u64 } from '@wgup/prelude';

/** A field element: five 51-bit limbs, least significant first. */
export type fe = BigUint64Array;

/** Bytes in one element (the same, 40, in both representations). */
export const FE_BYTES = 40;

const MASK51 = 0x7ffffffffffffn;

/** h = 0 */
export function fe_0(h: fe): void {
	h[0] = 0n;
	h[1] = 0n;
	h[2] = 0n;
	h[3] = 0n;
	h[4] = 0n;
}

/** h = 1 */
export function fe_1(h: fe): void {
	h[0] = 1n;
	h[1] = 0n;
	h[2] = 0n;
	h[3] = 0n;
	h[4] = 0n;
}

/** h = f */
export function fe_copy(h: fe, f: fe): void {
	h[0] = f[0];
	h[1] = f[1];
	h[2] = f[2];
	h[3] = f[3];
	h[4] = f[4];
}

/*
 * Carry each limb's bits above 51 into the next; what leaves limb 4 is a multiple of 2^255 and comes
 * back into limb 0 times 19 (2^255 = 19 mod p). In: r0..r4 below 95 * 2^108 (< 2^114.6), and r4, the
 * row without a factor 19, below 5 * 2^108 (< 2^110.4: five products of two loose limbs in fe_mul and
 * fe_sq, f_4 * 121666 < 2^71 in fe_mul121666, one limb in fe_tobytes). Every carry is then below 2^64
 * and is added as a 64-bit number (no 128-bit shift of the high word): r_i >> 51 < 2^63.6 for i < 4,
 * and r4 after its carry in stays below 2^110.4 + 2^64, so r4 >> 51 < 2^59.4 and 19 (r4 >> 51) <
 * 2^63.7; with r0's low 51 bits added, c stays below 2^64 (the product and the sum are formed in
 * 64 bits, as in ref10's fe_51). Out: tight; c >> 51 < 2^13, so limb 1 gains less than 2^19.
 */
function fe_carry(h: fe, r0: u128, r1: u128, r2: u128, r3: u128, r4: u128): void {
	let c: u64;

	/* few enough statements that the emitter makes this static __inline: a call would pass five u128s */
	r1 = r1 + lo64(r0 >> 51n);
	r2 = r2 + lo64(r1 >> 51n);
	r3 = r3 + lo64(r2 >> 51n);
	r4 = r4 + lo64(r3 >> 51n);
	c = wrap64((lo64(r0) & MASK51) + wrap64(lo64(r4 >> 51n) * 19n));
	h[0] = c & MASK51;
	h[1] = wrap64((lo64(r1) & MASK51) + (c >> 51n));
	h[2] = lo64(r2) & MASK51;
	h[3] = lo64(r3) & MASK51;
	h[4] = lo64(r4) & MASK51;
}

/** h = f + g, not carried. In: f, g tight. Out: loose (limbs below 2^52 + 2^20 < 2^53). */
export function fe_add(h: fe, f: fe, g: fe): void {
	h[0] = f[0] + g[0];
	h[1] = f[1] + g[1];
	h[2] = f[2] + g[2];
	h[3] = f[3] + g[3];
	h[4] = f[4] + g[4];
}

/*
 * h = f - g, not carried, computed as f + 4p - g so no limb goes negative: 4p in this radix is
 * (2^53 - 76, 2^53 - 4, 2^53 - 4, 2^53 - 4, 2^53 - 4), above any tight g limb (< 2^51 + 2^19).
 * In: f, g tight. Out: loose (limbs below 2^51 + 2^19 + 2^53 < 2^54).
 */
export function fe_sub(h: fe, f: fe, g: fe): void {
	h[0] = f[0] + 0x1fffffffffffb4n - g[0];
	h[1] = f[1] + 0x1ffffffffffffcn - g[1];
	h[2] = f[2] + 0x1ffffffffffffcn - g[2];
	h[3] = f[3] + 0x1ffffffffffffcn - g[3];
	h[4] = f[4] + 0x1ffffffffffffcn - g[4];
}

/*
 * h = f * g: schoolbook over the five limbs; a term f_i * g_j with i + j >= 5 lands at 2^(51(i+j)) =
 * 2^255 * 2^(51(i+j-5)), i.e. at limb i + j - 5 times 19. h may alias f or g: all inputs are read first.
 * In: f, g loose (g_j * 19 < 2^58.25 fits 64 bits; rows below 5 * 19 * 2^108 = 95 * 2^108). Out: tight.
 */
export function fe_mul(h: fe, f: fe, g: fe): void {
	const f0: u64 = f[0];
	const f1: u64 = f[1];
	const f2: u64 = f[2];
	const f3: u64 = f[3];
	const f4: u64 = f[4];
	const g0: u64 = g[0];
	const g1: u64 = g[1];
	const g2: u64 = g[2];
	const g3: u64 = g[3];
	const g4: u64 = g[4];
	const g1_19: u64 = wrap64(g1 * 19n);
	const g2_19: u64 = wrap64(g2 * 19n);
	const g3_19: u64 = wrap64(g3 * 19n);
	const g4_19: u64 = wrap64(g4 * 19n);
	let r0: u128;
	let r1: u128;
	let r2: u128;
	let r3: u128;
	let r4: u128;

	r0 = mul64x64(f0, g0) + mul64x64(f1, g4_19) + mul64x64(f2, g3_19) + mul64x64(f3, g2_19) + mul64x64(f4, g1_19);
	r1 = mul64x64(f0, g1) + mul64x64(f1, g0) + mul64x64(f2, g4_19) + mul64x64(f3, g3_19) + mul64x64(f4, g2_19);
	r2 = mul64x64(f0, g2) + mul64x64(f1, g1) + mul64x64(f2, g0) + mul64x64(f3, g4_19) + mul64x64(f4, g3_19);
	r3 = mul64x64(f0, g3) + mul64x64(f1, g2) + mul64x64(f2, g1) + mul64x64(f3, g0) + mul64x64(f4, g4_19);
	r4 = mul64x64(f0, g4) + mul64x64(f1, g3) + mul64x64(f2, g2) + mul64x64(f3, g1) + mul64x64(f4, g0);
	fe_carry(h, r0, r1, r2, r3, r4);
}

/**
 * h = f^2: fe_mul with the symmetric terms f_i f_j (i != j) counted once, doubled. h may alias f.
 * In: f loose (2 f_i < 2^55, 19 f_i < 2^58.25; rows below 77 * 2^108 < 95 * 2^108). Out: tight.
 */
export function fe_sq(h: fe, f: fe): void {
	const f0: u64 = f[0];
	const f1: u64 = f[1];
	const f2: u64 = f[2];
	const f3: u64 = f[3];
	const f4: u64 = f[4];
	const f0_2: u64 = wrap64(f0 * 2n);
	const f1_2: u64 = wrap64(f1 * 2n);
	const f2_2: u64 = wrap64(f2 * 2n);
	const f3_2: u64 = wrap64(f3 * 2n);
	const f3_19: u64 = wrap64(f3 * 19n);
	const f4_19: u64 = wrap64(f4 * 19n);
	let r0: u128;
	let r1: u128;
	let r2: u128;
	let r3: u128;
	let r4: u128;

	r0 = mul64x64(f0, f0) + mul64x64(f1_2, f4_19) + mul64x64(f2_2, f3_19);
	r1 = mul64x64(f0_2, f1) + mul64x64(f2_2, f4_19) + mul64x64(f3, f3_19);
	r2 = mul64x64(f0_2, f2) + mul64x64(f1, f1) + mul64x64(f3_2, f4_19);
	r3 = mul64x64(f0_2, f3) + mul64x64(f1_2, f2) + mul64x64(f4, f4_19);
	r4 = mul64x64(f0_2, f4) + mul64x64(f1_2, f3) + mul64x64(f2, f2);
	fe_carry(h, r0, r1, r2, r3, r4);
}

/**
 * h = f * 121666. RFC 7748 5 writes the ladder's last line z_2 = E * (AA + a24 * E) with
 * a24 = 121665; since AA = BB + E that is E * (BB + 121666 * E), which the ladder uses.
 * In: f loose (products below 2^71). Out: tight.
 */
export function fe_mul121666(h: fe, f: fe): void {
	fe_carry(h,
	    mul64x64(f[0], 121666n),
	    mul64x64(f[1], 121666n),
	    mul64x64(f[2], 121666n),
	    mul64x64(f[3], 121666n),
	    mul64x64(f[4], 121666n));
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
 * h = f^(p - 2) = 1/f (Fermat; 0 maps to 0). The exponent 2^255 - 21 by the usual chain of 254
 * squarings and 11 multiplications; fixed sequence, so constant time. In: loose. Out: tight.
 */
export function fe_invert(h: fe, f: fe): void {
	const t0: fe = new BigUint64Array(5);
	const t1: fe = new BigUint64Array(5);
	const t2: fe = new BigUint64Array(5);
	const t3: fe = new BigUint64Array(5);

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
 * RFC 7748 5: decode a little-endian u-coordinate, ignoring the most significant bit (the RFC masks
 * it so that implementations agree). Values from p to 2^255 - 1 are accepted unreduced, as 5 requires.
 * Out: every limb below 2^51 (tight).
 */
export function fe_frombytes(h: fe, s: Uint8Array): void {
	h[0] = load64_le(s, 0) & MASK51;
	h[1] = (load64_le(s, 6) >> 3n) & MASK51;
	h[2] = (load64_le(s, 12) >> 6n) & MASK51;
	h[3] = (load64_le(s, 19) >> 1n) & MASK51;
	h[4] = (load64_le(s, 24) >> 12n) & MASK51;
}

/**
 * Encode the canonical value (below p) little-endian. First carry so that h < 2^255 + small; then
 * q = 1 exactly when h >= p, found by carrying h + 19 through the limbs; h + 19q with the 2^255 bit
 * dropped is h mod p. No branch on the value. In: loose (the first fe_carry makes it tight, the
 * second leaves limbs 2..4 below 2^51 and limb 0, 1 within a few of 2^51, so h < 2^255 + 2^52).
 */
export function fe_tobytes(s: Uint8Array, f: fe): void {
	const h: fe = new BigUint64Array(5);
	let q: u64;

	fe_carry(h, f[0], f[1], f[2], f[3], f[4]);
	fe_carry(h, h[0], h[1], h[2], h[3], h[4]);
	q = wrap64(h[0] + 19n) >> 51n;
	q = wrap64(h[1] + q) >> 51n;
	q = wrap64(h[2] + q) >> 51n;
	q = wrap64(h[3] + q) >> 51n;
	q = wrap64(h[4] + q) >> 51n;
	h[0] = wrap64(h[0] + q * 19n);
	h[1] = wrap64(h[1] + (h[0] >> 51n));
	h[0] = h[0] & MASK51;
	h[2] = wrap64(h[2] + (h[1] >> 51n));
	h[1] = h[1] & MASK51;
	h[3] = wrap64(h[3] + (h[2] >> 51n));
	h[2] = h[2] & MASK51;
	h[4] = wrap64(h[4] + (h[3] >> 51n));
	h[3] = h[3] & MASK51;
	h[4] = h[4] & MASK51;

	store64_le(s, 0, wrap64(h[0] | (h[1] << 51n)));
	store64_le(s, 8, wrap64((h[1] >> 13n) | (h[2] << 38n)));
	store64_le(s, 16, wrap64((h[2] >> 26n) | (h[3] << 25n)));
	store64_le(s, 24, wrap64((h[3] >> 39n) | (h[4] << 12n)));
	explicit_bzero(h, FE_BYTES);
}

/**
 * RFC 7748 5 cswap: swap f and g when b is 1, leave them when b is 0, with the same operations either
 * way (mask = 0 - b is all ones or all zeros). Bounds: f and g come out as whichever went in.
 */
export function fe_cswap(f: fe, g: fe, b: u32): void {
	const mask: u64 = wrap64(0n - u64_from(b));
	let x: u64;
	let i: size_t;

	for (i = 0; i < 5; i++) {
		x = (f[i] ^ g[i]) & mask;
		f[i] = f[i] ^ x;
		g[i] = g[i] ^ x;
	}
}
