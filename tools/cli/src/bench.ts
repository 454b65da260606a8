/*
 * `wgup bench <name>`: every benchmark measures its subject and its baseline in the same run and
 * prints a table; with --json one object { bench, ratios, raw } where a ratio above 1 means the subject
 * is faster (DESIGN.md, benchmark convention).
 */

export interface BenchResult {
	readonly bench: string;
	/** "<what>_vs_<baseline>": subject speed / baseline speed */
	readonly ratios: Record<string, number>;
	readonly raw: Record<string, unknown>;
	/** the human table */
	readonly table: string;
}

export interface BenchOptions {
	/** quick: fewer repetitions (used by tests that check the bench runs) */
	readonly quick: boolean;
	readonly log: (line: string) => void;
	/** a FreeBSD src tree, for benchmarks that compare against its code (kernel) */
	readonly tree?: string;
}

export interface Bench {
	readonly name: string;
	readonly description: string;
	run(options: BenchOptions): Promise<BenchResult>;
}

export const BENCHES: readonly Bench[] = [
	{
		name: 'crypto',
		description: 'emitted sys/crypto C (ts2c) vs libsodium and OpenSSL 3: ChaCha20-Poly1305, XChaCha20-Poly1305, BLAKE2s, X25519',
		run: (o) => (require('@wgup/ts2c') as typeof import('@wgup/ts2c')).runCryptoBench(o),
	},
	{
		name: 'kernel',
		description: 'emitted sys/crypto C vs what the kernel runs (libsodium 1.0.18 portable C, main\'s wg_crypto.c BLAKE2s), amd64 kernel-module flags (frame pointers on), gcc and clang, best of three passes',
		run: (o) => (require('@wgup/ts2c') as typeof import('@wgup/ts2c')).runKernelBench(o),
	},
	{
		name: 'crypto-ref',
		description: 'reference (C-able TS) vs fast (node:crypto, noble) crypto backend: ns/byte at 64 B, 1420 B, 16 KiB; X25519 per op',
		run: (o) => (require('@wgup/crypto') as typeof import('@wgup/crypto')).runCryptoRefBench(o),
	},
	{
		name: 'ocf',
		description: 'OCF/mbuf glue: 1420-byte packet as 1 mbuf vs 14+1400+6, OCF path and fallback (C harness)',
		run: (o) => (require('@wgup/ocf-glue') as typeof import('@wgup/ocf-glue')).runOcfBench(o),
	},
	{
		name: 'protocol',
		description: 'full WireGuard handshakes/s and 1420-byte transport seal+open, fast vs reference crypto backend',
		run: (o) => (require('@wgup/peer') as typeof import('@wgup/peer')).runProtocolBench(o),
	},
	{
		name: 'matrix',
		description: 'full local build matrix (every release x in-tree, compat x gcc, clang) wall time, and a rerun served from the nx cache',
		run: (o) => (require('@wgup/matrix') as typeof import('@wgup/matrix')).runMatrixBench(o),
	},
];
