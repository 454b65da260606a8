/*
 * `wgup bench kernel` (quick mode, gcc only, to stay cheap): builds both sides with the kernel flags,
 * the driver refuses to time anything unless ours and libsodium / main's wg_crypto.c gave identical
 * outputs (it exits 2 and the bench throws), and the result has the benchmark convention's shape.
 * No speed is asserted here; the goals are checked by reading `npx wgup bench kernel`.
 * Needs libsodium 1.0.18's Debian source (fetched into ~/.cache/wgup by the bench; setup installs
 * dpkg-dev) and a real FreeBSD tree for main's BLAKE2s (skipped, with the reason, without one).
 */
import { describeWithTree } from '@wgup/freebsd-src';
import { KERNEL_RATIOS, runKernelBench } from '../src';

describeWithTree('wgup bench kernel', (tree) => {
	it('(quick, gcc) checks outputs against libsodium and main, and each ratio is what its raw timings say', async () => {
		const lines: string[] = [];
		const r = await runKernelBench({ quick: true, log: (l) => lines.push(l), compilers: ['gcc'], tree });
		expect(r.bench).toBe('kernel');
		expect(Object.keys(r.ratios).sort()).toEqual(Object.keys(KERNEL_RATIOS).map((k) => `gcc_${k}`).sort());
		type Timing = { ns: number; tsc: number; ns_per_byte?: number; tsc_per_byte?: number };
		for (const [name, [ours, base, variant]] of Object.entries(KERNEL_RATIOS)) {
			const o = r.raw[`gcc.${variant}.${ours}`] as Timing;
			const b = r.raw[`gcc.${variant}.${base}`] as Timing;
			expect(r.ratios[`gcc_${name}`]).toBeCloseTo(b.ns / o.ns, 1);
		}
		const seal = r.raw['gcc.ti.ours_seal_16384'] as Timing;
		expect(seal.ns_per_byte).toBeCloseTo(seal.ns / 16384, 2);
		expect(seal.tsc_per_byte).toBeCloseTo(seal.tsc / 16384, 1);
		expect(JSON.parse(JSON.stringify({ bench: r.bench, ratios: r.ratios, raw: r.raw }))).toHaveProperty('raw.tree');
		expect(lines.some((l) => /checking outputs/.test(l))).toBe(true);
		// quick mode times in one pass; a full run keeps each timing's best of three passes
		expect(r.raw.passes).toBe(1);
		expect(lines.filter((l) => /pass \d of \d/.test(l))).toEqual(['checking outputs and timing, pass 1 of 1: gcc ti, gcc noti']);
	}, 600_000);
});
