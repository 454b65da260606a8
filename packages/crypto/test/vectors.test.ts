/*
 * The copied vector files are the upstream bytes the README in test/vectors names, and hold the case counts
 * the crypto README states.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VECTORS } from './helpers';

const readme = fs.readFileSync(path.join(VECTORS, 'README.md'), 'utf8');
const rows = [...readme.matchAll(/^\| ([\w/.-]+\.json) \|.*\| ([0-9a-f]{64}) \|$/gm)].map((m) => [m[1], m[2]] as const);

test('every vector file is listed with its SHA-256, and the bytes match', () => {
	const files = ['wycheproof', 'blake2'].flatMap((d) => fs.readdirSync(path.join(VECTORS, d)).filter((f) => f.endsWith('.json')).map((f) => `${d}/${f}`));
	expect(rows.map(([f]) => f).sort()).toEqual(files.sort());
	for (const [f, sum] of rows) expect({ f, sum: createHash('sha256').update(fs.readFileSync(path.join(VECTORS, f))).digest('hex') }).toEqual({ f, sum });
});

test('the case counts are the ones the README states', () => {
	const count = (f: string) => (JSON.parse(fs.readFileSync(path.join(VECTORS, f), 'utf8')) as { testGroups: { tests: unknown[] }[] }).testGroups.reduce((n, g) => n + g.tests.length, 0);
	expect(count('wycheproof/chacha20_poly1305_test.json')).toBe(325);
	expect(count('wycheproof/xchacha20_poly1305_test.json')).toBe(315);
	expect(count('wycheproof/x25519_test.json')).toBe(518);
	expect((JSON.parse(fs.readFileSync(path.join(VECTORS, 'blake2/blake2s-kat.json'), 'utf8')) as unknown[]).length).toBe(512);
});
