/*
 * `wgup bench kernel` (quick mode, gcc only, to stay cheap): builds both sides with the kernel flags,
 * the driver refuses to time anything unless ours and libsodium / main's wg_crypto.c gave identical
 * outputs (it exits 2 and the bench throws), and the result has the benchmark convention's shape.
 * No speed is asserted here; the goals are checked by reading `npx wgup bench kernel`.
 * Needs libsodium 1.0.18's Debian source (fetched into ~/.cache/wgup by the bench; .ci/run installs
 * dpkg-dev) and a FreeBSD tree (WGUP_FREEBSD_SRC or ../shared/freebsd-main-snapshot).
 */
import { KERNEL_RATIOS, runKernelBench } from '../src';

it('wgup bench kernel (quick, gcc) checks outputs against libsodium and main, and reports every ratio', async () => {
	const lines: string[] = [];
	const r = await runKernelBench({ quick: true, log: (l) => lines.push(l), compilers: ['gcc'] });
	expect(r.bench).toBe('kernel');
	expect(Object.keys(r.ratios).sort()).toEqual(Object.keys(KERNEL_RATIOS).map((k) => `gcc_${k}`).sort());
	for (const v of Object.values(r.ratios)) expect(v).toBeGreaterThan(0);
	const seal = r.raw['gcc.ti.ours_seal_16384'] as { ns: number; tsc: number; ns_per_byte: number; tsc_per_byte: number };
	expect(seal.ns_per_byte).toBeCloseTo(seal.ns / 16384, 2);
	expect(seal.tsc_per_byte).toBeGreaterThan(0);
	expect(JSON.parse(JSON.stringify({ bench: r.bench, ratios: r.ratios, raw: r.raw }))).toHaveProperty('raw.tree');
	expect(lines.some((l) => /checking outputs/.test(l))).toBe(true);
}, 600_000);
