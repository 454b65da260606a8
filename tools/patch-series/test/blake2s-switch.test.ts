/*
 * The driver's switch to the shared BLAKE2s: on small files shaped like the port's layout (names that
 * are not sys/dev/wg's, so the function is seen to go by content), on the real driver of the snapshot,
 * and its refusals.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { loadCParser } from '@wgup/c-source';
import { describeWithTree, treeFiles } from '@wgup/freebsd-src';
import { DriverSwitchError, switchDriverToSharedBlake2s } from '../src/blake2s-switch';

const HEADER = {
	include: 'crypto/blake2s.h',
	text: [
		'#define\tBLAKE2S_BLOCK_SIZE\t64',
		'#define\tBLAKE2S_HASH_SIZE\t32',
		'struct blake2s_hash_state {',
		'\tuint32_t h[8];',
		'};',
		'int\tblake2s_hash_init(struct blake2s_hash_state *s, size_t outlen);',
		'int\tblake2s_hash_init_key(struct blake2s_hash_state *s, size_t outlen, const uint8_t *key, size_t keylen);',
		'void\tblake2s_hash_update(struct blake2s_hash_state *s, const uint8_t *input, size_t inlen);',
		'void\tblake2s_hash_final(struct blake2s_hash_state *s, uint8_t *out);',
		'int\tblake2s_hash(uint8_t *out, size_t outlen, const uint8_t *input, size_t inlen, const uint8_t *key, size_t keylen);',
		'',
	].join('\n'),
};

const portFiles = () =>
	new Map<string, string>([
		['src/compat.h', '#ifndef _COMPAT_H_\n#define _COMPAT_H_\n\n#if __FreeBSD_version < 0x7fffffff /* TODO: update this when implemented */\n#define COMPAT_NEED_BLAKE2S\n#endif\n\n#if __FreeBSD_version < 1400000\n#define COMPAT_NEED_OTHER\n#endif\n\n#endif\n'],
		[
			'src/crypto.h',
			[
				'#include <sys/param.h>',
				'#include <crypto/curve25519.h>',
				'',
				'enum blake2s_lengths {',
				'\tBLAKE2S_BLOCK_SIZE = 64,',
				'\tBLAKE2S_HASH_SIZE = 32',
				'};',
				'',
				'#ifdef COMPAT_NEED_BLAKE2S',
				'struct blake2s_state {',
				'\tuint32_t h[8];',
				'};',
				'void blake2s_init(struct blake2s_state *state, const size_t outlen);',
				'void blake2s_update(struct blake2s_state *state, const uint8_t *in, size_t inlen);',
				'void blake2s_final(struct blake2s_state *state, uint8_t *out);',
				'static inline void',
				'blake2s(uint8_t *out, const uint8_t *in, const uint8_t *key,',
				'    const size_t outlen, const size_t inlen, const size_t keylen)',
				'{',
				'}',
				'#endif',
				'',
			].join('\n'),
		],
		['src/crypto.c', '#include "crypto.h"\n\n#ifdef COMPAT_NEED_BLAKE2S\nvoid\nblake2s_init(struct blake2s_state *state, const size_t outlen)\n{\n}\n#endif\n\nint x;\n'],
		[
			'src/noise.c',
			[
				'/* blake2s_init() in a comment stays as written */',
				'static void',
				'f(uint8_t *ck, uint8_t *hash)',
				'{',
				'\tstruct blake2s_state s;',
				'\tconst char *why = "blake2s_update";',
				'',
				'\tblake2s_init(&s, BLAKE2S_HASH_SIZE);',
				'\tblake2s_update(&s, hash, 32);',
				'\tblake2s_final(&s, hash);',
				'\tblake2s(ck, (uint8_t *)"a long construction name for the test", NULL, BLAKE2S_HASH_SIZE,',
				'\t    strlen("a long construction name for the test"), 0);',
				'}',
				'',
			].join('\n'),
		],
		['src/Makefile', 'SRCS= crypto.c noise.c\n'],
	]);

const text = (r: { files: Map<string, Buffer> }, p: string) => r.files.get(p)!.toString('utf8');

