/*
 * fe51's inversion by divsteps (fe_invert) against bigint arithmetic: 1/x = x^(p - 2) mod p for loose
 * inputs (the outputs of fe_add and fe_sub, limbs up to 2^54, values up to about 2^257), for multiples
 * of p in several limb forms, and for inputs near the edges; and the output bound the callers rely on
 * (limbs 0..3 below 2^51, limb 4 below 2^53, so fe_mul may take it as a loose element).
 */
import * as f51 from '../src/ref/fe51';
import { forRandomCases, LONG, Rng } from './helpers';

const P = (1n << 255n) - 19n;
const MASK51 = (1n << 51n) - 1n;

const mod = (v: bigint): bigint => ((v % P) + P) % P;

function powMod(base: bigint, e: bigint): bigint {
	let r = 1n;
	base = mod(base);
	for (; e > 0n; e >>= 1n) {
		if (e & 1n) r = (r * base) % P;
		base = (base * base) % P;
	}
	return r;
}

function limbs(v: bigint): BigUint64Array {
	const h = new BigUint64Array(5);
	for (let i = 0; i < 5; i++) h[i] = (v >> BigInt(51 * i)) & MASK51;
	return h;
}

function value(h: BigUint64Array): bigint {
	let v = 0n;
	for (let i = 4; i >= 0; i--) v = (v << 51n) + h[i];
	return v;
}

function invertChecked(f: BigUint64Array): bigint {
	const x = value(f);
	const h = new BigUint64Array(5);
	f51.fe_invert(h, f);
	for (let i = 0; i < 4; i++) expect(h[i] < 1n << 51n).toBe(true);
	expect(h[4] < 1n << 53n).toBe(true);
	expect(mod(value(h))).toBe(powMod(x, P - 2n));
	return value(h);
}

function randomBelow(rng: Rng, bits: number): bigint {
	let v = 0n;
	for (const b of rng.bytes(Math.ceil(bits / 8))) v = (v << 8n) | BigInt(b);
	return v & ((1n << BigInt(bits)) - 1n);
}

describe('fe51 fe_invert (divsteps)', () => {
	test('edge values, as tight elements', () => {
		for (const v of [0n, 1n, 2n, 19n, P - 1n, P - 2n, (P + 1n) / 2n, 1n << 254n, (1n << 255n) - 20n, 121665n]) {
			const got = invertChecked(limbs(v));
			if (v === 0n) expect(mod(got)).toBe(0n);
			else expect(mod(got * v)).toBe(1n);
		}
	});

	test('multiples of p map to 0, in any limb form', () => {
		// p itself; p with one 2^204 moved from limb 4 into limb 3; 2p as a loose sum (fe_add)
		const p = limbs(P);
		const borrowed = new BigUint64Array(p);
		borrowed[4] -= 1n;
		borrowed[3] += 1n << 51n;
		const twice = new BigUint64Array(5);
		f51.fe_add(twice, p, p);
		const forms = [p, borrowed, twice];
		for (const f of forms) expect(mod(invertChecked(f))).toBe(0n);
	});

	test('loose inputs (fe_add, fe_sub of tight elements)', () => {
		forRandomCases('fe_invert loose', LONG ? 2000 : 200, (rng) => {
			const a = limbs(randomBelow(rng, 255));
			const b = limbs(randomBelow(rng, 255));
			const h = new BigUint64Array(5);
			if (rng.below(2) === 0) f51.fe_add(h, a, b);
			else f51.fe_sub(h, a, b);
			invertChecked(h);
		});
	});

	test('sparse and dense inputs', () => {
		forRandomCases('fe_invert sparse', LONG ? 1000 : 100, (rng) => {
			// long runs of ones or few set bits: the divsteps' odd/even pattern is at its least random
			const bits = rng.below(254) + 1;
			const v = rng.below(2) === 0 ? (1n << BigInt(bits)) - 1n : (1n << BigInt(bits)) | BigInt(rng.below(1 << 16));
			invertChecked(limbs(mod(v)));
		});
	});
});
