/*
 * The driver edits the compat port makes, with the upstream series' own implementation
 * (tools/patch-series SERIES): one change, wg-ocf-crp-etype ("wg: check crp_etype after
 * crypto_dispatch()"), applied where the driver's OCF glue does not read crp_etype. Such a driver
 * accepts forged packets on every kernel with a synchronous software driver (cryptosoft, ossl(4)):
 * crypto_dispatch() returns 0 and the bad tag is reported in crp_etype only (DESIGN.md, "Facts that
 * bite"). The port would otherwise ship that bug to every release it supports.
 *
 * The series plans its change against a FreeBSD tree; here the tree is the driver's files at
 * sys/dev/wg/ and, at sys/opencrypto/cryptodev.h, the header the port's wg_crypto.c includes under
 * that name (ocf-standin.ts: the kernel's where the kernel has OCF ChaCha20-Poly1305 over mbufs, the
 * stand-in elsewhere; both define CRYPTO_SESS_SYNC, so the series also refuses an asynchronous
 * session). Pure once the parser is loaded.
 */
import type { CSourceParser } from '@wgup/c-source';
import { SERIES, type Change, type Tree } from '@wgup/patch-series';
import { renderStandinHeader } from './ocf-standin';

/** The series change the port applies to the driver. */
export const CRP_ETYPE_CHANGE = 'wg-ocf-crp-etype';

export interface DriverEdit {
	/** port-tree file name (wg_crypto.c) */
	readonly file: string;
	readonly text: string;
}

export interface DriverEditResult {
	readonly edits: readonly DriverEdit[];
	/** one line each, for the terminal and the README */
	readonly actions: readonly string[];
}

const WG = 'sys/dev/wg';

function memoryTree(files: ReadonlyMap<string, string>): Tree {
	const sorted = [...files.keys()].sort();
	return {
		read: (f) => files.get(f),
		exists: (f) => files.has(f),
		list: (dir) => sorted.filter((f) => f.startsWith(`${dir}/`) && !f.slice(dir.length + 1).includes('/')),
		walk: (dir) => sorted.filter((f) => f.startsWith(`${dir}/`)),
	};
}

function seriesChange(id: string): Change {
	const change = SERIES.find((c) => c.id === id);
	if (!change) throw new Error(`tools/patch-series has no change ${id}: the compat port applies the series' own driver edits`);
	return change;
}

/** Apply the series' crp_etype change to the driver's files (port-tree names -> text) where it is needed. */
export function seriesDriverEdits(c: CSourceParser, driver: ReadonlyArray<readonly [string, string]>): DriverEditResult {
	const files = new Map<string, string>(driver.filter(([n]) => /\.[ch]$/.test(n)).map(([n, t]) => [`${WG}/${n}`, t]));
	files.set('sys/opencrypto/cryptodev.h', renderStandinHeader());
	const change = seriesChange(CRP_ETYPE_CHANGE);
	const ctx = { tree: memoryTree(files), version: 0, files: [], overlay: new Map(), c };
	const presence = change.present(ctx);
	if (presence.unneeded || presence.present) {
		return { edits: [], actions: [`the series' ${CRP_ETYPE_CHANGE} change is not needed: ${presence.evidence}`] };
	}
	const plan = change.plan(ctx);
	if (plan instanceof Promise) throw new Error(`the series' ${CRP_ETYPE_CHANGE} change plans asynchronously; the compat port applies it synchronously`);
	const edits = plan.writes.map(([p, text]) => ({ file: p.replace(`${WG}/`, ''), text }));
	return {
		edits,
		actions: [`${edits.map((e) => e.file).join(', ')} edited with the upstream series' change ${CRP_ETYPE_CHANGE} ` +
			`("${change.subject}", tools/patch-series), because ${presence.evidence}: ${(plan.notes ?? []).join('; ')}`],
	};
}
