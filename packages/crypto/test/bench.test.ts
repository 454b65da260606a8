/*
 * The crypto-ref benchmark runs (quick mode) and reports every ratio DESIGN.md's convention names.
 * No speed is asserted here: speed claims live in `npx wgup bench crypto-ref`.
 */
import { BENCH_SIZES, runCryptoRefBench } from '@wgup/crypto';

test('quick run reports fast_vs_reference ratios for every primitive and size, and a table', async () => {
	const lines: string[] = [];
	const r = await runCryptoRefBench({ quick: true, log: (l) => lines.push(l) });
	expect(r.bench).toBe('crypto-ref');
	const want = ['chacha20poly1305', 'xchacha20poly1305', 'blake2s'].flatMap((p) => BENCH_SIZES.map((s) => `fast_vs_reference_${p}_${s}`));
	expect(Object.keys(r.ratios).sort()).toEqual([...want, 'fast_vs_reference_x25519'].sort());
	/* what --json prints survives JSON (a NaN or Infinity would not); every ratio is reference ns / fast ns from raw */
	const json = JSON.parse(JSON.stringify({ bench: r.bench, ratios: r.ratios, raw: r.raw }));
	for (const [name, v] of Object.entries(json.ratios as Record<string, number>)) {
		const label = name.replace('fast_vs_reference_', '');
		const [ref, fast] = [json.raw.reference[label], json.raw.fast[label]];
		expect({ name, ref, fast }).toEqual({ name, ref: expect.any(Number), fast: expect.any(Number) });
		expect({ name, v }).toEqual({ name, v: ref / fast });
	}
	expect(r.table.split('\n')).toHaveLength(1 + want.length + 1);
	expect(lines.length).toBe(want.length + 1);
});
