/*
 * `wgup compat --out DIR`: write the compat port's generated files into DIR. Files already in DIR that
 * wgup did not generate are never overwritten without --force.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isGeneratedFile, writeFileAtomic } from '@wgup/codegen';
import type { Catalogue } from '@wgup/shims';
import { composeCompatHeaders, type ComposedFile } from './render';

export interface CompatOptions {
	readonly out: string;
	readonly force?: boolean;
	readonly catalogue: Catalogue;
	/** more files to write (the compat-port issue adds the driver sources here) */
	readonly extra?: readonly ComposedFile[];
}

/** Everything `wgup compat` writes, before any I/O. */
export function composeCompatPort(c: Catalogue, extra: readonly ComposedFile[] = []): ComposedFile[] {
	return [...composeCompatHeaders(c, 'npx wgup compat --out <dir>'), ...extra];
}

export function runCompat(opts: CompatOptions): string[] {
	const files = composeCompatPort(opts.catalogue, opts.extra);
	const out = path.resolve(opts.out);
	const blocked = files
		.map((f) => path.join(out, f.path))
		.filter((p) => fs.existsSync(p) && !isGeneratedFile(p));
	if (blocked.length && !opts.force) {
		throw new Error(`refusing to overwrite ${blocked.length} file(s) wgup did not generate: ${blocked.join(', ')} ` +
			'(move them away, or pass --force)');
	}
	const lines: string[] = [];
	for (const f of files) {
		const p = path.join(out, f.path);
		const same = fs.existsSync(p) && fs.readFileSync(p, 'utf8') === f.content;
		if (!same) writeFileAtomic(p, f.content);
		lines.push(`${same ? 'unchanged' : 'wrote'} ${p}`);
	}
	return lines;
}
