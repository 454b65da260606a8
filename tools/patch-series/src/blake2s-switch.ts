/*
 * The WireGuard driver switched from its private BLAKE2s to the shared one in sys/crypto: one
 * implementation for the upstream series (sys/dev/wg of a FreeBSD tree) and for tools/compat-port
 * (src/ of a wireguard-freebsd checkout). Files are recognised by what they contain, never by name:
 *
 *   - every file whose conditionals test COMPAT_NEED_BLAKE2S goes through unifdef -UCOMPAT_NEED_BLAKE2S
 *     (the private copy: wg_crypto.c's functions, crypto.h's struct and prototypes and inline blake2s());
 *   - `#define COMPAT_NEED_BLAKE2S` goes from the header that sets it (compat.h, or support.h);
 *   - what the shared header now defines goes from the driver (crypto.h's enum blake2s_lengths);
 *   - the file that declared the private API includes the shared header instead;
 *   - uses are mapped to the shared names: blake2s_init/_init_key/_update/_final and struct blake2s_state
 *     to their blake2s_hash_ forms, blake2s(out, in, key, outlen, inlen, keylen) to
 *     blake2s_hash(out, outlen, in, inlen, key, keylen), the argument order read from both declarations.
 *
 * Every decision reads the C with the parser (@wgup/c-source); #if branches are resolved by unifdef(1).
 * What cannot be done safely (a private definition outside COMPAT_NEED_BLAKE2S, a driver constant the
 * shared header defines differently, a call whose arguments cannot be matched) throws
 * DriverSwitchError naming the file and the reason: the caller refuses rather than emit a broken tree.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCParser, type CDeclarations, type CSourceParser } from '@wgup/c-source';
import { conditionalSymbols, unifdefUndefined } from './edits';

export const COMPAT_BLAKE2S = 'COMPAT_NEED_BLAKE2S';

export class DriverSwitchError extends Error {}

export interface SharedBlake2sHeader {
	/**
	 * what the driver includes: a path written between <> (crypto/blake2s.h, in a FreeBSD tree), or a
	 * quoted name ("blake2s.h", for an out-of-tree module that builds its own copy)
	 */
	readonly include: string;
	/** the header's text: its declarations decide the mapping */
	readonly text: string;
}

export interface DriverSwitchResult {
	/** every input file, changed or not, same keys */
	readonly files: Map<string, Buffer>;
	/** one line per change, `file: what` */
	readonly changes: string[];
}

/** The driver's private names -> the shared ones (a tag for struct blake2s_state). */
const RENAMES: ReadonlyArray<readonly [string, string]> = [
	['blake2s_init', 'blake2s_hash_init'],
	['blake2s_init_key', 'blake2s_hash_init_key'],
	['blake2s_update', 'blake2s_hash_update'],
	['blake2s_final', 'blake2s_hash_final'],
];
const STATE = ['blake2s_state', 'blake2s_hash_state'] as const;
const ONE_SHOT = ['blake2s', 'blake2s_hash'] as const;

/** Parameter names that mean the same thing in the two APIs. */
const canonicalParam = (name: string) => (name === 'input' ? 'in' : name);

interface Edit {
	start: number;
	end: number;
	text: string;
}

function applyEdits(text: string, edits: Edit[]): string {
	let out = text;
	for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
	return out;
}

/** start of the line holding `at`, and the end of the line holding `end - 1` with its newline */
function wholeLines(text: string, start: number, end: number): [number, number] {
	const s = text.lastIndexOf('\n', start - 1) + 1;
	const nl = text.indexOf('\n', end);
	return [s, nl < 0 ? text.length : nl + 1];
}

/** Removes whole lines [start, end) and one blank line when that would leave two in a row. */
function removeLines(text: string, start: number, end: number): string {
	const [s, e0] = wholeLines(text, start, end);
	let e = e0;
	const before = text.slice(0, s);
	if ((before === '' || before.endsWith('\n\n')) && text.startsWith('\n', e)) e += 1;
	return before + text.slice(e);
}

