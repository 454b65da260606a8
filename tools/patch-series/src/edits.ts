/*
 * Edits to existing FreeBSD files, expressed by what they mean rather than by line numbers: "add this
 * entry to sys/conf/files in its sorted place", "insert this after the line that declares sogetopt",
 * "drop every #ifdef COMPAT_NEED_BLAKE2S branch". Each edit finds its anchor in the file as it is at
 * that point of the series; when the anchor is missing the edit says which anchor it looked for, so a
 * base that moved on is reported by name instead of producing a patch that does not apply.
 *
 * Every edit is pure (text in, text out) and idempotent: applying it to a file that already has the
 * result changes nothing.
 */
import { spawnSync } from 'node:child_process';

export type EditOutcome = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly anchor: string };

export interface TextEdit {
	/** repository-relative path of the FreeBSD file the edit changes */
	readonly file: string;
	/** one line for the cover letter and error messages */
	readonly describe: string;
	apply(text: string): EditOutcome;
}

const ok = (text: string): EditOutcome => ({ ok: true, text });
const missing = (anchor: string): EditOutcome => ({ ok: false, anchor });

function lines(text: string): string[] {
	return text.split('\n');
}

function findLine(ls: readonly string[], match: RegExp, from = 0): number {
	for (let i = from; i < ls.length; i++) if (match.test(ls[i])) return i;
	return -1;
}

export function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A line matcher from a literal line prefix (what the anchor is called in messages) or a RegExp. */
export type LineAnchor = string | RegExp;
const anchorRegExp = (a: LineAnchor) => (typeof a === 'string' ? new RegExp(`^${escapeRegExp(a)}`) : a);
const anchorName = (a: LineAnchor) => (typeof a === 'string' ? `a line starting "${a}"` : `a line matching ${a}`);

/** Pads `left` with tabs so `right` starts at column `column` (tab stops every 8), at least one tab. */
export function tabAlign(left: string, right: string, column: number): string {
	let width = left.length;
	let out = left;
	do {
		out += '\t';
		width = (Math.floor(width / 8) + 1) * 8;
	} while (width < column);
	return out + right;
}

/**
 * An entry in sys/conf/files (`path<tabs>options`), inserted before the first entry of the same top
 * directory that sorts after it. The anchor is the run of entries under that directory: a base with none
 * is not the file we think it is.
 */
