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
import { composePort, DRIVER_SHIMS, renderDriverSection, withDriverSection } from '../src';
import { checkstyle9, describeWithCheckstyle9 } from '@wgup/freebsd-src';

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
	const end = compat.search(/^#endif \/\* !?_WG_COMPAT_H_ \*\/\n*$/m);
	expect(end).toBeGreaterThan(0);
	expect(compat.indexOf('#include "support.h"')).toBeGreaterThan(compat.indexOf('driver shim ifc_attach_cloner'));
	expect(compat.indexOf('#include "support.h"')).toBeLessThan(end);
	expect(compat.slice(end).trim()).toMatch(/^#endif \/\* !?_WG_COMPAT_H_ \*\/$/);
	expect(() => withDriverSection('#define X\n')).toThrow(/no closing "#endif \/\* _WG_COMPAT_H_ \*\/" line/);
	expect(withDriverSection('#ifndef _WG_COMPAT_H_\n#endif /* _WG_COMPAT_H_ */\n', 'S\n')).toBe('#ifndef _WG_COMPAT_H_\nS\n\n#endif /* _WG_COMPAT_H_ */\n');
});

describeWithCheckstyle9('the driver section, as FreeBSD\'s own checker reads it', () => {
	test('is style(9): 0 errors, 0 warnings (the catalogue\'s part is tools/headers\' to check)', () => {
		const file = path.join(tmp(), 'section.h');
		fs.writeFileSync(file, renderDriverSection());
		expect(checkstyle9(file)).toMatchObject({ errors: 0, warnings: 0, findings: [] });
	});
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

