/*
 * The catalogue: reading it (with validation that names the bad record), its state on a past date, which
 * shims a kernel version needs, and the C each shim contributes. Pure; tools read and write the file.
 */
import { guardExpression, lacks, type Availability } from '@wgup/releases';
import { interfaceById } from '@wgup/kernel-api';
import type { Catalogue, Landed, Landing, Shim, ShimKind, ShimState } from './types';
import CATALOGUE_JSON from './catalogue.json';

const KINDS: readonly ShimKind[] = ['macro', 'function', 'type', 'include'];
const STATES: readonly ShimState[] = ['support', 'compat', 'retired'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function fail(where: string, what: string): never {
	throw new Error(`shim catalogue: ${where}: ${what}`);
}

function checkLanding(where: string, l: unknown): Landing {
	const o = l as Landing;
	if (typeof o !== 'object' || o === null || !Number.isInteger(o.version)) fail(where, 'needs an integer version');
	if (o.date !== undefined && !ISO_DATE.test(o.date)) fail(where, `date ${o.date} is not YYYY-MM-DD`);
	return o;
}

/** Validate a parsed catalogue.json; errors name the record and field. */
export function parseCatalogue(value: unknown): Catalogue {
	const c = value as Catalogue;
	if (typeof c !== 'object' || c === null || c.schema !== 'wgup.shims/v1') fail('top level', 'schema must be "wgup.shims/v1"');
	if (!Array.isArray(c.shims)) fail('top level', 'shims must be an array');
	const seen = new Set<string>();
	for (const [i, s] of c.shims.entries()) {
		const where = `shims[${i}]${s && typeof s.id === 'string' ? ` (${s.id})` : ''}`;
		if (typeof s !== 'object' || s === null || Array.isArray(s)) fail(where, `must be a shim record (an object), not ${s === null ? 'null' : Array.isArray(s) ? 'an array' : typeof s}`);
		if (typeof s.id !== 'string' || !/^[a-z0-9_]+$/.test(s.id)) fail(where, 'id must be lower_snake_case');
		if (seen.has(s.id)) fail(where, 'duplicate id');
		seen.add(s.id);
		if (!KINDS.includes(s.kind)) fail(where, `kind must be one of ${KINDS.join(', ')}`);
		if (!STATES.includes(s.state)) fail(where, `state must be one of ${STATES.join(', ')}`);
		if (!interfaceById(s.standsFor)) fail(where, `standsFor ${s.standsFor} is not a @wgup/kernel-api interface`);
		for (const f of ['summary', 'c', 'usage'] as const) if (typeof s[f] !== 'string') fail(where, `${f} must be a string`);
		if (!Array.isArray(s.includes)) fail(where, 'includes must be an array');
		if (!s.history?.added || !ISO_DATE.test(s.history.added.date)) fail(where, 'history.added.date must be YYYY-MM-DD');
		if (s.state === 'compat' && !s.landed?.main) fail(where, 'a compat shim needs landed.main');
		if (s.state === 'retired' && !s.history.retired) fail(where, 'a retired shim needs history.retired');
		if (s.landed) {
			if (s.landed.main) checkLanding(`${where} landed.main`, s.landed.main);
			for (const [b, l] of Object.entries(s.landed.merged ?? {})) checkLanding(`${where} landed.merged.${b}`, l);
		}
		for (const m of s.c.matchAll(/\$LACKS\(([\w]+)\)/g)) {
			if (!interfaceById(m[1])) fail(where, `$LACKS(${m[1]}) names no @wgup/kernel-api interface`);
		}
	}
	return c;
}

/** The catalogue committed in this repository (packages/shims/src/catalogue.json). */
export const CATALOGUE: Catalogue = parseCatalogue(CATALOGUE_JSON);

/** Serialise the way the committed file is written (tabs, trailing newline): byte-stable. */
export function serializeCatalogue(c: Catalogue): string {
	return `${JSON.stringify(c, null, '\t')}\n`;
}

export function shimById(c: Catalogue, id: string): Shim | undefined {
	return c.shims.find((s) => s.id === id);
}

/** Where the shimmed interface exists, as @wgup/releases' Availability. */
export function availabilityOf(landed: Landed | undefined): Availability {
	if (!landed?.main) return { main: null, merged: Object.fromEntries(Object.entries(landed?.merged ?? {}).map(([b, l]) => [b, l.version])) };
	return { main: landed.main.version, merged: Object.fromEntries(Object.entries(landed.merged).map(([b, l]) => [b, l.version])) };
}

/** Is the shim active (emitted and in effect) for a kernel at version v? */
export function isActive(s: Shim, v: number): boolean {
	if (s.state === 'retired') return false;
	if (s.state === 'support') return true;
	return lacks(availabilityOf(s.landed), v);
}

/** The shim's guard in compat.h (compat shims only). */
export function shimGuard(s: Shim): string {
	if (s.state !== 'compat') throw new Error(`${s.id} is ${s.state}: only compat shims have a version guard`);
	return guardExpression(availabilityOf(s.landed));
}

/** The shim's C with each $LACKS(interface) replaced by that interface's derived guard. */
export function shimC(s: Shim): string {
	return s.c.replace(/\$LACKS\((\w+)\)/g, (_, id: string) => guardExpression(interfaceById(id)!.availability));
}

const before = (date: string | undefined, day: string) => date !== undefined && date <= day;

/**
 * The catalogue as it stood on an ISO date: shims added by then and not yet retired; a landing counts
 * only if it is dated on or before the day (an undated landing is treated as not yet known).
 */
export function catalogueAt(c: Catalogue, day: string): Catalogue {
	if (!ISO_DATE.test(day)) throw new Error(`catalogueAt: ${day} is not YYYY-MM-DD`);
	const shims: Shim[] = [];
	for (const s of c.shims) {
		if (s.history.added.date > day) continue;
		if (s.history.retired && s.history.retired.date <= day) continue;
		const main = s.landed?.main && before(s.landed.main.date, day) ? s.landed.main : null;
		if (!main) {
			shims.push({ ...s, state: 'support', landed: undefined });
			continue;
		}
		const merged = Object.fromEntries(Object.entries(s.landed!.merged).filter(([, l]) => before(l.date, day)));
		shims.push({ ...s, state: 'compat', landed: { ...s.landed!, main, merged } });
	}
	return { ...c, shims };
}

export const compatShims = (c: Catalogue): Shim[] => c.shims.filter((s) => s.state === 'compat');
export const supportShims = (c: Catalogue): Shim[] => c.shims.filter((s) => s.state === 'support');
export const retiredShims = (c: Catalogue): Shim[] => c.shims.filter((s) => s.state === 'retired');

/** Ids of the shims a kernel at version v needs, in catalogue order. */
export function activeShimIds(c: Catalogue, v: number): string[] {
	return c.shims.filter((s) => isActive(s, v)).map((s) => s.id);
}
