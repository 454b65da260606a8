import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
	checkSafeName, checkWritableFile, dropScratch, EXIT, makeScratch, parseCommit, parseFreebsdVersion, parseIsoDate, parseList, readManifest,
	removeIfUnchanged, resolveInside, sha256, sweepStale, trackedScratch, WgupError, writeAllOrNothing,
} from '../src/fs-safety';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-fs-safety-'));

describe('resolveInside', () => {
	test('plain relative paths resolve under the root, existing or not', () => {
		const root = tmp();
		expect(resolveInside(root, 'a/b/c.h', 'x')).toBe(path.join(root, 'a', 'b', 'c.h'));
	});
	test.each(['../x', 'a/../../x', '/etc/passwd', '', 'a//b', './a', 'a/.', 'a\\b', 'a\0b'])('%j is refused', (rel) => {
		expect(() => resolveInside(tmp(), rel, 'test input')).toThrow(/test input: path .* is refused/);
	});
	test('a symlink component below the root is refused, wherever it points; the root itself may be one', () => {
		const base = tmp();
		const real = path.join(base, 'real');
		fs.mkdirSync(path.join(real, 'sub'), { recursive: true });
		fs.symlinkSync(real, path.join(base, 'root'));
		fs.symlinkSync(path.join(real, 'sub'), path.join(real, 'inside-link'));
		expect(resolveInside(path.join(base, 'root'), 'sub/f', 'x')).toBe(path.join(base, 'root', 'sub', 'f'));
		expect(() => resolveInside(path.join(base, 'root'), 'inside-link/f', 'x')).toThrow(/inside-link is a symbolic link inside/);
		fs.writeFileSync(path.join(real, 'file'), '');
		expect(() => resolveInside(real, 'file/f', 'x')).toThrow(/file is not a directory/);
	});
});

test('checkSafeName accepts [A-Za-z0-9_.-]+ only, naming the file', () => {
	expect(checkSafeName('wg_noise-2.c', 'x')).toBe('wg_noise-2.c');
	for (const bad of ['$(shell x).c', 'a b.c', 'a\nb.c', '..', '.', '', 'ü.c', 'a;b']) {
		expect(() => checkSafeName(bad, 'dir/file')).toThrow(/dir\/file: the file name .* is refused/);
	}
});

describe('manifests and deleting', () => {
	test('manifest entries are validated like paths', () => {
		const dir = tmp();
		const m = path.join(dir, 'm');
		expect(readManifest(m)).toBeUndefined();
		fs.writeFileSync(m, JSON.stringify({ 'a/b': 'f'.repeat(64) }));
		expect(readManifest(m)).toEqual({ 'a/b': 'f'.repeat(64) });
		fs.writeFileSync(m, JSON.stringify({ '../b': 'f'.repeat(64) }));
		expect(() => readManifest(m)).toThrow(/path "..\/b" is refused/);
		fs.writeFileSync(m, JSON.stringify({ b: 'nothex' }));
		expect(() => readManifest(m)).toThrow(/has no sha256/);
		fs.writeFileSync(m, '[1]');
		expect(() => readManifest(m)).toThrow(/not a path -> sha256 object/);
	});
	test('a file is removed only when it still hashes to what was recorded', () => {
		const root = tmp();
		fs.writeFileSync(path.join(root, 'f'), 'ours');
		fs.writeFileSync(path.join(root, 'g'), 'edited');
		expect(removeIfUnchanged(root, 'g', sha256('ours'), 'x')).toBe('changed');
		expect(removeIfUnchanged(root, 'missing', sha256('ours'), 'x')).toBe('missing');
		expect(removeIfUnchanged(root, 'f', sha256('ours'), 'x')).toBe('removed');
		expect(fs.readdirSync(root)).toEqual(['g']);
		// a link to a file with the right bytes is not a file wgup wrote
		const outside = path.join(tmp(), 'victim');
		fs.writeFileSync(outside, 'ours');
		fs.symlinkSync(outside, path.join(root, 'l'));
		expect(() => removeIfUnchanged(root, 'l', sha256('ours'), 'x')).toThrow(/symbolic link/);
		expect(fs.existsSync(outside)).toBe(true);
	});
});

describe('writeAllOrNothing', () => {
	test('writes every file, keeping an existing mode unless one is given', () => {
		const dir = tmp();
		fs.writeFileSync(path.join(dir, 'a'), 'old');
		fs.chmodSync(path.join(dir, 'a'), 0o640);
		writeAllOrNothing([{ file: path.join(dir, 'a'), data: 'A' }, { file: path.join(dir, 'sub', 'b'), data: Buffer.from([0xe9]), mode: 0o755 }]);
		expect(fs.readFileSync(path.join(dir, 'a'), 'utf8')).toBe('A');
		expect(fs.statSync(path.join(dir, 'a')).mode & 0o777).toBe(0o640);
		expect(fs.readFileSync(path.join(dir, 'sub', 'b'))).toEqual(Buffer.from([0xe9]));
		expect(fs.statSync(path.join(dir, 'sub', 'b')).mode & 0o777).toBe(0o755);
	});
	test('one failing target leaves every target as it was and no temporaries', () => {
		const dir = tmp();
		fs.writeFileSync(path.join(dir, 'a'), 'old');
		fs.mkdirSync(path.join(dir, 'c'));
		expect(() => writeAllOrNothing([{ file: path.join(dir, 'a'), data: 'new' }, { file: path.join(dir, 'c'), data: 'x' }]))
			.toThrow(/c is a directory/);
		expect(fs.readdirSync(dir).sort()).toEqual(['a', 'c']);
		expect(fs.readFileSync(path.join(dir, 'a'), 'utf8')).toBe('old');
		expect(trackedScratch()).toEqual([]);
	});
	test('a symlinked target is refused unless followLink, which keeps the link', () => {
		const dir = tmp();
		fs.writeFileSync(path.join(dir, 'real'), 'old');
		fs.symlinkSync('real', path.join(dir, 'link'));
		expect(() => writeAllOrNothing([{ file: path.join(dir, 'link'), data: 'x' }])).toThrow(/is a symbolic link/);
		writeAllOrNothing([{ file: path.join(dir, 'link'), data: 'new', followLink: true }]);
		expect(fs.lstatSync(path.join(dir, 'link')).isSymbolicLink()).toBe(true);
		expect(fs.readFileSync(path.join(dir, 'real'), 'utf8')).toBe('new');
	});
});

