/*
 * The series: what separates a FreeBSD tree from a driver that takes its crypto and its helpers from the
 * kernel, in the order a reviewer reads it. New KPIs first (sys/crypto, then the driver switching to
 * them), then each item the base's support.h still holds landing where it belongs (or going, when the
 * driver no longer uses it), and last the emptied compatibility headers going away.
 *
 * Every presence check reads the tree with the C parser: a change is present when the base declares
 * its interface, whatever the bytes. A file a sparse tree lacks is never invented: a check that needs it
 * answers "unknown" and names it, an edit of build glue it would need is listed "edit by hand".
 *
 * Facts cited: ../shared/facts/upstream-wg.md (what main has), kpi-changes.json (versions).
 */
import type { CSourceParser } from '@wgup/c-source';
import { COMPAT_BLAKE2S, DriverSwitchError, switchDriverToSharedBlake2s } from './blake2s-switch';
import {
	conditionalSymbols,
	confFilesEntry,
	dropCompatDefine,
	insertAt,
	makeListEntry,
	removeBlock,
	removeFunction,
	unifdefEdit,
	type TextEdit,
} from './edits';
import { kernelHas } from './kernel';
import type { Change, ChangeContext, ChangePlan, OverlayFile, Presence } from './model';
import { declarationsOf, declaredNames, declares, includedHeaders, includes, type Tree } from './tree';

const WG = 'sys/dev/wg';
const CRYPTO_H = `${WG}/crypto.h`;
const COMPAT_H = `${WG}/compat.h`;
const SUPPORT_H = `${WG}/support.h`;
const CONF_FILES = 'sys/conf/files';
/** the driver's module: sys/modules/wg in current main, sys/modules/if_wg in the 13.x imports */
const WG_MODULE_MAKEFILES = ['sys/modules/wg/Makefile', 'sys/modules/if_wg/Makefile'];
const CRYPTO_MODULE_MAKEFILE = 'sys/modules/crypto/Makefile';

const present = (evidence: string): Presence => ({ present: true, evidence });
const absent = (evidence: string): Presence => ({ present: false, evidence });
const unknown = (evidence: string): Presence => ({ present: false, unknown: true, evidence });
const unneeded = (evidence: string): Presence => ({ present: false, unneeded: true, evidence });

/** The driver's own sources in the tree (C files and headers under sys/dev/wg, any depth). */
function driverFiles(tree: Tree): string[] {
	return tree.walk(WG).filter((f) => /\.[ch]$/.test(f));
}

function wgModuleMakefile(tree: Tree): string | undefined {
	return WG_MODULE_MAKEFILES.find((f) => tree.exists(f));
}

/** Functions a header declares with external linkage, in order (read with the parser). */
export function declaredFunctions(c: CSourceParser, header: string): string[] {
	return [...new Set(c.declarations(header).functions.filter((f) => f.storage !== 'static').map((f) => f.name))];
}

/**
 * Build glue for new kernel C files: their sys/conf/files entries and the module Makefile's SRCS.
 * Where the tree lacks the file, the edit is named for the submitter to make by hand.
 */
