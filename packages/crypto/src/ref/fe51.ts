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
 * Only fe_canonical (behind fe_tobytes and fe_invert) reduces fully, to the value below p. fe_invert
 * returns a loose element (limb 4 below 2^53).
 */
import {
	add128, explicit_bzero, lo64, load64_le, mul64x64, sar128, sar64, smul64, store64_le, sub128, u64_from, wrap64,
} from '@wgup/prelude';
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

/* one limb of a signed62 number (fe_invert below) */
const M62 = 0x3fffffffffffffffn;
/* 1/p mod 2^62: p = 2^62 - 19 mod 2^62, and 0x39435e50d79435e5 * 19 = -1 mod 2^62 */
const P_INV62 = 0x39435e50d79435e5n;
/* zeta's start, -1: delta = 1/2 */
const ZETA_START = 0xffffffffffffffffn;

/**
 * Inversion by divsteps (this function, fe_divsteps59, fe_update_de, fe_update_fg, fe_invert):
 * Bernstein and Yang, "Fast constant-time gcd computation and modular inversion" (2019), in the form
 * libsecp256k1 describes in doc/safegcd_implementation.md: delta starts at 1/2 (kept as
 * zeta = -(delta + 1/2)), for which 590 divsteps reach g = 0 for any modulus and input below 2^256
 * (that document, section 5); the inverse is tracked as d, e with d = f / x mod p, e = g / x mod p,
 * and updated once per batch of divsteps by the batch's transition matrix. Written here for
 * p = 2^255 - 19, which in signed 62-bit limbs is (-19, 0, 0, 0, 128): the reduction multiples of p
 * touch limbs 0 and 4 only.
 *
 * Why not Fermat (254 squarings and 11 multiplications): each squaring waits for the previous one,
 * so the chain is one long dependency; 3.0 us of a 33.8 us X25519 with gcc's kernel build. The
 * divsteps take 590 short steps of word operations and 20 small matrix products (measured alone,
 * TSC ticks, gcc: Fermat 8,380, divsteps 4,300).
 *
 * Signed numbers are u64/u128 two's complement patterns (see the prelude's sar64, smul64, sar128).
 * A "signed62" number is five such words v[0..4] worth v[0] + v[1] 2^62 + ... + v[4] 2^248, limbs
 * 0..3 in [0, 2^62) and limb 4 signed, except where stated. Constant time: no branch or index
 * depends on the value; the masks c1, c2 below are 0 or all ones.
 *
 * This function: n <= 30 divsteps on the low 64 bits of f and g (step i depends on the inputs'
 * bits 0..i only). The transition matrix's rows are packed two entries to a word, uv = u + 2^32 v
 * and qr = q + 2^32 r: after n steps |u| + |v| <= 2^n (the paper's 8.3), so each entry fits the low
 * 32 bits as a signed number and the packed word moves as one integer through the negations,
 * additions and shifts, which halves the matrix's share of each step. Writes (u, v, q, r), scaled by
 * 2^n, to t; returns zeta.
 */
function fe_divsteps_packed(zeta: u64, f: u64, g: u64, n: size_t, t: BigUint64Array): u64 {
	let uv: u64 = 1n;
	let qr: u64 = 0x100000000n;
	let c1: u64;
	let c2: u64;
	let x: u64;
	let y: u64;
	let i: size_t;

	for (i = 0; i < n; i++) {
		c1 = sar64(zeta, 63); /* delta > 0 */
		x = wrap64((f ^ c1) - c1); /* -f or f */
		y = wrap64((uv ^ c1) - c1);
		c2 = wrap64(0n - (g & 1n)); /* g odd */
		g = wrap64(g + (x & c2));
		qr = wrap64(qr + (y & c2));
		c1 = c1 & c2; /* both: (f, g) becomes (g, (g - f) / 2) */
		zeta = wrap64((zeta ^ c1) - 1n);
		f = wrap64(f + (g & c1));
		uv = wrap64(uv + (qr & c1));
		g = g >> 1n;
		uv = wrap64(uv << 1n);
	}
	t[0] = sar64(wrap64(uv << 32n), 32);
	t[1] = sar64(wrap64(uv - t[0]), 32);
	t[2] = sar64(wrap64(qr << 32n), 32);
	t[3] = sar64(wrap64(qr - t[2]), 32);
	return zeta;
}

