import {
	RELEASES, BRANCHES, releaseByName, supportedReleases, newestVersion, checkVersion, lineOf, dateBounds,
} from '@wgup/releases';

describe('releases', () => {
	test('every release 11.4 .. 15.1 (and 14.5) with the facts file values', () => {
		expect(RELEASES.map((r) => r.name)).toEqual([
			'11.4', '12.0', '12.1', '12.2', '12.3', '12.4', '13.0', '13.1', '13.2', '13.3', '13.4', '13.5',
			'14.0', '14.1', '14.2', '14.3', '14.4', '14.5', '15.0', '15.1',
		]);
		expect(releaseByName('13.2-RELEASE')?.version).toBe(1302001);
		expect(releaseByName('releng/14.0')?.version).toBe(1400097);
		expect(releaseByName('11.4')?.version).toBe(1104001);
		expect(releaseByName('9.9')).toBeUndefined();
	});

	test('each release version is plausible for its releng line and sits on its branch', () => {
		for (const r of RELEASES) {
			expect(Math.floor(r.version / 100000)).toBe(r.major);
			expect(lineOf(r.version)).toBe(r.branch);
			expect(r.facts.version.evidence.length).toBeGreaterThan(0);
		}
	});

	test('unverified values keep their mark', () => {
		expect(releaseByName('15.0')!.facts.version.verified).toBe(false);
		expect(releaseByName('13.0')!.facts.version.verified).toBe(true);
	});

	test('support flags: in-tree driver from 13.2 and 14.0 on; compat port from 12.1', () => {
		expect(supportedReleases({ target: 'in-tree' }).map((r) => r.name)).toEqual(
			['13.2', '13.3', '13.4', '13.5', '14.0', '14.1', '14.2', '14.3', '14.4', '14.5', '15.0', '15.1']);
		const compat = supportedReleases({ target: 'compat' }).map((r) => r.name);
		expect(compat[0]).toBe('12.1');
		expect(compat).not.toContain('12.0');
		expect(supportedReleases({ target: 'compat', supportedOn: '2026-11-26' }).map((r) => r.name))
			.toEqual(['14.4', '14.5', '15.1']); // 15.0 reached EoL on 2026-09-30
		expect(RELEASES.filter((r) => r.portCiTested).map((r) => r.name)).toEqual(['12.1', '12.2', '12.3', '13.0', '13.1']);
	});

	test('branches and newest versions', () => {
		expect(BRANCHES.map((b) => b.name)).toEqual(['stable/11', 'stable/12', 'stable/13', 'stable/14', 'stable/15', 'main']);
		expect(newestVersion('main')).toBe(1600018);
		expect(newestVersion('stable/13')).toBe(1305000);
		expect(newestVersion('stable/15')).toBe(1501000);
		expect(() => newestVersion('stable/99')).toThrow(/unknown branch stable\/99/);
	});
});

describe('checkVersion', () => {
	test.each([
		['main', 1400036], ['main', 1400097], ['main', 1600030], ['stable/13', 1300519], ['stable/13', 1301506],
		['stable/13', 1300137], ['stable/14', 1403508], ['stable/15', 1500066],
	])('%s %d is plausible', (branch, v) => {
		expect(checkVersion(branch, v)).toEqual({ ok: true });
	});

	test.each([
		['main', 1400517, /not a main \(CURRENT\) value.*stable\/14/],
		['main', 1400098, /past 1400097, where stable\/14 left main/],
		['main', 1700000, /main is 16\.0-CURRENT/],
		['stable/13', 1400036, /14\.x value/],
		['stable/13', 1301000, /releng\/13\.1 value/],
		['stable/13', 1300100, /predates stable\/13/],
		['stable/13', 1309500, /newest release from stable\/13 is 13\.5/],
		['stable/99', 9900500, /unknown branch/],
		['main', 140036, /seven digits/],
	])('%s %d is refused', (branch, v, why) => {
		const p = checkVersion(branch as string, v as number);
		expect(p.ok).toBe(false);
		expect(!p.ok && p.reason).toMatch(why as RegExp);
	});
});

describe('dateBounds', () => {
	test('main values start when main became that CURRENT; stable values end at the next release', () => {
		expect(dateBounds('main', 1400036).notBefore).toBe('2021-01-22');
		expect(dateBounds('main', 1400036).notAfter).toBe('2023-08-24');
		expect(dateBounds('stable/12', 1201500).notAfter).toBe('2020-10-27');
		expect(dateBounds('stable/13', 1300519).notAfter).toBe('2022-05-16');
	});
});