export function confFilesEntry(path: string, options: string, file = 'sys/conf/files'): TextEdit {
	const dir = path.slice(0, path.indexOf('/') + 1);
	return {
		file,
		describe: `${file}: add ${path} (${options})`,
		apply(text) {
			const ls = lines(text);
			const isEntry = (l: string) => /^[^\s#]/.test(l);
			const pathOf = (l: string) => l.split(/\s/)[0];
			if (ls.some((l) => isEntry(l) && pathOf(l) === path)) return ok(text);
			const same = ls.map((l, i) => [l, i] as const).filter(([l]) => isEntry(l) && pathOf(l).startsWith(dir));
			if (same.length === 0) return missing(`an entry under ${dir} in ${file}`);
			const after = same.find(([l]) => pathOf(l) > path);
			let at: number;
			if (after) at = after[1];
			else {
				// after the last entry of the directory and its continuation lines
				at = same[same.length - 1][1] + 1;
				while (at < ls.length && /^\s+\S/.test(ls[at]) && /\\$/.test(ls[at - 1])) at++;
			}
			ls.splice(at, 0, tabAlign(path, options, 40));
			return ok(ls.join('\n'));
		},
	};
}

/**
 * A word in a make variable's list (`SRCS= a.c b.c`, or one entry per line with backslashes as in
 * sys/modules/Makefile's SUBDIR), kept in sorted order.
 */
export function makeListEntry(file: string, variable: string, word: string): TextEdit {
	return {
		file,
		describe: `${file}: add ${word} to ${variable}`,
		apply(text) {
			const ls = lines(text);
			const start = findLine(ls, new RegExp(`^${escapeRegExp(variable)}\\s*[+:]?=`));
			if (start < 0) return missing(`the ${variable}= assignment in ${file}`);
			let end = start;
			while (end < ls.length - 1 && /\\\s*$/.test(ls[end])) end++;
			const words = ls.slice(start, end + 1).join(' ').replace(/^[^=]*=/, '').replace(/\\/g, ' ').split(/\s+/).filter(Boolean);
			if (words.includes(word)) return ok(text);
			if (start === end) {
				const [head] = ls[start].match(/^[^=]*=\s*/)!;
				const sorted = [...words, word].sort();
				ls[start] = head + sorted.join(' ');
				return ok(ls.join('\n'));
			}
			// one entry per line: insert a line before the first entry that sorts after the word
			let at = end + 1;
			for (let i = start + 1; i <= end; i++) {
				const w = ls[i].trim().replace(/\s*\\$/, '');
				if (w && w > word) {
					at = i;
					break;
				}
			}
			if (at === end + 1) {
				// last: the previous last line gains a backslash
				ls[end] = `${ls[end]} \\`;
				ls.splice(at, 0, `\t${word}`);
			} else ls.splice(at, 0, `\t${word} \\`);
			return ok(ls.join('\n'));
		},
	};
}

export interface InsertOptions {
	/** insert after the end of the block the anchor opens (the first following line matching this) */
	readonly afterBlockEnd?: RegExp;
	/** insert before the anchor instead of after it */
	readonly before?: boolean;
	/** what makes the insertion already present (default: the inserted text itself) */
	readonly presentIf?: RegExp;
}

/** Inserts `insert` (one or more whole lines, no trailing newline) next to a named anchor line. */
export function insertAt(file: string, anchor: LineAnchor, insert: string, describe: string, options: InsertOptions = {}): TextEdit {
	return {
		file,
		describe: `${file}: ${describe}`,
		apply(text) {
			if (options.presentIf ? options.presentIf.test(text) : text.includes(insert)) return ok(text);
			const ls = lines(text);
			let at = findLine(ls, anchorRegExp(anchor));
			if (at < 0) return missing(`${anchorName(anchor)} in ${file}`);
			if (options.afterBlockEnd) {
				const end = findLine(ls, options.afterBlockEnd, at + 1);
				if (end < 0) return missing(`the end of the block opened by ${anchorName(anchor)} in ${file}`);
				at = end;
			}
			ls.splice(options.before ? at : at + 1, 0, ...insert.split('\n'));
			return ok(ls.join('\n'));
		},
	};
}

/**
 * Removes the lines from a start anchor through the first following line matching `end` (inclusive),
 * plus one blank line so no double blank is left behind. Absent start anchor: already removed.
 */
export function removeBlock(file: string, start: LineAnchor, end: RegExp, describe: string): TextEdit {
	return {
		file,
		describe: `${file}: ${describe}`,
		apply(text) {
			const ls = lines(text);
			const s = findLine(ls, anchorRegExp(start));
			if (s < 0) return ok(text);
			const e = findLine(ls, end, s);
			if (e < 0) return missing(`the end (${end}) of the block starting with ${anchorName(start)} in ${file}`);
			let count = e - s + 1;
			if (ls[e + 1] === '' && (s === 0 || ls[s - 1] === '')) count++;
			ls.splice(s, count);
			return ok(ls.join('\n'));
		},
	};
}

/** Removes every line matching `match` (none: nothing to do). */
export function removeLines(file: string, match: RegExp, describe: string): TextEdit {
	return {
		file,
		describe: `${file}: ${describe}`,
		apply(text) {
			return ok(lines(text).filter((l) => !match.test(l)).join('\n'));
		},
	};
}

/** Replaces every occurrence of a word (an identifier, matched on word boundaries). */
export function renameIdentifier(file: string, from: string, to: string): TextEdit {
	const re = new RegExp(`\\b${escapeRegExp(from)}\\b`, 'g');
	return {
		file,
		describe: `${file}: call ${to} instead of ${from}`,
		apply: (text) => ok(text.replace(re, to)),
	};
}

/**
 * unifdef(1) (Debian's package `unifdef`) with one macro known to be undefined: `#ifdef M` branches go,
 * `#ifndef M` and `#else` branches stay, `#elif` chains and conditionals on other macros are rewritten
 * or carried through as unifdef does; -B drops the blank lines a removed block leaves behind.
 */
export function unifdefUndefined(text: string, macro: string): string {
	return runUnifdef(['-x', '2', '-B', `-U${macro}`], text, `unifdef -U${macro}`);
}

/** The macros a file's #if/#ifdef/#elif lines test, as unifdef -s lists them (sorted, once each). */
export function conditionalSymbols(text: string): string[] {
	return [...new Set(runUnifdef(['-s'], text, 'unifdef -s').split('\n').filter(Boolean))].sort();
}

function runUnifdef(args: string[], text: string, what: string): string {
	// text holds bytes as chars (latin1): handed to unifdef and read back the same way, never decoded
	const r = spawnSync('unifdef', args, { input: Buffer.from(text, 'latin1'), encoding: 'latin1', maxBuffer: 64 << 20 });
	if (r.error) {
		const e = r.error as NodeJS.ErrnoException;
		throw new Error(e.code === 'ENOENT' ? 'unifdef(1) is not installed (apt-get install unifdef)' : `${what}: ${e.message}`);
	}
	// -s exits 0; -x 2 makes "changed" and "unchanged" both 0: anything else is unifdef's trouble
	if (r.status !== 0) throw new Error(`${what}: exit ${r.status}: ${r.stderr.trim()}`);
	return r.stdout;
}

export function mentionsMacro(text: string, macro: string): boolean {
	return conditionalSymbols(text).includes(macro);
}

/** Drops the driver's private branch of a COMPAT_NEED_* switch from a file (see unifdefUndefined). */
export function unifdefEdit(file: string, macro: string): TextEdit {
	return {
		file,
		describe: `${file}: drop the ${macro} branches`,
		apply: (text) => ok(unifdefUndefined(text, macro)),
	};
}

/**
 * Removes `#define MACRO` from compat.h together with the `#if` around it when that conditional holds
 * nothing else.
 */
export function dropCompatDefine(file: string, macro: string): TextEdit {
	return {
		file,
		describe: `${file}: drop ${macro}`,
		apply(text) {
			const ls = lines(text);
			const d = findLine(ls, new RegExp(`^#\\s*define\\s+${escapeRegExp(macro)}\\b`));
			if (d < 0) return ok(text);
			let s = d;
			let e = d;
			if (d > 0 && /^#\s*if/.test(ls[d - 1]) && /^#\s*endif/.test(ls[d + 1] ?? '')) {
				s = d - 1;
				e = d + 1;
			}
			let count = e - s + 1;
			if (ls[e + 1] === '' && (s === 0 || ls[s - 1] === '')) count++;
			ls.splice(s, count);
			return ok(ls.join('\n'));
		},
	};
}

/**
 * Removes a function's definition (return-type line through the closing brace) or its prototype
 * (through the line ending in `;`), style(9) layout: the name starts its line. Absent: nothing to do.
 */
export function removeFunction(file: string, name: string, describe: string): TextEdit {
	return {
		file,
		describe: `${file}: ${describe}`,
		apply(text) {
			const ls = lines(text);
			const at = findLine(ls, new RegExp(`^${escapeRegExp(name)}\\s*\\(`));
			if (at < 0) return ok(text);
			const start = at > 0 && /^[a-z_][\w\s*]*$/i.test(ls[at - 1]) ? at - 1 : at;
			// find where the parameter list closes: `;` after it is a prototype, otherwise a body follows
			let end = at;
			let depth = 0;
			let closed = -1;
			for (let i = at; i < ls.length && closed < 0; i++) {
				for (const ch of ls[i]) {
					if (ch === '(') depth++;
					else if (ch === ')' && --depth === 0) {
						closed = i;
						break;
					}
				}
			}
			if (closed < 0) return missing(`the end of ${name}()'s parameter list in ${file}`);
			if (/\)\s*;\s*$/.test(ls[closed])) end = closed;
			else {
				end = findLine(ls, /^}/, closed);
				if (end < 0) return missing(`the closing brace of ${name}() in ${file}`);
			}
			let count = end - start + 1;
			if (ls[end + 1] === '' && (start === 0 || ls[start - 1] === '')) count++;
			ls.splice(start, count);
			return ok(ls.join('\n'));
		},
	};
}

/** Adds `#include "header"` after the file's last #include line. */
export function includeAfterLast(file: string, header: string): TextEdit {
	const line = `#include "${header}"`;
	return {
		file,
		describe: `${file}: include ${header}`,
		apply(text) {
			if (text.includes(line)) return ok(text);
			const ls = lines(text);
			let last = -1;
			ls.forEach((l, i) => {
				if (/^#\s*include\b/.test(l)) last = i;
			});
			if (last < 0) return missing(`an #include line in ${file}`);
			ls.splice(last + 1, 0, line);
			return ok(ls.join('\n'));
		},
	};
}
