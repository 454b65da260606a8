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
	for (const v of Object.values(r.ratios)) expect(Number.isFinite(v) && v > 0).toBe(true);
	expect(r.table.split('\n')).toHaveLength(1 + want.length + 1);
	expect(lines.length).toBe(want.length + 1);
});
