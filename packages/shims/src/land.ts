/*
 * Recording that a shim's interface landed upstream (what `wgup land` does), as a pure function from one
 * catalogue to the next. Every refusal says why.
 */
import { branchByName, checkVersion, dateBounds, type BranchName } from '@wgup/releases';
import type { Catalogue, Landing, Shim } from './types';

export interface LandingRequest {
	readonly shim: string;
	readonly main: number;
	/** "stable/13" -> first version with the merge */
	readonly mfc?: Readonly<Record<string, number>>;
	readonly commit?: string;
	/** ISO date of the landing (defaults to none: unknown) */
	readonly date?: string;
	/** evidence line to record (e.g. who ran land, from what source) */
	readonly evidence?: string;
}

export class LandingError extends Error {}

/** Apply a landing: the shim moves to (or is updated in) compat with derived guards. */
export function applyLanding(c: Catalogue, req: LandingRequest): Catalogue {
	const shim = c.shims.find((s) => s.id === req.shim);
	if (!shim) {
		throw new LandingError(`unknown shim ${req.shim}; known: ${c.shims.map((s) => s.id).join(', ')}`);
	}
	if (shim.state === 'retired') {
		throw new LandingError(`shim ${shim.id} is retired (${shim.history.retired?.why ?? 'no longer used'}); nothing to land`);
	}
	const main = checkVersion('main', req.main);
	if (!main.ok) throw new LandingError(`--main ${req.main}: ${main.reason}`);
	const merged: Record<string, Landing> = {};
	for (const [branch, v] of Object.entries(req.mfc ?? {})) {
		const b = branchByName(branch);
		if (!b || b.name === 'main') {
			throw new LandingError(`--mfc ${branch}=${v}: ${branch} is not a stable branch (expected stable/N)`);
		}
		const p = checkVersion(branch, v);
		if (!p.ok) throw new LandingError(`--mfc ${branch}=${v}: ${p.reason}`);
		if (b.first !== null && b.first >= req.main) {
			throw new LandingError(`--mfc ${branch}=${v}: ${branch} left main at ${b.first}, after the change landed in main at ` +
				`${req.main}; it already has the change, there is nothing to merge`);
		}
		if (b.major >= Math.floor(req.main / 100000)) {
			throw new LandingError(`--mfc ${branch}=${v}: ${branch} is not older than the main version ${req.main}`);
		}
		const mfcWhen = dateBounds(b.name as BranchName, v);
		const mainWhen = dateBounds('main', req.main);
		if (mfcWhen.notAfter && mainWhen.notBefore && mfcWhen.notAfter < mainWhen.notBefore) {
			throw new LandingError(`--mfc ${branch}=${v} is older than the main landing ${req.main}: ` +
				`${mfcWhen.because.join('; ')}, but ${mainWhen.because[0]}; a merge cannot predate the commit it merges`);
		}
		merged[branch] = { version: v };
	}
	const landed = {
		main: { version: req.main, ...(req.date ? { date: req.date } : {}), ...(req.commit ? { commit: req.commit } : {}) },
		merged: Object.fromEntries(Object.entries(merged).map(([b, l]) => [b, req.date ? { ...l, date: req.date } : l])),
		verified: true,
		evidence: [req.evidence ?? `recorded with wgup land${req.commit ? ` (commit ${req.commit})` : ''}`],
	};
	const next: Shim = { ...shim, state: 'compat', landed };
	delete (next as { supportReason?: string }).supportReason;
	return { ...c, shims: c.shims.map((s) => (s.id === shim.id ? next : s)) };
}
