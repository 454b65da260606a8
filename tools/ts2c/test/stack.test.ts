/*
 * Kernel stacks are small (FreeBSD: KSTACK_PAGES, 16 KiB on amd64, less on i386) and the crypto runs
 * deep in the network stack, so every emitted function's own frame must stay at most 512 bytes when
 * built the way the kernel builds it: FreeBSD's kernel flags (bench-kernel.ts, KERNEL_FLAGS and
 * KERNEL_FLAGS_I386, with the kernel's inlining limits), gcc and clang, amd64 and i386 (-m32; the
 * i386 build has no unsigned __int128, so it is the 32-bit fallback), as -fstack-usage reports it
 * after inlining.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CRYPTO_SOURCES, KERNEL_FLAGS, KERNEL_FLAGS_I386, makeBuildDir, OVERLAY_SYS, SHIM_DIR } from '../src';

const LIMIT = 512;

/** function name -> frame bytes, from the .su files of one build */
function frames(cc: 'gcc' | 'clang', flags: readonly string[]): Map<string, number> {
	const dir = makeBuildDir('wgup-stack-');
	try {
		const out = new Map<string, number>();
		for (const src of CRYPTO_SOURCES) {
			const obj = path.join(dir, path.basename(src, '.c') + '.o');
			execFileSync(cc, [...flags, '-Wall', '-Wextra', '-Werror', '-fstack-usage', `-I${SHIM_DIR}`, `-I${OVERLAY_SYS}`, '-c', src, '-o', obj], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
			const su = fs.readFileSync(obj.replace(/\.o$/, '.su'), 'utf8');
			for (const line of su.trim().split('\n')) {
				const [where, bytes] = line.split('\t');
				out.set(`${path.basename(src)}:${where.split(':').pop()}`, Number(bytes));
			}
		}
		return out;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

function over(cc: 'gcc' | 'clang', flags: readonly string[]): string[] {
	const f = frames(cc, flags);
	// the extern API is always there: the .su files were read
	for (const name of ['chacha20_poly1305_encrypt', 'curve25519', 'blake2s_hash']) expect([...f.keys()].some((k) => k.endsWith(`:${name}`))).toBe(true);
	return [...f].filter(([, bytes]) => bytes > LIMIT).map(([name, bytes]) => `${name} ${bytes} B`);
}

describe.each([
	['gcc', 'amd64', KERNEL_FLAGS.gcc],
	['clang', 'amd64', KERNEL_FLAGS.clang],
	['gcc', 'i386', KERNEL_FLAGS_I386.gcc],
	// clang i386 held fe32's 100 products in one 752-byte frame until fe_mul's columns went into two halves
	['clang', 'i386', KERNEL_FLAGS_I386.clang],
] as const)('%s %s, kernel flags', (cc, _arch, flags) => {
	test(`every emitted function's stack frame is at most ${LIMIT} bytes`, () => {
		expect(over(cc, flags)).toEqual([]);
	});
});

