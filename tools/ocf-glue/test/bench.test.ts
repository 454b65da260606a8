/* The `ocf` bench runs end to end (quick mode) and reports what the benchmark convention asks for. */
import { runOcfBench } from '../src';

jest.setTimeout(300_000);

test('wgup bench ocf --quick: both ratios, the raw timings and a table with the four cases', async () => {
	const log: string[] = [];
	const r = await runOcfBench({ quick: true, log: (l) => log.push(l) });
	expect(r.bench).toBe('ocf');
	expect(Object.keys(r.ratios).sort()).toEqual(['split_vs_contiguous_fallback', 'split_vs_contiguous_ocf']);
	/* what --json prints survives JSON (a NaN or Infinity would not), and each ratio is what raw says it is */
	const json = JSON.parse(JSON.stringify({ bench: r.bench, ratios: r.ratios, raw: r.raw }));
	const ns4 = { 'fb 1': expect.any(Number), 'fb 14+1400+6': expect.any(Number), 'ocf 1': expect.any(Number), 'ocf 14+1400+6': expect.any(Number) };
	expect(json).toEqual({
		bench: 'ocf', ratios: { split_vs_contiguous_ocf: expect.any(Number), split_vs_contiguous_fallback: expect.any(Number) },
		raw: {
			ratios_from: expect.stringMatching(/^(valgrind instruction counts|wall time)$/), ns_per_roundtrip: ns4,
			time_ratios: { split_vs_contiguous_ocf: expect.any(Number), split_vs_contiguous_fallback: expect.any(Number) },
			instructions_per_roundtrip: json.raw.ratios_from === 'wall time' ? null : ns4, iterations: expect.any(Number),
		},
	});
	const per = (json.raw.ratios_from === 'wall time' ? json.raw.ns_per_roundtrip : json.raw.instructions_per_roundtrip) as Record<string, number>;
	expect(json.ratios.split_vs_contiguous_ocf).toBeCloseTo(per['ocf 1'] / per['ocf 14+1400+6'], 3);
	expect(json.ratios.split_vs_contiguous_fallback).toBeCloseTo(per['fb 1'] / per['fb 14+1400+6'], 3);
	expect(r.table.split('\n').filter((l) => /^(OCF glue|fallback) /.test(l))).toHaveLength(4);
	expect(log.join('\n')).toMatch(/round trips/);
});
