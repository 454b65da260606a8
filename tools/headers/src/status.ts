/*
 * `wgup status`: upstream readiness. What support.h still holds and why, which compat shims each release
 * needs, which facts behind the guards are unverified, and what is left before support.h is empty.
 */
import { RELEASES, bracketOf, handbookRow, type Evidence } from '@wgup/releases';
import { KERNEL_INTERFACES, interfaceById } from '@wgup/kernel-api';
import { compatShims, isActive, retiredShims, shimGuard, supportShims, type Catalogue } from '@wgup/shims';
import { landedNote } from './render';
import { formatTable } from '@wgup/table';

export interface StatusReport {
	readonly support: { id: string; standsFor: string; summary: string; why: string }[];
	readonly compat: { id: string; standsFor: string; guard: string; landed: string; verified: boolean }[];
	readonly retired: { id: string; date: string; why: string }[];
	readonly releases: { name: string; version: number; versionVerified: boolean; inTreeDriver: boolean; compatPort: boolean; compatShims: string[] }[];
	readonly unverified: { what: string; value: string; note: string }[];
	/** compat shims whose landing @wgup/kernel-api does not record (after `wgup land`): update the model too */
	readonly kernelApiLags: { shim: string; interface: string; landed: string }[];
	readonly goal: { supportEmpty: boolean; left: string[] };
	/** every guard threshold of compat.h: the evidence that gives it, or the handbook bracket it lies in */
	readonly thresholds: Threshold[];
}

export interface Threshold {
	readonly shim: string;
	readonly interface: string;
	readonly branch: string;
	readonly version: number;
	readonly verified: boolean;
	/** verified: the record that states the value; unverified: the bracket (handbook rows around it) and why */
	readonly basis: string;
}

/** The record of an interface's evidence that states version v, if any (verified ones first). */
function stating(evidence: readonly Evidence[], v: number): Evidence | undefined {
	const states = (e: Evidence) => e.value === v || e.handbook?.[0] === v || e.bracket?.by === v;
	return evidence.find((e) => e.verified && states(e)) ?? evidence.find(states);
}

function thresholdBasis(evidence: readonly Evidence[], branch: string, v: number, verified: boolean): string {
	const e = stating(evidence, v);
	const row = handbookRow(v);
	const rowText = row ? `handbook ${v} (${row.date || 'undated'}${row.commit ? `, ${row.commit.slice(0, 12)}` : ''})` : `no handbook row ${v}`;
	if (verified && e) return `${rowText}; ${e.source}: ${e.says}`;
	const by = e ? `stated by ${e.source}${e.verified ? '' : ' (unverified)'}: ${e.says}` : 'stated by no record';
	if (e?.bracket) return `bracket ${e.bracket.after} < change <= ${e.bracket.by} (from the evidence); ${by}`;
	const around = bracketOf(branch, v);
	const show = (r: { value: number; date: string } | undefined) => (r ? `${r.value} (${r.date})` : '-');
	return `unverified; handbook rows around the value: ${show(around.after)} .. ${show(around.by)}; ${by}`;
}

