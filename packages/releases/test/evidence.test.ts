/*
 * Facts as data, checked: every release and branch value in src/data/releases.json against its own
 * evidence records and the vendored handbook table. A value changed by one, with its evidence left as it
 * was, fails here (the mutations below are the proof).
 */
import {
	BRANCH_DATA, HANDBOOK_ROWS, HANDBOOK_SOURCE, RELEASE_DATA, bracketOf, dateFactProblems, handbookRow, quotedDates,
	rowsForCommit, versionFactProblems, versionOnDate, type Fact, type RawRelease,
} from '@wgup/releases';

function releaseProblems(r: RawRelease): string[] {
	const [major, minor] = r.name.split('.').map(Number);
	return [
		...versionFactProblems(r.version, { what: `${r.name}-RELEASE version`, release: { major, minor } }),
		...dateFactProblems(r.released, { what: `${r.name}-RELEASE release date` }),
		...dateFactProblems(r.eol, { what: `${r.name}-RELEASE EoL` }),
	];
}

const withVersion = (r: RawRelease, value: number): RawRelease => ({ ...r, version: { ...r.version, value } });

describe('the vendored handbook table', () => {
	test('1,536 rows from the freebsd-doc commit it names; lookups by value, commit and date', () => {
		expect(HANDBOOK_ROWS.length).toBe(1536);
		expect(HANDBOOK_SOURCE).toMatch(/^freebsd\/freebsd-doc:documentation\/content\/en\/books\/porters-handbook\/versions\/_index\.adoc@[0-9a-f]{40}$/);
		expect(handbookRow(1500027)?.text).toMatch(/hiding `struct ifnet`/);
		expect(rowsForCommit('893d044346d5').map((r) => r.value)).toEqual([1500027]);
		// the bump in effect on a date (the udp_tun_func_t typedef change, bb77f0c20493, landed between these)
		expect(versionOnDate('main', '2022-09-01')?.value).toBe(1400066);
		expect(versionOnDate('stable/13', '2023-01-20')?.value).toBe(1301511);
		expect(bracketOf('main', 1400067).text).toBe('1400066 (2022-08-18) < change <= 1400069 (2022-09-22) on main');
		expect(bracketOf('stable/13', 1301511).by?.value).toBe(1301511);
	});
});

describe('releases: every value against its evidence', () => {
	test.each(RELEASE_DATA.map((r) => [r.name, r] as const))('%s', (_name, r) => {
		expect(releaseProblems(r)).toEqual([]);
	});

	test('branches: first, lastSeen, created and EoL against their evidence', () => {
		const problems: string[] = [];
		for (const b of BRANCH_DATA) {
			for (const [k, f] of [['first', b.first], ['lastSeen', b.lastSeen]] as const) {
				if (f) problems.push(...versionFactProblems(f, { what: `${b.name} ${k}` }));
			}
			for (const [k, f] of [['created', b.created], ['eol', b.eol]] as const) {
				if (f) problems.push(...dateFactProblems(f as Fact<string>, { what: `${b.name} ${k}` }));
			}
		}
		expect(problems).toEqual([]);
	});

	test('mutations: 14.2 by one, 13.2 by one, 12.1 by one, a date by a day, a cited row\'s commit', () => {
		const r = (n: string) => RELEASE_DATA.find((x) => x.name === n)!;
		expect(releaseProblems(withVersion(r('14.2'), 1402001))).toEqual([
			'14.2-RELEASE version is 1402001, but by its rule (X0Y000) it is 1402000',
		]);
		expect(releaseProblems(withVersion(r('13.2'), 1302002)).join('\n')).toMatch(/13\.2-RELEASE version is 1302002, but NixOS\/nixpkgs.* states 1302001/);
		expect(releaseProblems(withVersion(r('12.1'), 1201001)).join('\n')).toMatch(/12\.1-RELEASE version is 1201001, which none of its evidence states \(they state 1201000\)/);
		expect(releaseProblems({ ...r('13.0'), released: { ...r('13.0').released, value: '2021-04-14' } }).join('\n'))
			.toMatch(/13\.0-RELEASE release date is 2021-04-14, which none of its records quotes/);
		const badRow = { ...r('12.1'), version: { ...r('12.1').version, evidence: [{ ...r('12.1').version.evidence[0], says: "1201000 r352547 September 20, 2019 'releng/12.1'" }] } };
		expect(releaseProblems(badRow).join('\n')).toMatch(/cites handbook row 1201000 with commit r352547; the handbook has r352546/);
	});

	test('the dates quoted in evidence', () => {
		expect(quotedDates('releng/11.4 | 11.4-RELEASE | June 16, 2020; see 2021-09-30')).toEqual(['2020-06-16', '2021-09-30']);
	});
});
