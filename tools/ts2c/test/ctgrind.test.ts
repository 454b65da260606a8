/*
 * Constant time, checked the ctgrind way: keys and scalars are marked undefined for valgrind's
 * memcheck (test/c/ctgrind.c) and the emitted ChaCha20, Poly1305, BLAKE2s keyed, HMAC and X25519 run
 * on them; any secret-dependent branch or memory index is a memcheck error. Both field/limb builds.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compile, CRYPTO_SOURCES, FORCE_FALLBACK_FLAG, makeBuildDir } from '../src';

const dir = makeBuildDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(flags: string[], arg?: string): { status: number | null; errors: string[] } {
	const exe = path.join(dir, `ctgrind${flags.join('')}`);
	if (!fs.existsSync(exe)) compile([path.join(__dirname, 'c', 'ctgrind.c'), ...CRYPTO_SOURCES], exe, { cc: 'gcc', flags: ['-g', ...flags] });
	const r = spawnSync('valgrind', ['-q', '--error-exitcode=3', exe, ...(arg ? [arg] : [])], { encoding: 'utf8' });
	const errors = r.stderr.split('\n').filter((l) => /Conditional jump or move depends on uninitialised value|Use of uninitialised value of size/.test(l));
	return { status: r.status, errors };
}

describe('ctgrind: no secret-dependent branches or indices', () => {
	it.each([
		['64-bit limbs (unsigned __int128)', []],
		['32-bit fallback (-U__SIZEOF_INT128__)', [FORCE_FALLBACK_FLAG]],
	])('%s', (_name, flags) => {
		const r = run(flags as string[]);
		expect(r.errors).toEqual([]);
		expect(r.status).toBe(0);
	}, 300_000);

	it('reports a branch on the key (negative control: the technique can fail)', () => {
		const r = run([], 'leak');
		expect(r.errors.length).toBeGreaterThan(0);
		expect(r.status).toBe(3);
	}, 300_000);
});
