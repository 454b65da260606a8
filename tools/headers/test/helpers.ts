/* Shared by the proof tests: write stub trees and generated headers, run the real gcc. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { renderStubHeaders } from '@wgup/kernel-api';
import type { Catalogue } from '@wgup/shims';
import { renderCompatH, renderSupportH } from '@wgup/headers';

export function writeTree(dir: string, files: Record<string, string>): void {
	for (const [p, text] of Object.entries(files)) {
		fs.mkdirSync(path.join(dir, path.dirname(p)), { recursive: true });
		fs.writeFileSync(path.join(dir, p), text);
	}
}

/** A directory with the stub headers of version v (stubs/) and the generated headers (wg/). */
export function prepare(root: string, c: Catalogue, v: number, tag: string): { stubs: string; wg: string } {
	const stubs = path.join(root, `stubs-${v}`);
	if (!fs.existsSync(stubs)) writeTree(stubs, renderStubHeaders(v));
	const wg = path.join(root, `wg-${tag}`);
	if (!fs.existsSync(wg)) writeTree(wg, { 'compat.h': renderCompatH(c), 'support.h': renderSupportH(c) });
	return { stubs, wg };
}

const BASE = ['-std=c99', '-ffreestanding', '-nostdinc', '-D_KERNEL'];

/**
 * Preprocess compat.h then support.h (as the port's sources see them) for one version with the real
 * gcc; returns the COMPAT_NEED_* macros defined and the shims whose marker comment survived.
 */
export function preprocess(stubs: string, wg: string, v: number): { macros: string[]; shims: string[] } {
	const out = execFileSync('gcc', [...BASE, '-E', '-dD', '-C', '-P', `-D__FreeBSD_version=${v}`, '-I', stubs, '-I', wg,
		'-x', 'c', '-'], { input: '#include "compat.h"\n#include "support.h"\n', encoding: 'utf8' });
	const macros = [...out.matchAll(/^#define (COMPAT_NEED_\w+)/gm)].map((m) => m[1]);
	const shims = [...out.matchAll(/(?:\/\*|^ \*) shim (\w+):/gm)].map((m) => m[1]);
	return { macros: [...new Set(macros)].sort(), shims: [...new Set(shims)].sort() };
}

/** Compile the driver probe; returns gcc's status and diagnostics. */
export function compileProbe(stubs: string, wg: string, v: number, probe: string, withCompat = true): { status: number; stderr: string } {
	const r = spawnSync('gcc', [...BASE, '-Wall', '-Wextra', '-Werror', '-fsyntax-only', `-D__FreeBSD_version=${v}`,
		'-I', stubs, '-I', wg, ...(withCompat ? ['-include', path.join(wg, 'compat.h')] : []), '-x', 'c', '-'],
	{ input: probe, encoding: 'utf8' });
	return { status: r.status ?? -1, stderr: r.stderr };
}
