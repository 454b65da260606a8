/*
 * freebsd-overlay/ as the series sees it: every file at its FreeBSD path, turned into what is sent
 * upstream (the banner keeps its provenance sentence but loses "Do not edit": FreeBSD owns its copy;
 * the port-only COMPAT_NEED_* switches are resolved away, since the series itself provides what they
 * stood in for), and assigned to the change that claims its path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { conditionalSymbols, unifdefUndefined } from './edits';
import type { CSourceParser } from '@wgup/c-source';
import type { Change, OverlayFile } from './model';
import { SUPPORT_ITEM_NAMES, supportItems } from './series';

/** Headers of the port that the upstream series does not send: it empties and removes them. */
export const PORT_HEADERS = ['sys/dev/wg/compat.h', 'sys/dev/wg/support.h'];

function listFiles(dir: string, rel = ''): string[] {
	if (!fs.existsSync(path.join(dir, rel))) return [];
	const out: string[] = [];
	for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
		const r = rel ? `${rel}/${e.name}` : e.name;
		if (e.isDirectory()) out.push(...listFiles(dir, r));
		else if (e.isFile() && !e.name.startsWith('.')) out.push(r);
	}
	return out.sort();
}

/** The banner of a generated file as FreeBSD would carry it: provenance kept, "Do not edit" dropped. */
export function upstreamBanner(text: string): string {
	return text
		.replace(/Regenerate with:\s*([^\n]*?)\.\s*Do not edit\./g, 'Generated from the wgup models; see $1.')
		.replace(/;\s*regenerate with:\s*([^\n]*?)\.\s*Do not edit\./gi, '; see $1.')
		.replace(/[ \t]*Do not edit\.[ \t]*/g, '')
		.replace(/^( \*|#)[ \t]+$/gm, '$1');
}

/** Resolves every port-only COMPAT_NEED_* switch as undefined. */
export function dropCompatSwitches(text: string): string {
	const macros = conditionalSymbols(text).filter((m) => m.startsWith('COMPAT_NEED_'));
	return macros.reduce((t, m) => unifdefUndefined(t, m), text);
}

export function toUpstream(text: string): string {
	return dropCompatSwitches(upstreamBanner(text));
}

/** Reads the overlay directory (the repository's freebsd-overlay/ or a test's). */
export function readOverlay(overlayDir: string, label = 'freebsd-overlay'): OverlayFile[] {
	return listFiles(overlayDir).map((p) => ({
		path: p,
		source: `${label}/${p}`,
		// bytes as chars one to one (latin1), never decoded: compute.ts writes them back the same way
		text: toUpstream(fs.readFileSync(path.join(overlayDir, p), 'latin1')),
	}));
}

export interface Assignment {
	/** change id -> its files */
	readonly byChange: ReadonlyMap<string, OverlayFile[]>;
	/** overlay files the series deliberately does not send (port headers), with why */
	readonly notSent: ReadonlyArray<{ readonly path: string; readonly why: string }>;
	/** problems that make the series wrong if ignored */
	readonly errors: readonly string[];
}

/**
 * Gives each overlay file to the first change that claims it. Files no change claims (protocol
 * constants, self-test vectors) serve the out-of-tree port: nothing in the base's driver includes
 * them, so they are listed as not sent rather than added to src unused.
 */
export function assignOverlay(series: readonly Change[], files: readonly OverlayFile[], c: CSourceParser): Assignment {
	const byChange = new Map<string, OverlayFile[]>(series.map((c) => [c.id, []]));
	const notSent: Array<{ path: string; why: string }> = [];
	const errors: string[] = [];
	for (const f of files) {
		if (PORT_HEADERS.includes(f.path)) {
			notSent.push({ path: f.path, why: 'port header; the series lands its items where they belong and removes it' });
			if (f.path.endsWith('support.h')) {
				for (const item of supportItems(c, f.text)) {
					if (!SUPPORT_ITEM_NAMES.includes(item)) {
						errors.push(`${f.source} holds ${item}, which no change of the series lands upstream (add one in tools/patch-series/src/series.ts)`);
					}
				}
			}
			continue;
		}
		const owner = series.find((ch) => ch.claims?.(f.path));
		if (!owner) notSent.push({ path: f.path, why: 'generated for the out-of-tree port; no change of the series sends it' });
		else byChange.get(owner.id)!.push(f);
	}
	return { byChange, notSent, errors };
}
