/*
 * struct poly1305_ctx crosses translation units (the OCF mbuf fallback keeps one, chacha20_poly1305.c
 * fills it), so it must mean the same whichever limb width a unit was built with: one definition in
 * chacha20_poly1305_internal.h, outside the int128 guard, and the same size and field offsets in the
 * unsigned __int128 build and the build without __int128 (-U__SIZEOF_INT128__), with gcc and with clang.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeBuildDir, OVERLAY_SYS, SHIM_DIR } from '../src';

const HEADER = path.join(OVERLAY_SYS, 'crypto', 'chacha20_poly1305_internal.h');
const FIELDS = ['r', 'h', 'pad', 'buf', 'buflen', 'final'];

const PROBE = `#include <sys/types.h>
#include <stddef.h>
#include <stdio.h>
#include <crypto/chacha20_poly1305_internal.h>
int
main(void)
{
	printf("size %zu\\n", sizeof(struct poly1305_ctx));
${FIELDS.map((f) => `\tprintf("${f} %zu %zu\\n", offsetof(struct poly1305_ctx, ${f}), sizeof(((struct poly1305_ctx *)0)->${f}));`).join('\n')}
	return (0);
}
`;

it('chacha20_poly1305_internal.h defines struct poly1305_ctx once, outside any #if', () => {
	const h = fs.readFileSync(HEADER, 'utf8');
	expect(h.match(/^struct poly1305_ctx \{/gm)).toHaveLength(1);
	const at = h.indexOf('struct poly1305_ctx {');
	// every #if before the struct is closed before it (the include guard aside)
	const before = h.slice(0, at).split('\n').filter((l) => /^#\s*(if|endif)/.test(l) && !/__CRYPTO_CHACHA20_POLY1305_INTERNAL_H__/.test(l));
	expect(before.filter((l) => l.startsWith('#if')).length).toBe(before.filter((l) => l.startsWith('#endif')).length);
});

it.each(['gcc', 'clang'])('struct poly1305_ctx has the same size and offsets with and without unsigned __int128 (%s)', (cc) => {
	const dir = makeBuildDir('wgup-layout-');
	try {
		fs.writeFileSync(path.join(dir, 'probe.c'), PROBE);
		const [wide, narrow] = [[], ['-U__SIZEOF_INT128__']].map((flags) => {
			const exe = path.join(dir, `probe${flags.length}`);
			execFileSync(cc, ['-std=c99', '-Wall', '-Wextra', '-Werror', ...flags, `-I${SHIM_DIR}`, `-I${OVERLAY_SYS}`, path.join(dir, 'probe.c'), '-o', exe]);
			return execFileSync(exe, { encoding: 'utf8' });
		});
		expect(wide).toMatch(/^size \d+\n/);
		expect(wide.trim().split('\n')).toHaveLength(FIELDS.length + 1);
		expect(narrow).toBe(wide);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