/**
 * 59 divsteps as 30 and 29 packed ones: the second half starts from f, g moved on by the first
 * matrix (their low 64 bits, of which 34 are exact after the division by 2^30), and the product of
 * the two matrices is scaled by 8 so that t is the 59 steps' matrix times 2^62 (entries below 2^62
 * in absolute value), one limb's shift in fe_update_fg and fe_update_de. 10 x 59 = 590 steps.
 */
function fe_divsteps59(zeta: u64, f: u64, g: u64, t: BigUint64Array): u64 {
	const a = new BigUint64Array(4);
	const b = new BigUint64Array(4);
	let f1: u64;
	let g1: u64;

	zeta = fe_divsteps_packed(zeta, f, g, 30, a);
	f1 = sar64(wrap64(a[0] * f + a[1] * g), 30);
	g1 = sar64(wrap64(a[2] * f + a[3] * g), 30);
	zeta = fe_divsteps_packed(zeta, f1, g1, 29, b);
	t[0] = wrap64((b[0] * a[0] + b[1] * a[2]) << 3n);
	t[1] = wrap64((b[0] * a[1] + b[1] * a[3]) << 3n);
	t[2] = wrap64((b[2] * a[0] + b[3] * a[2]) << 3n);
	t[3] = wrap64((b[2] * a[1] + b[3] * a[3]) << 3n);
	return zeta;
}

/**
 * (d, e) = t (d, e) / 2^62 mod p, t from fe_divsteps59. In and out: d, e in (-2p, p). p is added to
 * d or e first where it is negative (folded into md, me: multiples of p), and md, me are then moved
 * so that the low 62 bits of t (d, e) + p (md, me) are zero; dividing that by 2^62 is exact. The
 * products stay below 2^126 in absolute value.
 */
function fe_update_de(d: BigUint64Array, e: BigUint64Array, t: BigUint64Array): void {
	const u: u64 = t[0];
	const v: u64 = t[1];
	const q: u64 = t[2];
	const r: u64 = t[3];
	const sd: u64 = sar64(d[4], 63);
	const se: u64 = sar64(e[4], 63);
	let md: u64 = wrap64((u & sd) + (v & se));
	let me: u64 = wrap64((q & sd) + (r & se));
	let cd: u128 = add128(smul64(u, d[0]), smul64(v, e[0]));
	let ce: u128 = add128(smul64(q, d[0]), smul64(r, e[0]));
	let i: size_t;

	md = wrap64(md - (wrap64(P_INV62 * lo64(cd) + md) & M62));
	me = wrap64(me - (wrap64(P_INV62 * lo64(ce) + me) & M62));
	/* limb 0 of p is -19 */
	cd = sar128(sub128(cd, smul64(md, 19n)), 62);
	ce = sar128(sub128(ce, smul64(me, 19n)), 62);
	for (i = 1; i < 4; i++) {
		cd = add128(cd, add128(smul64(u, d[i]), smul64(v, e[i])));
		ce = add128(ce, add128(smul64(q, d[i]), smul64(r, e[i])));
		d[i - 1] = lo64(cd) & M62;
		e[i - 1] = lo64(ce) & M62;
		cd = sar128(cd, 62);
		ce = sar128(ce, 62);
	}
	/* limb 4 of p is 128 */
	cd = add128(cd, add128(add128(smul64(u, d[4]), smul64(v, e[4])), smul64(md, 128n)));
	ce = add128(ce, add128(add128(smul64(q, d[4]), smul64(r, e[4])), smul64(me, 128n)));
	d[3] = lo64(cd) & M62;
	e[3] = lo64(ce) & M62;
	d[4] = lo64(sar128(cd, 62));
	e[4] = lo64(sar128(ce, 62));
}