export function buildStatus(c: Catalogue): StatusReport {
	const compat = compatShims(c);
	const unverified: StatusReport['unverified'] = [];
	for (const r of RELEASES) {
		for (const [field, f] of Object.entries(r.facts)) {
			if (!f.verified) unverified.push({ what: `${r.label} ${field}`, value: String(f.value), note: f.note ?? '' });
		}
	}
	for (const k of KERNEL_INTERFACES) {
		if (!k.verified) {
			unverified.push({ what: `kernel-api ${k.id}`, value: JSON.stringify(k.availability), note: k.note ?? '' });
		}
	}
	for (const s of compat) {
		if (!s.landed!.verified) unverified.push({ what: `shim ${s.id} landing`, value: landedNote(s), note: s.landed!.evidence.join('; ') });
	}
	const support = supportShims(c).map((s) => ({
		id: s.id, standsFor: s.standsFor, summary: s.summary, why: s.supportReason ?? interfaceById(s.standsFor)?.note ?? '',
	}));
	return {
		support,
		compat: compat.map((s) => ({ id: s.id, standsFor: s.standsFor, guard: shimGuard(s), landed: landedNote(s), verified: s.landed!.verified })),
		retired: retiredShims(c).map((s) => ({ id: s.id, date: s.history.retired!.date, why: s.history.retired!.why ?? '' })),
		releases: RELEASES.map((r) => ({
			name: r.label, version: r.version, versionVerified: r.facts.version.verified, inTreeDriver: r.inTreeDriver,
			compatPort: r.compatPort, compatShims: compat.filter((s) => isActive(s, r.version)).map((s) => s.id),
		})),
		unverified,
		kernelApiLags: compat.filter((s) => interfaceById(s.standsFor)?.availability.main === null)
			.map((s) => ({ shim: s.id, interface: s.standsFor, landed: landedNote(s) })),
		goal: { supportEmpty: support.length === 0, left: support.map((s) => s.id) },
		thresholds: compat.flatMap((s) => {
			const k = interfaceById(s.standsFor);
			const ev = k?.evidence ?? [];
			const verified = s.landed!.verified;
			const points: [string, number][] = [];
			if (s.landed!.main) points.push(['main', s.landed!.main.version]);
			for (const [b, l] of Object.entries(s.landed!.merged)) points.push([b, l.version]);
			return points.map(([branch, version]) => ({
				shim: s.id, interface: s.standsFor, branch, version, verified, basis: thresholdBasis(ev, branch, version, verified),
			}));
		}),
	};
}

const table = (head: string[], rows: string[][]): string[] => formatTable(head, rows, { rule: true });

export function formatStatus(s: StatusReport): string {
	const out: string[] = [];
	out.push(`support.h: ${s.support.length} item(s) FreeBSD main still lacks`);
	out.push(...table(['shim', 'interface', 'why it is still here'], s.support.map((x) => [x.id, x.standsFor, x.why])));
	out.push('', `compat.h: ${s.compat.length} shim(s) for releases older than the upstream change`);
	out.push(...table(['shim', 'landed', 'guard (derived)'], s.compat.map((x) => [x.id, x.landed, x.guard])));
	out.push('', 'per release: compat shims that apply (in-tree: ships sys/dev/wg; compat: the port builds for it)');
	out.push(...table(['release', '__FreeBSD_version', 'in-tree', 'compat', 'shims'], s.releases.map((r) => [
		r.name, `${r.version}${r.versionVerified ? '' : ' (unverified)'}`, r.inTreeDriver ? 'yes' : 'no', r.compatPort ? 'yes' : 'no',
		r.compatShims.length ? r.compatShims.join(' ') : '-',
	])));
	out.push('', 'guard thresholds: the evidence for each, or the handbook bracket it lies in');
	out.push(...table(['shim', 'branch', 'version', 'evidence or bracket'], s.thresholds.map((t) => [
		t.shim, t.branch, `${t.version}${t.verified ? '' : ' (unverified)'}`, t.basis.length > 150 ? `${t.basis.slice(0, 149)}…` : t.basis,
	])));
	out.push('', `unverified values (${s.unverified.length}): estimates the guards rest on; confirm and record them`);
	out.push(...table(['what', 'value'], s.unverified.map((u) => [u.what, u.value])));
	if (s.kernelApiLags.length) {
		out.push('', 'landed in the catalogue but absent from packages/kernel-api (record it there so the stubs follow):');
		out.push(...table(['shim', 'interface', 'landed'], s.kernelApiLags.map((x) => [x.shim, x.interface, x.landed])));
	}
	out.push('', s.retired.length ? `retired: ${s.retired.map((r) => `${r.id} (${r.date})`).join(', ')}` : 'retired: none');
	out.push('', s.goal.supportEmpty
		? 'goal reached: support.h is empty; everything the driver needs is in FreeBSD main'
		: `left before support.h is empty: ${s.goal.left.join(', ')} (land each upstream, then: npx wgup land <shim> --main <version>)`);
	return `${out.join('\n')}\n`;
}
