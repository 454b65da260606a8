/*
 * `wgup bench ocf`: encrypt+decrypt round trips of a 1420-byte packet held in one mbuf and in three
 * (14+1400+6: an Ethernet header, the payload, a few trailing bytes), through the emitted glue's OCF
 * path (with the harness's cryptosoft-like driver) and its fallback, in one run of the C harness at -O2.
 * Ratios are split/contiguous throughput; 1.0 means a split chain costs nothing extra.
 */
import { Harness, buildHarness } from './harness';

export interface OcfBenchResult {
	readonly bench: 'ocf';
	readonly ratios: { split_vs_contiguous_ocf: number; split_vs_contiguous_fallback: number };
	readonly raw: Record<string, unknown>;
	readonly table: string;
}

/** Run the bench; quick: fewer iterations (a smoke run). */
export async function runOcfBench(opts: { quick: boolean; log: (line: string) => void }): Promise<OcfBenchResult> {
	opts.log('ocf bench: building the C harness (gcc -O2)');
	const { exe } = buildHarness({ cc: 'gcc', optimize: '-O2' });
	const iters = opts.quick ? 200 : 20000;
	opts.log(`ocf bench: ${iters} round trips x 5 repetitions per case, best taken`);
	const h = new Harness(exe);
	let lines: string[];
	try {
		lines = await h.send(`bench ${iters}`, true);
	} finally {
		await h.close();
	}
	const ns: Record<string, number> = {};
	for (const l of lines) {
		const m = /^bench (\w+) (\S+) ([\d.]+)$/.exec(l);
		if (m) ns[`${m[1]} ${m[2]}`] = Number(m[3]);
	}
	const need = ['ocf 1', 'ocf 14+1400+6', 'fb 1', 'fb 14+1400+6'];
	for (const k of need) if (!(k in ns)) throw new Error(`ocf bench: the harness reported no "${k}" timing`);
	const ratio = (p: string) => ns[`${p} 1`] / ns[`${p} 14+1400+6`];
	const ratios = {
		split_vs_contiguous_ocf: Number(ratio('ocf').toFixed(3)),
		split_vs_contiguous_fallback: Number(ratio('fb').toFixed(3)),
	};
	const mbps = (t: number) => ((1420 * 2) / t) * 1e3; /* bytes through the AEAD per round trip / ns -> MB/s */
	const rows = [
		['path', 'chain', 'ns/round trip', 'MB/s', 'split/contiguous'],
		['OCF glue', '1 x 1420', ns['ocf 1'].toFixed(0), mbps(ns['ocf 1']).toFixed(0), ''],
		['OCF glue', '14+1400+6', ns['ocf 14+1400+6'].toFixed(0), mbps(ns['ocf 14+1400+6']).toFixed(0), ratios.split_vs_contiguous_ocf.toFixed(3)],
		['fallback', '1 x 1420', ns['fb 1'].toFixed(0), mbps(ns['fb 1']).toFixed(0), ''],
		['fallback', '14+1400+6', ns['fb 14+1400+6'].toFixed(0), mbps(ns['fb 14+1400+6']).toFixed(0), ratios.split_vs_contiguous_fallback.toFixed(3)],
	];
	const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
	const table = rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n') +
		'\n(target: split/contiguous >= 0.95; the fallback runs the emitted sys/crypto streaming functions)';
	return { bench: 'ocf', ratios, raw: { ns_per_roundtrip: ns, iterations: iters }, table };
}
