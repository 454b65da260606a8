/*
 * The variant mechanism on small fixtures: a pair (sum64.ts with u64 limbs, sum32.ts with u32 limbs)
 * and a client written against sum64.ts, translated once per arm with its limb array retyped. The
 * output must hold both arms behind the int128 guard, and both builds must compile and agree.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { FORCE_FALLBACK_FLAG, INT128_GUARD, makeBuildDir, renderC, SHIM_DIR, translateUnit } from '../src';

const rel = (f: string): string => path.relative(REPO_ROOT, path.join(__dirname, 'fixtures', 'variants', f));
const spec = {
	modules: [rel('client.ts')],
	variants: [{ int128: rel('sum64.ts'), fallback: rel('sum32.ts'), clients: [rel('client.ts')], retype: { 'BigUint64Array(1)': 'Uint32Array(2)' } }],
	extern: ['sum_bytes'],
};

describe('variant pairs', () => {
	const c = renderC(translateUnit(spec, REPO_ROOT));

	it('prints both arms behind the int128 guard, the client in each', () => {
		const guard = c.indexOf(INT128_GUARD);
		const orElse = c.indexOf('#else /* !__SIZEOF_INT128__ */');
		const end = c.indexOf('#endif /* __SIZEOF_INT128__ */');
		expect(guard).toBeGreaterThan(0);
		expect(orElse).toBeGreaterThan(guard);
		expect(end).toBeGreaterThan(orElse);
		const a = c.slice(guard, orElse);
		const b = c.slice(orElse, end);
		expect(a).toContain('uint64_t h[1];');
		expect(b).toContain('uint32_t h[2];');
		expect(a).toContain('uint64_t limbs[1] = { 0 };');
		expect(b).toContain('uint32_t limbs[2] = { 0 };');
		for (const arm of [a, b]) expect(arm.match(/^sum_bytes\(/gm)).toHaveLength(1);
	});

	it('compiles both ways (gcc, -Werror) and both builds compute the same sums', () => {
		const dir = makeBuildDir();
		try {
			fs.writeFileSync(path.join(dir, 'unit.c'), c);
			fs.writeFileSync(path.join(dir, 'main.c'), '#include <stdio.h>\n#include <stdint.h>\nuint32_t sum_bytes(const uint8_t *, uint32_t);\nint main(void) { uint8_t p[300]; for (int i = 0; i < 300; i++) p[i] = (uint8_t)(i * 37); printf("%u\\n", sum_bytes(p, 300)); return 0; }\n');
			const outs = ['', FORCE_FALLBACK_FLAG].map((flag) => {
				const exe = path.join(dir, `t${flag}`);
				const cc = spawnSync('gcc', ['-std=c99', '-O2', '-Wall', '-Wextra', '-Werror', ...(flag ? [flag] : []), `-I${SHIM_DIR}`, path.join(dir, 'unit.c'), path.join(dir, 'main.c'), '-o', exe], { encoding: 'utf8' });
				expect(cc.stderr).toBe('');
				return spawnSync(exe, { encoding: 'utf8' }).stdout;
			});
			let want = 0;
			for (let i = 0; i < 300; i++) want += (i * 37) & 0xff;
			expect(outs).toEqual([`${want}\n`, `${want}\n`]);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
