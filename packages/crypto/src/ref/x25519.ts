/*
 * X25519 (RFC 7748 section 5) with the interface of FreeBSD's sys/crypto/curve25519.h: curve25519,
 * curve25519_generate_public, curve25519_clamp_secret. The field arithmetic is ./fe51 (64-bit); the C
 * build swaps in fe32's functions of the same names where unsigned __int128 is missing. For that swap
 * every field element here is declared with the type alias `fe` (in C the typedef of the chosen file:
 * uint64_t[5] or uint32_t[10]), and sizes are FE_BYTES, never a count of limbs.
 */
import { explicit_bzero, timingsafe_bcmp } from '@wgup/prelude';
import type { i32, u32 } from '@wgup/prelude';
import {
	FE_BYTES, fe_1, fe_add, fe_copy, fe_cswap, fe_frombytes, fe_invert, fe_mul, fe_mul121666, fe_sq, fe_sub, fe_tobytes,
} from './fe51';
import type { fe } from './fe51';

/** RFC 7748 5: scalars and u-coordinates are 32 bytes */
export const CURVE25519_KEY_SIZE = 32;

/* RFC 7748 4.1: the base point, u = 9 */
const CURVE25519_BASEPOINT = new Uint8Array([
	9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
]);

/* An all-zero result, compared against in constant time. */
const CURVE25519_ZERO = new Uint8Array([
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
]);

/**
 * RFC 7748 5 decodeScalar25519: clear the three low bits (a multiple of the cofactor 8), clear bit 255
 * and set bit 254 (a fixed ladder length, so the time does not depend on the scalar).
 */
export function curve25519_clamp_secret(secret: Uint8Array): void {
	secret[0] &= 248;
	secret[31] = (secret[31] & 127) | 64;
}

/*
 * RFC 7748 5, one ladder step, in two halves so that neither frame holds more than four or five
 * multiplications' spilled products (the kernel's frames are at most 512 bytes; the whole step in one
 * function took 850 with gcc's kernel inlining limits). Each half keeps its intermediates (A, B, C, D;
 * DA + CB, DA - CB, E, BB + 121666 E) in local elements, not in the caller's: written through pointers
 * that may alias, every fe_add/fe_sub result went to memory and was read back by the multiplication
 * after it, while local elements, whose address no call takes once fe51's field code is inlined, live
 * in registers and spill slots (fe32 passes them to its out-of-line fe_mul halves, as before; gcc's
 * kernel build 0.99x to 1.06x against ref10 with TI_MODE, clang 1.09x to 1.11x). So they are not wiped
 * here either: explicit_bzero would take their addresses every step (0.89x with gcc, frames above 512
 * bytes); like fe_mul's spilled products they are the step's working registers, and the ladder's own
 * elements are wiped when it ends. Bounds (the field code's): fe_add and fe_sub take tight operands
 * (x2, z2, x3, z3 and the fe_mul/fe_sq/fe_mul121666 outputs) and give loose results, which only feed
 * fe_mul, fe_sq and fe_mul121666.
 * First half: the conditional swap, done on copies (x2, z2, x3, z3 are read, not swapped in place:
 * z3 and z2 get DA and CB, and the second half overwrites all four), then t0 = BB, t1 = AA.
 */
function curve25519_ladder_step1(x2: fe, z2: fe, x3: fe, z3: fe, t0: fe, t1: fe, swap: u32): void {
	const p: fe = new BigUint64Array(5);
	const q: fe = new BigUint64Array(5);
	const r: fe = new BigUint64Array(5);
	const s: fe = new BigUint64Array(5);
	const b: fe = new BigUint64Array(5);

	fe_copy(p, x2);
	fe_copy(q, z2);
	fe_copy(r, x3);
	fe_copy(s, z3);
	fe_cswap(p, r, swap);
	fe_cswap(q, s, swap);
	fe_sub(b, p, q); /* B = x_2 - z_2 */
	fe_add(p, p, q); /* A = x_2 + z_2 */
	fe_sub(q, r, s); /* D = x_3 - z_3 */
	fe_add(r, r, s); /* C = x_3 + z_3 */
	fe_mul(z3, q, p); /* DA = D * A */
	fe_mul(z2, r, b); /* CB = C * B */
	fe_sq(t0, b); /* BB = B^2 */
	fe_sq(t1, p); /* AA = A^2 */
}

/* RFC 7748 5, second half of the ladder step: the new x_2, z_2, x_3, z_3. */
function curve25519_ladder_step2(x2: fe, z2: fe, x3: fe, z3: fe, t0: fe, t1: fe, x1: fe): void {
	const e: fe = new BigUint64Array(5);
	const s: fe = new BigUint64Array(5);
	const u: fe = new BigUint64Array(5);
	const v: fe = new BigUint64Array(5);

	fe_add(s, z3, z2); /* DA + CB */
	fe_sub(u, z3, z2); /* DA - CB */
	fe_mul(x2, t1, t0); /* x_2 = AA * BB */
	fe_sub(e, t1, t0); /* E = AA - BB */
	fe_sq(u, u); /* (DA - CB)^2 */
	fe_mul121666(v, e); /* 121666 E */
	fe_sq(x3, s); /* x_3 = (DA + CB)^2 */
	fe_add(v, t0, v); /* BB + 121666 E */
	fe_mul(z3, x1, u); /* z_3 = x_1 * (DA - CB)^2 */
	fe_mul(z2, e, v); /* z_2 = E * (BB + 121666 E) = E * (AA + a24 E) */
}

