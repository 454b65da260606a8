/*
 * The crypto-ref benchmark (`npx wgup bench crypto-ref`): the fast backend (node:crypto, noble) against
 * the reference backend (the C-able sources ts2c emits) on the same inputs in one run, ns/byte at
 * 64 B, 1420 B (a WireGuard MTU-sized packet) and 16 KiB, X25519 per operation. Ratios follow DESIGN.md's
 * convention: fast_vs_reference_<what> = reference time / fast time, so above 1 means the fast backend
 * is faster. Process CPU time, best of several repetitions, since the machine is shared.
 */
import { getCrypto, type Crypto } from './index';
import { formatTable } from '@wgup/table';

export interface CryptoBenchOptions {
	readonly quick: boolean;
	readonly log: (line: string) => void;
}

export interface CryptoBenchResult {
	readonly bench: string;
	readonly ratios: Record<string, number>;
	readonly raw: Record<string, unknown>;
	readonly table: string;
}

export const BENCH_SIZES = [64, 1420, 16384] as const;

/*
 * CPU time of this process in nanoseconds. On a machine shared by many jobs, wall time mostly measures
 * the neighbours; the CPU time this process spends is what the code costs.
 */
function cpuNs(): number {
	const u = process.cpuUsage();
	return (u.user + u.system) * 1000;
}

/**
 * Nanoseconds (of CPU) per call of fn: a warm-up so the JIT has compiled fn, iterations calibrated to
 * run at least minMs, then the best of reps runs.
 */
function nsPerCall(fn: () => void, minMs: number, reps: number): number {
	let iters = 1;
	for (;;) {
		const t = cpuNs();
		for (let i = 0; i < iters; i++) fn();
		const ms = (cpuNs() - t) / 1e6;
		if (ms >= minMs) break;
		iters *= ms < minMs / 8 ? 8 : 2;
	}
	let best = Infinity;
	for (let r = 0; r < reps; r++) {
		const t = cpuNs();
		for (let i = 0; i < iters; i++) fn();
		best = Math.min(best, (cpuNs() - t) / iters);
	}
	return best;
}

type Subject = { name: string; perByte: boolean; run: (c: Crypto, size: number) => () => void };

const SUBJECTS: Subject[] = [
	{
		name: 'chacha20poly1305',
		perByte: true,
		run: (c, size) => {
			const key = new Uint8Array(32).fill(1), nonce = new Uint8Array(8), msg = new Uint8Array(size).fill(2);
			return () => void c.chacha20poly1305Seal(key, nonce, msg);
		},
	},
	{
		name: 'xchacha20poly1305',
		perByte: true,
		run: (c, size) => {
			const key = new Uint8Array(32).fill(1), nonce = new Uint8Array(24), msg = new Uint8Array(size).fill(2);
			return () => void c.xchacha20poly1305Seal(key, nonce, msg);
		},
	},
	{
		name: 'blake2s',
		perByte: true,
		run: (c, size) => {
			const msg = new Uint8Array(size).fill(3);
			return () => void c.blake2s(msg);
		},
	},
	{
		name: 'x25519',
		perByte: false,
		run: (c) => {
			const scalar = new Uint8Array(32).fill(4), u = c.x25519PublicKey(new Uint8Array(32).fill(5));
			return () => void c.x25519(scalar, u);
		},
	},
];

export async function runCryptoRefBench(options: CryptoBenchOptions): Promise<CryptoBenchResult> {
	const minMs = options.quick ? 5 : 100;
	const reps = options.quick ? 1 : 5;
	const fast = getCrypto('fast');
	const ref = getCrypto('reference');
	const ratios: Record<string, number> = {};
	const raw: Record<string, unknown> = { unit: 'CPU ns per byte (x25519: CPU ns per op)', minMs, reps, fast: {}, reference: {} };
	const rows: string[][] = [['primitive', 'size', 'reference', 'fast', 'fast vs reference']];

	for (const s of SUBJECTS) {
		for (const size of s.perByte ? BENCH_SIZES : [0]) {
			const label = s.perByte ? `${s.name}_${size}` : s.name;
			options.log(`crypto-ref: ${label} ...`);
			const div = s.perByte ? size : 1;
			const r = nsPerCall(s.run(ref, size), minMs, reps) / div;
			const f = nsPerCall(s.run(fast, size), minMs, reps) / div;
			(raw.reference as Record<string, number>)[label] = r;
			(raw.fast as Record<string, number>)[label] = f;
			ratios[`fast_vs_reference_${label}`] = r / f;
			const unit = s.perByte ? 'ns/B' : 'ns/op';
			rows.push([s.name, s.perByte ? `${size} B` : 'op', `${r.toFixed(1)} ${unit}`, `${f.toFixed(1)} ${unit}`, `${(r / f).toFixed(1)}x`]);
		}
	}
	const table = formatTable(rows[0], rows.slice(1), { align: ['left', 'left', 'right', 'right', 'right'] }).join('\n');
	return { bench: 'crypto-ref', ratios, raw, table };
}