/** (f, g) = t (f, g) / 2^62, exact (the divsteps made the low 62 bits zero). */
function fe_update_fg(f: BigUint64Array, g: BigUint64Array, t: BigUint64Array): void {
	const u: u64 = t[0];
	const v: u64 = t[1];
	const q: u64 = t[2];
	const r: u64 = t[3];
	let cf: u128 = sar128(add128(smul64(u, f[0]), smul64(v, g[0])), 62);
	let cg: u128 = sar128(add128(smul64(q, f[0]), smul64(r, g[0])), 62);
	let i: size_t;

	for (i = 1; i < 5; i++) {
		cf = add128(cf, add128(smul64(u, f[i]), smul64(v, g[i])));
		cg = add128(cg, add128(smul64(q, f[i]), smul64(r, g[i])));
		f[i - 1] = lo64(cf) & M62;
		g[i - 1] = lo64(cg) & M62;
		cf = sar128(cf, 62);
		cg = sar128(cg, 62);
	}
	f[4] = lo64(cf);
	g[4] = lo64(cg);
}

/**
 * h = 1/f mod p (0 maps to 0, as f^(p - 2) would). Ten batches of 59 divsteps from f = p, g = f mod
 * p, d = 0, e = 1; at the end f = +-1 and d = f / x, so 1/x = d * sign(f). In: loose. Out: limbs below
 * 2^51 except limb 4, below 2^53 (a loose element: it only feeds fe_mul).
 */
export function fe_invert(h: fe, f: fe): void {
	const a: fe = new BigUint64Array(5);
	const fv = new BigUint64Array(5);
	const gv = new BigUint64Array(5);
	const d = new BigUint64Array(5);
	const e = new BigUint64Array(5);
	const t = new BigUint64Array(4);
	let zeta: u64 = ZETA_START;
	let c: u64;
	let i: size_t;

	fe_canonical(a, f);
	gv[0] = wrap64(a[0] | (a[1] << 51n)) & M62;
	gv[1] = wrap64((a[1] >> 11n) | (a[2] << 40n)) & M62;
	gv[2] = wrap64((a[2] >> 22n) | (a[3] << 29n)) & M62;
	gv[3] = wrap64((a[3] >> 33n) | (a[4] << 18n)) & M62;
	gv[4] = a[4] >> 44n;
	fv[0] = wrap64(0n - 19n);
	fv[4] = 128n;
	e[0] = 1n;
	for (i = 0; i < 10; i++) {
		zeta = fe_divsteps59(zeta, fv[0], gv[0], t);
		fe_update_de(d, e, t);
		fe_update_fg(fv, gv, t);
	}

	/* d * sign(f) + 2p, in (0, 4p): 2p is (-38, 0, 0, 0, 256); then carry into limbs 0..3 of 62 bits */
	c = sar64(fv[4], 63);
	for (i = 0; i < 5; i++) {
		d[i] = wrap64((d[i] ^ c) - c);
	}
	d[0] = wrap64(d[0] - 38n);
	d[4] = wrap64(d[4] + 256n);
	for (i = 0; i < 4; i++) {
		d[i + 1] = wrap64(d[i + 1] + sar64(d[i], 62));
		d[i] = d[i] & M62;
	}
	h[0] = d[0] & MASK51;
	h[1] = wrap64((d[0] >> 51n) | (d[1] << 11n)) & MASK51;
	h[2] = wrap64((d[1] >> 40n) | (d[2] << 22n)) & MASK51;
	h[3] = wrap64((d[2] >> 29n) | (d[3] << 33n)) & MASK51;
	h[4] = wrap64((d[3] >> 18n) | (d[4] << 44n));
	/* f's inverse and its multiples */
	explicit_bzero(a, FE_BYTES);
	explicit_bzero(gv, FE_BYTES);
	explicit_bzero(d, FE_BYTES);
	explicit_bzero(e, FE_BYTES);
	explicit_bzero(t, 32);
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
 * h = f mod p, fully reduced (below p). First carry so that h < 2^255 + small; then q = 1 exactly
 * when h >= p, found by carrying h + 19 through the limbs; h + 19q with the 2^255 bit dropped is
 * h mod p. No branch on the value. In: loose (the first fe_carry makes it tight, the second leaves
 * limbs 2..4 below 2^51 and limb 0, 1 within a few of 2^51, so h < 2^255 + 2^52). Out: every limb
 * below 2^51.
 */
function fe_canonical(h: fe, f: fe): void {
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
}

/** Encode the canonical value (below p) little-endian. In: loose. */
export function fe_tobytes(s: Uint8Array, f: fe): void {
	const h: fe = new BigUint64Array(5);

	fe_canonical(h, f);
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
