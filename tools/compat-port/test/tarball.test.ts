import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tarGz, sha256Hex, versionEpoch, tarArchive } from '../src/tarball';

const entries = [
	{ path: 'wireguard-freebsd-compat-0.0.20261126/src/if_wg.c', content: 'int x;\n' },
	{ path: 'wireguard-freebsd-compat-0.0.20261126/src/Makefile', content: 'KMOD= if_wg\n' },
	{ path: 'wireguard-freebsd-compat-0.0.20261126/tests/netns.sh', content: '#!/bin/sh\n', executable: true },
	{ path: `wireguard-freebsd-compat-0.0.20261126/${'d'.repeat(90)}/${'f'.repeat(60)}.h`, content: '' },
];

test('same entries in any order give the same SHA-256', () => {
	const t = versionEpoch('20261126');
	const a = sha256Hex(tarGz(entries, t));
	const b = sha256Hex(tarGz([...entries].reverse(), t));
	expect(a).toBe(b);
	expect(sha256Hex(tarGz(entries, t + 1))).not.toBe(a);
});

test('GNU tar lists sorted entries with fixed owner, mode and mtime, and extracts the bytes', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-tar-'));
	const file = path.join(dir, 'x.tar.gz');
	fs.writeFileSync(file, tarGz(entries, versionEpoch('20261126')));
	const listing = execFileSync('tar', ['-tvzf', file, '--numeric-owner', '--utc'], { encoding: 'utf8' }).trim().split('\n');
	expect(listing.map((l) => l.split(/\s+/).slice(5).join(' '))).toEqual([
		'wireguard-freebsd-compat-0.0.20261126/',
		`wireguard-freebsd-compat-0.0.20261126/${'d'.repeat(90)}/`,
		`wireguard-freebsd-compat-0.0.20261126/${'d'.repeat(90)}/${'f'.repeat(60)}.h`,
		'wireguard-freebsd-compat-0.0.20261126/src/',
		'wireguard-freebsd-compat-0.0.20261126/src/Makefile',
		'wireguard-freebsd-compat-0.0.20261126/src/if_wg.c',
		'wireguard-freebsd-compat-0.0.20261126/tests/',
		'wireguard-freebsd-compat-0.0.20261126/tests/netns.sh',
	]);
	for (const l of listing) {
		expect(l).toMatch(/ 0\/0 /);
		expect(l).toMatch(/2026-11-26 00:00/);
	}
	expect(listing.find((l) => l.endsWith('netns.sh'))).toMatch(/^-rwxr-xr-x/);
	expect(listing.find((l) => l.endsWith('if_wg.c'))).toMatch(/^-rw-r--r--/);
	execFileSync('tar', ['-xzf', file, '-C', dir]);
	expect(fs.readFileSync(path.join(dir, 'wireguard-freebsd-compat-0.0.20261126/src/if_wg.c'), 'utf8')).toBe('int x;\n');
});

test('bad paths, duplicates and bad versions are refused by name', () => {
	expect(() => tarArchive([{ path: '../evil', content: '' }], 0)).toThrow(/bad entry path "..\/evil"/);
	expect(() => tarArchive([{ path: 'a/b', content: '' }, { path: 'a/b', content: '' }], 0)).toThrow(/duplicate entry a\/b/);
	expect(() => versionEpoch('2026-11-26')).toThrow(/not YYYYMMDD/);
	expect(() => versionEpoch('20260231')).toThrow(/not a real date/);
});
