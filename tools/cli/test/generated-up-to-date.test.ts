/* CI fails on drift: the committed generated files must be exactly what the models give today. */
import { runGenerate } from '../src/generate';

test('`wgup generate --check` finds no drift in this checkout', () => {
	const log: string[] = [];
	const code = runGenerate({ check: true }, (l) => log.push(l));
	expect(log.filter((l) => /^(missing|changed|stale|mode):/.test(l))).toEqual([]);
	expect(code).toBe(0);
});

test('`wgup generate --check --copyright TEXT` sees exactly the C files change (their licence line), and writes nothing', () => {
	const log: string[] = [];
	const code = runGenerate({ check: true, copyright: '2027 Jane Doe <jane@example.org>' }, (l) => log.push(l));
	const drift = log.filter((l) => /^(missing|changed|stale|mode):/.test(l));
	expect(code).toBe(1);
	expect(drift).toContain('changed: freebsd-overlay/sys/crypto/blake2s.c (crypto-c)');
	expect(drift).toContain('changed: freebsd-overlay/sys/dev/wg/wg_protocol.h (protocol-header)');
	expect(drift.filter((l) => !/^changed: \S+\.[ch] /.test(l))).toEqual([]);
	// nothing was written: the tree is still what the config gives
	const again: string[] = [];
	expect(runGenerate({ check: true }, (l) => again.push(l))).toBe(0);
});
