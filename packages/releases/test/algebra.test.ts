import {
	guardExpression, guardCandidates, evaluateGuard, lacks, lackingIntervals, availabilityProblems, changePoints,
	type Availability,
} from '@wgup/releases';

const MBUF: Availability = { main: 1400036, merged: { 'stable/13': 1300519 } };

describe('guardExpression', () => {
	test('the OCF mbuf case: lacking below 1300519, and 14-CURRENT below 1400036', () => {
		expect(lackingIntervals(MBUF)).toEqual([{ lo: 0, hi: 1300519 }, { lo: 1400000, hi: 1400036 }]);
		expect(guardExpression(MBUF)).toBe(
			'__FreeBSD_version < 1300519 || (__FreeBSD_version >= 1400000 && __FreeBSD_version < 1400036)');
	});

	test('main only, never, always', () => {
		expect(guardExpression({ main: 1400059 })).toBe('__FreeBSD_version < 1400059');
		expect(guardExpression({ main: null })).toBe('1');
		expect(guardExpression({ main: 0 })).toBe('0');
	});

	test('merged to a stable branch while absent from main (a direct commit) is still exact', () => {
		const a: Availability = { main: null, merged: { 'stable/13': 1301506 } };
		for (const v of [1301505, 1301506, 1399999, 1400000, 1600000]) {
			expect(evaluateGuard(guardExpression(a), v)).toBe(lacks(a, v));
		}
	});

	test('the printed guard equals lacks() at and around every change point, for many availabilities', () => {
		const mains = [null, 0, 1300012, 1400036, 1400048, 1500010, 1600005];
		const merges: Record<string, number>[] = [
			{}, { 'stable/13': 1300519 }, { 'stable/12': 1202500, 'stable/13': 1300507 },
			{ 'stable/13': 1301506, 'stable/14': 1400500 }, { 'stable/14': 1402500, 'stable/15': 1500505 },
		];
		let checked = 0;
		for (const main of mains) {
			for (const merged of merges) {
				const a: Availability = { main, merged };
				for (const expr of guardCandidates(a)) {
					const points = [0, 1100000, 1200086, 1302001, 1400097, 1500068, 1600018, ...changePoints(a)];
					for (const v of points) {
						expect({ expr, v, lacks: evaluateGuard(expr, v) }).toEqual({ expr, v, lacks: lacks(a, v) });
						checked++;
					}
				}
				const best = guardExpression(a);
				expect(guardCandidates(a).every((c) => c.length >= best.length)).toBe(true);
			}
		}
		expect(checked).toBeGreaterThan(500);
	});
});

describe('evaluateGuard', () => {
	test('C precedence, hex literals, negation', () => {
		expect(evaluateGuard('__FreeBSD_version < 0x7fffffff', 1600018)).toBe(true);
		expect(evaluateGuard('1 || 0 && 0', 0)).toBe(true);
		expect(evaluateGuard('!(__FreeBSD_version >= 1300519 && __FreeBSD_version < 1400000)', 1300600)).toBe(false);
		// the port's own spelling of the mbuf guard agrees with the derived one
		const port = '(__FreeBSD_version < 1400036 && __FreeBSD_version >= 1400000) || __FreeBSD_version < 1300519';
		for (const v of changePoints(MBUF)) expect(evaluateGuard(port, v)).toBe(lacks(MBUF, v));
	});

	test('refuses what it cannot read', () => {
		expect(() => evaluateGuard('FOO < 3', 1)).toThrow(/unknown identifier FOO/);
		expect(() => evaluateGuard('__FreeBSD_version <', 1)).toThrow(/ends early/);
		expect(() => evaluateGuard('(1', 1)).toThrow(/expected \)/);
	});
});

describe('availabilityProblems', () => {
	test('consistent records pass; inherited or implausible merges are named', () => {
		expect(availabilityProblems(MBUF)).toEqual([]);
		expect(availabilityProblems({ main: 1400036, merged: { 'stable/14': 1400500 } })[0])
			.toMatch(/stable\/14: branched from main at 1400097, after the change landed in main at 1400036/);
		expect(availabilityProblems({ main: 1400517 })[0]).toMatch(/^main: 1400517 is not a main/);
		expect(availabilityProblems({ main: 1400036, merged: { 'stable/13': 1301000 } })[0]).toMatch(/releng\/13\.1/);
	});
});
