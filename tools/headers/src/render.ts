/*
 * compat.h and support.h from the shim catalogue: model -> plan -> render. Rendering is pure; the
 * guards come from @wgup/releases' version algebra over each shim's landing, never from typed text.
 */
import * as path from 'node:path';
import { fileHeader, loadTemplate, type Template } from '@wgup/codegen';
import {
	availabilityOf, compatShims, shimC, shimGuard, supportShims, type Catalogue, type Shim,
} from '@wgup/shims';

const TEMPLATES = path.join(__dirname, '..', 'templates');
let compatTemplate: Template | undefined;
let supportTemplate: Template | undefined;

/** The models every generated header comes from (banner inputs). */
export const HEADER_INPUTS: readonly string[] = [
	'packages/shims/src/catalogue.json',
	'packages/kernel-api/src/data/interfaces.json',
	'packages/releases/src/algebra.ts',
];

export interface RenderOptions {
	/** the command the banner names for regenerating the file */
	readonly command?: string;
}

function header(opts: RenderOptions): string {
	return fileHeader('c', { generator: 'tools/headers', inputs: HEADER_INPUTS, command: opts.command }).trimEnd();
}

/** "in main since 1400036; stable/13 since 1300519" */
export function landedNote(s: Shim): string {
	const a = availabilityOf(s.landed);
	const parts = [`in main since ${a.main}`];
	for (const [b, v] of Object.entries(a.merged ?? {}).sort()) parts.push(`${b} since ${v}`);
	if (s.landed && !s.landed.verified) parts.push('unverified');
	return parts.join('; ');
}

/** A C comment wrapped to fit 80 columns (style(9)). */
export function wrapComment(text: string): string {
	const lines: string[] = [];
	let line = '';
	for (const w of text.split(/\s+/)) {
		if (line && line.length + 1 + w.length > 73) {
			lines.push(line);
			line = w;
		} else {
			line = line ? `${line} ${w}` : w;
		}
	}
	lines.push(line);
	return lines.length === 1 ? `/* ${lines[0]} */` : ['/*', ...lines.map((l) => ` * ${l}`), ' */'].join('\n');
}

/** A C comment for the shim, wrapped to fit 80 columns (style(9)). */
export function shimComment(s: Shim): string {
	return wrapComment(`shim ${s.id}: ${s.summary}`);
}


/** A shim with the includes it adds (those not already included earlier in the same file section). */
interface ShimView {
	readonly comment: string;
	readonly c: string;
	readonly includes: string[];
}

export interface CompatBlock {
	readonly guard: string;
	readonly landed: string;
	readonly shims: Shim[];
}

/** compat shims grouped by identical guard, in catalogue order of each group's first shim. */
export function compatBlocks(c: Catalogue): CompatBlock[] {
	const blocks = new Map<string, { guard: string; landed: string; shims: Shim[] }>();
	for (const s of compatShims(c)) {
		const guard = shimGuard(s);
		if (guard === '0') continue; // every version has it: nothing to emit
		const b = blocks.get(guard) ?? { guard, landed: landedNote(s), shims: [] };
		b.shims.push(s);
		blocks.set(guard, b);
	}
	return [...blocks.values()];
}

/**
 * Each shim's includes go right before it, so a macro that must precede kernel headers (VIMAGE) stays
 * ahead of the headers later shims pull in; a header already included in the section is not repeated.
 */
function views(shims: readonly Shim[], already: readonly string[]): ShimView[] {
	const seen = new Set(already);
	return shims.map((s) => {
		const includes = s.includes.filter((h) => !seen.has(h));
		includes.forEach((h) => seen.add(h));
		return { comment: shimComment(s), c: shimC(s), includes };
	});
}

/**
 * `#if <guard>` wrapped the way style(9) continues a long line: break before each top-level || (or
 * && when there is no ||), continuation lines indented by four spaces.
 */
export function formatIf(guard: string): string {
	const line = `#if ${guard}`;
	if (line.length <= 80) return line;
	for (const op of [' || ', ' && ']) {
		const parts: string[] = [];
		let depth = 0;
		let start = 0;
		for (let i = 0; i < guard.length; i++) {
			if (guard[i] === '(') depth++;
			else if (guard[i] === ')') depth--;
			else if (depth === 0 && guard.startsWith(op, i)) {
				parts.push(guard.slice(start, i));
				start = i + op.length;
			}
		}
		if (!parts.length) continue;
		parts.push(guard.slice(start));
		return parts.map((p, i) => (i === 0 ? `#if ${p}` : `    ${p}`)).join(` ${op.trim()} \\\n`);
	}
	return line;
}

export function renderCompatH(c: Catalogue, opts: RenderOptions = {}): string {
	compatTemplate ??= loadTemplate(path.join(TEMPLATES, 'compat.h.hbs'));
	return compatTemplate({
		header: header(opts),
		blocks: compatBlocks(c).map((b) => ({ guard: formatIf(b.guard), landed: b.landed, shims: views(b.shims, ['sys/param.h']) })),
	});
}

export function renderSupportH(c: Catalogue, opts: RenderOptions = {}): string {
	supportTemplate ??= loadTemplate(path.join(TEMPLATES, 'support.h.hbs'));
	const shims = supportShims(c);
	return supportTemplate({
		header: header(opts),
		shims: views(shims, []),
	});
}

export interface ComposedFile {
	/** path relative to the output directory */
	readonly path: string;
	readonly content: string;
}

/**
 * The generated headers of the compat port (written by `wgup compat --out DIR`): compat.h and support.h
 * side by side, as the port's src/ has them. The compat-port issue adds the driver sources next to these.
 */
export function composeCompatHeaders(c: Catalogue, command = 'npx wgup compat --out <dir>'): ComposedFile[] {
	return [
		{ path: 'compat.h', content: renderCompatH(c, { command }) },
		{ path: 'support.h', content: renderSupportH(c, { command }) },
	];
}
