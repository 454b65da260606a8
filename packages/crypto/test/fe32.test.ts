/*
 * The 32-bit field arithmetic (fe32.ts, ten 26/25-bit limbs) agrees with the 64-bit one (fe51.ts, five
 * 51-bit limbs) on every exported operation, for random inputs and edge values (0, 1, p - 1, p,
 * p + 1, 2^255 - 1, values with all limbs saturated). Elements are compared as encoded bytes, the only
 * form the two share. The X25519 ladder runs over fe51 here; the C tests prove the 32-bit build.
 */
import * as f32 from '../src/ref/fe32';
import * as f51 from '../src/ref/fe51';
import { forRandomCases, LONG, Rng } from './helpers';

const P = (1n << 255n) - 19n;

function leBytes(v: bigint): Uint8Array {
	const out = new Uint8Array(32);
	for (let i = 0; i < 32; i++) out[i] = Number((v >> BigInt(8 * i)) & 0xffn);
	return out;
}

function toBig(b: Uint8Array): bigint {
	let v = 0n;
	for (let i = 31; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
	return v;
}

const EDGES = [0n, 1n, 2n, 19n, P - 1n, P, P + 1n, P + 18n, (1n << 255n) - 1n, (1n << 254n), (1n << 51n) - 1n, 121665n]
	.map(leBytes);

function sample(rng: Rng): Uint8Array {
	const pick = rng.below(8);
	if (pick === 0) return EDGES[rng.below(EDGES.length)];
	const b = rng.bytes(32);
	if (pick === 1) b.fill(0xff, 0, 1 + rng.below(32));
	return b;
}

/* Run one op on both representations from the same encoded inputs; return both encodings. */
function both(op: string, a: Uint8Array, b: Uint8Array, bit = 0): [Uint8Array, Uint8Array] {
	const x32 = new Uint32Array(10), y32 = new Uint32Array(10), h32 = new Uint32Array(10);
	const x51 = new BigUint64Array(5), y51 = new BigUint64Array(5), h51 = new BigUint64Array(5);
	f32.fe_frombytes(x32, a);
	f32.fe_frombytes(y32, b);
	f51.fe_frombytes(x51, a);
	f51.fe_frombytes(y51, b);
	switch (op) {
		case 'add': f32.fe_add(h32, x32, y32); f51.fe_add(h51, x51, y51); break;
		case 'sub': f32.fe_sub(h32, x32, y32); f51.fe_sub(h51, x51, y51); break;
		case 'mul': f32.fe_mul(h32, x32, y32); f51.fe_mul(h51, x51, y51); break;
		case 'sq': f32.fe_sq(h32, x32); f51.fe_sq(h51, x51); break;
		case 'mul121666': f32.fe_mul121666(h32, x32); f51.fe_mul121666(h51, x51); break;
		case 'invert': f32.fe_invert(h32, x32); f51.fe_invert(h51, x51); break;
		case 'copy': f32.fe_copy(h32, x32); f51.fe_copy(h51, x51); break;
		case '0': f32.fe_0(h32); f51.fe_0(h51); break;
		case '1': f32.fe_1(h32); f51.fe_1(h51); break;
		case 'cswap':
			f32.fe_cswap(x32, y32, bit); f51.fe_cswap(x51, y51, bit);
			f32.fe_copy(h32, x32); f51.fe_copy(h51, x51);
			break;
		/* chains: limbs that are outputs of one op feed the next, where bounds matter */
		case 'chain':
			f32.fe_sub(h32, x32, y32); f32.fe_sq(h32, h32); f32.fe_add(h32, h32, x32); f32.fe_mul(h32, h32, y32);
			f32.fe_mul121666(h32, h32); f32.fe_sub(h32, y32, h32);
			f51.fe_sub(h51, x51, y51); f51.fe_sq(h51, h51); f51.fe_add(h51, h51, x51); f51.fe_mul(h51, h51, y51);
			f51.fe_mul121666(h51, h51); f51.fe_sub(h51, y51, h51);
			break;
		default: throw new Error(op);
	}
	const o32 = new Uint8Array(32), o51 = new Uint8Array(32);
	f32.fe_tobytes(o32, h32);
	f51.fe_tobytes(o51, h51);
	return [o32, o51];
}

/* The expected value of each op, by bigint arithmetic mod p (an oracle independent of both). */
function expected(op: string, a: Uint8Array, b: Uint8Array, bit = 0): bigint {
	const x = toBig(a) & ((1n << 255n) - 1n);
	const y = toBig(b) & ((1n << 255n) - 1n);
	const mod = (v: bigint) => ((v % P) + P) % P;
	const pow = (base: bigint, e: bigint) => {
		let r = 1n;
		base = mod(base);
		while (e > 0n) {
			if (e & 1n) r = (r * base) % P;
			base = (base * base) % P;
			e >>= 1n;
		}
		return r;
	};
	switch (op) {
		case 'add': return mod(x + y);
		case 'sub': return mod(x - y);
		case 'mul': return mod(x * y);
		case 'sq': return mod(x * x);
		case 'mul121666': return mod(x * 121666n);
		case 'invert': return pow(x, P - 2n);
		case 'copy': return mod(x);
		case '0': return 0n;
		case '1': return 1n;
		case 'cswap': return mod(bit ? y : x);
		case 'chain': {
			const t = mod(mod(mod((x - y) ** 2n) + x) * y) * 121666n;
			return mod(y - t);
		}
		default: throw new Error(op);
	}
}

const OPS = ['add', 'sub', 'mul', 'sq', 'mul121666', 'copy', '0', '1', 'cswap', 'chain', 'invert'];

describe.each(OPS)('fe_%s', (op) => {
	test('fe32 = fe51 = bigint mod p, canonical encoding', () => {
		const count = op === 'invert' ? (LONG ? 10_000 : 150) : (LONG ? 200_000 : 2_000);
		forRandomCases(`fe_${op}`, count, (rng) => {
			const a = sample(rng);
			const b = sample(rng);
			const bit = rng.below(2);
			const [o32, o51] = both(op, a, b, bit);
			const want = leBytes(expected(op, a, b, bit));
			expect({ op, a: Buffer.from(a).toString('hex'), b: Buffer.from(b).toString('hex'), fe32: Buffer.from(o32).toString('hex') })
				.toEqual({ op, a: Buffer.from(a).toString('hex'), b: Buffer.from(b).toString('hex'), fe32: Buffer.from(want).toString('hex') });
			expect(Buffer.from(o51).toString('hex')).toBe(Buffer.from(want).toString('hex'));
		});
	});
});

test('fe_tobytes is canonical: every value from p - 2 to 2^255 - 1 encodes below p', () => {
	for (let v = P - 2n; v < 1n << 255n; v++) {
		const [o32, o51] = both('copy', leBytes(v), leBytes(0n));
		expect(toBig(o32)).toBe(v % P);
		expect(toBig(o51)).toBe(v % P);
	}
});
