/*
 * The prelude's signed views (sar64, sar128, smul64, sub128) as C: each inline definition is printed
 * where its users see it and nowhere else (__int128 ones only inside the int128 arm; clang's
 * -Wunused-function would reject an unused one), and the C computes what the TS helpers compute on
 * the edges of int64_t: 0, +-1, +-2^62, INT64_MIN, INT64_MAX, with gcc and clang, both arms.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { FORCE_FALLBACK_FLAG, INT128_GUARD, makeBuildDir, renderC, SHIM_DIR, translateUnit } from '../src';
import * as narrow from './fixtures/signed/narrow';
import * as wide from './fixtures/signed/wide';

const rel = (f: string): string => path.relative(REPO_ROOT, path.join(__dirname, 'fixtures', 'signed', f));
const spec = {
	modules: [rel('client.ts')],
	variants: [{ int128: rel('wide.ts'), fallback: rel('narrow.ts'), clients: [rel('client.ts')] }],
	extern: ['signed_run'],
};

const U64 = (v: bigint): bigint => BigInt.asUintN(64, v);
const EDGES = [0n, 1n, -1n, 2n, -2n, 1n << 62n, -(1n << 62n), (1n << 63n) - 1n, -(1n << 63n), 0x123456789abcdefn, -0x123456789abcdefn].map(U64);

describe('signed helpers in C', () => {
	const c = renderC(translateUnit(spec, REPO_ROOT));
	const guard = c.indexOf(INT128_GUARD);
	const orElse = c.indexOf('#else /* !__SIZEOF_INT128__ */');
	const end = c.indexOf('#endif /* __SIZEOF_INT128__ */');

	it('prints each inline definition in the arm that uses it', () => {
		expect(guard).toBeGreaterThan(0);
		const [top, a, b] = [c.slice(0, guard), c.slice(guard, orElse), c.slice(orElse, end)];
		expect(top).not.toMatch(/^sar64\(/m);
		for (const name of ['sar64', 'sar128', 'smul64']) expect(a.match(new RegExp(`^${name}\\(`, 'gm'))).toHaveLength(1);
		expect(b.match(/^sar64\(/gm)).toHaveLength(1);
		expect(b).not.toContain('__int128');
	});

	it.each(['gcc', 'clang'])('compiles both ways with %s (-Werror) and matches the TS helpers', (cc) => {
		const dir = makeBuildDir();
		try {
			fs.writeFileSync(path.join(dir, 'unit.c'), c);
			const pairs = EDGES.flatMap((a) => EDGES.map((b) => `{ 0x${a.toString(16)}ULL, 0x${b.toString(16)}ULL }`));
			fs.writeFileSync(path.join(dir, 'main.c'), [
				'#include <stdio.h>',
				'#include <stdint.h>',
				'void signed_run(uint64_t *, uint64_t, uint64_t);',
				`static const uint64_t in[][2] = { ${pairs.join(', ')} };`,
				'int main(void) { uint64_t o[4]; for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) { signed_run(o, in[i][0], in[i][1]); printf("%llx %llx %llx %llx\\n", (unsigned long long)o[0], (unsigned long long)o[1], (unsigned long long)o[2], (unsigned long long)o[3]); } return 0; }',
				'',
			].join('\n'));
			for (const [flag, mod] of [['', wide], [FORCE_FALLBACK_FLAG, narrow]] as const) {
				const exe = path.join(dir, `t${flag}`);
				const build = spawnSync(cc, ['-std=c99', '-O2', '-Wall', '-Wextra', '-Werror', ...(flag ? [flag] : []), `-I${SHIM_DIR}`, path.join(dir, 'unit.c'), path.join(dir, 'main.c'), '-o', exe], { encoding: 'utf8' });
				expect(build.stderr).toBe('');
				const want = EDGES.flatMap((a) => EDGES.map((b) => {
					const o = new BigUint64Array(4);
					mod.signed_ops(o, a, b);
					return [...o].map((v) => v.toString(16)).join(' ');
				}));
				expect(spawnSync(exe, { encoding: 'utf8' }).stdout.trim().split('\n')).toEqual(want);
			}
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