const definedNames = (d: CDeclarations) =>
	new Set([...d.macros.map((m) => m.name), ...d.enumConstants.map((e) => e.name), ...d.functions.map((f) => f.name), ...d.typedefs.map((t) => t.name)]);

/** Display width of a line prefix, tabs to multiples of 8. */
function columns(prefix: string): number {
	let w = 0;
	for (const ch of prefix) w = ch === '\t' ? (Math.floor(w / 8) + 1) * 8 : w + 1;
	return w;
}

/**
 * `name(args)` placed at `at` in `text`, wrapped the style(9) way when it would pass column 80: break
 * after a comma, continuation lines indented by the statement's indentation plus four spaces.
 */
function wrapCall(text: string, at: number, name: string, args: readonly string[]): string {
	const lineStart = text.lastIndexOf('\n', at - 1) + 1;
	const indent = /^[\t ]*/.exec(text.slice(lineStart))![0];
	const cont = `${indent}    `;
	const lines: string[] = [];
	let line = `${name}(`;
	let col = columns(text.slice(lineStart, at));
	args.forEach((a, i) => {
		const piece = `${a}${i === args.length - 1 ? ');' : ','}`;
		const sep = line.endsWith('(') ? '' : ' ';
		if (col + columns(line + sep + piece) > 80 && !line.endsWith('(')) {
			lines.push(line);
			line = a;
			col = columns(cont);
		} else line = line + sep + a;
		if (i < args.length - 1) line += ',';
	});
	lines.push(`${line})`);
	return lines.join(`\n${cont}`);
}

/** This repository's generated sys/crypto/blake2s.h (freebsd-overlay/), as a FreeBSD tree includes it. */
export function overlayBlake2sHeader(overlayDir = path.join(__dirname, '..', '..', '..', 'freebsd-overlay')): SharedBlake2sHeader {
	return { include: 'crypto/blake2s.h', text: fs.readFileSync(path.join(overlayDir, 'sys/crypto/blake2s.h'), 'latin1') };
}

/**
 * Switches the driver's files from the private BLAKE2s to the shared header's API. `files`: path (any
 * layout) -> contents. Pure apart from running unifdef(1); throws DriverSwitchError when unsafe.
 */
