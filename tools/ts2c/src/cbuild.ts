/*
 * Compiling the emitted C on this machine (tests and the benchmark): the overlay's sys/ directory
 * plus the userspace shim on the include path, kernel-ish warning flags.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';

export const SHIM_DIR = path.join(__dirname, '..', 'shim');
export const OVERLAY_SYS = path.join(REPO_ROOT, 'freebsd-overlay', 'sys');
export const CRYPTO_SOURCES = ['chacha20_poly1305.c', 'blake2s.c', 'curve25519.c'].map((f) => path.join(OVERLAY_SYS, 'crypto', f));
export const STRICT_FLAGS = ['-std=c99', '-O2', '-Wall', '-Wextra', '-Werror'];
/** Builds the 32-bit-limb fallback on a 64-bit host: the emitted C picks its arm by __SIZEOF_INT128__. */
export const FORCE_FALLBACK_FLAG = '-U__SIZEOF_INT128__';

export interface BuildOptions {
	readonly cc: 'gcc' | 'clang';
	/** extra flags: -m32, FORCE_FALLBACK_FLAG, -g */
	readonly flags?: readonly string[];
	readonly libs?: readonly string[];
}

export function makeBuildDir(prefix = 'wgup-ts2c-'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Compiles and links sources into `out`; throws with the compiler's output on failure. */
export function compile(sources: readonly string[], out: string, opts: BuildOptions): void {
	const args = [...STRICT_FLAGS, ...(opts.flags ?? []), `-I${SHIM_DIR}`, `-I${OVERLAY_SYS}`, ...sources, '-o', out, ...(opts.libs ?? [])];
	execFileSync(opts.cc, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Compiles one source to an object file with -Werror; returns the compiler's stderr ('' when clean). */
export function compileObject(source: string, out: string, opts: BuildOptions): string {
	try {
		execFileSync(opts.cc, [...STRICT_FLAGS, ...(opts.flags ?? []), `-I${SHIM_DIR}`, `-I${OVERLAY_SYS}`, '-c', source, '-o', out], { stdio: ['ignore', 'pipe', 'pipe'] });
		return '';
	} catch (e) {
		const err = e as { stderr?: Buffer; message: string };
		return err.stderr?.toString() || err.message;
	}
}
