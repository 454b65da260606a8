/*
 * `npx wgup bench crypto`: the emitted sys/crypto C against libsodium and OpenSSL 3 in one process
 * per build (test/c/bench.c), same inputs, ours and the baseline alternating, best of several
 * repetitions of thread CPU time. X25519 runs twice: the unsigned __int128 build and the 32-bit
 * fallback (-U__SIZEOF_INT128__). The shape of the result is the CLI's BenchResult; this tool does not
 * import the CLI.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compile, CRYPTO_SOURCES, FORCE_FALLBACK_FLAG, makeBuildDir } from './cbuild';
import { formatTable } from '@wgup/table';

export interface CryptoBenchResult {
	readonly bench: 'crypto';
	readonly ratios: Record<string, number>;
	readonly raw: Record<string, unknown>;
	readonly table: string;
}

const BENCH_C = path.join(__dirname, '..', 'test', 'c', 'bench.c');

/** ratio name -> [ours, baseline] measurement names (ns per operation) */
export const RATIOS: Readonly<Record<string, readonly [string, string]>> = {
	chacha20poly1305_64_vs_libsodium: ['ours_chacha20poly1305_64', 'libsodium_chacha20poly1305_64'],
	chacha20poly1305_1420_vs_libsodium: ['ours_chacha20poly1305_1420', 'libsodium_chacha20poly1305_1420'],
	chacha20poly1305_16384_vs_libsodium: ['ours_chacha20poly1305_16384', 'libsodium_chacha20poly1305_16384'],
	chacha20poly1305_1420_vs_openssl: ['ours_chacha20poly1305_1420@openssl', 'openssl_chacha20poly1305_1420'],
	xchacha20poly1305_64_vs_libsodium: ['ours_xchacha20poly1305_64', 'libsodium_xchacha20poly1305_64'],
	blake2s_64_vs_openssl: ['ours_blake2s_64', 'openssl_blake2s_64'],
	blake2s_1420_vs_openssl: ['ours_blake2s_1420', 'openssl_blake2s_1420'],
	x25519_vs_libsodium: ['ours_x25519', 'libsodium_x25519'],
	x25519_32bit_vs_libsodium: ['ours32_x25519', 'libsodium32_x25519'],
};

/** Parses "name ns" lines; a repeated "ours" name is keyed by the baseline that follows it. */
function parse(text: string, prefix = ''): Record<string, number> {
	const out: Record<string, number> = {};
	const lines = text.trim().split('\n').map((l) => l.split(' '));
	for (let i = 0; i < lines.length; i++) {
		const [name, ns] = lines[i];
		let key = prefix ? name.replace(/^(ours|libsodium)_/, `$1${prefix}_`) : name;
		if (name.startsWith('ours_') && key in out) key = `${key}@${lines[i + 1][0].split('_')[0]}`;
		out[key] = Number(ns);
	}
	return out;
}

export async function runCryptoBench(opts: { quick: boolean; log: (line: string) => void }): Promise<CryptoBenchResult> {
	const dir = makeBuildDir('wgup-bench-');
	try {
		const libs = ['-lsodium', '-lcrypto'];
		const flags = ['-D_POSIX_C_SOURCE=200809L'];
		opts.log('compiling the emitted C with the bench driver (gcc -O2; int128 and -U__SIZEOF_INT128__ builds)');
		compile([BENCH_C, ...CRYPTO_SOURCES], path.join(dir, 'bench'), { cc: 'gcc', flags, libs });
		compile([BENCH_C, ...CRYPTO_SOURCES], path.join(dir, 'bench32'), { cc: 'gcc', flags: [...flags, FORCE_FALLBACK_FLAG], libs });
		const mode = opts.quick ? 'quick' : 'full';
		opts.log('measuring ChaCha20-Poly1305, XChaCha20-Poly1305, BLAKE2s, X25519 (int128 build)');
		const raw = parse(execFileSync(path.join(dir, 'bench'), [mode], { encoding: 'utf8' }));
		opts.log('measuring X25519 (32-bit fallback build)');
		Object.assign(raw, parse(execFileSync(path.join(dir, 'bench32'), [mode, 'x25519'], { encoding: 'utf8' }), '32'));
		const ratios: Record<string, number> = {};
		const rows: string[][] = [];
		for (const [name, [ours, base]] of Object.entries(RATIOS)) {
			if (raw[ours] === undefined || raw[base] === undefined) throw new Error(`bench driver did not report ${ours} / ${base}`);
			ratios[name] = Math.round((raw[base] / raw[ours]) * 100) / 100;
			rows.push([name, `${raw[ours].toFixed(0)} ns`, `${raw[base].toFixed(0)} ns`, `${ratios[name].toFixed(2)}x`]);
		}
		const table = formatTable(['ratio (>1: emitted C is faster)', 'ours', 'baseline', 'ratio'], rows, { align: ['left', 'right', 'right', 'right'] }).join('\n');
		return { bench: 'crypto', ratios, raw, table };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
