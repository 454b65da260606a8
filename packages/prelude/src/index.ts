/*
 * The prelude of the C-able TypeScript subset.
 *
 * Reference code in packages/ (the crypto first of all) is ordinary TypeScript that runs under jest,
 * written so that tools/ts2c can print every construct as one obvious piece of C. This module holds the
 * vocabulary both sides agree on:
 *
 *  - fixed-width integer aliases. u8/u16/u32/i32/size_t are JS numbers that always hold the exact value
 *    the C variable would hold; u64 and u128 are bigints for the same reason (a double cannot carry 64
 *    bits). The alias names are what ts2c reads, so `x: u32` becomes `uint32_t x`.
 *  - helpers whose TS body computes exactly what their C spelling (PRELUDE_C below) computes. The
 *    reference imports them at run time; ts2c never translates their bodies, it prints the spelling.
 *
 * Wrap-around is always explicit: a u32 sum is closed with `>>> 0` (or `add32`), a u64 sum with
 * `wrap64`, so the TS value and the C value are the same number. ts2c rejects an unclosed u32 result
 * that could exceed 32 bits.
 */

/* ---- Integer aliases ---------------------------------------------------------------------------- */

/** uint8_t */
export type u8 = number;
/** uint16_t */
export type u16 = number;
/** uint32_t */
export type u32 = number;
/** int32_t; also C `int` for errno values and comparison results */
export type i32 = number;
/** size_t: lengths, offsets and indices */
export type size_t = number;
/** uint64_t, carried as a bigint in [0, 2^64) */
export type u64 = bigint;
/** unsigned __int128 (64-bit targets only; the 32-bit fallback must not use it), a bigint in [0, 2^128) */
export type u128 = bigint;
/** C `int` holding an errno value (0 for success) */
export type errno_t = number;

/*
 * Pointers are typed arrays: Uint8Array is `uint8_t *`, Uint32Array is `uint32_t *`, BigUint64Array is
 * `uint64_t *`. `p.subarray(off)` (one argument) is `p + off`. A parameter the function never writes
 * through is printed `const`.
 */

/* ---- errno values (FreeBSD's, sys/sys/errno.h) -------------------------------------------------- */

export const ENOMEM = 12;
export const EINVAL = 22;
export const EMSGSIZE = 40;
export const EBADMSG = 89;

/* ---- u32 arithmetic ------------------------------------------------------------------------------ */

const U32_MASK64 = 0xffffffffn;
const U64_MASK = 0xffffffffffffffffn;
const U128_MASK = (1n << 128n) - 1n;

/** (a + b) mod 2^32 */
export function add32(a: u32, b: u32): u32 {
	return (a + b) >>> 0;
}

/** (a - b) mod 2^32 */
export function sub32(a: u32, b: u32): u32 {
	return (a - b) >>> 0;
}

/** (a * b) mod 2^32; Math.imul keeps the low 32 bits exactly, as C's uint32_t multiply does */
export function mul32(a: u32, b: u32): u32 {
	return Math.imul(a, b) >>> 0;
}

/** Rotate left by n, 0 < n < 32 (both C spellings are undefined at n == 0 or 32, so the subset forbids it). */
export function rotl32(x: u32, n: number): u32 {
	return ((x << n) | (x >>> (32 - n))) >>> 0;
}

/** Rotate right by n, 0 < n < 32. */
export function rotr32(x: u32, n: number): u32 {
	return ((x >>> n) | (x << (32 - n))) >>> 0;
}

/* ---- u64 / u128 arithmetic (bigint carriers) ------------------------------------------------------ */

/** Reduce modulo 2^64: what assigning to a uint64_t does in C. */
export function wrap64(x: bigint): u64 {
	return x & U64_MASK;
}

/** Widen a u32 (or any exact non-negative number below 2^53) to u64: `(uint64_t)x`. */
export function u64_from(x: u32): u64 {
	return BigInt(x);
}

/** Low 32 bits of a u64 or u128: `(uint32_t)x`. */
export function lo32(x: bigint): u32 {
	return Number(x & U32_MASK64);
}

/** Full 64x64 -> 128-bit product: `(unsigned __int128)a * b`. */
export function mul64x64(a: u64, b: u64): u128 {
	return a * b;
}

/** Full 32x32 -> 64-bit product: `(uint64_t)a * b` (the 32-bit fallbacks' only wide multiply). */
export function mul32x32(a: u32, b: u32): u64 {
	return BigInt(a) * BigInt(b);
}

/** Low 64 bits of a u128: `(uint64_t)x`. */
export function lo64(x: u128): u64 {
	return x & U64_MASK;
}

/** Widen a u64 to u128: `(uint128_t)x` (so that `u128_from(hi) << 64n` is a 128-bit shift in C too). */
export function u128_from(x: u64): u128 {
	return x;
}

