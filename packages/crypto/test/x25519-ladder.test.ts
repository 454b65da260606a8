/*
 * X25519 through the C interface and the RFC 7748 iteration: 5.2's iterated vector (1,000 iterations;
 * 1,000,000 with WGUP_LONG=1) on both backends, and curve25519's zero-result report.
 */
import { getCrypto } from '@wgup/crypto';
import { curve25519, curve25519_clamp_secret, curve25519_generate_public } from '../src/ref/x25519';
import { BACKENDS, LONG, hex, toHex } from './helpers';

jest.setTimeout(LONG ? 6 * 3600e3 : 600e3);

/* RFC 7748 5.2: k = u = 9; each round k' = X25519(k, u), u' = k. */
const AFTER_1 = '422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079';
const AFTER_1000 = '684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51';
const AFTER_1000000 = '7c3911e0ab2586fd864497297e575e6f3bc601c0883c30df5f4dd2d24f665424';

describe.each(BACKENDS)('%s backend: RFC 7748 5.2 iterated X25519', (backend) => {
	test(LONG ? '1, 1,000 and 1,000,000 iterations' : '1 and 1,000 iterations', () => {
		const c = getCrypto(backend);
		let k: Uint8Array = new Uint8Array(32);
		let u: Uint8Array = new Uint8Array(32);
		k[0] = 9;
		u[0] = 9;
		const last = LONG ? 1_000_000 : 1_000;
		for (let i = 1; i <= last; i++) {
			const next = c.x25519(k, u)!;
			u = k;
			k = next;
			if (i === 1) expect(toHex(k)).toBe(AFTER_1);
			if (i === 1000) expect(toHex(k)).toBe(AFTER_1000);
		}
		if (LONG) expect(toHex(k)).toBe(AFTER_1000000);
	});
});

describe('curve25519 (C interface)', () => {
	test('reports an all-zero result (low-order point) with false and zero output', () => {
		const out = new Uint8Array(32).fill(1);
		const secret = hex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
		expect(curve25519(out, secret, new Uint8Array(32))).toBe(false);
		expect(out).toEqual(new Uint8Array(32));
		/* u = 1 has order 4 on the curve: the clamped (multiple of 8) scalar sends it to zero */
		const one = new Uint8Array(32);
		one[0] = 1;
		expect(curve25519(out, secret, one)).toBe(false);
	});

	test('generate_public matches RFC 7748 6.1 and clamps internally without touching the secret', () => {
		const secret = hex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
		const copy = secret.slice();
		const pub = new Uint8Array(32);
		expect(curve25519_generate_public(pub, secret)).toBe(true);
		expect(toHex(pub)).toBe('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
		expect(secret).toEqual(copy);
	});

	test('curve25519_clamp_secret is RFC 7748 decodeScalar25519', () => {
		const s = new Uint8Array(32).fill(0xff);
		curve25519_clamp_secret(s);
		expect(s[0]).toBe(0xf8);
		expect(s[31]).toBe(0x7f);
		const z = new Uint8Array(32);
		curve25519_clamp_secret(z);
		expect(z[31]).toBe(0x40);
	});
});
