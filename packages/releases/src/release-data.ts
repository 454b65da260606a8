/*
 * Every FreeBSD release from 11.4 to 15.1, loaded from src/data/releases.json (transcribed from
 * ../shared/facts/freebsd-releases.json): __FreeBSD_version at the release tag, release and EoL dates,
 * each with its evidence records and whether the value was read in a cited source (verified) or
 * inferred. Evidence records carry the values they attest; test/evidence.test.ts checks every value
 * against them and the handbook table. Data only; src/releases.ts gives it derived views.
 */
import type { RawRelease } from './types';
import DATA from './data/releases.json';

export const RELEASE_DATA: readonly RawRelease[] = (DATA as unknown as { releases: RawRelease[] }).releases;