/** Sum modulo 2^128: what `a + b` on two unsigned __int128 gives in C. */
export function add128(a: u128, b: u128): u128 {
	return (a + b) & U128_MASK;
}

/**
 * The carry out of `sum = add128(a, b)`, given sum and b: 1 when the addition wrapped, i.e. sum < b.
 * C: `(uint64_t)(sum < b)`, which gcc and clang compile to the add's carry flag (adc/setc on amd64,
 * adcs/cset on arm64, sltu on riscv), not to a branch; the ctgrind test runs the code that uses it.
 */
export function carry128(sum: u128, b: u128): u64 {
	return sum < b ? 1n : 0n;
}

/* ---- Signed views of u64 / u128 (two's complement) ------------------------------------------------- */

/*
 * Code that needs signed 64- and 128-bit numbers (the divsteps inversion in fe51.ts) keeps them in
 * u64 and u128 variables as their two's complement bit patterns: -1 is 2^64 - 1. Addition,
 * subtraction, negation, multiplication modulo 2^64 and the bit operations give the same bits either
 * way, so they stay ordinary (wrap64-closed) u64 arithmetic. Only the operations below read the
 * pattern as signed; each is one cast in C (int64_t and __int128 are two's complement with gcc and
 * clang, and >> of a negative value is arithmetic, which the kernel relies on elsewhere too).
 */

/** x read as int64_t, shifted right arithmetically by n (0 <= n < 64): `(int64_t)x >> n`. */
export function sar64(x: u64, n: number): u64 {
	return BigInt.asUintN(64, BigInt.asIntN(64, x) >> BigInt(n));
}

/** x read as __int128, shifted right arithmetically by n (0 <= n < 128). */
export function sar128(x: u128, n: number): u128 {
	return BigInt.asUintN(128, BigInt.asIntN(128, x) >> BigInt(n));
}

/** The full product of a and b read as int64_t, as a 128-bit pattern: `(__int128)(int64_t)a * (int64_t)b`. */
export function smul64(a: u64, b: u64): u128 {
	return BigInt.asUintN(128, BigInt.asIntN(64, a) * BigInt.asIntN(64, b));
}

/** Difference modulo 2^128: what `a - b` on two unsigned __int128 gives in C. */
export function sub128(a: u128, b: u128): u128 {
	return (a - b) & U128_MASK;
}

/* ---- Little-endian loads and stores (FreeBSD sys/endian.h) ---------------------------------------- */

/** le32dec(p + off) */
export function load32_le(p: Uint8Array, off: size_t): u32 {
	return (p[off] | (p[off + 1] << 8) | (p[off + 2] << 16) | (p[off + 3] << 24)) >>> 0;
}

/** le32enc(p + off, v) */
export function store32_le(p: Uint8Array, off: size_t, v: u32): void {
	p[off] = v & 0xff;
	p[off + 1] = (v >>> 8) & 0xff;
	p[off + 2] = (v >>> 16) & 0xff;
	p[off + 3] = (v >>> 24) & 0xff;
}

/** le64dec(p + off) */
export function load64_le(p: Uint8Array, off: size_t): u64 {
	return (BigInt(load32_le(p, off + 4)) << 32n) | BigInt(load32_le(p, off));
}

/** le64enc(p + off, v) */
export function store64_le(p: Uint8Array, off: size_t, v: u64): void {
	store32_le(p, off, Number(v & U32_MASK64));
	store32_le(p, off + 4, Number((v >> 32n) & U32_MASK64));
}

/* ---- Memory (sys/systm.h) ------------------------------------------------------------------------ */

type Words = Uint8Array | Uint32Array | BigUint64Array;

/** memcpy(dst, src, n): n bytes; both arrays must have the same element type. */
export function memcpy<T extends Words>(dst: T, src: T, n: size_t): void {
	const count = n / dst.BYTES_PER_ELEMENT;
	for (let i = 0; i < count; i++) dst[i] = src[i];
}

/** memset(dst, 0, n) for n bytes. Not for secrets: the compiler may drop it, use explicit_bzero. */
export function memzero(dst: Words, n: size_t): void {
	const count = n / dst.BYTES_PER_ELEMENT;
	if (dst instanceof BigUint64Array) dst.fill(0n, 0, count);
	else dst.fill(0, 0, count);
}

/** explicit_bzero(p, n): wipe n bytes of secret state; the C compiler may not elide it. */
export function explicit_bzero(dst: Words, n: size_t): void {
	memzero(dst, n);
}

/**
 * timingsafe_bcmp(a, b, n): 0 when the first n bytes are equal, 1 otherwise, in time that depends on n
 * only. The TS body mirrors the C one (accumulate the XORs, no early exit) so the reference shows the
 * shape the kernel's function has; JS gives no timing guarantee, the C does.
 */
