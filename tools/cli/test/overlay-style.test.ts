/*
 * Every C file wgup puts into a FreeBSD tree (freebsd-overlay/**.{c,h}, whichever generator makes it)
 * passes FreeBSD's own style checker, tools/build/checkstyle9.pl, with no error and no warning, and
 * keeps the style(9) rules that checker does not look at. The checker is GPLv2 (see its SOURCE.md),
 * so it is used where the shared tools directory has it and never copied into this BSD-licensed
 * repository; without it the checker test is reported as skipped, with the reason.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyrightHolder, planAll, REPO_ROOT } from '@wgup/codegen';
import { composeCompatHeaders, DEFAULT_CATALOGUE_PATH, readCatalogue } from '@wgup/headers';
import { checkstyle9 as checkstyle, describeWithCheckstyle9 } from '@wgup/freebsd-src';
import { GENERATORS } from '../src/generators';

const OVERLAY = 'freebsd-overlay';

function walk(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? walk(p) : [p];
	});
}

const isC = (p: string): boolean => /\.[ch]$/.test(p);
const planned = planAll(GENERATORS).filter((f) => f.path.startsWith(`${OVERLAY}/`) && isC(f.path));
const onDisk = walk(path.join(REPO_ROOT, OVERLAY)).filter(isC).map((p) => path.relative(REPO_ROOT, p).split(path.sep).join('/'));
const files = [...new Set([...planned.map((f) => f.path), ...onDisk])].sort();
const text = new Map(files.map((f) => [f, fs.readFileSync(path.join(REPO_ROOT, f), 'utf8')]));

test('covers every C file of the overlay, and the overlay has the ones the issue names', () => {
	expect(onDisk.sort()).toEqual(planned.map((f) => f.path).sort());
	for (const f of ['sys/crypto/chacha20_poly1305.c', 'sys/crypto/blake2s.h', 'sys/crypto/curve25519.c', 'sys/dev/wg/wg_crypto_ocf.c',
		'sys/dev/wg/wg_protocol.h', 'sys/dev/wg/support.h', 'sys/dev/wg/selftest/crypto_vectors.h']) {
		expect(files).toContain(`${OVERLAY}/${f}`);
	}
});

describeWithCheckstyle9('checkstyle9.pl --no-color -f FILE', () => {
	test('the checker works here: it flags a line over 80 columns and trailing whitespace', () => {
		const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'wgup-cs9-'));
		try {
			const bad = path.join(dir, 'bad.c');
			fs.writeFileSync(bad, `/*\n * x\n */\nint\tx; /* ${'y'.repeat(80)} */\nint\ty; \n`);
			const r = checkstyle(bad);
			expect(r.findings.join('\n')).toMatch(/:4: WARNING: line over 80 characters/);
			expect(r.findings.join('\n')).toMatch(/:5: ERROR: trailing whitespace/);
			expect([r.errors, r.warnings]).toEqual([1, 1]);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	test('the compat port\'s generated compat.h and support.h: 0 errors, 0 warnings', () => {
		const tmp = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'wgup-cs9-compat-'));
		try {
			for (const f of composeCompatHeaders(readCatalogue(DEFAULT_CATALOGUE_PATH))) {
				const p = path.join(tmp, f.path);
				fs.writeFileSync(p, f.content);
				const r = checkstyle(p);
				expect([f.path, r.findings]).toEqual([f.path, []]);
				expect([f.path, r.errors, r.warnings]).toEqual([f.path, 0, 0]);
			}
		} finally {
			fs.rmSync(tmp, { recursive: true, force: true });
		}
	});

	test.each(files)('%s: 0 errors, 0 warnings', (file) => {
		const r = checkstyle(file);
		expect(r.findings).toEqual([]);
		expect([r.errors, r.warnings]).toEqual([0, 0]);
		expect(r.lines).toBe(text.get(file)!.split('\n').length - 1);
	});
});

/* ---- style(9) rules checkstyle9.pl does not check ---- */

/** The lines after the licence/banner comment (the first comment of every generated file). */
function body(file: string): Array<[number, string]> {
	const lines = text.get(file)!.split('\n');
	const end = lines.findIndex((l) => l === ' */');
	return lines.map((l, i) => [i + 1, l] as [number, string]).slice(end + 1);
}

function offenders(re: RegExp, only: (f: string) => boolean = () => true, from: (f: string) => Array<[number, string]> = body): string[] {
	return files.filter(only).flatMap((f) => from(f).filter(([, l]) => re.test(l)).map(([n, l]) => `${f}:${n}: ${l}`));
}

const all = (f: string): Array<[number, string]> => text.get(f)!.split('\n').map((l, i) => [i + 1, l]);

describe('style(9) beyond the checker', () => {
	test('force-inlining is spelled with sys/cdefs.h\'s __always_inline (static __inline __always_inline), never the attribute', () => {
		expect(offenders(/__attribute__\s*\(\(\s*__always_inline__/)).toEqual([]);
		// FreeBSD's __always_inline is the bare attribute: without __inline gcc warns it might not inline
		expect(offenders(/\bstatic __always_inline\b/)).toEqual([]);
		expect(offenders(/^static __inline __always_inline \w/).length).toBeGreaterThan(0);
	});

	test('#define is followed by a tab', () => {
		expect(offenders(/^#\s*define /, () => true, all)).toEqual([]);
	});

	test('a header guard closes with #endif /* !GUARD */', () => {
		for (const f of files.filter((x) => x.endsWith('.h'))) {
			const guard = /^#ifndef (\w+)\n#define\t\1$/m.exec(text.get(f)!);
			expect([f, guard?.[1]]).toEqual([f, expect.any(String)]);
			expect(text.get(f)!.trimEnd().split('\n').pop()).toBe(`#endif /* !${guard![1]} */`);
		}
	});

	test('no redefinition of __packed and no project-named macro (WGUP_...)', () => {
		expect(offenders(/#\s*define\s+__packed\b/, () => true, all)).toEqual([]);
		expect(offenders(/\bWGUP_\w*/, () => true, all)).toEqual([]);
	});

	test('comments cite RFC sections, not repository paths (the banner alone names the sources)', () => {
		expect(offenders(/\b(?:packages|tools)\/|\b\w+\.ts\b|\bwgup\b/)).toEqual([]);
	});

	test('no function calls in initializers', () => {
		// a local declaration with an initialiser that calls something: `\ttype name = f(...);`
		const decl = /^\t+(?:const\s+)?(?:struct\s+)?\w+\s+\**\w+(?:\[[^\]]*\])?\s*=\s*[^;{]*\b\w+\s*\(/;
		const calls = offenders(decl).filter((l) => !/=\s*\([\w\s*]+\)\s*[\w[\]>.-]+\s*;/.test(l) && !/\bsizeof\s*\(/.test(l));
		expect(calls).toEqual([]);
	});

	test('includes: <sys/param.h> or <sys/types.h> first, then the other <sys/...> headers sorted', () => {
		for (const f of files.filter((x) => x.endsWith('.c'))) {
			const inc = [...text.get(f)!.matchAll(/^#include <(sys\/[\w/]+\.h)>$/gm)].map((m) => m[1]);
			expect([f, inc[0]]).toEqual([f, expect.stringMatching(/^sys\/(param|types)\.h$/)]);
			const rest = inc.slice(1).filter((h) => h !== 'sys/systm.h' || !inc.includes('sys/param.h'));
			expect([f, rest]).toEqual([f, [...rest].sort()]);
		}
	});

	test('the copyright line names the configured holder, nobody made up', () => {
		const holder = copyrightHolder();
		expect(holder).not.toMatch(/wgup Authors/i);
		for (const f of files) expect([f, text.get(f)!.split('\n')[3]]).toEqual([f, ` * Copyright (c) ${holder}`]);
	});
});

test('checkstyle9.pl is not vendored into the repository (GPLv2)', () => {
	const tracked = execFileSync('git', ['ls-files'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n');
	expect(tracked.filter((f) => /checkstyle9|checkpatch/.test(f) && !f.endsWith('.test.ts'))).toEqual([]);
});