describe('switchDriverToSharedBlake2s', () => {
	test('drops the private copy and the switch, includes the shared header, maps every use', async () => {
		const r = await switchDriverToSharedBlake2s(portFiles(), HEADER);
		const c = await loadCParser();
		// crypto.h: no private API, no enum the shared header defines, the header included in sorted place
		const h = text(r, 'src/crypto.h');
		const hd = c.declarations(h);
		expect(hd.functions.map((f) => f.name)).toEqual([]);
		expect(hd.records).toEqual([]);
		expect(hd.enumConstants).toEqual([]);
		expect(h.split('\n').filter((l) => l.startsWith('#include'))).toEqual(['#include <sys/param.h>', '#include <crypto/blake2s.h>', '#include <crypto/curve25519.h>']);
		// crypto.c: the definition went with its #ifdef; the rest stayed
		expect(c.declarations(text(r, 'src/crypto.c')).functions).toEqual([]);
		expect(text(r, 'src/crypto.c')).toContain('int x;');
		// compat.h: the switch is gone with the conditional that held only it; the rest is kept
		expect(c.declarations(text(r, 'src/compat.h')).macros.map((m) => m.name)).toEqual(['_COMPAT_H_', 'COMPAT_NEED_OTHER']);
		expect(text(r, 'src/compat.h')).toBe('#ifndef _COMPAT_H_\n#define _COMPAT_H_\n\n#if __FreeBSD_version < 1400000\n#define COMPAT_NEED_OTHER\n#endif\n\n#endif\n');
		// noise.c: calls and the struct mapped; the comment and the string untouched; the one-shot reordered and wrapped
		const n = text(r, 'src/noise.c');
		const uses = c.uses(n);
		expect([...uses.calls.keys()].filter((k) => k.startsWith('blake2s')).sort()).toEqual(['blake2s_hash', 'blake2s_hash_final', 'blake2s_hash_init', 'blake2s_hash_update']);
		expect([...uses.tags.keys()]).toEqual(['blake2s_hash_state']);
		expect(n).toContain('/* blake2s_init() in a comment stays as written */');
		expect(n).toContain('"blake2s_update"');
		const call = c.spans(n).calls.find((x) => x.name === 'blake2s_hash')!;
		expect(call.args.map((a) => a.text.replace(/\s+/g, ' '))).toEqual([
			'ck',
			'BLAKE2S_HASH_SIZE',
			'(uint8_t *)"a long construction name for the test"',
			'strlen("a long construction name for the test")',
			'NULL',
			'0',
		]);
		expect(n.split('\n').every((l) => l.replace(/\t/g, '        ').length <= 80)).toBe(true);
		// files without BLAKE2s are given back as they were, and reported per change
		expect(text(r, 'src/Makefile')).toBe('SRCS= crypto.c noise.c\n');
		expect(r.changes.map((l) => l.split(':')[0]).sort()).toEqual(['src/compat.h', 'src/crypto.c', 'src/crypto.h', 'src/crypto.h', 'src/crypto.h', 'src/noise.c']);
	});

	test('refuses a private definition outside the switch, and a header that lacks the API', async () => {
		const files = portFiles();
		files.set('src/extra.c', 'void\nblake2s_update(struct blake2s_state *s, const uint8_t *in, size_t n)\n{\n}\n');
		await expect(switchDriverToSharedBlake2s(files, HEADER)).rejects.toThrow(/src\/extra\.c: defines blake2s_update\(\) at line 1 outside #ifdef COMPAT_NEED_BLAKE2S/);
		await expect(switchDriverToSharedBlake2s(portFiles(), { ...HEADER, text: HEADER.text.replace(/^int\tblake2s_hash\(.*$/m, '') })).rejects.toThrow(DriverSwitchError);
	});

	test('an out-of-tree layout can include its own copy by a quoted name; the default header is the overlay\'s', async () => {
		const r = await switchDriverToSharedBlake2s(portFiles(), { ...HEADER, include: '"blake2s.h"' });
		expect(text(r, 'src/crypto.h').split('\n').filter((l) => l.startsWith('#include'))).toEqual(['#include <sys/param.h>', '#include <crypto/curve25519.h>', '#include "blake2s.h"']);
		const d = await switchDriverToSharedBlake2s(portFiles());
		expect(text(d, 'src/crypto.h')).toContain('#include <crypto/blake2s.h>');
		expect(text(d, 'src/noise.c')).toContain('blake2s_hash_final(&s, hash);');
	});

	test('refuses an enum that mixes shared constants with the driver\'s own', async () => {
		const files = portFiles();
		files.set('src/crypto.h', files.get('src/crypto.h')!.replace('\tBLAKE2S_HASH_SIZE = 32', '\tBLAKE2S_HASH_SIZE = 32,\n\tWG_OWN = 7'));
		await expect(switchDriverToSharedBlake2s(files, HEADER)).rejects.toThrow(/src\/crypto\.h: enum blake2s_lengths defines BLAKE2S_BLOCK_SIZE, BLAKE2S_HASH_SIZE/);
	});
});

describeWithTree('switchDriverToSharedBlake2s on the real driver', (tree) => {
	test('sys/dev/wg of the tree: no private BLAKE2s left, every use on the overlay header', async () => {
		const files = new Map(treeFiles(tree, 'sys/dev/wg').map((p) => [p, fs.readFileSync(path.join(tree, p))]));
		const header = { include: 'crypto/blake2s.h', text: fs.readFileSync(path.join(REPO_ROOT, 'freebsd-overlay/sys/crypto/blake2s.h'), 'utf8') };
		const r = await switchDriverToSharedBlake2s(files, header);
		const c = await loadCParser();
		const privateNames = /^blake2s(_init|_init_key|_update|_final)?$/;
		for (const [p, b] of r.files) {
			if (!/\.[ch]$/.test(p)) continue;
			const t = b.toString('utf8');
			const d = c.declarations(t, p);
			expect([p, d.functions.filter((f) => privateNames.test(f.name)).map((f) => f.name)]).toEqual([p, []]);
			expect([p, [...c.uses(t).calls.keys()].filter((k) => privateNames.test(k))]).toEqual([p, []]);
			expect([p, [...c.uses(t).tags.keys()].filter((k) => k === 'blake2s_state')]).toEqual([p, []]);
		}
		expect(text(r, 'sys/dev/wg/crypto.h')).toContain('#include <crypto/blake2s.h>');
		// the files that use BLAKE2s changed, the rest are byte for byte what the tree has
		const changed = [...r.files].filter(([p, b]) => !b.equals(files.get(p)!)).map(([p]) => p).sort();
		expect(changed).toEqual(['sys/dev/wg/crypto.h', 'sys/dev/wg/wg_cookie.c', 'sys/dev/wg/wg_crypto.c', 'sys/dev/wg/wg_noise.c']);
	});
});
