import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeWithTree, openTree, parseFreeBSDVersion, readFreeBSDVersion, resolveTree, treeFile, TreeError } from '../src';

function fakeTree(define: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-fake-tree-'));
	fs.mkdirSync(path.join(dir, 'sys', 'sys'), { recursive: true });
	fs.writeFileSync(path.join(dir, 'sys', 'sys', 'param.h'), `#undef __FreeBSD_version\n${define}\n`);
	return dir;
}

describe('__FreeBSD_version is parsed strictly', () => {
	it.each(['0', '0x155CCF', '1400047abc', '99999999999', '99999', '', '-1400047'])('refuses %j', (v) => {
		expect(() => parseFreeBSDVersion(v)).toThrow(TreeError);
	});
	it('accepts a decimal in range, whatever the spacing of the #define', () => {
		expect(parseFreeBSDVersion('1500012')).toBe(1500012);
		expect(readFreeBSDVersion(fakeTree('#define __FreeBSD_version 1500012 /* Master, propagated to newvers */'))).toBe(1500012);
		expect(readFreeBSDVersion(fakeTree('#  define\t__FreeBSD_version\t1302001'))).toBe(1302001);
	});
	it('names the file when param.h has a bad value', () => {
		expect(() => readFreeBSDVersion(fakeTree('#define __FreeBSD_version 0x155CCF'))).toThrow(/param\.h.*"0x155CCF"/);
	});
	it('refuses a directory without sys/sys/param.h', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-empty-'));
		expect(() => openTree(dir, 'argument')).toThrow(/not a FreeBSD src tree/);
	});
});

describe('resolveTree', () => {
	it('prefers --tree over the environment, and the environment over the cache', () => {
		const a = fakeTree('#define __FreeBSD_version 1400000');
		const b = fakeTree('#define __FreeBSD_version 1300000');
		const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-cache-'));
		expect(resolveTree({ tree: a, env: { WGUP_FREEBSD_SRC: b } })).toMatchObject({ source: 'argument', version: 1400000 });
		expect(resolveTree({ env: { WGUP_FREEBSD_SRC: b } })).toMatchObject({ source: 'environment', version: 1300000 });
		const saved = process.env.WGUP_CACHE;
		process.env.WGUP_CACHE = empty;
		try {
			expect(resolveTree({ env: {} })).toBeNull();
			fs.mkdirSync(path.join(empty, 'freebsd-src'));
			fs.cpSync(a, path.join(empty, 'freebsd-src', 'main'), { recursive: true });
			expect(resolveTree({ env: {} })).toMatchObject({ source: 'cache', version: 1400000 });
		} finally {
			if (saved === undefined) delete process.env.WGUP_CACHE;
			else process.env.WGUP_CACHE = saved;
		}
	});
});

describeWithTree('the real tree', (dir) => {
	it('reads main snapshot facts', () => {
		const t = openTree(dir, 'argument');
		expect(t.version).toBeGreaterThanOrEqual(1500000);
		expect(treeFile(t, 'sys/dev/wg/if_wg.c')).not.toBeNull();
		expect(treeFile(t, 'sys/dev/wg/no-such-file.c')).toBeNull();
	});
});
