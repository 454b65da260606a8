/*
 * The benchmark runs (quick mode) and reports every ratio the issue names. No timing is asserted:
 * speed goals live in `npx wgup bench crypto`, not in tests.
 */
import { RATIOS, runCryptoBench } from '../src';

it('wgup bench crypto (quick) compiles against libsodium and OpenSSL and reports every ratio', async () => {
	const lines: string[] = [];
	const r = await runCryptoBench({ quick: true, log: (l) => lines.push(l) });
	expect(r.bench).toBe('crypto');
	for (const name of ['chacha20poly1305_1420_vs_libsodium', 'chacha20poly1305_64_vs_libsodium', 'x25519_vs_libsodium', 'x25519_32bit_vs_libsodium', 'blake2s_1420_vs_openssl']) {
		expect(Object.keys(RATIOS)).toContain(name);
	}
	/* what --json prints survives JSON (a NaN or Infinity would not); every ratio is baseline ns / our ns from raw */
	const json = JSON.parse(JSON.stringify({ bench: r.bench, ratios: r.ratios, raw: r.raw }));
	expect(Object.keys(json.ratios).sort()).toEqual(Object.keys(RATIOS).sort());
	for (const [name, [ours, base]] of Object.entries(RATIOS)) {
		expect({ name, ours: json.raw[ours], base: json.raw[base] }).toEqual({ name, ours: expect.any(Number), base: expect.any(Number) });
		expect({ name, ratio: json.ratios[name] }).toEqual({ name, ratio: Math.round((json.raw[base] / json.raw[ours]) * 100) / 100 });
	}
	expect(r.table.split('\n')).toHaveLength(Object.keys(RATIOS).length + 1);
	expect(lines.length).toBeGreaterThan(0);
}, 300_000);
