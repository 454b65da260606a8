/*
 * What ts2c knows about each @wgup/prelude helper: its parameter and result types, which pointer
 * arguments it writes through (for const inference), the range of its result, and how a call prints
 * as C. The printed forms are the PRELUDE_C spellings; a test holds the two in step.
 */
import { PRELUDE_C } from '@wgup/prelude';
import { bin, call, cast, id, type CExpr } from './c-ast';
import { scalar, TYPE_RANGE, type Range, type TT } from './types';

export type PreludeParam = TT | 'anyptr' | 'big';

export interface PreludeHelper {
	readonly params: readonly PreludeParam[];
	readonly ret: TT;
	/** argument indices where only the low 32 bits matter (the TS body wraps them itself) */
	readonly mod32?: readonly number[];
	/** argument indices written through */
	readonly writes?: readonly number[];
	readonly range?: (args: readonly Range[]) => Range;
	readonly build: (args: readonly CExpr[]) => CExpr;
}

const U32 = scalar('u32');
const U64 = scalar('u64');
const U128 = scalar('u128');
const SIZE = scalar('size_t');
const INT = scalar('int');
const BYTES: TT = { k: 'ptr', elem: 'u8' };
const VOID: TT = { k: 'void' };

/** `p + off`, or just `p` when the offset is the literal 0 */
function at(p: CExpr, off: CExpr): CExpr {
	return off.k === 'lit' && off.text === '0' ? p : bin('+', p, off);
}

export const PRELUDE_HELPERS: Readonly<Record<string, PreludeHelper>> = {
	add32: { params: [U32, U32], ret: U32, mod32: [0, 1], build: ([a, b]) => bin('+', a, b) },
	sub32: { params: [U32, U32], ret: U32, mod32: [0, 1], build: ([a, b]) => bin('-', a, b) },
	mul32: { params: [U32, U32], ret: U32, mod32: [0, 1], build: ([a, b]) => bin('*', a, b) },
	rotl32: { params: [U32, INT], ret: U32, mod32: [0], build: ([x, n]) => call('rotl32', x, n) },
	rotr32: { params: [U32, INT], ret: U32, mod32: [0], build: ([x, n]) => call('rotr32', x, n) },
	wrap64: { params: ['big'], ret: U64, build: ([x]) => x },
	u64_from: { params: [SIZE], ret: U64, range: ([r]) => r, build: ([x]) => cast('uint64_t', x) },
	lo32: { params: ['big'], ret: U32, build: ([x]) => cast('uint32_t', x) },
	mul64x64: { params: [U64, U64], ret: U128, range: ([a, b]) => [a[0] * b[0], a[1] * b[1]], build: ([a, b]) => bin('*', cast('uint128_t', a), b) },
	mul32x32: { params: [U32, U32], ret: U64, range: ([a, b]) => [a[0] * b[0], a[1] * b[1]], build: ([a, b]) => bin('*', cast('uint64_t', a), b) },
	lo64: { params: ['big'], ret: U64, build: ([x]) => cast('uint64_t', x) },
	u128_from: { params: [U64], ret: U128, range: ([r]) => r, build: ([x]) => cast('uint128_t', x) },
	add128: { params: [U128, U128], ret: U128, build: ([a, b]) => bin('+', a, b) },
	sub128: { params: [U128, U128], ret: U128, build: ([a, b]) => bin('-', a, b) },
	sar64: { params: [U64, INT], ret: U64, build: ([x, n]) => call('sar64', x, n) },
	sar128: { params: [U128, INT], ret: U128, build: ([x, n]) => call('sar128', x, n) },
	smul64: { params: [U64, U64], ret: U128, build: ([a, b]) => call('smul64', a, b) },
	carry128: { params: [U128, U128], ret: U64, range: () => [0n, 1n], build: ([s, b]) => cast('uint64_t', bin('<', s, b)) },
	load32_le: { params: [BYTES, SIZE], ret: U32, build: ([p, o]) => call('le32dec', at(p, o)) },
	store32_le: { params: [BYTES, SIZE, U32], ret: VOID, mod32: [2], writes: [0], build: ([p, o, v]) => call('le32enc', at(p, o), v) },
	load64_le: { params: [BYTES, SIZE], ret: U64, build: ([p, o]) => call('le64dec', at(p, o)) },
	store64_le: { params: [BYTES, SIZE, U64], ret: VOID, writes: [0], build: ([p, o, v]) => call('le64enc', at(p, o), v) },
	memcpy: { params: ['anyptr', 'anyptr', SIZE], ret: VOID, writes: [0], build: ([d, s, n]) => call('memcpy', d, s, n) },
	memzero: { params: ['anyptr', SIZE], ret: VOID, writes: [0], build: ([d, n]) => call('memset', d, id('0'), n) },
	explicit_bzero: { params: ['anyptr', SIZE], ret: VOID, writes: [0], build: ([d, n]) => call('explicit_bzero', d, n) },
	timingsafe_bcmp: { params: [BYTES, BYTES, SIZE], ret: INT, range: () => [0n, 1n], build: ([a, b, n]) => call('timingsafe_bcmp', a, b, n) },
};

/** Prelude values that are not functions: FreeBSD's errno numbers, spelled as the kernel's macros. */
export const PRELUDE_CONSTANTS: Readonly<Record<string, Range>> = {
	ENOMEM: [12n, 12n],
	EINVAL: [22n, 22n],
	EMSGSIZE: [40n, 40n],
	EBADMSG: [89n, 89n],
};

/** The static inline definitions a unit must carry for the helpers it uses (rotl32, sar64, ...). */
export function inlineDefinition(name: string): string | undefined {
	return PRELUDE_C[name]?.inline;
}

/** Whether a helper's inline definition needs unsigned __int128 (it is printed inside that arm). */
export function inlineNeedsInt128(name: string): boolean {
	return PRELUDE_C[name]?.int128 === true;
}

export const DEFAULT_RESULT_RANGE = (t: TT): Range => (t.k === 'scalar' ? TYPE_RANGE[t.s] : [0n, 0n]);