test('checkWritableFile: missing directories may be created; a directory or a file in the way is refused', () => {
	const dir = tmp();
	fs.writeFileSync(path.join(dir, 'file'), '');
	expect(checkWritableFile(path.join(dir, 'new', 'deeper', 'r.json'), '--json')).toBe(path.join(dir, 'new', 'deeper', 'r.json'));
	expect(fs.existsSync(path.join(dir, 'new'))).toBe(false);
	expect(() => checkWritableFile(dir, '--json')).toThrow(/--json .* is a directory/);
	expect(() => checkWritableFile(path.join(dir, 'file', 'r.json'), '--json')).toThrow(/file is not a directory/);
});

describe('strict parsing', () => {
	test('__FreeBSD_version', () => {
		expect(parseFreebsdVersion('1400047', 'v')).toBe(1400047);
		expect(parseFreebsdVersion('100000', 'v')).toBe(100000);
		expect(parseFreebsdVersion('9999999', 'v')).toBe(9999999);
		for (const bad of ['0', '0x155CCF', '1400047abc', '99999999999', '99999', '10000000', '-1400047', '1e6', ' ', '01400047']) {
			let err: unknown;
			try {
				parseFreebsdVersion(bad, 'v');
			} catch (e) {
				err = e;
			}
			expect(err).toBeInstanceOf(WgupError);
			expect((err as WgupError).exitCode).toBe(EXIT.usage);
			expect((err as Error).message).toContain(JSON.stringify(bad));
		}
	});
	test('dates are real days', () => {
		expect(parseIsoDate('2024-02-29', 'd')).toBe('2024-02-29');
		for (const bad of ['2026-13-45', '2025-02-29', '2026-1-5', '2026-11-26T00:00', '']) expect(() => parseIsoDate(bad, 'd')).toThrow(/not a real date/);
	});
	test('commits are 7-40 hex digits', () => {
		expect(parseCommit('ABCDEF0', 'c')).toBe('abcdef0');
		for (const bad of ['abcdef', 'g'.repeat(7), 'a'.repeat(41), 'zz;rm -rf', 'abcdef0 ']) expect(() => parseCommit(bad, 'c')).toThrow(/7 to 40 hexadecimal/);
	});
	test('lists: an empty list or entry is refused', () => {
		expect(parseList('a, b', '--x')).toEqual(['a', 'b']);
		for (const bad of ['', ',', 'a,,b', ' ', 'a,']) expect(() => parseList(bad, '--x')).toThrow(/--x .*give a comma-separated list/);
	});
});

describe('scratch', () => {
	test('makeScratch names it wgup-<kind>-<pid>-<hex> and tracks it until dropped', () => {
		const parent = tmp();
		const d = makeScratch('unit', parent);
		expect(path.basename(d)).toMatch(new RegExp(`^wgup-unit-${process.pid}-[0-9a-f]{8}$`));
		expect(trackedScratch()).toContain(d);
		expect(process.listenerCount('SIGINT')).toBeGreaterThan(0);
		dropScratch(d);
		expect(fs.existsSync(d)).toBe(false);
		expect(trackedScratch()).not.toContain(d);
	});
	test('sweepStale removes old leftovers of dead runs only', () => {
		const parent = tmp();
		const mk = (name: string, ageMs: number) => {
			const p = path.join(parent, name);
			fs.mkdirSync(p);
			const t = (Date.now() - ageMs) / 1000;
			fs.utimesSync(p, t, t);
			return p;
		};
		const dead = mk('wgup-x-4999999-0a1b2c3d', 3600_000);
		const legacy = mk('wgup-x-Ab12Cd', 3600_000);
		const alive = mk(`wgup-x-${process.pid}-0a1b2c3d`, 3600_000);
		const young = mk('wgup-x-4999998-0a1b2c3d', 1000);
		const other = mk('wgup-xy-4999999-0a1b2c3d', 3600_000);
		const kept = mk('wgup-x-4999997-0a1b2c3d', 3600_000);
		fs.writeFileSync(path.join(kept, '.wgup-kept'), '');
		const t = (Date.now() - 3600_000) / 1000;
		fs.utimesSync(kept, t, t);
		const log: string[] = [];
		expect(sweepStale(parent, 'wgup-x-', (l) => log.push(l)).sort()).toEqual([dead, legacy].sort());
		expect(log).toHaveLength(2);
		for (const p of [alive, young, other, kept]) expect(fs.existsSync(p)).toBe(true);
	});
});
