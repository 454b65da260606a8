/*
 * `wgup bench ocf`: encrypt+decrypt round trips of a 1420-byte packet held in one mbuf and in three
 * (14+1400+6: an Ethernet header, the payload, a few trailing bytes), through the emitted glue's OCF
 * path (with the harness's cryptosoft-like driver) and its fallback, in one run of the C harness at -O2.
 * Ratios are split/contiguous throughput; 1.0 means a split chain costs nothing extra.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { Harness, buildHarness } from './harness';
import { formatTable } from '@wgup/table';

const CASES = [['ocf', 0], ['ocf', 1], ['fb', 0], ['fb', 1]] as const;

/**
 * Instructions per round trip under valgrind (callgrind, counting only inside bench_roundtrips): a
 * figure that does not move with the machine's load. null when valgrind is not installed.
 */
function instructionsPerRoundTrip(exe: string, iters: number): Record<string, number> | null {
	try {
		execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
	} catch {
		return null;
	}
	const out: Record<string, number> = {};
	for (const [p, shape] of CASES) {
		const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null',
			'--toggle-collect=bench_roundtrips', exe], { input: `bench1 ${p} ${shape} ${iters}\nquit\n`, encoding: 'utf8' });
		const m = /Collected\s*:\s*(\d+)/.exec(r.stderr ?? '');
		if (r.status !== 0 || !m) throw new Error(`ocf bench: valgrind run failed: ${r.stderr}`);
		out[`${p} ${shape === 0 ? '1' : '14+1400+6'}`] = Number(m[1]) / iters;
	}
	return out;
}

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
	const iters = opts.quick ? 200 : 10000;
	opts.log(`ocf bench: ${iters} round trips x 7 rounds per case, cases interleaved, best round taken`);
	const h = new Harness(exe);
	let lines: string[];
	try {
		lines = await h.send(`bench ${iters}`, true);
	} finally {
		await h.close();
	}
	opts.log('ocf bench: counting instructions under valgrind');
	const ir = instructionsPerRoundTrip(exe, opts.quick ? 20 : 200);
	const ns: Record<string, number> = {};
	for (const l of lines) {
		const m = /^bench (\w+) (\S+) ([\d.]+)$/.exec(l);
		if (m) ns[`${m[1]} ${m[2]}`] = Number(m[3]);
	}
	const keys = CASES.map(([p, shape]) => `${p} ${shape === 0 ? '1' : '14+1400+6'}`);
	for (const k of keys) if (!(k in ns)) throw new Error(`ocf bench: the harness reported no "${k}" timing`);
	const ratio = (t: Record<string, number>, p: string) => Number((t[`${p} 1`] / t[`${p} 14+1400+6`]).toFixed(3));
	const timeRatios = { split_vs_contiguous_ocf: ratio(ns, 'ocf'), split_vs_contiguous_fallback: ratio(ns, 'fb') };
	const irRatios = ir && { split_vs_contiguous_ocf: ratio(ir, 'ocf'), split_vs_contiguous_fallback: ratio(ir, 'fb') };
	/* instruction counts do not move with the load of a shared machine; wall time does (DESIGN.md) */
	const ratios = irRatios ?? timeRatios;
	const mbps = (t: number) => ((1420 * 2) / t) * 1e3; /* bytes through the AEAD per round trip / ns -> MB/s */
	const rows = [['path', 'chain', 'ns/round trip', 'MB/s', 'time ratio', 'instr/round trip', 'instr ratio']];
	for (const k of keys) {
		const [p, shape] = k.split(' ');
		const split = shape !== '1';
		const which = p === 'ocf' ? 'split_vs_contiguous_ocf' : 'split_vs_contiguous_fallback';
		rows.push([p === 'ocf' ? 'OCF glue' : 'fallback', split ? shape : '1 x 1420', ns[k].toFixed(0), mbps(ns[k]).toFixed(0),
			split ? timeRatios[which].toFixed(3) : '', ir ? ir[k].toFixed(0) : 'n/a', split && irRatios ? irRatios[which].toFixed(3) : '']);
	}
	const table = formatTable(rows[0], rows.slice(1)).join('\n') +
		`\nratios: split/contiguous throughput (above 1: the split chain is faster); target >= 0.95; --json reports ` +
		`the ${irRatios ? 'instruction' : 'time'} ratios.` +
		'\nBoth paths run the emitted scalar sys/crypto: the fallback itself, the OCF glue in the harness\'s cryptosoft-like driver.';
	return { bench: 'ocf', ratios, raw: {
		ratios_from: irRatios ? 'valgrind instruction counts' : 'wall time', ns_per_roundtrip: ns, time_ratios: timeRatios,
		instructions_per_roundtrip: ir, iterations: iters,
	}, table };
}