function buildGlue(ctx: ChangeContext, files: readonly OverlayFile[], confOptions: string, module: string | undefined, moduleWhat: string): { edits: TextEdit[]; byHand: string[] } {
	const edits: TextEdit[] = [];
	const byHand: string[] = [];
	for (const f of files) {
		if (!f.path.endsWith('.c')) continue;
		const rel = f.path.replace(/^sys\//, '');
		if (ctx.tree.exists(CONF_FILES)) edits.push(confFilesEntry(rel, confOptions, CONF_FILES));
		else byHand.push(`${CONF_FILES}: not in the base: edit by hand: add "${rel}  ${confOptions}"`);
		const base = f.path.split('/').pop()!;
		if (module && ctx.tree.exists(module)) edits.push(makeListEntry(module, 'SRCS', base));
		else byHand.push(`${module ?? moduleWhat}: not in the base: edit by hand: add ${base} to SRCS`);
	}
	return { edits, byHand };
}

/** A sys/crypto primitive: overlay files under sys/crypto/<stem>*, present when the base header declares its API. */
function cryptoChange(spec: {
	id: string;
	subject: string;
	body: string[];
	why: string;
	bench?: string[];
	stems: RegExp;
	header: string;
	/** the API the base must declare to count as having it; undefined: whatever the overlay header declares */
	api?: readonly string[];
}): Change {
	const headerOf = (ctx: ChangeContext) => ctx.files.find((f) => f.path === spec.header) ?? ctx.files.find((f) => f.path.endsWith('.h'));
	return {
		id: spec.id,
		subject: spec.subject,
		body: spec.body,
		why: spec.why,
		bench: spec.bench,
		mfcAfter: '2 weeks',
		needsOverlay: true,
		claims: (p) => p.startsWith('sys/crypto/') && spec.stems.test(p.slice('sys/crypto/'.length)),
		present(ctx) {
			const header = headerOf(ctx);
			const path = header?.path ?? spec.header;
			const api = spec.api ?? (header ? declaredFunctions(ctx.c, header.text) : []);
			if (api.length === 0) return absent(`no ${spec.header} in the overlay yet to take the API from`);
			if (declares(ctx.tree, ctx.c, path, api)) return present(`${path} declares ${api.join(', ')}`);
			return absent(`${path} ${ctx.tree.exists(path) ? 'lacks some of' : 'is missing;'} ${api.join(', ')}`);
		},
		plan(ctx) {
			const glue = buildGlue(ctx, ctx.files, 'optional crypto', CRYPTO_MODULE_MAKEFILE, CRYPTO_MODULE_MAKEFILE);
			return { creates: ctx.files.map((f) => [f.path, f.text] as const), writes: [], edits: glue.edits, deletes: [], byHand: glue.byHand };
		},
	};
}

const CHACHA_API = ['chacha20_poly1305_encrypt', 'chacha20_poly1305_decrypt', 'xchacha20_poly1305_encrypt', 'xchacha20_poly1305_decrypt'];
const CURVE_API = ['curve25519', 'curve25519_generate_public'];
/** the driver's private BLAKE2s: what wg_crypto.c defines under COMPAT_NEED_BLAKE2S in main */
const PRIVATE_BLAKE2S = ['blake2s_init', 'blake2s_init_key', 'blake2s_update', 'blake2s_final'];

/** The BLAKE2s header the overlay emits (its name is the ts2c engineer's choice; sys/crypto/blake2 is libb2). */
function blake2sHeader(ctx: ChangeContext): OverlayFile | undefined {
	const p = [...ctx.overlay.keys()].filter((k) => /^sys\/crypto\/blake2s[^/]*\.h$/.test(k)).sort()[0];
	return p ? ctx.overlay.get(p) : undefined;
}

/** Driver files whose conditionals test the macro (unifdef -s). */
function filesTesting(tree: Tree, macro: string): string[] {
	return driverFiles(tree).filter((f) => f !== COMPAT_H && conditionalSymbols(tree.read(f) ?? '').includes(macro));
}

/** Drops the driver's private copy behind COMPAT_NEED_<macro>: unifdef over sys/dev/wg and the define in compat.h. */
function retireCompatMacros(ctx: ChangeContext, macros: readonly string[]): TextEdit[] {
	const edits: TextEdit[] = [];
	for (const macro of macros) {
		for (const f of filesTesting(ctx.tree, macro)) edits.push(unifdefEdit(f, macro));
		for (const h of [COMPAT_H, SUPPORT_H]) {
			const d = declarationsOf(ctx.tree, ctx.c, h);
			if (d?.macros.some((m) => m.name === macro)) edits.push(dropCompatDefine(h, macro));
		}
	}
	return edits;
}

/** Where the driver (outside support.h/compat.h) uses any of these names: `name (file, file)`. */
function driverUses(ctx: ChangeContext, names: readonly string[]): string[] {
	const where = new Map<string, string[]>();
	for (const f of driverFiles(ctx.tree).filter((p) => p !== SUPPORT_H && p !== COMPAT_H)) {
		const u = ctx.c.uses(ctx.tree.read(f) ?? '');
		for (const n of names) if (u.calls.has(n) || u.names.has(n)) where.set(n, [...(where.get(n) ?? []), f.split('/').pop()!]);
	}
	return [...where].map(([n, files]) => `${n} (${files.join(', ')})`);
}

/** Driver files (support.h included) that declare any of these names. */
function driverDefines(ctx: ChangeContext, names: readonly string[]): string[] {
	return driverFiles(ctx.tree).filter((f) => {
		const d = declarationsOf(ctx.tree, ctx.c, f);
		return d !== undefined && names.some((n) => declaredNames(d).has(n));
	});
}

/**
 * Does the kernel of the tree have these names? Read from the header where they belong; when a sparse
 * tree lacks that header, the driver's own use answers it: a driver that calls them and defines no
 * fallback builds only because the kernel has them.
 */
function kernelDeclares(ctx: ChangeContext, header: string, names: readonly string[]): Presence {
	if (ctx.tree.exists(header)) {
		return declares(ctx.tree, ctx.c, header, names) ? present(`${header} declares ${names.join(', ')}`) : absent(`${header} does not declare ${names.join(', ')}`);
	}
	const used = driverUses(ctx, names);
	const fallback = driverDefines(ctx, names);
	if (used.length && fallback.length === 0) {
		return present(`${header} is not in the base, but its driver uses ${used.join(', ')} and defines no fallback, so its kernel has them`);
	}
	return unknown(`${header} is not in the base`);
}

/** The names of the items a support.h holds: its `#ifndef NAME` fallbacks and the functions it defines. */
export function supportItems(c: CSourceParser, text: string): string[] {
	const d = c.declarations(text);
	const names: string[] = [];
	// a fallback: a macro defined under a condition on itself (`#ifndef NAME` / `#if !defined(NAME)`)
	for (const m of d.macros) if (!m.name.startsWith('_') && m.conditions.some((cond) => new RegExp(`\\b${m.name}\\b`).test(cond))) names.push(m.name);
	for (const f of d.functions) if (f.definition) names.push(f.name);
	return [...new Set(names)];
}

function dropSupportItem(ctx: ChangeContext, name: string): TextEdit[] {
	const text = ctx.tree.read(SUPPORT_H);
	if (!text || !supportItems(ctx.c, text).includes(name)) return [];
	const fn = ctx.c.declarations(text).functions.some((f) => f.name === name && f.definition);
	return fn
		? [removeFunction(SUPPORT_H, name, `drop ${name}()`)]
		: [removeBlock(SUPPORT_H, new RegExp(`^#\\s*(ifndef\\s+${name}\\b|if\\s+!\\s*defined\\s*\\(\\s*${name}\\s*\\))`), /^#\s*endif/, `drop the ${name} fallback`)];
}

/** A next free constant after an anchor line `NAME<ws>VALUE`, keeping the anchor's layout. */
function nextValueAfter(file: string, anchor: RegExp, build: (value: number) => string, describe: string): TextEdit {
	return {
		file,
		describe: `${file}: ${describe}`,
		apply(text) {
			const ls = text.split('\n');
			const at = ls.findIndex((l) => anchor.test(l));
			if (at < 0) return { ok: false, anchor: `a line matching ${anchor} in ${file}` };
			const m = ls[at].match(/(0x[0-9a-f]+|\d+)\s*,?\s*(\/\*.*)?$/i);
			if (!m) return { ok: false, anchor: `a value on the line matching ${anchor} in ${file}` };
			ls.splice(at + 1, 0, build(Number(m[1]) + 1));
			return { ok: true, text: ls.join('\n') };
		},
	};
}

/** sogetsockaddr() for uipc_socket.c, spelled for the base's struct protosw (read from sys/sys/protosw.h). */
export function sogetsockaddrDefinition(hasPrSockaddr: boolean): string {
	const method = hasPrSockaddr ? 'so->so_proto->pr_sockaddr' : 'so->so_proto->pr_usrreqs->pru_sockaddr';
	return [
		'',
		'/*',
		' * Return the local address a socket is bound to, allocated with M_SONAME;',
		' * the caller frees it with free(sa, M_SONAME).  Usable from kernel consumers',
		' * that own a socket, such as tunnel drivers reporting their listen port.',
		' */',
		'int',
		'sogetsockaddr(struct socket *so, struct sockaddr **nam)',
		'{',
		'\tint error;',
		'',
		'\tCURVNET_SET(so->so_vnet);',
		`\terror = (*${method})(so, nam);`,
		'\tCURVNET_RESTORE();',
		'\treturn (error);',
		'}',
	].join('\n');
}

function protoswHasPrSockaddr(ctx: ChangeContext): boolean {
	const d = declarationsOf(ctx.tree, ctx.c, 'sys/sys/protosw.h');
	const rec = d?.records.find((r) => r.tag === 'protosw');
	return rec ? rec.members.some((m) => m.name === 'pr_sockaddr') : kernelHas('pr_sockaddr', ctx.version);
}

/**
 * One item of the driver's support.h. It is in the series only when the base's support.h holds it:
 * landed where it belongs when the driver still uses it, dropped as dead code when the driver does
 * not or the kernel already has it. Otherwise: present (the kernel declares it), unneeded (support.h
 * does not hold it), or unknown (the tree lacks support.h and the header that would tell).
 */
function supportItem(spec: {
	id: string;
	/** the names in support.h */
	items: readonly string[];
	subject: string;
	body: string[];
	why: string;
	kernel(ctx: ChangeContext): Presence;
	land(ctx: ChangeContext): TextEdit[];
}): Change {
	const names = spec.items.join(', ');
	const held = (ctx: ChangeContext) => {
		const text = ctx.tree.read(SUPPORT_H);
		return text === undefined ? [] : supportItems(ctx.c, text).filter((n) => spec.items.includes(n));
	};
	return {
		id: spec.id,
		subject: spec.subject,
		body: spec.body,
		why: spec.why,
		mfcAfter: '1 month',
		present(ctx) {
			const h = held(ctx);
			if (h.length) return absent(`${SUPPORT_H} holds ${h.join(', ')}`);
			const k = spec.kernel(ctx);
			if (k.present) return k;
			if (!ctx.tree.exists(SUPPORT_H)) {
				const used = driverUses(ctx, spec.items);
				if (used.length === 0) return unneeded(`the base's driver does not use ${names}`);
				return unknown(`${SUPPORT_H} is not in the base and ${k.evidence}: cannot tell where the driver's ${names} come from; check by hand`);
			}
			return unneeded(`${SUPPORT_H} does not hold ${names}`);
		},
		plan(ctx) {
			const drop = held(ctx).flatMap((n) => dropSupportItem(ctx, n));
			const k = spec.kernel(ctx);
			const used = driverUses(ctx, spec.items);
			if (k.present || used.length === 0) {
				const them = spec.items.length > 1 ? 'them' : 'it';
				const reason = k.present ? `the kernel has ${them} (${k.evidence})` : `nothing in the driver uses ${them} any more`;
				return {
					writes: [],
					edits: drop,
					deletes: [],
					subject: `wg: drop the ${names} fallback${spec.items.length > 1 ? 's' : ''} from support.h`,
					body: [`support.h still carries ${names}, but ${reason}. Remove the dead fallback${spec.items.length > 1 ? 's' : ''}.`],
				};
			}
			return { writes: [], edits: [...spec.land(ctx), ...drop], deletes: [] };
		},
	};
}

/** Removes every #include of a header (read with the parser). */
function dropInclude(file: string, header: string, c: CSourceParser): TextEdit {
	return {
		file,
		describe: `${file}: stop including ${header}`,
		apply(text) {
			const items = c.spans(text).items.filter((i) => i.type === 'preproc_include');
			let out = text;
			for (const i of [...items].reverse()) {
				const inc = out.slice(i.start, i.end).replace(/^#\s*include\s*[<"]/, '').replace(/[>"][\s\S]*$/, '');
				if (inc !== header && !inc.endsWith(`/${header}`)) continue;
				const s = out.lastIndexOf('\n', i.start - 1) + 1;
				const nl = out.indexOf('\n', i.end - 1);
				out = out.slice(0, s) + out.slice(nl < 0 ? out.length : nl + 1);
			}
			return { ok: true, text: out };
		},
	};
}

const CRP_ETYPE_BODY = [
	'With a synchronous driver (cryptosoft, ossl(4)) crypto_dispatch() returns 0 and reports a failed request, a bad Poly1305 tag included, in crp_etype. The driver returned crypto_dispatch()\'s value only, so a packet with a forged tag was passed up undecrypted. Return crp_etype when dispatch itself succeeded.',
	'The driver also relies on the request being complete when crypto_dispatch() returns (its callback does nothing), which holds only for a synchronous session: refuse any other at initialisation.',
];

interface DispatchSite {
	readonly file: string;
	readonly fn: string;
	readonly call: { readonly start: number; readonly end: number };
	/** does the function read crp_etype? */
	readonly checks: boolean;
}

/** Every crypto_dispatch() call in the driver, with the function it is in and whether that function reads crp_etype. */
function dispatchSites(ctx: ChangeContext): DispatchSite[] {
	const out: DispatchSite[] = [];
	for (const file of driverFiles(ctx.tree).filter((f) => f.endsWith('.c'))) {
		const text = ctx.tree.read(file)!;
		const s = ctx.c.spans(text);
		const fns = s.items.filter((i) => i.type === 'function_definition');
		const decl = ctx.c.declarations(text, file).functions.filter((f) => f.definition);
		for (const call of s.calls.filter((x) => x.name === 'crypto_dispatch')) {
			const item = fns.find((i) => call.start >= i.start && call.end <= i.end);
			if (!item) continue;
			const fn = decl.find((f) => f.line === item.line)?.name ?? `line ${item.line}`;
			const checks = s.identifiers.some((id) => id.role === 'member' && id.name === 'crp_etype' && id.start >= item.start && id.end <= item.end);
			out.push({ file, fn, call, checks });
		}
	}
	return out;
}

export const SERIES: readonly Change[] = [
	cryptoChange({
		id: 'crypto-chacha20-poly1305',
		subject: 'crypto: add ChaCha20-Poly1305 and XChaCha20-Poly1305',
		body: [
			'Add the ChaCha20-Poly1305 AEAD (RFC 8439) with 8- and 12-byte nonces and XChaCha20-Poly1305 (24-byte nonce) as ordinary kernel functions, so that consumers needing a one-shot AEAD on a contiguous buffer (the WireGuard handshake, cookie replies) stop carrying private copies.',
			'The code is generated from a reference implementation and checked against the RFC 8439 and Wycheproof vectors and a differential run against libsodium; the tag is compared with timingsafe_bcmp() and nothing is decrypted when it does not match.',
		],
		why: 'the driver needs a one-shot AEAD for the handshake and this kernel has none in sys/crypto.',
		stems: /^(x?chacha20_poly1305|chacha20|poly1305|hchacha20)[._]/,
		header: 'sys/crypto/chacha20_poly1305.h',
		api: CHACHA_API,
	}),
	cryptoChange({
		id: 'crypto-curve25519',
		subject: 'crypto: add Curve25519',
		body: [
			'Add X25519 (RFC 7748) scalar multiplication as curve25519(), curve25519_generate_public(), curve25519_generate_secret() and curve25519_clamp_secret(), for the WireGuard handshake.',
			'The field arithmetic is constant time (checked under valgrind with the secret marked undefined).',
		],
		why: 'the handshake needs X25519 and this kernel has none in sys/crypto.',
		stems: /^curve25519[._]/,
		header: 'sys/crypto/curve25519.h',
		api: CURVE_API,
	}),
	cryptoChange({
		id: 'crypto-blake2s',
		subject: 'crypto: add BLAKE2s',
		body: [
			'Add BLAKE2s (RFC 7693), keyed and unkeyed, with HMAC-BLAKE2s and the HKDF-style KDF WireGuard derives its keys with, as ordinary kernel functions.',
			'if_wg(4) is today the only kernel user of BLAKE2s and carries a private copy in wg_crypto.c that exports libb2\'s names (blake2s_init, blake2s_update, blake2s_final). sys/crypto/blake2 is libb2 under other names and is built for OCF only; these functions are named blake2s_hash_* so the two do not collide.',
		],
		why: 'main has no BLAKE2s library function: if_wg(4) carries a private copy exporting libb2\'s names, the last primitive it still copies.',
		bench: ['blake2s'],
		stems: /^(blake2s|hmac_blake2s|blake2s_kdf)[^/]*$/,
		header: 'sys/crypto/blake2s.h',
	}),
	{
		id: 'wg-use-sys-crypto',
		subject: 'wg: use ChaCha20-Poly1305 and Curve25519 from sys/crypto',
		after: ['crypto-chacha20-poly1305', 'crypto-curve25519'],
		body: [
			'The driver came in with private copies of ChaCha20-Poly1305, XChaCha20-Poly1305 and Curve25519, selected by COMPAT_NEED_CHACHA20POLY1305 and COMPAT_NEED_CURVE25519. The kernel has both in sys/crypto with the same semantics; drop the copies and the switches (unifdef) and call the kernel versions through the inline wrappers in crypto.h.',
		],
		why: 'the driver still builds private ChaCha20-Poly1305/Curve25519 copies that sys/crypto provides.',
		mfcAfter: '2 weeks',
		present(ctx) {
			if (!ctx.tree.exists(CRYPTO_H)) return unknown(`${CRYPTO_H} is not in the base`);
			const left = ['COMPAT_NEED_CHACHA20POLY1305', 'COMPAT_NEED_CURVE25519'].flatMap((m) => filesTesting(ctx.tree, m).map((f) => `${f} still tests ${m}`));
			if (left.length) return absent(left.join('; '));
			const inc = ['crypto/chacha20_poly1305.h', 'crypto/curve25519.h'].filter((h) => !includes(ctx.tree, ctx.c, CRYPTO_H, h));
			return inc.length ? absent(`${CRYPTO_H} does not include ${inc.join(', ')}`) : present(`${CRYPTO_H} includes <crypto/chacha20_poly1305.h> and <crypto/curve25519.h>`);
		},
		plan: (ctx) => ({ writes: [], edits: retireCompatMacros(ctx, ['COMPAT_NEED_CHACHA20POLY1305', 'COMPAT_NEED_CURVE25519']), deletes: [] }),
	},
	{
		id: 'wg-use-sys-blake2s',
		subject: 'wg: use BLAKE2s from sys/crypto',
		after: ['crypto-blake2s'],
		body: [
			'Drop the driver\'s private BLAKE2s (everything under COMPAT_NEED_BLAKE2S in wg_crypto.c and crypto.h, and crypto.h\'s BLAKE2S_* constants, which <crypto/blake2s.h> now defines) and call the kernel\'s blake2s_hash_* functions, named so as not to collide with the libb2 names of sys/crypto/blake2. After this the driver carries no cryptographic primitive of its own.',
		],
		why: 'removes the driver\'s private BLAKE2s and its exported libb2 names in favour of the shared one.',
		bench: ['blake2s'],
		mfcAfter: '2 weeks',
		present(ctx) {
			const testing = filesTesting(ctx.tree, COMPAT_BLAKE2S);
			if (testing.length) return absent(`${testing.join(', ')} still test ${COMPAT_BLAKE2S}`);
			const defining = driverFiles(ctx.tree).filter((f) => declarationsOf(ctx.tree, ctx.c, f)?.functions.some((fn) => fn.definition && PRIVATE_BLAKE2S.includes(fn.name)));
			if (defining.length) return absent(`${defining.join(', ')} define a private BLAKE2s`);
			const header = blake2sHeader(ctx);
			if (!header) return absent('no sys/crypto/blake2s*.h in the overlay yet');
			const inc = header.path.replace(/^sys\//, '');
			if (!ctx.tree.exists(CRYPTO_H)) return unknown(`${CRYPTO_H} is not in the base`);
			return includes(ctx.tree, ctx.c, CRYPTO_H, inc) ? present(`${CRYPTO_H} includes <${inc}>`) : absent(`${CRYPTO_H} does not include <${inc}>`);
		},
		async plan(ctx) {
			const header = blake2sHeader(ctx);
			if (!header) return { writes: [], edits: [], deletes: [] };
			const files = driverFiles(ctx.tree);
			const defines = files.some((f) => declarationsOf(ctx.tree, ctx.c, f)?.macros.some((m) => m.name === COMPAT_BLAKE2S));
			const tested = filesTesting(ctx.tree, COMPAT_BLAKE2S).length > 0;
			const r = await switchDriverToSharedBlake2s(new Map(files.map((f) => [f, ctx.tree.read(f)!])), { include: header.path.replace(/^sys\//, ''), text: header.text }, ctx.c);
			const writes = [...r.files].filter(([f, b]) => b.toString('latin1') !== ctx.tree.read(f)).map(([f, b]) => [f, b.toString('latin1')] as const);
			const byHand: string[] = [];
			if (tested && !defines) {
				byHand.push(
					`${COMPAT_H}: not in the base (the driver tested ${COMPAT_BLAKE2S}, which the build defines through it): edit by hand: drop #define ${COMPAT_BLAKE2S}, and if that empties compat.h, remove it and its -include in ${WG_MODULE_MAKEFILES[0]}`,
				);
			}
			return { writes, edits: [], deletes: [], byHand, notes: r.changes };
		},
	},
	{
		id: 'wg-ocf-mbuf',
		subject: 'wg: submit data-path crypto to OCF with CRYPTO_BUF_MBUF',
		body: [
			'Encrypt and decrypt packets by handing the whole mbuf chain to OCF (crypto_use_mbuf(), CRYPTO_BUF_MBUF) instead of walking it with the driver\'s own ChaCha20-Poly1305. This picks up whatever OCF driver is best for the session, including ossl(4)\'s assembly.',
			'A synchronous software driver reports a bad tag in crp_etype, not in the return value of crypto_dispatch(); the glue checks crp_etype and only accepts a synchronous session, so a forged packet is never passed up.',
		],
		why: 'the driver still walks mbuf chains with its own AEAD instead of OCF.',
		mfcAfter: '1 month',
		needsOverlay: true,
		requires: { kernelInterface: 'ocf_chacha20_poly1305_mbuf', why: 'OCF ChaCha20-Poly1305 with an 8-byte nonce over mbufs' },
		claims: (p) => p === `${WG}/wg_crypto.c` || /^sys\/dev\/wg\/[^/]*ocf[^/]*\.[ch]$/.test(p),
		present(ctx) {
			// the interface: the driver hands mbufs to OCF. Whether it reads crp_etype is a bug of its own (see wg-ocf-crp-etype)
			const glue = driverFiles(ctx.tree).find((f) => f.endsWith('.c') && ctx.c.uses(ctx.tree.read(f) ?? '').calls.has('crypto_use_mbuf'));
			return glue ? present(`${glue} submits mbufs to OCF with crypto_use_mbuf()`) : absent('no driver file submits mbufs to OCF');
		},
		plan(ctx) {
			const fresh = ctx.files.filter((f) => !ctx.tree.exists(f.path));
			const glue = buildGlue(ctx, fresh, 'optional wg', wgModuleMakefile(ctx.tree), `${WG_MODULE_MAKEFILES[0]}`);
			const edits = [...glue.edits, ...retireCompatMacros(ctx, ['COMPAT_NEED_CHACHA20POLY1305_MBUF'])];
			// the driver's own versions of what the glue provides go, and crypto.h includes the glue's header
			for (const header of fresh.filter((f) => f.path.endsWith('.h'))) {
				const provided = declaredFunctions(ctx.c, header.text);
				for (const f of driverFiles(ctx.tree)) {
					const d = declarationsOf(ctx.tree, ctx.c, f);
					for (const fn of provided) if (d?.functions.some((x) => x.name === fn && x.definition)) edits.push(removeFunction(f, fn, `drop the driver's own ${fn}()`));
				}
				if (ctx.tree.exists(CRYPTO_H)) edits.push(insertAt(CRYPTO_H, /^#\s*include\b/, `#include "${header.path.slice(WG.length + 1)}"`, `include ${header.path.slice(WG.length + 1)}`));
			}
			return {
				creates: fresh.map((f) => [f.path, f.text] as const),
				writes: ctx.files.filter((f) => ctx.tree.exists(f.path)).map((f) => [f.path, f.text] as const),
				edits,
				deletes: [],
				byHand: glue.byHand,
			};
		},
	},
	{
		id: 'wg-ocf-crp-etype',
		subject: 'wg: check crp_etype after crypto_dispatch()',
		body: CRP_ETYPE_BODY,
		why: 'the base\'s OCF glue never reads crp_etype: forged packets are accepted (a synchronous driver reports EBADMSG there, crypto_dispatch() returns 0).',
		mfcAfter: '3 days',
		present(ctx) {
			const sites = dispatchSites(ctx);
			if (sites.length === 0) return unneeded('no driver function calls crypto_dispatch()');
			const unchecked = sites.filter((x) => !x.checks);
			return unchecked.length ? absent(unchecked.map((x) => `${x.file}: ${x.fn}() does not read crp_etype`).join('; ')) : present(`every driver function calling crypto_dispatch() reads crp_etype (${sites.map((x) => `${x.fn}()`).join(', ')})`);
		},
		plan(ctx) {
			const writes: Array<readonly [string, string]> = [];
			const notes: string[] = [];
			const byFile = new Map<string, DispatchSite[]>();
			for (const site of dispatchSites(ctx).filter((x) => !x.checks)) byFile.set(site.file, [...(byFile.get(site.file) ?? []), site]);
			const sync = declarationsOf(ctx.tree, ctx.c, 'sys/opencrypto/cryptodev.h')?.macros.some((m) => m.name === 'CRYPTO_SESS_SYNC') ?? false;
			for (const [file, sites] of byFile) {
				let text = ctx.tree.read(file)!;
				const inserts: Array<{ at: number; text: string }> = [];
				for (const site of sites) {
					// the statement `<lhs> = crypto_dispatch(<req>);` on one line: check crp_etype after it
					const lineStart = text.lastIndexOf('\n', site.call.start - 1) + 1;
					const lineEnd = text.indexOf('\n', site.call.end);
					const line = text.slice(lineStart, lineEnd);
					const m = /^(\s*)(\w+) = crypto_dispatch\((.*)\);\s*$/.exec(line);
					if (!m) throw new DriverSwitchError(`${file}: ${site.fn}() calls crypto_dispatch() other than as \`var = crypto_dispatch(req);\`: cannot anchor the crp_etype check`);
					const [, indent, lhs, req] = m;
					const etype = req.startsWith('&') ? `${req.slice(1)}.crp_etype` : `${req}->crp_etype`;
					inserts.push({ at: lineEnd + 1, text: `${indent}if (${lhs} == 0)\n${indent}\t${lhs} = ${etype};\n` });
					notes.push(`${file}: ${site.fn}() returns ${etype} when crypto_dispatch() succeeds`);
				}
				// a session that is not synchronous is refused where it is created
				if (sync) {
					for (const call of ctx.c.spans(text).calls.filter((x) => x.name === 'crypto_newsession')) {
						const sid = call.args[0]?.text.replace(/^&/, '');
						const after = text.indexOf('\n', call.end);
						const rest = text.slice(after + 1);
						const check = /^(\s*)if \((\w+) != 0\)\n\s*return \(\2\);\n/.exec(rest);
						if (!sid || !check || text.includes(`CRYPTO_SESS_SYNC(${sid})`)) continue;
						const indent = check[1];
						inserts.push({ at: after + 1 + check[0].length, text: `${indent}if (!CRYPTO_SESS_SYNC(${sid})) {\n${indent}\tcrypto_freesession(${sid});\n${indent}\treturn (ENOTSUP);\n${indent}}\n` });
						notes.push(`${file}: refuse a session that is not synchronous (CRYPTO_SESS_SYNC)`);
					}
				}
				for (const ins of inserts.sort((a, b) => b.at - a.at)) text = text.slice(0, ins.at) + ins.text + text.slice(ins.at);
				writes.push([file, text]);
			}
			const refusesAsync = notes.some((n) => n.includes('CRYPTO_SESS_SYNC'));
			return { writes, edits: [], deletes: [], notes, body: refusesAsync ? undefined : [CRP_ETYPE_BODY[0]] };
		},
	},
	supportItem({
		id: 'socket-sogetsockaddr',
		items: ['sogetsockaddr'],
		subject: 'socket: add sogetsockaddr()',
		body: [
			'Add a helper that returns the local address of a socket, entering the socket\'s vnet around the protocol\'s sockaddr method, so kernel consumers that own a socket (if_wg(4) reports the UDP port it listens on) do not open-code the protocol switch call.',
			'if_wg(4) drops its private copy from support.h.',
		],
		why: 'the driver carries sogetsockaddr() in support.h.',
		kernel(ctx) {
			const k = kernelDeclares(ctx, 'sys/sys/socketvar.h', ['sosockaddr']);
			if (!k.present) return kernelDeclares(ctx, 'sys/sys/socketvar.h', ['sogetsockaddr']);
			const used = driverUses(ctx, ['sosockaddr']);
			return present(`${k.evidence}, main's name for it${used.length ? `; the driver calls it: ${used.join(', ')}` : ''}`);
		},
		land: (ctx) => [
			insertAt('sys/sys/socketvar.h', /^int\s+sogetopt\s*\(/, 'int\tsogetsockaddr(struct socket *so, struct sockaddr **nam);', 'declare sogetsockaddr() after sogetopt()', { presentIf: /\bsogetsockaddr\s*\(/ }),
			insertAt('sys/kern/uipc_socket.c', /^sogetopt\s*\(/, sogetsockaddrDefinition(protoswHasPrSockaddr(ctx)), 'add sogetsockaddr() after sogetopt()', { afterBlockEnd: /^}/, presentIf: /^sogetsockaddr\s*\(/m }),
		],
	}),
	supportItem({
		id: 'priv-net-wg',
		items: ['PRIV_NET_WG'],
		subject: 'priv: add PRIV_NET_WG',
		body: [
			'Give WireGuard interface configuration its own privilege instead of borrowing PRIV_NET_HWIOCTL, so that jail and MAC policies can grant or deny it by name; allow it in vnet jails like the other tunnel privileges.',
			'if_wg(4) drops its PRIV_NET_HWIOCTL fallback from support.h.',
		],
		why: 'the driver borrows PRIV_NET_HWIOCTL through a support.h fallback.',
		kernel: (ctx) => kernelDeclares(ctx, 'sys/sys/priv.h', ['PRIV_NET_WG']),
		land: () => [
			nextValueAfter('sys/sys/priv.h', /^#define\s+PRIV_NET_ME\b/, (v) => `#define\tPRIV_NET_WG\t\t${v}\t/* Administer WireGuard interface. */`, 'define PRIV_NET_WG after PRIV_NET_ME'),
			insertAt('sys/kern/kern_jail.c', /^\tcase PRIV_NET_ME:/, '\tcase PRIV_NET_WG:', 'allow PRIV_NET_WG in vnet jails'),
		],
	}),
	supportItem({
		id: 'net-ift-wireguard',
		items: ['IFT_WIREGUARD'],
		subject: 'net: add IFT_WIREGUARD',
		body: [
			'Give WireGuard interfaces their own interface type instead of reporting IFT_PPP, so that tools reading if_type can tell a WireGuard tunnel from a PPP link.',
			'if_wg(4) drops its IFT_PPP fallback from support.h.',
		],
		why: 'the driver reports IFT_PPP through a support.h fallback.',
		kernel: (ctx) => kernelDeclares(ctx, 'sys/net/if_types.h', ['IFT_WIREGUARD']),
		land: () => [nextValueAfter('sys/net/if_types.h', /^\s*IFT_PFSYNC\s*=/, (v) => `\tIFT_WIREGUARD\t= 0x${v.toString(16)},\t\t/* WireGuard tunnel */`, 'add IFT_WIREGUARD after IFT_PFSYNC')],
	}),
	supportItem({
		id: 'ck-pr-bool',
		items: ['ck_pr_store_bool', 'ck_pr_load_bool'],
		subject: 'ck: add ck_pr_load_bool() and ck_pr_store_bool()',
		body: [
			'Add boolean variants of ck_pr_load and ck_pr_store on top of the 8-bit ones, for flags shared between threads without a lock. if_wg(4) carried them in support.h.',
		],
		why: 'the driver carries ck_pr_{load,store}_bool fallbacks in support.h.',
		kernel: (ctx) => kernelDeclares(ctx, 'sys/contrib/ck/include/ck_pr.h', ['ck_pr_load_bool', 'ck_pr_store_bool']),
		land: () => [
			insertAt(
				'sys/contrib/ck/include/ck_pr.h',
				'#endif /* CK_PR_H */',
				[
					'/*',
					' * Boolean loads and stores, through the 8-bit operations.',
					' */',
					'#define ck_pr_load_bool(SRC)\t\t((bool)ck_pr_load_8((const uint8_t *)(SRC)))',
					'#define ck_pr_store_bool(DST, VAL)\tck_pr_store_8((uint8_t *)(DST), (uint8_t)(VAL))',
					'',
				].join('\n'),
				'add ck_pr_load_bool() and ck_pr_store_bool()',
				{ before: true, presentIf: /#define ck_pr_load_bool\b/ },
			),
		],
	}),
	supportItem({
		id: 'atomic-bool',
		items: ['atomic_load_bool', 'atomic_store_bool'],
		subject: 'atomic: add atomic_load_bool() and atomic_store_bool()',
		body: [
			'Add plain (relaxed) loads and stores of bool to the machine-independent atomic(9) operations, next to the char and short ones, for flags shared between threads without a lock. if_wg(4) carries a fallback for them in support.h.',
		],
		why: 'the driver carries atomic_{load,store}_bool fallbacks in support.h.',
		kernel: (ctx) => kernelDeclares(ctx, 'sys/sys/atomic_common.h', ['atomic_load_bool', 'atomic_store_bool']),
		land: () => [
			insertAt('sys/sys/atomic_common.h', /^#define\s+atomic_load_char\(/, '#define\tatomic_load_bool(p)\t(*(volatile _Bool *)(p))', 'add atomic_load_bool() before atomic_load_char()', { before: true, presentIf: /#define\s+atomic_load_bool\(/ }),
			insertAt('sys/sys/atomic_common.h', /^#define\s+atomic_store_char\(/, '#define\tatomic_store_bool(p, v)\t\\\n    (*(volatile _Bool *)(p) = (_Bool)(v))', 'add atomic_store_bool() before atomic_store_char()', { before: true, presentIf: /#define\s+atomic_store_bool\(/ }),
		],
	}),
	retireHeader({
		id: 'wg-remove-compat-h',
		subject: 'wg: remove compat.h',
		after: ['wg-use-sys-crypto', 'wg-use-sys-blake2s', 'wg-ocf-mbuf'],
		header: COMPAT_H,
		body: [
			'With BLAKE2s in sys/crypto, compat.h no longer selects anything: every COMPAT_NEED_* switch is gone. Remove it and the -include that forced it into every driver file. Backports to older releases keep their compat.h in the out-of-tree port.',
		],
		why: 'compat.h is empty once the driver uses sys/crypto\'s BLAKE2s.',
		leftover: (c, text) => c.declarations(text).macros.map((m) => m.name).filter((n) => !/^_/.test(n)),
	}),
	retireHeader({
		id: 'wg-remove-support-h',
		subject: 'wg: remove support.h',
		after: ['socket-sogetsockaddr', 'priv-net-wg', 'net-ift-wireguard', 'ck-pr-bool', 'atomic-bool'],
		header: SUPPORT_H,
		body: ['Every item support.h carried now lives where it belongs or is no longer used. Remove the empty header and its includes.'],
		why: 'support.h is empty once its last items have landed or gone.',
		leftover: supportItems,
	}),
];

/**
 * A header that the series empties and then removes, with every #include of it and every -include of it
 * in the build glue. Not in the tree: unknown (a sparse tree, or already gone). An item still in it
 * blocks the change by name.
 */
function retireHeader(spec: {
	id: string;
	subject: string;
	after: string[];
	header: string;
	body: string[];
	why: string;
	leftover: (c: CSourceParser, text: string) => string[];
}): Change {
	const base = spec.header.split('/').pop()!;
	return {
		id: spec.id,
		subject: spec.subject,
		after: spec.after,
		body: spec.body,
		why: spec.why,
		mfcAfter: undefined,
		present: (ctx) => (ctx.tree.exists(spec.header) ? absent(`${spec.header} is still there`) : unknown(`${spec.header} is not in the base: nothing to remove here`)),
		plan(ctx) {
			const left = spec.leftover(ctx.c, ctx.tree.read(spec.header) ?? '');
			if (left.length) {
				return {
					writes: [],
					edits: [{ file: spec.header, describe: `${spec.header}: empty`, apply: () => ({ ok: false, anchor: `an empty ${spec.header} (it still holds ${left.join(', ')})` }) }],
					deletes: [],
				};
			}
			const edits: TextEdit[] = [];
			const byHand: string[] = [];
			for (const f of driverFiles(ctx.tree)) {
				if (f !== spec.header && includedHeaders(ctx.tree.read(f) ?? '', ctx.c).some((h) => h === base || h.endsWith(`/${base}`))) edits.push(dropInclude(f, base, ctx.c));
			}
			const module = wgModuleMakefile(ctx.tree);
			for (const f of [module, CONF_FILES]) {
				const text = f ? ctx.tree.read(f) : undefined;
				if (f && text?.includes('-include') && text.includes(`dev/wg/${base}`)) {
					edits.push({ file: f, describe: `${f}: stop forcing ${base} into the build`, apply: (t) => ({ ok: true, text: dropForcedInclude(t, base) }) });
				}
			}
			if (!module) byHand.push(`${WG_MODULE_MAKEFILES[0]}: not in the base: edit by hand: drop any -include of ${base}`);
			return { writes: [], edits, deletes: [spec.header], byHand };
		},
	};
}

/** Removes `-include .../dev/wg/<header>` from compile flags, and flag lines left empty by that. */
export function dropForcedInclude(text: string, header: string): string {
	const re = new RegExp(`\\s*-include\\s+\\S*dev/wg/${header.replace('.', '\\.')}`, 'g');
	const ls = text.split('\n');
	const out: string[] = [];
	for (const before of ls) {
		const after = before.replace(re, '');
		if (after === before) {
			out.push(before);
			continue;
		}
		if (/^\s*CFLAGS\s*\+=\s*$/.test(after)) continue;
		if (/^\s*compile-with\s+"\$\{NORMAL_C\}"\s*$/.test(after)) {
			if (out.length && /\\\s*$/.test(out[out.length - 1])) out[out.length - 1] = out[out.length - 1].replace(/\s*\\\s*$/, '');
			continue;
		}
		out.push(after);
	}
	return out.join('\n').replace(/\n\n+$/, '\n');
}

export const SUPPORT_ITEM_NAMES = ['sogetsockaddr', 'PRIV_NET_WG', 'IFT_WIREGUARD', 'ck_pr_store_bool', 'ck_pr_load_bool', 'atomic_load_bool', 'atomic_store_bool'];
