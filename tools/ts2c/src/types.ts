/*
 * The subset's types as ts2c sees them, their C spelling and the range of values each holds in
 * TypeScript. Ranges are what the closure check (translate.ts) compares against: a u32 variable must
 * only ever receive a value in [0, 2^32), so TS and C agree on the number.
 */

export type Scalar = 'u8' | 'u16' | 'u32' | 'i32' | 'int' | 'size_t' | 'u64' | 'u128' | 'bool';
export type Elem = 'u8' | 'u32' | 'u64';

export type TT =
	| { readonly k: 'scalar'; readonly s: Scalar }
	| { readonly k: 'void' }
	/** a typed array: a pointer parameter, a local array, a table or an array field */
	| { readonly k: 'ptr'; readonly elem: Elem }
	| { readonly k: 'struct'; readonly name: string };

export const scalar = (s: Scalar): TT => ({ k: 'scalar', s });

export const C_SCALAR: Readonly<Record<Scalar, string>> = {
	u8: 'uint8_t',
	u16: 'uint16_t',
	u32: 'uint32_t',
	i32: 'int32_t',
	int: 'int',
	size_t: 'size_t',
	u64: 'uint64_t',
	u128: 'uint128_t',
	bool: 'bool',
};

export const ARRAY_ELEM: Readonly<Record<string, Elem>> = {
	Uint8Array: 'u8',
	Uint32Array: 'u32',
	BigUint64Array: 'u64',
};

/** TS type names the subset accepts, and what they mean. */
export const TYPE_NAMES: Readonly<Record<string, TT>> = {
	u8: scalar('u8'),
	u16: scalar('u16'),
	u32: scalar('u32'),
	i32: scalar('i32'),
	size_t: scalar('size_t'),
	u64: scalar('u64'),
	u128: scalar('u128'),
	errno_t: scalar('int'),
	number: scalar('int'),
	boolean: scalar('bool'),
	void: { k: 'void' },
	Uint8Array: { k: 'ptr', elem: 'u8' },
	Uint32Array: { k: 'ptr', elem: 'u32' },
	BigUint64Array: { k: 'ptr', elem: 'u64' },
};

export type Range = readonly [bigint, bigint];

const P = (n: number): bigint => 1n << BigInt(n);

/**
 * The values a variable of each type holds. size_t is a JS number carrying lengths and offsets of one
 * packet or key: the subset takes them below 2^32, so a length may be passed where a u32 is expected,
 * and offset arithmetic (which is only checked for exactness) stays far from 2^53.
 */
export const TYPE_RANGE: Readonly<Record<Scalar, Range>> = {
	u8: [0n, P(8) - 1n],
	u16: [0n, P(16) - 1n],
	u32: [0n, P(32) - 1n],
	i32: [-P(31), P(31) - 1n],
	int: [-P(31), P(31) - 1n],
	size_t: [0n, P(32) - 1n],
	u64: [0n, P(64) - 1n],
	u128: [0n, P(128) - 1n],
	bool: [0n, 1n],
};

export const SIGNED32: Range = TYPE_RANGE.i32;
export const UINT32: Range = TYPE_RANGE.u32;
/** |x| < 2^53: a JS number holds it exactly */
export const EXACT: Range = [-(P(53) - 1n), P(53) - 1n];

export const isBig = (s: Scalar): boolean => s === 'u64' || s === 'u128';

export function within(r: Range, outer: Range): boolean {
	return r[0] >= outer[0] && r[1] <= outer[1];
}

export function bitsFor(hi: bigint): number {
	return hi <= 0n ? 0 : hi.toString(2).length;
}

/** The C type of an arithmetic result: C's integer promotions and usual arithmetic conversions. */
export function arith(a: Scalar, b: Scalar): Scalar {
	if (isBig(a) || isBig(b)) return a === 'u128' || b === 'u128' ? 'u128' : 'u64';
	if (a === 'size_t' || b === 'size_t') return 'size_t';
	if (a === 'u32' || b === 'u32') return 'u32';
	return 'int';
}

/** The promoted type of one operand (u8/u16/bool become int). */
export function promote(a: Scalar): Scalar {
	return a === 'u8' || a === 'u16' || a === 'bool' || a === 'i32' ? 'int' : a;
}

export function typeName(t: TT): string {
	switch (t.k) {
		case 'scalar':
			return t.s;
		case 'void':
			return 'void';
		case 'ptr':
			return t.elem === 'u8' ? 'Uint8Array' : t.elem === 'u32' ? 'Uint32Array' : 'BigUint64Array';
		case 'struct':
			return t.name;
	}
}
