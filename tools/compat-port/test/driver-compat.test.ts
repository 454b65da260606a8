/*
 * compat.h's driver section: each shim active exactly where @wgup/kernel-api says the kernel lacks the
 * interface (evaluated by the C preprocessor, not compared as text), placed before compat.h's closing
 * #endif and followed by support.h (tools/matrix's real-driver test compiles the driver with each shim
 * forced on where the kernel has the KPI).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { readCatalogue, resolveCataloguePath } from '@wgup/headers';
import { driverInterfaceById, hasInterface, renderDriverStubHeaders } from '@wgup/kernel-api';
import { supportedReleases } from '@wgup/releases';
import { globalDefinitions, loadCParser } from '@wgup/c-source';
import { composePort, DRIVER_SHIMS, EMITTED_INTERNAL_GLOBALS, renderDriverSection, withDriverSection } from '../src';

jest.setTimeout(120_000);

const catalogue = readCatalogue(resolveCataloguePath(undefined, {}));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-drvcompat-'));

function writeTree(dir: string, files: Record<string, string | Buffer>): void {
	for (const [rel, content] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
		fs.writeFileSync(path.join(dir, rel), content);
	}
}

test('the section sits before compat.h\'s closing #endif and ends by including support.h', () => {
	const port = composePort({ catalogue, version: '20261126' });
	const compat = port.files.find((f) => f.path === 'compat.h')!.content as string;
	const end = compat.lastIndexOf('#endif /* _WG_COMPAT_H_ */');
	expect(compat.indexOf('#include "support.h"')).toBeGreaterThan(compat.indexOf('driver shim ifc_attach_cloner'));
	expect(compat.indexOf('#include "support.h"')).toBeLessThan(end);
	expect(compat.slice(end).trim()).toBe('#endif /* _WG_COMPAT_H_ */');
	expect(() => withDriverSection('#define X\n')).toThrow(/no "#endif \/\* _WG_COMPAT_H_ \*\/" line/);
	// the section is style(9), as FreeBSD's own checker reads it (the catalogue's part is tools/headers' to check)
	const file = path.join(tmp(), 'section.h');
	fs.writeFileSync(file, renderDriverSection());
	const checker = path.join(REPO_ROOT, '..', 'shared', 'tools', 'checkstyle9.pl');
	expect(execFileSync('perl', [checker, '--no-color', '-f', file], { encoding: 'utf8' })).toMatch(/total: 0 errors, 0 warnings/);
});

test.each(supportedReleases({ target: 'compat' }).map((r) => [r.name, r.version]))(
	'%s (%i): each driver shim is in effect exactly where the kernel lacks its interface', (_name, v) => {
		const dir = tmp();
		const port = composePort({ catalogue, version: '20261126' });
		writeTree(path.join(dir, 'port'), Object.fromEntries(port.files.map((f) => [f.path, f.content])));
		writeTree(path.join(dir, 'stubs'), renderDriverStubHeaders(v as number));
		const macros = execFileSync('gcc', ['-E', '-dM', '-nostdinc', '-ffreestanding', '-D_KERNEL', `-D__FreeBSD_version=${v}`,
			`-I${path.join(dir, 'port')}`, `-I${path.join(dir, 'stubs')}`, '-include', path.join(dir, 'port', 'compat.h'), '-x', 'c', '/dev/null'],
		{ encoding: 'utf8' });
		fs.rmSync(dir, { recursive: true, force: true });
		for (const s of DRIVER_SHIMS) {
			const lacks = !hasInterface(driverInterfaceById(s.standsFor)!, v as number);
			expect({ shim: s.id, active: /^#define ifc_attach_cloner\(/m.test(macros) }).toEqual({ shim: s.id, active: lacks });
		}
	});

describe('the emitted sys/crypto\'s internal globals are renamed module-wide', () => {
	test('the rename list is exactly what the emitted crypto defines beyond sys/crypto\'s public API (read with the parser)', async () => {
		const c = await loadCParser();
		const port = composePort({ catalogue, version: '20261126' });
		const text = (p: string) => port.files.find((f) => f.path === p)!.content as string;
		const globals = ['crypto/chacha20_poly1305.c', 'crypto/curve25519.c'].flatMap((f) => globalDefinitions(c.declarations(text(f), f)));
		const publicApi = new Set(['crypto/chacha20_poly1305.h', 'crypto/curve25519.h'].flatMap((h) => c.declarations(text(h), h).functions.map((f) => f.name)));
		expect(globals.filter((g) => !publicApi.has(g)).sort()).toEqual([...EMITTED_INTERNAL_GLOBALS].sort());
	});

	test('on a release that compiles them (12.1), the module defines wg_compat_poly1305_init and no poly1305_init', () => {
		const dir = tmp();
		const port = composePort({ catalogue, version: '20261126' });
		writeTree(path.join(dir, 'port'), Object.fromEntries(port.files.map((f) => [f.path, f.content])));
		writeTree(path.join(dir, 'stubs'), renderDriverStubHeaders(1201000));
		const obj = path.join(dir, 'aead.o');
		execFileSync('gcc', ['-std=gnu99', '-O2', '-nostdinc', '-ffreestanding', '-fno-builtin', '-D_KERNEL', '-D__FreeBSD_version=1201000',
			`-I${path.join(dir, 'port')}`, `-I${path.join(dir, 'stubs')}`, '-include', path.join(dir, 'port', 'compat.h'),
			'-c', path.join(dir, 'port', 'wg_compat_chacha20_poly1305.c'), '-o', obj], { stdio: 'pipe' });
		const defined = execFileSync('nm', ['--defined-only', '-g', obj], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ').pop());
		fs.rmSync(dir, { recursive: true, force: true });
		expect(defined).toEqual(expect.arrayContaining(['wg_compat_poly1305_init', 'wg_compat_chacha20_xor', 'chacha20_poly1305_encrypt']));
		expect(defined).not.toContain('poly1305_init');
		expect(defined).not.toContain('chacha20_xor');
	});
});
