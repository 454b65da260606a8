/*
 * The branches: stable/11..15 and main, with the __FreeBSD_version each started at, the newest value
 * seen, the value right after each releng/X.Y was cut, and the branch EoL. Transcribed from
 * ../shared/facts/freebsd-releases.json ("branches"); stable/11 is not in those facts beyond its EoL.
 */
import type { Fact } from './types';

const HANDBOOK = 'freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc';

export interface RawBranch {
	readonly name: string;
	readonly major: number;
	/**
	 * First __FreeBSD_version on the branch: for stable/N the value at which it left main (main then
	 * became (N+1).0-CURRENT at `mainMovedOn`); null where not collected.
	 */
	readonly first: Fact<number> | null;
	/** ISO date main moved to (N+1)00000, i.e. when this stable branch was created */
	readonly created: Fact<string> | null;
	/** newest value seen in a source; the live branch has moved on since */
	readonly lastSeen: Fact<number> | null;
	/** stable value right after each releng/N.M was branched ("N.M" -> value) */
	readonly postReleng: Readonly<Record<string, number>>;
	readonly eol: Fact<string> | null;
}

export const BRANCH_DATA: readonly RawBranch[] = [
	{
		name: 'stable/11',
		major: 11,
		first: null,
		created: null,
		lastSeen: null,
		postReleng: {},
		eol: {
			value: '2021-09-30',
			verified: true,
			evidence: [{
				source: 'freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2',
				says: 'stable/11 | n/a | n/a | n/a | September 30, 2021',
				verified: true,
			}],
		},
	},
	{
		name: 'stable/12',
		major: 12,
		first: {
			value: 1200085,
			verified: true,
			evidence: [{
				source: `${HANDBOOK}@35ec8c4ac29f2b629926b61d40294ed9c9a73e79 (FreeBSD 12 table)`,
				says: "1200085 r339270 October 19, 2018 '12.0-STABLE after updating OpenSSL to version 1.1.1'",
				verified: true,
			}],
			note: 'head became 13.0-CURRENT (1300000) at r339436 on October 19, 2018; 1200085 is the last head value before that',
		},
		created: {
			value: '2018-10-19',
			verified: true,
			evidence: [{ source: `${HANDBOOK}@35ec8c4ac29f2b629926b61d40294ed9c9a73e79`, says: '1300000 r339436 October 19, 2018 13.0-CURRENT', verified: true }],
		},
		lastSeen: {
			value: 1204500,
			verified: true,
			evidence: [{ source: `${HANDBOOK}@35ec8c4ac29f2b629926b61d40294ed9c9a73e79`, says: "1204500 6a9031c5e2ba October 20, 2022 '12-STABLE after branching releng/12.4'", verified: true }],
		},
		postReleng: { '12.0': 1200500, '12.1': 1201500, '12.2': 1202500, '12.3': 1203500, '12.4': 1204500 },
		eol: {
			value: '2023-12-31',
			verified: true,
			evidence: [{
				source: 'freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2',
				says: 'stable/12 | n/a | n/a | n/a | December 31, 2023',
				verified: true,
			}],
		},
	},
	{
		name: 'stable/13',
		major: 13,
		first: {
			value: 1300136,
			verified: false,
			evidence: [{
				source: `${HANDBOOK}@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2 (FreeBSD 13/14 tables)`,
				says: "1400000 a53ce3fc4938 January 22, 2021 '14.0-CURRENT.' (main); 1300136 January 17, 2021 is the last 13.0-CURRENT row before it; 1300137-1300139 follow on stable/13",
				verified: true,
			}],
			note: 'first value inferred from branch timing',
		},
		created: {
			value: '2021-01-22',
			verified: true,
			evidence: [{ source: `${HANDBOOK}@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2`, says: "1400000 a53ce3fc4938 January 22, 2021 '14.0-CURRENT.'", verified: true }],
		},
		lastSeen: {
			value: 1304501,
			verified: true,
			evidence: [{ source: `${HANDBOOK}@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2`, says: 'last 13 row 1304501 b802ab153dd2 December 1, 2024', verified: true }],
			note: '13.4/13.5-era values after 1304501 (e.g. 1305500) are not in the handbook',
		},
		postReleng: { '13.0': 1300500, '13.1': 1301500, '13.2': 1302500, '13.3': 1303501, '13.4': 1304500 },
		eol: {
			value: '2026-04-30',
			verified: true,
			evidence: [{ source: 'freebsd/freebsd-doc:website/content/en/security/_index.adoc@0307aa099c560e7795862fb986d333948947766e', says: 'stable/13 | n/a | n/a | April 30, 2026', verified: true }],
		},
	},
	{
		name: 'stable/14',
		major: 14,
		first: {
			value: 1400097,
			verified: true,
			evidence: [{ source: 'freebsd/freebsd-src:sys/sys/param.h@29a16ce065dbc28bc9e87c9bfadb08bb58b137e4', says: '#define __FreeBSD_version 1400097', verified: true }],
		},
		created: {
			value: '2023-08-24',
			verified: true,
			evidence: [{ source: `${HANDBOOK}@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2 (FreeBSD 15 table)`, says: "1500000 August 24, 2023 '15.0-CURRENT.'", verified: true }],
		},
		lastSeen: {
			value: 1403508,
			verified: true,
			evidence: [{ source: 'freebsd/freebsd-src:sys/sys/param.h@16e2bb8177bd86a954ef968551d8c8980582381a', says: '#define __FreeBSD_version 1403508', verified: true }],
			note: 'values after January 2026 (14.4/14.5 era) are not in any handbook version read',
		},
		postReleng: { '14.0': 1400500, '14.1': 1401500, '14.2': 1402500, '14.3': 1403500 },
		eol: {
			value: '2028-11-30',
			verified: true,
			evidence: [{ source: 'freebsd/freebsd-doc:website/content/en/releases/14.5R/announce.asc@0cfe34ac61688678fa7668b61edd11eceff06f23', says: 'The FreeBSD 14 release series will be supported until November 30, 2028', verified: true }],
		},
	},
	{
		name: 'stable/15',
		major: 15,
		first: {
			value: 1500064,
			verified: false,
			evidence: [{ source: `${HANDBOOK}@b4b7945f8435c89ca233ba54b86a9af29aa106dd (FreeBSD 15 table)`, says: "1500064 6e7cc49f94cf September 4, 2025 '15.0-STABLE after branching stable/15'", verified: true }],
			note: '1500064 itself was not read from param.h',
		},
		created: {
			value: '2025-09-04',
			verified: true,
			evidence: [{ source: 'freebsd/freebsd-src:sys/sys/param.h@8b4e4c2737305df8807abc6cd054a32586085c93', says: '#define __FreeBSD_version 1600000 (handbook: September 4, 2025)', verified: true }],
		},
		lastSeen: {
			value: 1500509,
			verified: true,
			evidence: [{ source: 'freebsd/freebsd-src:sys/sys/param.h@c969df6ccef61ffc01d038eee383d0852e66da3d', says: '#define __FreeBSD_version 1500509', verified: true }],
		},
		postReleng: { '15.0': 1500500 },
		eol: {
			value: '2029-12-31',
			verified: true,
			evidence: [{ source: 'freebsd/freebsd-doc:website/content/en/releases/15.0R/announce.asc@319892a75b6c8c37f3ebe4bf28b60e3703d95bab', says: 'The FreeBSD 15 release series will be supported until December 31, 2029', verified: true }],
		},
	},
	{
		name: 'main',
		major: 16,
		first: {
			value: 1600000,
			verified: true,
			evidence: [{ source: 'freebsd/freebsd-src:sys/sys/param.h@8b4e4c2737305df8807abc6cd054a32586085c93', says: '#define __FreeBSD_version 1600000', verified: true }],
			note: 'main as 16.0-CURRENT; earlier CURRENT values (N00000..) belong to main too, before stable/N left it',
		},
		created: null,
		lastSeen: {
			value: 1600018,
			verified: true,
			evidence: [{ source: `${HANDBOOK}@b4b7945f8435c89ca233ba54b86a9af29aa106dd (FreeBSD 16 table)`, says: '1600018 1569e2334ab5 April 30, 2026 (last row)', verified: true }],
			note: 'newest documented value; main has probably moved on (a third-party shim defines 1600019): a floor, not the live value',
		},
		postReleng: {},
		eol: null,
	},
];