/**
 * (x2 : z2) = 2 (x2 : z2): the doubling half of the ladder step alone (RFC 7748 5's AA, BB, E, x_2,
 * z_2), for the steps whose sum half nothing reads. In: tight. Out: tight.
 */
function curve25519_double(x2: fe, z2: fe): void {
	const a: fe = new BigUint64Array(5);
	const b: fe = new BigUint64Array(5);
	const e: fe = new BigUint64Array(5);

	fe_add(a, x2, z2); /* A */
	fe_sub(b, x2, z2); /* B */
	fe_sq(a, a); /* AA */
	fe_sq(b, b); /* BB */
	fe_mul(x2, a, b); /* x_2 = AA * BB */
	fe_sub(e, a, b); /* E = AA - BB */
	fe_mul121666(a, e); /* 121666 E */
	fe_add(a, b, a); /* BB + 121666 E */
	fe_mul(z2, e, a); /* z_2 = E * (BB + 121666 E) */
}

/**
 * RFC 7748 5: the Montgomery ladder over bits 254..0 of the scalar as decodeScalar25519 clamps it,
 * read straight from `secret` (no clamped copy on the stack), with conditional swaps by mask, from
 * the u-coordinate `u`; leaves the result as the fraction x2 / z2. The clamped bits are public and
 * fixed, so the ladder's two ends are written out for them:
 *   - bit 254 is set: from (1 : 0), (x_1 : 1) the first step swaps, doubles x_1 and adds x_1 to the
 *     point at infinity. So it starts at (x2 : z2) = 2 (x_1 : 1), (x3 : z3) = (x_1 : 1), swap = 1.
 *   - bits 2..0 are clear: after the swap that bit 3 leaves pending, the last three steps double
 *     (x2 : z2) and compute an x3 nothing reads, so they are three doublings.
 * That saves about 2.2 of 255 ladder steps' multiplications. A function of its own so that its five
 * field elements and curve25519()'s inversion do not share one stack frame (the kernel's frames are
 * small).
 */
function curve25519_ladder(x2: fe, z2: fe, secret: Uint8Array, u: Uint8Array): void {
	const x1: fe = new BigUint64Array(5);
	const x3: fe = new BigUint64Array(5);
	const z3: fe = new BigUint64Array(5);
	const t0: fe = new BigUint64Array(5);
	const t1: fe = new BigUint64Array(5);
	let swap: u32 = 1;
	let bit: u32;
	let pos: i32;

	fe_frombytes(x1, u);
	fe_copy(x2, x1);
	fe_1(z2);
	curve25519_double(x2, z2);
	fe_copy(x3, x1);
	fe_1(z3);

	for (pos = 253; pos >= 3; pos--) {
		/* the bit position is public; only the bit's value is secret, and it only feeds the masks */
		bit = (secret[pos >>> 3] >>> (pos & 7)) & 1;
		swap = (swap ^ bit) >>> 0;
		curve25519_ladder_step1(x2, z2, x3, z3, t0, t1, swap); /* swaps copies of x2, z2, x3, z3 */
		swap = bit;
		curve25519_ladder_step2(x2, z2, x3, z3, t0, t1, x1);
	}
	fe_cswap(x2, x3, swap);
	fe_cswap(z2, z3, swap);
	curve25519_double(x2, z2);
	curve25519_double(x2, z2);
	curve25519_double(x2, z2);

	explicit_bzero(x1, FE_BYTES);
	explicit_bzero(x3, FE_BYTES);
	explicit_bzero(z3, FE_BYTES);
	explicit_bzero(t0, FE_BYTES);
	explicit_bzero(t1, FE_BYTES);
}

/**
 * RFC 7748 5: mypublic = X25519(secret, basepoint). Returns false when the result is all zeros (a
 * low-order input point), which WireGuard must reject; the output is written either way.
 */
export function curve25519(mypublic: Uint8Array, secret: Uint8Array, basepoint: Uint8Array): boolean {
	const x2: fe = new BigUint64Array(5);
	const z2: fe = new BigUint64Array(5);
	let zero: i32;

	curve25519_ladder(x2, z2, secret, basepoint);

	/* RFC 7748 5: return x_2 * z_2^(p - 2) */
	fe_invert(z2, z2);
	fe_mul(x2, x2, z2);
	fe_tobytes(mypublic, x2);

	explicit_bzero(x2, FE_BYTES);
	explicit_bzero(z2, FE_BYTES);

	zero = timingsafe_bcmp(mypublic, CURVE25519_ZERO, CURVE25519_KEY_SIZE);
	return zero !== 0;
}

/** RFC 7748 6.1: the public key is X25519(secret, 9). */
export function curve25519_generate_public(pub: Uint8Array, secret: Uint8Array): boolean {
	return curve25519(pub, secret, CURVE25519_BASEPOINT);
}
