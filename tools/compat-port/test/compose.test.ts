import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCatalogue, resolveCataloguePath } from '@wgup/headers';
import { composePort, DRIVER_FILES, writeTree, MANIFEST, tarGz, sha256Hex, versionEpoch } from '../src';

const FIXTURE_DRIVER = path.join(__dirname, 'fixtures', 'driver');
const catalogue = readCatalogue(resolveCataloguePath(undefined, {}));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-compat-'));

describe('composePort', () => {
	test('without driver sources: the generated parts, and the list of driver files still needed', () => {
		const port = composePort({ catalogue, version: '20261126' });
		const paths = port.files.map((f) => f.path);
		expect(paths).toEqual(expect.arrayContaining(['Makefile', 'compat.h', 'support.h', 'version.h', 'wg_compat_chacha20_poly1305.c',
			'crypto/chacha20_poly1305.c', 'crypto/curve25519.c', 'crypto/blake2s.c', 'wg_crypto_ocf.c']));
		expect(port.missingDriverFiles).toEqual([...DRIVER_FILES]);
		expect(port.files.find((f) => f.path === 'version.h')!.content).toContain('#define WIREGUARD_VERSION 20261126');
	});

	test('with a driver checkout: its sources join the tree and the Makefile builds them', () => {
		const port = composePort({ catalogue, version: '20261126', driverSrc: FIXTURE_DRIVER });
		expect(port.missingDriverFiles).toEqual([]);
		const makefile = port.files.find((f) => f.path === 'Makefile')!.content as string;
		const srcs = makefile.match(/^SRCS=([\s\S]*?)^SRCS\+=/m)![1].split(/[\s\\]+/).filter(Boolean);
		expect(srcs).toEqual(['if_wg.c', 'wg_compat_blake2s.c', 'wg_compat_chacha20_poly1305.c', 'wg_compat_curve25519.c', 'wg_cookie.c',
			'wg_crypto_ocf.c', 'wg_noise.c']);
		expect(makefile).toContain('-include ${.CURDIR}/compat.h');
		expect(makefile).toContain('.include <bsd.kmod.mk>');
		expect(port.files.filter((f) => f.origin === 'driver').map((f) => f.path)).toEqual(
			['crypto.h', 'if_wg.c', 'if_wg.h', 'wg_cookie.c', 'wg_cookie.h', 'wg_noise.c', 'wg_noise.h']);
	});

	test('each crypto fallback is compiled only under the COMPAT_NEED_* macro compat.h sets', () => {
		const port = composePort({ catalogue, version: '20261126' });
		const headers = ['compat.h', 'support.h'].map((h) => port.files.find((f) => f.path === h)!.content).join('\n');
		for (const [file, need] of [['blake2s.c', 'COMPAT_NEED_BLAKE2S'], ['chacha20_poly1305.c', 'COMPAT_NEED_CHACHA20POLY1305'],
			['curve25519.c', 'COMPAT_NEED_CURVE25519']]) {
			const wrapper = port.files.find((f) => f.path === `wg_compat_${file}`)!.content;
			expect(wrapper).toContain('#include "support.h"');
			expect(wrapper).toContain(`#ifdef ${need}\n#include "crypto/${file}"\n#endif`);
			expect(headers).toMatch(new RegExp(`#define\\s+${need}\\b`));
		}
	});

	test('a driver that still carries its own crypto is refused with what to do', () => {
		const dir = tmp();
		for (const f of fs.readdirSync(FIXTURE_DRIVER)) fs.copyFileSync(path.join(FIXTURE_DRIVER, f), path.join(dir, f));
		fs.writeFileSync(path.join(dir, 'wg_crypto.c'), 'int\nchacha20poly1305_encrypt_mbuf(void *m)\n{\n\treturn (0);\n}\n');
		expect(() => composePort({ catalogue, version: '20261126', driverSrc: dir })).toThrow(/wg_crypto.c still defines its own OCF mbuf glue.*apply patches\//);
	});

	test('a directory without the driver, or missing some of it, is refused by name', () => {
		expect(() => composePort({ catalogue, version: '20261126', driverSrc: tmp() })).toThrow(/no if_wg.c there/);
		const dir = tmp();
		fs.mkdirSync(path.join(dir, 'sys', 'dev', 'wg'), { recursive: true });
		fs.copyFileSync(path.join(FIXTURE_DRIVER, 'if_wg.c'), path.join(dir, 'sys', 'dev', 'wg', 'if_wg.c'));
		expect(() => composePort({ catalogue, version: '20261126', driverSrc: dir })).toThrow(/lacks crypto.h, if_wg.h, wg_cookie.c/);
	});

	test('the same inputs give a byte-identical release tarball', () => {
		const entries = (v: string) => composePort({ catalogue, version: v, driverSrc: FIXTURE_DRIVER }).files
			.map((f) => ({ path: `wireguard-freebsd-compat-0.0.${v}/${f.path}`, content: f.content }));
		const a = sha256Hex(tarGz(entries('20261126'), versionEpoch('20261126')));
		expect(sha256Hex(tarGz(entries('20261126'), versionEpoch('20261126')))).toBe(a);
		expect(sha256Hex(tarGz(entries('20261127'), versionEpoch('20261127')))).not.toBe(a);
	});
});

describe('writeTree', () => {
	const files = () => composePort({ catalogue, version: '20261126', driverSrc: FIXTURE_DRIVER }).files;

	test('writes the tree, then finds it unchanged; a hand edit is refused unless --force', () => {
		const out = tmp();
		const first = writeTree(out, files());
		expect(first.written).toContain('crypto/blake2s.c');
		expect(fs.existsSync(path.join(out, MANIFEST))).toBe(true);
		expect(writeTree(out, files()).written).toEqual([]);

		fs.appendFileSync(path.join(out, 'if_wg.c'), '/* local change */\n');
		expect(() => writeTree(out, files())).toThrow(/refusing to overwrite 1 file\(s\).*if_wg.c/);
		expect(fs.readFileSync(path.join(out, 'if_wg.c'), 'utf8')).toContain('local change');
		expect(writeTree(out, files(), { force: true }).written).toEqual(['if_wg.c']);
	});

	test('a file wgup wrote that is no longer composed is removed, unless it was edited', () => {
		const out = tmp();
		writeTree(out, files());
		const fewer = files().filter((f) => f.path !== 'wg_cookie.c' && f.path !== 'wg_cookie.h');
		fs.appendFileSync(path.join(out, 'wg_cookie.h'), '/* edited */\n');
		const r = writeTree(out, fewer);
		expect(r.removed).toEqual(['wg_cookie.c']);
		expect(r.keptEdited).toEqual(['wg_cookie.h']);
		expect(fs.existsSync(path.join(out, 'wg_cookie.h'))).toBe(true);
	});

	test('files already in the directory that wgup never wrote are not overwritten', () => {
		const out = tmp();
		fs.writeFileSync(path.join(out, 'Makefile'), 'my own Makefile\n');
		expect(() => writeTree(out, files())).toThrow(/Makefile/);
		expect(fs.readdirSync(out)).toEqual(['Makefile']);
	});
});
