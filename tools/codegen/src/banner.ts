/*
 * The first lines of every generated file: the licence and a banner saying which generator made the
 * file from which inputs, and how to regenerate it. One function per comment syntax so that C, shell,
 * Makefiles, YAML and Markdown all carry the same words.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileTemplate } from './templates';

export interface BannerInput {
	/** the tool that made the file, e.g. "tools/ts2c" */
	generator: string;
	/** repository-relative paths of the models/sources it came from */
	inputs: readonly string[];
	/** the command that regenerates it */
	command?: string;
	/**
	 * true (the default) for files kept in this repository: they say "Do not edit". The upstream patch
	 * series sets it false: FreeBSD owns those copies, so only the provenance sentence stays.
	 */
	doNotEdit?: boolean;
	/** the text after "Copyright (c) " in a C file's licence; default: copyrightHolder() */
	copyright?: string;
}

/*
 * The copyright line of C files. Nobody is invented: the text comes from the repository's
 * wgup.config.json ("copyright": "<years> <holder>"), and `wgup generate --copyright TEXT` overrides
 * it for one run (withCopyright).
 */
export const PROJECT_CONFIG_FILE = path.join(__dirname, '..', '..', '..', 'wgup.config.json');

let copyrightOverride: string | undefined;

/** Runs fn with every C banner rendered in it carrying `copyright`; undefined keeps the config's. */
export function withCopyright<T>(copyright: string | undefined, fn: () => T): T {
	const saved = copyrightOverride;
	copyrightOverride = copyright === undefined ? saved : checkCopyright(copyright, '--copyright');
	try {
		return fn();
	} finally {
		copyrightOverride = saved;
	}
}

function checkCopyright(text: string, from: string): string {
	const t = text.trim();
	if (!/^\d{4}(?:[-,]\s*\d{4})*\s+\S/.test(t) || /[\n*]|\/\*|\*\//.test(t)) {
		throw new Error(`${from}: the copyright must be "<year(s)> <holder>" on one line, e.g. "2026 Jane Doe <jane@example.org>"; got ${JSON.stringify(text)}`);
	}
	if (` * Copyright (c) ${t}`.length > 80) throw new Error(`${from}: the copyright line must fit 80 columns (style(9)); shorten ${JSON.stringify(t)}`);
	return t;
}

/** The copyright text in effect: the --copyright override, else wgup.config.json's. */
export function copyrightHolder(configFile = PROJECT_CONFIG_FILE): string {
	if (copyrightOverride !== undefined) return copyrightOverride;
	let raw: { copyright?: unknown };
	try {
		raw = JSON.parse(fs.readFileSync(configFile, 'utf8')) as { copyright?: unknown };
	} catch (err) {
		throw new Error(`cannot read ${configFile} (it names the copyright holder of generated C files): ${(err as Error).message}`);
	}
	if (typeof raw.copyright !== 'string') throw new Error(`${configFile}: "copyright" must be a string "<year(s)> <holder>"`);
	return checkCopyright(raw.copyright, configFile);
}

export type CommentStyle = 'c' | 'hash' | 'markdown';

const licenseFull = compileTemplate('{{> license}}');
const bannerText = compileTemplate('{{> banner}}');

export const DEFAULT_REGENERATE_COMMAND = 'npx wgup generate';

/** The banner sentences, without comment markers. */
export function bannerLines(input: BannerInput): string[] {
	const text = bannerText({
		generator: input.generator,
		inputs: [...input.inputs],
		command: input.command ?? DEFAULT_REGENERATE_COMMAND,
		doNotEdit: input.doNotEdit ?? true,
	});
	return text.trimEnd().split('\n');
}

function licenseLines(full: boolean, copyright?: string): string[] {
	const lines = licenseFull({ copyright: full ? copyright ?? copyrightHolder() : '' }).trimEnd().split('\n');
	return full ? lines : [lines[0]];
}

/** Word-wraps one banner sentence to `width` columns (C files keep 80 columns, style(9)). */
function wrapWords(line: string, width: number): string[] {
	if (line.length <= width) return [line];
	const out: string[] = [];
	let cur = '';
	for (const w of line.split(' ')) {
		if (cur && cur.length + 1 + w.length > width) {
			out.push(cur);
			cur = w;
		} else cur = cur ? `${cur} ${w}` : w;
	}
	out.push(cur);
	return out;
}

/**
 * The header for a generated file in the given comment style. C files carry the full BSD-2-Clause text
 * (as FreeBSD's own sources do); the others the SPDX line only.
 */
export function fileHeader(style: CommentStyle, input: BannerInput): string {
	if (style === 'c') {
		// an input like "src/*.ts" would open a nested comment (clang -Werror refuses it) or close this one
		const safe = (l: string) => l.replace(/\/\*/g, '/ *').replace(/\*\//g, '* /');
		const body = [...licenseLines(true, input.copyright), '', ...bannerLines(input).map(safe).flatMap((l) => wrapWords(l, 80 - 3))];
		return ['/*-', ...body.map((l) => (l ? ` * ${l}` : ' *')), ' */', ''].join('\n');
	}
	if (style === 'hash') {
		const body = [...licenseLines(false), '', ...bannerLines(input)];
		return [...body.map((l) => (l ? `# ${l}` : '#')), ''].join('\n');
	}
	const body = [...licenseLines(false), '', ...bannerLines(input)];
	return ['<!--', ...body, '-->', ''].join('\n');
}

/** The marker every banner contains; generate uses it to recognise files it owns. */
export const GENERATED_MARKER = 'Generated by wgup';
