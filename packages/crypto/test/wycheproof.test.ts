/*
 * Every case of the shared Wycheproof files and the BLAKE2 KAT, through every backend's friendly API.
 * valid: seal gives ct||tag and open gives msg back. invalid: open fails (null) or, for a nonce or key
 * size the AEAD does not take, the call is rejected with a RangeError. (An 8-byte nonce is WireGuard's
 * counter form, which the API takes: Wycheproof marks those invalid, so they must fail to open.) acceptable (X25519): the result
 * matches, or is null when the expected shared secret is all zeros.
 */
import { AeadCase, BACKENDS, WycheproofFile, XdhCase, crypto, hex, loadVectors, toHex } from './helpers';
import type { Crypto } from '@wgup/crypto';

interface Kat {
	hash: string;
	in: string;
	key: string;
	out: string;
}

type Seal = (c: Crypto) => Crypto['chacha20poly1305Seal'];
type Open = (c: Crypto) => Crypto['chacha20poly1305Open'];

function aeadCases(file: string): AeadCase[] {
	return loadVectors<WycheproofFile<AeadCase>>(file).testGroups.flatMap((g) => g.tests);
}

function checkAead(c: Crypto, t: AeadCase, seal: Seal, open: Open, nonceLens: number[]): void {
	const key = hex(t.key);
	const iv = hex(t.iv);
	const msg = hex(t.msg);
	const aad = hex(t.aad);
	const sealed = hex(t.ct + t.tag);
	const label = `tcId ${t.tcId} (${t.comment || t.flags.join(',')})`;
	if (key.length !== 32 || !nonceLens.includes(iv.length)) {
		expect({ label, result: t.result }).toEqual({ label, result: 'invalid' });
		expect(() => open(c)(key, iv, sealed, aad)).toThrow(RangeError);
		expect(() => seal(c)(key, iv, msg, aad)).toThrow(RangeError);
		return;
	}
	if (t.result === 'valid') {
		expect({ label, sealed: toHex(seal(c)(key, iv, msg, aad)) }).toEqual({ label, sealed: t.ct + t.tag });
		expect({ label, opened: toHex(open(c)(key, iv, sealed, aad)) }).toEqual({ label, opened: t.msg });
	} else {
		expect({ label, opened: open(c)(key, iv, sealed, aad) }).toEqual({ label, opened: null });
	}
}

describe.each(BACKENDS)('%s backend: Wycheproof and KAT', (backend) => {
	const c = crypto(backend);

	test('chacha20_poly1305_test.json, every case', () => {
		const cases = aeadCases('wycheproof/chacha20_poly1305_test.json');
		expect(cases.length).toBe(325);
		for (const t of cases) checkAead(c, t, (x) => x.chacha20poly1305Seal, (x) => x.chacha20poly1305Open, [8, 12]);
	});

	test('xchacha20_poly1305_test.json, every case', () => {
		const cases = aeadCases('wycheproof/xchacha20_poly1305_test.json');
		expect(cases.length).toBe(315);
		for (const t of cases) checkAead(c, t, (x) => x.xchacha20poly1305Seal, (x) => x.xchacha20poly1305Open, [24]);
	});

	test('x25519_test.json, every case', () => {
		const cases = loadVectors<WycheproofFile<XdhCase>>('wycheproof/x25519_test.json').testGroups.flatMap((g) => g.tests);
		expect(cases.length).toBe(518);
		for (const t of cases) {
			const label = `tcId ${t.tcId} (${t.comment || t.flags.join(',')})`;
			const priv = hex(t.private);
			const pub = hex(t.public);
			if (priv.length !== 32 || pub.length !== 32) {
				expect(() => c.x25519(priv, pub)).toThrow(RangeError);
				continue;
			}
			const zero = /^(00)+$/.test(t.shared);
			/* invalid X25519 cases would need a result other than the RFC function's; there are none here */
			expect({ label, result: t.result === 'invalid' ? 'invalid' : 'ok' }).toEqual({ label, result: 'ok' });
			expect({ label, shared: toHex(c.x25519(priv, pub)) }).toEqual({ label, shared: zero ? null : t.shared });
		}
	});

	test('blake2s-kat.json, every case (unkeyed and keyed)', () => {
		const kat = loadVectors<Kat[]>('blake2/blake2s-kat.json').filter((k) => k.hash === 'blake2s');
		expect(kat.length).toBe(512);
		for (const k of kat) {
			const key = hex(k.key);
			const got = toHex(c.blake2s(hex(k.in), key.length ? { key } : {}));
			expect({ in: k.in, key: k.key, out: got }).toEqual({ in: k.in, key: k.key, out: k.out });
		}
	});
});
