/* The `ocf` bench runs end to end (quick mode) and reports what the benchmark convention asks for. */
import { runOcfBench } from '../src';

jest.setTimeout(300_000);

test('wgup bench ocf --quick: both ratios, the raw timings and a table with the four cases', async () => {
	const log: string[] = [];
	const r = await runOcfBench({ quick: true, log: (l) => log.push(l) });
	expect(r.bench).toBe('ocf');
	expect(Object.keys(r.ratios).sort()).toEqual(['split_vs_contiguous_fallback', 'split_vs_contiguous_ocf']);
	for (const v of Object.values(r.ratios)) expect(v).toBeGreaterThan(0);
	expect(Object.keys(r.raw.ns_per_roundtrip as object).sort()).toEqual(['fb 1', 'fb 14+1400+6', 'ocf 1', 'ocf 14+1400+6']);
	expect(r.table.split('\n').filter((l) => /^(OCF glue|fallback) /.test(l))).toHaveLength(4);
	expect(log.join('\n')).toMatch(/round trips/);
});
