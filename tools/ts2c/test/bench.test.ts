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
		expect(r.ratios[name]).toBeGreaterThan(0);
	}
	expect(r.table.split('\n')).toHaveLength(Object.keys(RATIOS).length + 1);
	expect(lines.length).toBeGreaterThan(0);
}, 300_000);