export async function switchDriverToSharedBlake2s(
	files: ReadonlyMap<string, Buffer | string>,
	header: SharedBlake2sHeader = overlayBlake2sHeader(),
	parser?: CSourceParser,
): Promise<DriverSwitchResult> {
	const c = parser ?? (await loadCParser());
	const quoted = header.include.startsWith('"');
	const directive = quoted ? `#include ${header.include}` : `#include <${header.include}>`;
	const shared = c.declarations(header.text, header.include);
	const sharedNames = definedNames(shared);
	const sharedFn = (name: string) => shared.functions.find((f) => f.name === name);
	const hasSharedState = shared.records.some((r) => r.tag === STATE[1]);
	for (const [, theirs] of [...RENAMES, ONE_SHOT]) {
		if (!sharedFn(theirs)) throw new DriverSwitchError(`${header.include} does not declare ${theirs}(); cannot map the driver's calls to it`);
	}
	if (!hasSharedState) throw new DriverSwitchError(`${header.include} does not define struct ${STATE[1]}`);

	const texts = new Map<string, string>([...files].map(([p, b]) => [p, typeof b === 'string' ? b : b.toString('latin1')]));
	const changes: string[] = [];
	const out = new Map<string, string>(texts);
	const cFiles = [...texts.keys()].filter((p) => /\.[ch]$/.test(p)).sort();

	// the private one-shot blake2s(): its parameter order, from the definition about to go
	let oneShotOrder: number[] | undefined;
	const privateApiFiles = new Set<string>();
	for (const p of cFiles) {
		const d = c.declarations(texts.get(p)!, p);
		const fn = d.functions.find((f) => f.name === ONE_SHOT[0]);
		if (fn && !oneShotOrder) {
			const mine = fn.type.params.map((x) => canonicalParam(x.name));
			const theirs = sharedFn(ONE_SHOT[1])!.type.params.map((x) => canonicalParam(x.name));
			const order = theirs.map((n) => mine.indexOf(n));
			if (order.some((i) => i < 0) || mine.length !== theirs.length) {
				throw new DriverSwitchError(`${p}: ${ONE_SHOT[0]}(${mine.join(', ')}) and ${header.include}'s ${ONE_SHOT[1]}(${theirs.join(', ')}) do not have the same parameters`);
			}
			oneShotOrder = order;
		}
		const declaresApi = d.functions.some((f) => !f.definition && RENAMES.some(([mine]) => mine === f.name)) || d.records.some((r) => r.tag === STATE[0]);
		if (declaresApi && /\.h$/.test(p)) privateApiFiles.add(p);
	}

	for (const p of cFiles) {
		let text = out.get(p)!;
		const what: string[] = [];

		// 1. the private copy behind COMPAT_NEED_BLAKE2S
		if (conditionalSymbols(text).includes(COMPAT_BLAKE2S)) {
			const before = c.declarations(text, p);
			text = unifdefUndefined(text, COMPAT_BLAKE2S);
			const after = c.declarations(text, p);
			const gone = [...new Set([...before.functions, ...before.records.map((r) => ({ name: `struct ${r.tag}` }))].map((f) => f.name))].filter(
				(n) => !after.functions.some((f) => f.name === n) && !after.records.some((r) => `struct ${r.tag}` === n),
			);
			what.push(`unifdef -U${COMPAT_BLAKE2S}${gone.length ? ` (drops ${gone.join(', ')})` : ''}`);
		}

		// 2. the switch itself
		{
			const d = c.declarations(text, p);
			const def = d.macros.find((m) => m.name === COMPAT_BLAKE2S && m.params === null);
			if (def) {
				const items = c.spans(text).items;
				const item = items.find((i) => i.type === 'preproc_def' && i.line === def.line);
				if (!item) throw new DriverSwitchError(`${p}:${def.line}: cannot find the extent of #define ${COMPAT_BLAKE2S}`);
				// a conditional holding nothing else (the port's `#if __FreeBSD_version < N`) goes with it
				const holder = items
					.filter((i) => /^preproc_if(def)?$/.test(i.type) && i.start < item.start && item.end <= i.end)
					.filter((i) => !items.some((o) => o !== item && o !== i && o.start > i.start && o.end <= i.end))
					.sort((a, b) => a.start - b.start)[0];
				const span = holder ?? item;
				text = removeLines(text, span.start, span.end - 1);
				what.push(`drop #define ${COMPAT_BLAKE2S}${holder ? ' and the conditional around it' : ''}`);
			}
		}

		// 3. nothing private may be left
		{
			const d = c.declarations(text, p);
			const left = d.functions.filter((f) => f.definition && [...RENAMES.map(([m]) => m), ONE_SHOT[0]].includes(f.name)).map((f) => `${f.name}() at line ${f.line}`);
			left.push(...d.records.filter((r) => r.tag === STATE[0] && r.members.length).map((r) => `struct ${r.tag} at line ${r.line}`));
			if (left.length) throw new DriverSwitchError(`${p}: defines ${left.join(', ')} outside #ifdef ${COMPAT_BLAKE2S}; no edit can be anchored to remove it safely`);
		}

		// 4. what the shared header defines goes from the driver: whole enums whose every constant it has
		{
			const d = c.declarations(text, p);
			const clashing = d.enumConstants.filter((e) => sharedNames.has(e.name));
			if (clashing.length) {
				const items = c.spans(text).items;
				const edits: Edit[] = [];
				for (const enumName of [...new Set(clashing.map((e) => e.enumName))]) {
					const all = d.enumConstants.filter((e) => e.enumName === enumName);
					const item = items.find((i) => i.tag === enumName && (i.type === 'enum_specifier' || i.type === 'declaration'));
					if (!enumName || !item || all.some((e) => !sharedNames.has(e.name))) {
						throw new DriverSwitchError(`${p}: enum ${enumName || '(anonymous)'} defines ${clashing.map((e) => e.name).join(', ')}, which ${header.include} also defines, beside constants it does not; edit by hand`);
					}
					const [s, e] = wholeLines(text, item.start, item.end - 1);
					edits.push({ start: s, end: e, text: '' });
					what.push(`drop enum ${enumName} (${all.map((x) => x.name).join(', ')}: ${header.include} defines them)`);
				}
				text = applyEdits(text, edits).replace(/\n{3,}/g, '\n\n');
			}
		}

		// 5. the shared header where the private API was declared
		if (privateApiFiles.has(p) && !text.includes(directive)) {
			const includes = c.spans(text).items.filter((i) => i.type === 'preproc_include');
			// a <crypto/...> header among its peers in sorted place; otherwise after the last #include
			const crypto = quoted ? [] : includes.filter((i) => text.slice(i.start, i.end).includes('<crypto/'));
			const later = crypto.find((i) => text.slice(i.start, i.end).replace(/^[^<]*<|>.*$/gs, '') > header.include);
			const anchor = crypto[crypto.length - 1] ?? includes[includes.length - 1];
			if (!anchor) throw new DriverSwitchError(`${p}: no #include line to put ${directive} after`);
			const at = later ? wholeLines(text, later.start, later.end - 1)[0] : wholeLines(text, anchor.start, anchor.end - 1)[1];
			text = `${text.slice(0, at)}${directive}\n${text.slice(at)}`;
			what.push(`include ${directive.slice('#include '.length)}`);
		}

		// 6. uses mapped to the shared names
		{
			const s = c.spans(text);
			const edits: Edit[] = [];
			const mapped = new Set<string>();
			for (const call of s.calls.filter((x) => x.name === ONE_SHOT[0])) {
				if (!oneShotOrder) throw new DriverSwitchError(`${p}: calls ${ONE_SHOT[0]}() but no file given defines it, so its argument order is unknown`);
				if (call.args.length !== oneShotOrder.length) throw new DriverSwitchError(`${p}: a call of ${ONE_SHOT[0]}() with ${call.args.length} arguments`);
				const args = oneShotOrder.map((i) => call.args[i].text.replace(/\s*\n\s*/g, ' '));
				edits.push({ start: call.start, end: call.end, text: wrapCall(text, call.start, ONE_SHOT[1], args) });
				mapped.add(`${ONE_SHOT[0]}() -> ${ONE_SHOT[1]}() (arguments reordered)`);
			}
			const inCall = (at: number) => edits.some((e) => at >= e.start && at < e.end);
			for (const id of s.identifiers) {
				const r = RENAMES.find(([mine]) => mine === id.name);
				if (r && (id.role === 'call' || id.role === 'name') && !inCall(id.start)) {
					edits.push({ start: id.start, end: id.end, text: r[1] });
					mapped.add(`${r[0]}() -> ${r[1]}()`);
				} else if (id.name === STATE[0] && id.role === 'tag' && !inCall(id.start)) {
					edits.push({ start: id.start, end: id.end, text: STATE[1] });
					mapped.add(`struct ${STATE[0]} -> struct ${STATE[1]}`);
				}
			}
			if (edits.length) {
				text = applyEdits(text, edits);
				if (mapped.size) what.push(`call the shared API: ${[...mapped].sort().join(', ')}`);
			}
		}

		if (what.length) {
			out.set(p, text);
			changes.push(...what.map((w) => `${p}: ${w}`));
		}
	}
	return { files: new Map([...out].map(([p, t]) => [p, Buffer.from(t, 'latin1')])), changes };
}
