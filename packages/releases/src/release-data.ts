/*
 * Every FreeBSD release from 11.4 to 15.1 as transcribed from ../shared/facts/freebsd-releases.json
 * (schema wgup.facts.freebsd-releases/v1): __FreeBSD_version at the release tag, release and EoL dates,
 * each with its evidence and whether the value was read in a cited source (verified) or inferred.
 * Data only; src/releases.ts gives it types and derived views.
 */
import type { RawRelease } from './types';

export const RELEASE_DATA: readonly RawRelease[] = [
	{
		name: "11.4",
		branch: "stable/11",
		releng: "releng/11.4",
		version: {
			value: 1104001,
			verified: false,
			evidence: [
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@35ec8c4ac29f2b629926b61d40294ed9c9a73e79 (FreeBSD 11 table)",
					says: "1104000 r360804 May 8, 2020 'releng/11.4 branched from stable/11'",
					verified: true
				},
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@35ec8c4ac29f2b629926b61d40294ed9c9a73e79 (FreeBSD 11 table)",
					says: "1104001 r360822 May 8, 2020 '11.4-BETA1 after updating llvm ... to 10.0.0 release'",
					verified: true
				}
			],
			note: "Handbook shows releng/11.4 bumped 1104000 -> 1104001 during BETA1 and lists no later releng/11.4 bump, so 1104001 is the expected value at release; not read from param.h at the release tag (svn-era branch, git hash not found). Some third-party tables use 1104000 for 11.x."
		},
		released: {
			value: "2020-06-16",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/11.4 | 11.4-RELEASE | June 16, 2020",
					verified: true
				},
				{
					source: "freebsd/freebsd-doc:shared/releases.adoc@02e2f6d78441d9eb9307b4b1539ac173378e37c6",
					says: ":rel114-current-date: June 23, 2020",
					verified: true
				}
			]
		},
		eol: {
			value: "2021-09-30",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/11.4 ... EoL September 30, 2021; stable/11 EoL September 30, 2021",
					verified: true
				}
			]
		}
	},
	{
		name: "12.0",
		branch: "stable/12",
		releng: "releng/12.0",
		version: {
			value: 1200086,
			verified: false,
			evidence: [
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@35ec8c4ac29f2b629926b61d40294ed9c9a73e79 (FreeBSD 12 table)",
					says: "1200086 r339732 October 25, 2018 '12.0-STABLE after updating OpenSSL shared library version numbers'; next row 1200500 r340471 November 16, 2018 '12-STABLE after releng/12.0 was branched'",
					verified: true
				}
			],
			note: "Inferred: the handbook has no releng/12.0 row; 1200086 is the last stable/12 value before releng/12.0 was branched. Not read from param.h on releng/12.0."
		},
		released: {
			value: "2018-12-11",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/12.0 | 12.0-RELEASE | December 11, 2018",
					verified: true
				},
				{
					source: "freebsd/freebsd-doc:shared/releases.adoc@02e2f6d78441d9eb9307b4b1539ac173378e37c6",
					says: ":rel120-current-date: December 11, 2018",
					verified: true
				}
			]
		},
		eol: {
			value: "2020-02-29",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/12.0 ... EoL February 29, 2020",
					verified: true
				}
			]
		}
	},
	{
		name: "12.1",
		branch: "stable/12",
		releng: "releng/12.1",
		version: {
			value: 1201000,
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@35ec8c4ac29f2b629926b61d40294ed9c9a73e79 (FreeBSD 12 table)",
					says: "1201000 r352546 September 20, 2019 'releng/12.1 branched from stable/12@r352480'",
					verified: true
				}
			],
			note: "Branch-point value from the handbook; no later releng/12.1 bump listed. Not read from param.h (svn-era)."
		},
		released: {
			value: "2019-11-04",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/12.1 | 12.1-RELEASE | November 4, 2019",
					verified: true
				}
			]
		},
		eol: {
			value: "2021-01-31",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/12.1 ... EoL January 31, 2021",
					verified: true
				}
			]
		}
	},
	{
		name: "12.2",
		branch: "stable/12",
		releng: "releng/12.2",
		version: {
			value: 1202000,
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@35ec8c4ac29f2b629926b61d40294ed9c9a73e79 (FreeBSD 12 table)",
					says: "1202000 r365618 September 11, 2020 'releng/12.2 branched from stable/12@r365618'",
					verified: true
				}
			],
			note: "Branch-point value from the handbook; no later releng/12.2 bump listed. Not read from param.h (svn-era)."
		},
		released: {
			value: "2020-10-27",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/12.2 | 12.2-RELEASE | October 27, 2020",
					verified: true
				}
			]
		},
		eol: {
			value: "2022-03-31",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/12.2 ... EoL March 31, 2022",
					verified: true
				}
			]
		}
	},
	{
		name: "12.3",
		branch: "stable/12",
		releng: "releng/12.3",
		version: {
			value: 1203000,
			verified: false,
			evidence: [
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@35ec8c4ac29f2b629926b61d40294ed9c9a73e79 (FreeBSD 12 table)",
					says: "no 1203000 row; 1203500 f2900e784cb0 October 20, 2021 '12-STABLE after branching releng/12.3'",
					verified: true
				}
			],
			note: "Value by the X0Y000 convention only; neither the handbook nor a stored param.h showed 1203000."
		},
		released: {
			value: "2021-12-07",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/12.3 | 12.3-RELEASE | December 7, 2021",
					verified: true
				}
			]
		},
		eol: {
			value: "2023-03-31",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/12.3 ... EoL March 31, 2023",
					verified: true
				}
			]
		}
	},
	{
		name: "12.4",
		branch: "stable/12",
		releng: "releng/12.4",
		version: {
			value: 1204000,
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-src:sys/sys/param.h@fce871fe35204527a2ce08e43e1572ae9295cc00",
					says: "#define __FreeBSD_version 1204000",
					verified: true
				},
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@35ec8c4ac29f2b629926b61d40294ed9c9a73e79 (FreeBSD 12 table)",
					says: "1204000 fce871fe3520 October 20, 2022 'releng/12.4 branched from stable/12'",
					verified: true
				}
			],
			note: "Value at the releng/12.4 branch point; no later releng/12.4 bump listed in the handbook."
		},
		released: {
			value: "2022-12-05",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/12.4 | 12.4-RELEASE | December 5, 2022",
					verified: true
				}
			]
		},
		eol: {
			value: "2023-12-31",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/12.4 ... EoL December 31, 2023",
					verified: true
				}
			]
		}
	},
	{
		name: "13.0",
		branch: "stable/13",
		releng: "releng/13.0",
		version: {
			value: 1300139,
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-src:sys/sys/param.h@91a07ed50ffca4dfada3e7f1f050ea746c1bac66",
					says: "#define __FreeBSD_version 1300139",
					verified: true
				},
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2 (FreeBSD 13 table)",
					says: "1300139 91a07ed50ffc February 2, 2021 '13.0-ALPHA3 ...'; 1300500 3c6a89748a01 February 5, 2021 '13.0-STABLE after releng/13.0 was branched'",
					verified: true
				},
				{
					source: "NixOS/nixpkgs:pkgs/os-specific/bsd/freebsd/versions.json@72ef74eb62888fa5cf8d024bf1da650ec40a6edd",
					says: "release/13.0.0 rev ea31abc261ffc01b6ff5671bffb15cf910a07f4b reldate 1300139; releng/13.0 (13.0-RELEASE-p13) reldate 1300139",
					verified: true
				}
			]
		},
		released: {
			value: "2021-04-13",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/13.0 | 13.0-RELEASE | April 13, 2021",
					verified: true
				}
			]
		},
		eol: {
			value: "2022-08-31",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/13.0 ... EoL August 31, 2022",
					verified: true
				}
			]
		}
	},
	{
		name: "13.1",
		branch: "stable/13",
		releng: "releng/13.1",
		version: {
			value: 1301000,
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-src:sys/sys/param.h@ad329796bdb29c69bce610ad332d08257d7157ac",
					says: "#define __FreeBSD_version 1301000",
					verified: true
				},
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2 (FreeBSD 13 table)",
					says: "1301000 ad329796bdb2 March 10, 2022 'releng/13.1 branched.'",
					verified: true
				},
				{
					source: "NixOS/nixpkgs:pkgs/os-specific/bsd/freebsd/versions.json@72ef74eb62888fa5cf8d024bf1da650ec40a6edd",
					says: "release/13.1.0 rev fc952ac2212b121aa6eefc273f5960ec3e0a466d reldate 1301000",
					verified: true
				}
			]
		},
		released: {
			value: "2022-05-16",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/13.1 | 13.1-RELEASE | May 16, 2022",
					verified: true
				}
			]
		},
		eol: {
			value: "2023-07-31",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/13.1 ... EoL July 31, 2023",
					verified: true
				}
			]
		}
	},
	{
		name: "13.2",
		branch: "stable/13",
		releng: "releng/13.2",
		version: {
			value: 1302001,
			verified: true,
			evidence: [
				{
					source: "NixOS/nixpkgs:pkgs/os-specific/bsd/freebsd/versions.json@72ef74eb62888fa5cf8d024bf1da650ec40a6edd",
					says: "release/13.2.0 rev 525ecfdad597980ea4cd59238e24c8530dbcd31d reldate 1302001; releng/13.2 (13.2-RELEASE-p12) reldate 1302001",
					verified: true
				},
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2 (FreeBSD 13 table)",
					says: "no 1302000/1302001 rows; 1302500 c243de11cf7c February 9, 2023 '13.2-STABLE after releng/13.2 was branched'",
					verified: true
				},
				{
					source: "freebsd/freebsd-src:sys/sys/param.h@525ecfdad597980ea4cd59238e24c8530dbcd31d",
					says: "param.h not found in the source index at the release/13.2.0 commit",
					verified: false
				}
			],
			note: "Only a secondary source (nixpkgs, values derived from the tagged tree) shows 1302001; the releng/13.2 bump from 1302000 is not documented in the handbook."
		},
		released: {
			value: "2023-04-11",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/13.2 | 13.2-RELEASE | April 11, 2023",
					verified: true
				}
			]
		},
		eol: {
			value: "2024-06-30",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/13.2 ... EoL June 30, 2024",
					verified: true
				}
			]
		}
	},
	{
		name: "13.3",
		branch: "stable/13",
		releng: "releng/13.3",
		version: {
			value: 1303001,
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-src:sys/sys/param.h@a75a3d7afcc88dc0bc9b2797cce983056acadf10",
					says: "#define __FreeBSD_version 1303001",
					verified: true
				},
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2 (FreeBSD 13 table)",
					says: "1303001 a75a3d7afcc8 February 19, 2024 '13.3-BETA3 after changing net80211 struct ieee80211vap internals'",
					verified: true
				},
				{
					source: "NixOS/nixpkgs:pkgs/os-specific/bsd/freebsd/versions.json@72ef74eb62888fa5cf8d024bf1da650ec40a6edd",
					says: "release/13.3.0 rev 80d2b634ddf0b459910b54a04bc09f5cbc7185a7 reldate 1303001",
					verified: true
				},
				{
					source: "NixOS/nixpkgs:pkgs/os-specific/bsd/freebsd/versions.json@08d9b82c6ab333833d526f859e5c58a4856420ea",
					says: "releng/13.3 at 13.3-BETA1 reldate 1303000",
					verified: true
				}
			],
			note: "releng/13.3 started at 1303000 and was bumped to 1303001 at BETA3."
		},
		released: {
			value: "2024-03-05",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/13.3 | 13.3-RELEASE | March 5, 2024",
					verified: true
				}
			]
		},
		eol: {
			value: "2024-12-31",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/13.3 ... EoL December 31, 2024",
					verified: true
				}
			]
		}
	},
	{
		name: "13.4",
		branch: "stable/13",
		releng: "releng/13.4",
		version: {
			value: 1304000,
			verified: false,
			evidence: [
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2 (FreeBSD 13 table)",
					says: "no 1304000 row; 1304500 77064cddb948 August 1, 2024 '13.4-STABLE after it was renamed from 13.4-PRERELEASE'",
					verified: true
				},
				{
					source: "NixOS/nixpkgs:pkgs/os-specific/bsd/freebsd/versions.json@72ef74eb62888fa5cf8d024bf1da650ec40a6edd",
					says: "stable/13 at 13.4-PRERELEASE reldate 1303503 (stable was not bumped to 1304000 before branching)",
					verified: true
				}
			],
			note: "Value by the X0Y000 convention only; not seen in any source for releng/13.4."
		},
		released: {
			value: "2024-09-17",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/13.4 | 13.4-RELEASE | September 17, 2024",
					verified: true
				}
			]
		},
		eol: {
			value: "2025-06-30",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/13.4 ... EoL June 30, 2025",
					verified: true
				}
			]
		}
	},
	{
		name: "13.5",
		branch: "stable/13",
		releng: "releng/13.5",
		version: {
			value: 1305000,
			verified: false,
			evidence: [
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@b4b7945f8435c89ca233ba54b86a9af29aa106dd (FreeBSD 13 table)",
					says: "no 13.5 rows at all (table ends at 1304501, December 1, 2024)",
					verified: true
				},
				{
					source: "third-party: vbotka/ansible-freebsd-poudriere docs (exact file not pinned)",
					says: "poudriere output 'Jail 135armv6 13.5-RELEASE-p1 1305000'",
					verified: false
				}
			],
			note: "Expected 1305000 by convention; only an unpinned third-party poudriere log shows it (at -p1)."
		},
		released: {
			value: "2025-03-11",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/_index.adoc@0307aa099c560e7795862fb986d333948947766e",
					says: "releng/13.5 | 13.5-RELEASE | March 11, 2025",
					verified: true
				},
				{
					source: "freebsd/freebsd-doc:shared/releases.adoc@02e2f6d78441d9eb9307b4b1539ac173378e37c6",
					says: ":rel135-current-date: March 11, 2025",
					verified: true
				}
			]
		},
		eol: {
			value: "2026-04-30",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/_index.adoc@0307aa099c560e7795862fb986d333948947766e",
					says: "releng/13.5 ... Expected EoL April 30, 2026 (same as stable/13)",
					verified: true
				}
			],
			note: "Expected EoL from the 2025 supported-releases table; 13.5 was the last 13.x release."
		}
	},
	{
		name: "14.0",
		branch: "stable/14",
		releng: "releng/14.0",
		version: {
			value: 1400097,
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-src:sys/sys/param.h@29a16ce065dbc28bc9e87c9bfadb08bb58b137e4",
					says: "#define __FreeBSD_version 1400097",
					verified: true
				},
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2 (FreeBSD 14 table)",
					says: "1400097 '14.0-STABLE after branching stable/14' (August 24, 2023); 1400500 '14.0-STABLE after branching releng/14.0' (September 8, 2023)",
					verified: true
				},
				{
					source: "NixOS/nixpkgs:pkgs/os-specific/bsd/freebsd/versions.json@72ef74eb62888fa5cf8d024bf1da650ec40a6edd",
					says: "release/14.0.0 rev f9716eee8ab45ad906d9b5c5233ca20c10226ca7 reldate 1400097; releng/14.0 (14.0-RELEASE-p8) reldate 1400097",
					verified: true
				}
			]
		},
		released: {
			value: "2023-11-20",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/14.0 | 14.0-RELEASE | November 20, 2023",
					verified: true
				}
			]
		},
		eol: {
			value: "2024-09-30",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/14.0 ... EoL September 30, 2024",
					verified: true
				}
			]
		}
	},
	{
		name: "14.1",
		branch: "stable/14",
		releng: "releng/14.1",
		version: {
			value: 1401000,
			verified: true,
			evidence: [
				{
					source: "NixOS/nixpkgs:pkgs/os-specific/bsd/freebsd/versions.json@72ef74eb62888fa5cf8d024bf1da650ec40a6edd",
					says: "release/14.1.0 rev 10e31f0946d820d53adc58b7d013b969e4a9a8ed reldate 1401000; releng/14.1 (14.1-RELEASE-p2) reldate 1401000",
					verified: true
				},
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2 (FreeBSD 14 table)",
					says: "no 1401000 row; 1401500 7b082bdf72e6 May 2, 2024 '14.1-STABLE after it was renamed from 14.1-PRERELEASE'",
					verified: true
				},
				{
					source: "freebsd/freebsd-src:sys/sys/param.h@10e31f0946d820d53adc58b7d013b969e4a9a8ed",
					says: "param.h not found in the source index at the release/14.1.0 commit",
					verified: false
				}
			],
			note: "Seen only in a secondary source derived from the tagged tree."
		},
		released: {
			value: "2024-06-04",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/14.1 | 14.1-RELEASE | June 4, 2024",
					verified: true
				}
			]
		},
		eol: {
			value: "2025-03-31",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/14.1 ... EoL March 31, 2025",
					verified: true
				}
			]
		}
	},
	{
		name: "14.2",
		branch: "stable/14",
		releng: "releng/14.2",
		version: {
			value: 1402000,
			verified: false,
			evidence: [
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2 (FreeBSD 14 table)",
					says: "no 1402000 row; 1402500 4e8444d5750a October 31, 2024 '14.2-STABLE after it was renamed from 14.2-PRERELEASE'",
					verified: true
				}
			],
			note: "Value by the X0Y000 convention only."
		},
		released: {
			value: "2024-12-03",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/14.2 | 14.2-RELEASE | December 3, 2024",
					verified: true
				}
			]
		},
		eol: {
			value: "2025-09-30",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/security/unsupported.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2",
					says: "releng/14.2 ... EoL September 30, 2025",
					verified: true
				}
			]
		}
	},
	{
		name: "14.3",
		branch: "stable/14",
		releng: "releng/14.3",
		version: {
			value: 1403000,
			verified: false,
			evidence: [
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2 (FreeBSD 14 table)",
					says: "no 1403000 row; 1403500 61bcd8183104 May 2, 2025 '14.3-STABLE after it was renamed from 14.3-PRERELEASE'",
					verified: true
				}
			],
			note: "Value by the X0Y000 convention only."
		},
		released: {
			value: "2025-06-10",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/releases/14.3R/announce.asc@2ff29c3679fa8f8fdfd3fc3e1b9f9f330c2323e6",
					says: "Date: June 10, 2025",
					verified: true
				},
				{
					source: "freebsd/freebsd-doc:shared/releases.adoc@02e2f6d78441d9eb9307b4b1539ac173378e37c6",
					says: ":rel143-current-date: June 3, 2025",
					verified: true
				}
			]
		},
		eol: {
			value: "2026-06-30",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/releases/14.3R/announce.asc@2ff29c3679fa8f8fdfd3fc3e1b9f9f330c2323e6",
					says: "supported until 30 June, 2026",
					verified: true
				},
				{
					source: "freebsd/freebsd-doc:website/content/en/releases/14.4R/announce.asc@baf4d6cc9cf6a4496e26c6218f0117562be4769e",
					says: "14.3-RELEASE, will reach its End of Life at June 30, 2026",
					verified: true
				}
			]
		}
	},
	{
		name: "14.4",
		branch: "stable/14",
		releng: "releng/14.4",
		version: {
			value: 1404000,
			verified: false,
			evidence: [
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@b4b7945f8435c89ca233ba54b86a9af29aa106dd (FreeBSD 14 table)",
					says: "no 14.4 rows (stable/14 table ends at 1403508, January 16, 2026)",
					verified: true
				},
				{
					source: "third-party script comment (path not pinned)",
					says: "'the FreeBSD:14 pkg repo builds its kernel modules ... against __FreeBSD_version 1404000 (14.4)'",
					verified: false
				}
			],
			note: "Value by the X0Y000 convention; only an unpinned third-party comment mentions 1404000."
		},
		released: {
			value: "2026-03-10",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/releases/14.4R/announce.asc@baf4d6cc9cf6a4496e26c6218f0117562be4769e",
					says: "Date: March 10, 2026; 'fifth release of the stable/14 branch'",
					verified: true
				}
			]
		},
		eol: {
			value: "2026-12-31",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/releases/14.4R/announce.asc@baf4d6cc9cf6a4496e26c6218f0117562be4769e",
					says: "supported until December 31, 2026",
					verified: true
				},
				{
					source: "freebsd/freebsd-doc:website/content/en/releases/14.5R/announce.asc@0cfe34ac61688678fa7668b61edd11eceff06f23",
					says: "14.4-RELEASE, will reach its End of Life at December 31, 2026",
					verified: true
				}
			]
		}
	},
	{
		name: "14.5",
		branch: "stable/14",
		releng: "releng/14.5",
		version: {
			value: 1405000,
			verified: false,
			evidence: [
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@b4b7945f8435c89ca233ba54b86a9af29aa106dd (FreeBSD 14 table)",
					says: "no 14.5 rows",
					verified: true
				}
			],
			note: "Not requested in the brief but exists by 2026-11; value by the X0Y000 convention only."
		},
		released: {
			value: "2026-09-08",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/releases/14.5R/announce.asc@0cfe34ac61688678fa7668b61edd11eceff06f23",
					says: "Date: September 8, 2026; 'sixth release of the stable/14 branch'",
					verified: true
				}
			]
		},
		eol: {
			value: "2027-06-30",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/releases/14.5R/announce.asc@0cfe34ac61688678fa7668b61edd11eceff06f23",
					says: "supported until June 30, 2027",
					verified: true
				}
			]
		}
	},
	{
		name: "15.0",
		branch: "stable/15",
		releng: "releng/15.0",
		version: {
			value: 1500068,
			verified: false,
			evidence: [
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@79d71bf19cf2f6cff5bdf79ff9ed3ef964fb53a2 (FreeBSD 15 table)",
					says: "1500066 5a31c623143f October 2, 2025 (stable/15); next row 1500500 b15f726dfe60 October 9, 2025 '15.0-STABLE after branching releng/15.0'; no 1500067/1500068 rows",
					verified: true
				},
				{
					source: "freebsd/freebsd-src:sys/sys/param.h@b15f726dfe60b436bb92876f8f0a1238641fee76",
					says: "#define __FreeBSD_version 1500500 (stable/15 right after releng/15.0 was branched)",
					verified: true
				},
				{
					source: "third-party porting note (path not pinned)",
					says: "'freebsd-src-releng-15.0/sys/sys/param.h: #define __FreeBSD_version 1500068' with BRANCH=RELEASE-p9",
					verified: false
				}
			],
			note: "UNVERIFIED. releng/15.0 was cut when stable/15 was at 1500066; 1500068 (the starting point) is only seen in a third-party note at RELEASE-p9. The value at the 15.0-RELEASE tag may be 1500066, 1500067 or 1500068."
		},
		released: {
			value: "2025-12-02",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/releases/15.0R/announce.asc@319892a75b6c8c37f3ebe4bf28b60e3703d95bab",
					says: "Date: December 2, 2025; 'first release of the stable/15 branch'",
					verified: true
				}
			]
		},
		eol: {
			value: "2026-09-30",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/releases/15.0R/announce.asc@319892a75b6c8c37f3ebe4bf28b60e3703d95bab",
					says: "supported until September 30, 2026",
					verified: true
				},
				{
					source: "freebsd/freebsd-doc:website/content/en/releases/15.1R/announce.asc@e1d7e2df48e240935b63707a3fe27ebd93428d57",
					says: "15.0-RELEASE, will reach its End of Life at September 30, 2026",
					verified: true
				}
			]
		}
	},
	{
		name: "15.1",
		branch: "stable/15",
		releng: "releng/15.1",
		version: {
			value: 1501000,
			verified: false,
			evidence: [
				{
					source: "freebsd/freebsd-doc:documentation/content/en/books/porters-handbook/versions/_index.adoc@b4b7945f8435c89ca233ba54b86a9af29aa106dd (FreeBSD 15 table)",
					says: "no 15.1 rows (stable/15 table ends at 1500509, April 30, 2026)",
					verified: true
				},
				{
					source: "third-party Bazel rule (path not pinned)",
					says: "'Generated from FreeBSD 15.1-RELEASE sys/sys/param.h' ... '#define __FreeBSD_version 1501000'",
					verified: false
				}
			],
			note: "Value by the X0Y000 convention; one unpinned third-party file generated from 15.1-RELEASE src.txz shows 1501000."
		},
		released: {
			value: "2026-06-16",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/releases/15.1R/announce.asc@e1d7e2df48e240935b63707a3fe27ebd93428d57",
					says: "Date: June 16, 2026; 'second release of the stable/15 branch'",
					verified: true
				}
			]
		},
		eol: {
			value: "2027-03-31",
			verified: true,
			evidence: [
				{
					source: "freebsd/freebsd-doc:website/content/en/releases/15.1R/announce.asc@e1d7e2df48e240935b63707a3fe27ebd93428d57",
					says: "supported until March 31, 2027",
					verified: true
				}
			]
		}
	}
];
