/* CI fails on drift: the committed generated files must be exactly what the models give today. */
import { runGenerate } from '../src/generate';

test('`wgup generate --check` finds no drift in this checkout', () => {
	const log: string[] = [];
	const code = runGenerate({ check: true }, (l) => log.push(l));
	expect(log.filter((l) => /^(missing|changed|stale|mode):/.test(l))).toEqual([]);
	expect(code).toBe(0);
});