export function timingsafe_bcmp(a: Uint8Array, b: Uint8Array, n: size_t): i32 {
	let acc = 0;
	for (let i = 0; i < n; i++) acc |= a[i] ^ b[i];
	return acc === 0 ? 0 : 1;
}

/* ---- Assertions (sys/systm.h KASSERT) ------------------------------------------------------------ */

let invariants = true;

/**
 * Whether KASSERT stops on a false condition, as in a kernel built with `options INVARIANTS`
 * (the default here). Off, KASSERT does nothing, as in a production kernel, so the code after it
 * that refuses bad input can be tested too. Returns the previous setting.
 */
export function setInvariants(on: boolean): boolean {
	const prev = invariants;
	invariants = on;
	return prev;
}

/**
 * KASSERT(cond, ("%s: msg", __func__)): a panic (here an exception) when cond is false and
 * invariants are on. msg must be a string literal; ts2c prints it into the C message.
 */
export function KASSERT(cond: boolean, msg: string): void {
	if (invariants && !cond) throw new Error(`KASSERT failed: ${msg}`);
}

/* ---- The C spelling of each helper, for ts2c -------------------------------------------------------- */

/**
 * How ts2c prints a call to each prelude helper. `$0`, `$1`, ... are the printed arguments, already
 * parenthesised where precedence needs it. `header` names where the C function comes from; helpers
 * marked `inline` are emitted as static inline functions in the generated file itself.
 */
export interface PreludeSpelling {
	readonly c: string;
	readonly header?: '<sys/endian.h>' | '<sys/systm.h>';
	readonly inline?: string;
	/** the inline definition uses __int128: it goes inside the #ifdef __SIZEOF_INT128__ arm */
	readonly int128?: boolean;
}

export const PRELUDE_C: Readonly<Record<string, PreludeSpelling>> = {
	add32: { c: '$0 + $1' },
	sub32: { c: '$0 - $1' },
	mul32: { c: '$0 * $1' },
	rotl32: {
		c: 'rotl32($0, $1)',
		inline: 'static inline uint32_t\nrotl32(uint32_t x, int n)\n{\n\treturn ((x << n) | (x >> (32 - n)));\n}',
	},
	rotr32: {
		c: 'rotr32($0, $1)',
		inline: 'static inline uint32_t\nrotr32(uint32_t x, int n)\n{\n\treturn ((x >> n) | (x << (32 - n)));\n}',
	},
	wrap64: { c: '$0' },
	u64_from: { c: '(uint64_t)$0' },
	lo32: { c: '(uint32_t)$0' },
	mul64x64: { c: '(uint128_t)$0 * $1' },
	mul32x32: { c: '(uint64_t)$0 * $1' },
	lo64: { c: '(uint64_t)$0' },
	u128_from: { c: '(uint128_t)$0' },
	add128: { c: '$0 + $1' },
	carry128: { c: '(uint64_t)($0 < $1)' },
	sub128: { c: '$0 - $1' },
	sar64: {
		c: 'sar64($0, $1)',
		inline: 'static inline uint64_t\nsar64(uint64_t x, int n)\n{\n\treturn ((uint64_t)((int64_t)x >> n));\n}',
	},
	sar128: {
		c: 'sar128($0, $1)',
		inline: 'static inline uint128_t\nsar128(uint128_t x, int n)\n{\n\treturn ((uint128_t)((__int128)x >> n));\n}',
		int128: true,
	},
	smul64: {
		c: 'smul64($0, $1)',
		inline: 'static inline uint128_t\nsmul64(uint64_t a, uint64_t b)\n{\n\treturn ((uint128_t)((__int128)(int64_t)a * (int64_t)b));\n}',
		int128: true,
	},
	load32_le: { c: 'le32dec($0 + $1)', header: '<sys/endian.h>' },
	store32_le: { c: 'le32enc($0 + $1, $2)', header: '<sys/endian.h>' },
	load64_le: { c: 'le64dec($0 + $1)', header: '<sys/endian.h>' },
	store64_le: { c: 'le64enc($0 + $1, $2)', header: '<sys/endian.h>' },
	memcpy: { c: 'memcpy($0, $1, $2)', header: '<sys/systm.h>' },
	memzero: { c: 'memset($0, 0, $1)', header: '<sys/systm.h>' },
	explicit_bzero: { c: 'explicit_bzero($0, $1)', header: '<sys/systm.h>' },
	timingsafe_bcmp: { c: 'timingsafe_bcmp($0, $1, $2)', header: '<sys/systm.h>' },
	KASSERT: { c: 'KASSERT($0, ("%s: $1", __func__))', header: '<sys/systm.h>' },
};
