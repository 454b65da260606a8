import {
	add32, sub32, mul32, rotl32, rotr32, wrap64, u64_from, lo32, mul64x64, mul32x32, lo64, u128_from, add128, carry128,
	sar64, sar128, smul64, sub128, load32_le, store32_le, load64_le, store64_le, memcpy, memzero, explicit_bzero, timingsafe_bcmp, PRELUDE_C,
} from '../src';

describe('u32 helpers wrap exactly as uint32_t does', () => {
	test('add, sub and mul close at 2^32', () => {
		expect(add32(0xffffffff, 2)).toBe(1);
		expect(sub32(0, 1)).toBe(0xffffffff);
		expect(mul32(0xffffffff, 0xffffffff)).toBe(1);
		expect(mul32(0x12345678, 0x9abcdef0)).toBe(Number((0x12345678n * 0x9abcdef0n) & 0xffffffffn));
	});
	test('rotations agree with a bigint model for every amount', () => {
		const x = 0x80000001;
		for (let n = 1; n < 32; n++) {
			const big = BigInt(x);
			const l = Number(((big << BigInt(n)) | (big >> BigInt(32 - n))) & 0xffffffffn);
			expect(rotl32(x, n)).toBe(l);
			expect(rotr32(rotl32(x, n), n)).toBe(x);
		}
	});
});

describe('u64/u128 helpers', () => {
	test('wrap64 reduces modulo 2^64 and lo32/lo64 truncate', () => {
		expect(wrap64((1n << 64n) + 5n)).toBe(5n);
		expect(wrap64(-1n)).toBe(0xffffffffffffffffn);
		expect(lo32(0x1_2345_6789n)).toBe(0x23456789);
		expect(lo64(mul64x64(0xffffffffffffffffn, 0xffffffffffffffffn))).toBe(1n);
		expect(u64_from(0xffffffff)).toBe(0xffffffffn);
		expect(mul32x32(0xffffffff, 0xffffffff)).toBe(0xfffffffe00000001n);
	});
	test('add128 wraps at 2^128 and carry128 reports exactly the additions that wrapped', () => {
		const max = (1n << 128n) - 1n;
		expect(u128_from(0xffffffffffffffffn) << 64n).toBe(max - 0xffffffffffffffffn);
		const cases: [bigint, bigint][] = [[max, 1n], [max, max], [0n, 0n], [max, 0n], [1n << 127n, 1n << 127n], [(1n << 127n) - 1n, 1n << 127n], [5n, max - 5n], [6n, max - 5n]];
		for (const [a, b] of cases) {
			const s = add128(a, b);
			expect(s).toBe((a + b) % (1n << 128n));
			expect(carry128(s, b)).toBe(a + b > max ? 1n : 0n);
		}
	});
});

describe('signed views of u64/u128 patterns', () => {
	const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
	const u128 = (v: bigint): bigint => BigInt.asUintN(128, v);
	test('sar64 shifts in copies of bit 63, and zeros for a clear bit 63', () => {
		expect(sar64(u64(-1n), 63)).toBe(u64(-1n));
		expect(sar64(u64(-2n), 1)).toBe(u64(-1n));
		expect(sar64(u64(-(1n << 63n)), 62)).toBe(u64(-2n));
		expect(sar64((1n << 63n) - 1n, 62)).toBe(1n);
		expect(sar64(u64(-5n), 0)).toBe(u64(-5n));
		expect(sar64(0x8000000000000000n, 63)).toBe(0xffffffffffffffffn);
	});
	test('sar128 and sub128 wrap and shift as __int128 and unsigned __int128 do', () => {
		expect(sar128(u128(-(1n << 127n)), 127)).toBe(u128(-1n));
		expect(sar128(u128(-3n), 1)).toBe(u128(-2n));
		expect(sar128((1n << 126n) + 5n, 126)).toBe(1n);
		expect(sub128(0n, 1n)).toBe(u128(-1n));
		expect(sub128(5n, 3n)).toBe(2n);
	});
	test('smul64 is the exact signed product as a 128-bit pattern', () => {
		const min = u64(-(1n << 63n));
		expect(smul64(min, min)).toBe(1n << 126n);
		expect(smul64(min, (1n << 63n) - 1n)).toBe(u128(-(1n << 63n) * ((1n << 63n) - 1n)));
		expect(smul64(u64(-1n), u64(-1n))).toBe(1n);
		expect(smul64(u64(-19n), 3n)).toBe(u128(-57n));
		expect(smul64(0xffffffffffffffffn, 2n)).toBe(u128(-2n));
	});
});

describe('loads and stores are little-endian at any offset', () => {
	test('32- and 64-bit round trips', () => {
		const b = new Uint8Array(16);
		store32_le(b, 1, 0xa1b2c3d4);
		expect(Array.from(b.subarray(1, 5))).toEqual([0xd4, 0xc3, 0xb2, 0xa1]);
		expect(load32_le(b, 1)).toBe(0xa1b2c3d4);
		store64_le(b, 7, 0x0102030405060708n);
		expect(Array.from(b.subarray(7, 15))).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
		expect(load64_le(b, 7)).toBe(0x0102030405060708n);
	});
});

describe('memory helpers', () => {
	test('memcpy copies n bytes of words; memzero and explicit_bzero clear n bytes', () => {
		const a = new Uint32Array([1, 2, 3, 4]);
		const b = new Uint32Array(4);
		memcpy(b, a, 8);
		expect(Array.from(b)).toEqual([1, 2, 0, 0]);
		memzero(a, 4);
		expect(Array.from(a)).toEqual([0, 2, 3, 4]);
		const w = new BigUint64Array([5n, 6n]);
		explicit_bzero(w, 16);
		expect(Array.from(w)).toEqual([0n, 0n]);
	});
	test('timingsafe_bcmp reports any differing byte within n and ignores bytes past n', () => {
		const a = new Uint8Array([1, 2, 3, 4]);
		expect(timingsafe_bcmp(a, new Uint8Array([1, 2, 3, 4]), 4)).toBe(0);
		expect(timingsafe_bcmp(a, new Uint8Array([1, 2, 3, 5]), 4)).toBe(1);
		expect(timingsafe_bcmp(a, new Uint8Array([1, 2, 3, 5]), 3)).toBe(0);
	});
});

test('every exported helper has a C spelling', () => {
	const helpers = [add32, sub32, mul32, rotl32, rotr32, wrap64, u64_from, lo32, mul64x64, mul32x32, lo64, u128_from, add128, carry128, sar64, sar128,
		smul64, sub128, load32_le, store32_le, load64_le, store64_le, memcpy, memzero, explicit_bzero, timingsafe_bcmp];
	for (const f of helpers) expect(PRELUDE_C[f.name]).toBeDefined();
});
