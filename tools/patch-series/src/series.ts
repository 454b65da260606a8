/*
 * The series: what separates a FreeBSD tree from a driver that takes its crypto and its helpers from the
 * kernel, in the order a reviewer reads it. New KPIs first (sys/crypto, then the driver switching to
 * them), then the data path on OCF, then each support.h item landing where it belongs, and last the
 * empty compatibility headers going away.
 *
 * Facts cited: ../shared/facts/upstream-wg.md (what main has), kpi-changes.json (versions).
 */
import {
	confFilesEntry,
	dropCompatDefine,
	insertAt,
	makeListEntry,
	mentionsMacro,
	includeAfterLast,
	removeBlock,
	removeFunction,
	removeLines,
	renameIdentifier,
	unifdefEdit,
	type TextEdit,
} from './edits';
import type { Change, ChangeContext, ChangePlan, Presence } from './model';
import { kernelHas } from './standin';
import { declares, definesConstant, includes, stripComments, type Tree } from './tree';

const WG = 'sys/dev/wg';
const CRYPTO_H = `${WG}/crypto.h`;
const COMPAT_H = `${WG}/compat.h`;
const SUPPORT_H = `${WG}/support.h`;
const WG_MODULE_MAKEFILE = 'sys/modules/if_wg/Makefile';

const present = (evidence: string): Presence => ({ present: true, evidence });
const absent = (evidence: string): Presence => ({ present: false, evidence });

/** The driver's own sources in the tree (C files and headers under sys/dev/wg). */
function driverFiles(tree: Tree): string[] {
	return tree.list(WG).filter((f) => /\.[ch]$/.test(f));
}

/** Overlay files go in whole; each new C file is also built: sys/conf/files and, in the driver, the module. */
function addFiles(ctx: ChangeContext, confOptions: string): ChangePlan {
	const edits: TextEdit[] = [];
	for (const f of ctx.files) {
		if (!f.path.endsWith('.c') || ctx.tree.exists(f.path)) continue;
		edits.push(confFilesEntry(f.path.replace(/^sys\//, ''), confOptions));
		if (f.path.startsWith(`${WG}/`)) edits.push(makeListEntry(WG_MODULE_MAKEFILE, 'SRCS', f.path.slice(WG.length + 1)));
	}
	return { writes: ctx.files.map((f) => [f.path, f.text] as const), edits, deletes: [] };
}

/** Functions a header declares (for names a generator chose), in order. */
export function declaredFunctions(header: string): string[] {
	const names = new Set<string>();
	for (const m of stripComments(header).matchAll(/^([a-z_][a-z0-9_]*)\s*\(/gim)) names.add(m[1]);
	for (const m of stripComments(header).matchAll(/^[^#\n][^\n;{]*?\b([a-z_][a-z0-9_]*)\s*\([^;{]*\)\s*;/gim)) names.add(m[1]);
	return [...names].filter((n) => !['if', 'while', 'for', 'return', 'sizeof'].includes(n));
}

/** A sys/crypto primitive: overlay files under sys/crypto/<stem>*, present when the base header declares its API. */
function cryptoChange(spec: {
	id: string;
	subject: string;
	body: string[];
	stems: RegExp;
	header: string;
	/** the API the base must declare to count as having it; undefined: whatever the overlay header declares */
	api?: readonly string[];
}): Change {
	const headerOf = (ctx: ChangeContext) =>
		ctx.files.find((f) => f.path === spec.header) ?? ctx.files.find((f) => f.path.endsWith('.h'));
	return {
		id: spec.id,
		subject: spec.subject,
		body: spec.body,
		mfcAfter: '2 weeks',
		needsOverlay: true,
		claims: (p) => p.startsWith('sys/crypto/') && spec.stems.test(p.slice('sys/crypto/'.length)),
		present(ctx) {
			const header = headerOf(ctx);
			const path = header?.path ?? spec.header;
			const api = spec.api ?? (header ? declaredFunctions(header.text) : []);
			if (api.length === 0) return absent(`no ${spec.header} in the overlay yet to take the API from`);
			return declares(ctx.tree, path, api)
				? present(`${path} declares ${api.join(', ')}`)
				: absent(`${path} ${ctx.tree.exists(path) ? 'lacks some of' : 'is missing;'} ${api.join(', ')}`);
		},
		plan: (ctx) => addFiles(ctx, 'standard'),
	};
}

/** The driver's private BLAKE2s names and the sys/crypto ones that replace them (longest first). */
const BLAKE2S_RENAMES: ReadonlyArray<readonly [string, string]> = [
	['blake2s_init_key', 'blake2s_hash_init_key'],
	['blake2s_update', 'blake2s_hash_update'],
	['blake2s_final', 'blake2s_hash_final'],
	['blake2s_init', 'blake2s_hash_init'],
	['blake2s_state', 'blake2s_hash_state'],
];

const CHACHA_API = ['chacha20_poly1305_encrypt', 'chacha20_poly1305_decrypt', 'xchacha20_poly1305_encrypt', 'xchacha20_poly1305_decrypt'];
const CURVE_API = ['curve25519', 'curve25519_generate_public'];

/** The BLAKE2s header the overlay emits (its name is the ts2c engineer's choice; sys/crypto/blake2 is libb2). */
function blake2sHeader(ctx: ChangeContext): string | undefined {
	return [...ctx.overlay.keys()].filter((p) => /^sys\/crypto\/blake2s[^/]*\.h$/.test(p)).sort()[0];
}

/** Drops the driver's private copy behind COMPAT_NEED_<macro>: unifdef over sys/dev/wg and the define in compat.h. */
function retireCompatMacros(tree: Tree, macros: readonly string[]): TextEdit[] {
	const edits: TextEdit[] = [];
	for (const macro of macros) {
		for (const f of driverFiles(tree)) {
			if (f !== COMPAT_H && mentionsMacro(tree.read(f) ?? '', macro)) edits.push(unifdefEdit(f, macro));
		}
		// the switch is defined in compat.h (as imported) or in support.h (where wgup's shim catalogue puts it)
		for (const h of [COMPAT_H, SUPPORT_H]) {
			if (new RegExp(`^#\\s*define\\s+${macro}\\b`, 'm').test(tree.read(h) ?? '')) edits.push(dropCompatDefine(h, macro));
		}
	}
	return edits;
}

function usesPrivateCopy(tree: Tree, macro: string): string | undefined {
	return driverFiles(tree).find((f) => f !== COMPAT_H && mentionsMacro(tree.read(f) ?? '', macro));
}

/** The support.h items the series lands, and how each is written there: an #ifndef fallback or an inline function. */
const SUPPORT_ITEMS: Readonly<Record<string, 'ifndef' | 'function'>> = {
	PRIV_NET_WG: 'ifndef',
	IFT_WIREGUARD: 'ifndef',
	ck_pr_store_bool: 'ifndef',
	ck_pr_load_bool: 'ifndef',
	atomic_load_bool: 'ifndef',
	sogetsockaddr: 'function',
};

/** The names of the items a support.h holds (`#ifndef NAME` shims and inline functions). */
export function supportItems(text: string): string[] {
	const code = stripComments(text);
	const names: string[] = [];
	for (const m of code.matchAll(/^#ifndef\s+(\w+)/gm)) if (!/^_/.test(m[1])) names.push(m[1]);
	for (const m of code.matchAll(/^(\w+)\s*\([^)]*\)\s*\n\{/gm)) names.push(m[1]);
	return names;
}

function dropSupportItem(tree: Tree, name: string): TextEdit[] {
	const text = tree.read(SUPPORT_H);
	if (!text || !supportItems(text).includes(name)) return [];
	return SUPPORT_ITEMS[name] === 'function'
		? [removeFunction(SUPPORT_H, name, `drop ${name}()`)]
		: [removeBlock(SUPPORT_H, new RegExp(`^#ifndef\\s+${name}\\b`), /^#endif/, `drop the ${name} fallback`)];
}

/** A next free constant after an anchor line `NAME<ws>VALUE`, keeping the anchor's layout. */
function nextValueAfter(file: string, anchor: RegExp, build: (value: number, anchorLine: string) => string, describe: string): TextEdit {
	return {
		file,
		describe: `${file}: ${describe}`,
		apply(text) {
			const ls = text.split('\n');
			const at = ls.findIndex((l) => anchor.test(l));
			if (at < 0) return { ok: false, anchor: `a line matching ${anchor} in ${file}` };
			const m = ls[at].match(/(0x[0-9a-f]+|\d+)\s*,?\s*(\/\*.*)?$/i);
			if (!m) return { ok: false, anchor: `a value on the line matching ${anchor} in ${file}` };
			const line = build(Number(m[1]) + 1, ls[at]);
			ls.splice(at + 1, 0, line);
			return { ok: true, text: ls.join('\n') };
		},
	};
}

/** sogetsockaddr() for uipc_socket.c, spelled for the base's protosw (kernel-api pr_sockaddr: pr_usrreqs merged into protosw). */
export function sogetsockaddrDefinition(version: number): string {
	const method = kernelHas('pr_sockaddr', version) ? 'so->so_proto->pr_sockaddr' : 'so->so_proto->pr_usrreqs->pru_sockaddr';
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

export const SERIES: readonly Change[] = [
	cryptoChange({
		id: 'crypto-chacha20-poly1305',
		subject: 'crypto: add ChaCha20-Poly1305 and XChaCha20-Poly1305',
		body: [
			'Add the ChaCha20-Poly1305 AEAD (RFC 8439) with 8- and 12-byte nonces and XChaCha20-Poly1305 (24-byte nonce) as ordinary kernel functions, so that consumers needing a one-shot AEAD on a contiguous buffer (the WireGuard handshake, cookie replies) stop carrying private copies.',
			'The code is generated from a reference implementation and checked against the RFC 8439 and Wycheproof vectors and a differential run against libsodium; the tag is compared with timingsafe_bcmp() and nothing is decrypted when it does not match.',
		],
		stems: /^(x?chacha20_poly1305|chacha20|poly1305|hchacha20)[._]/,
		header: 'sys/crypto/chacha20_poly1305.h',
		api: CHACHA_API,
	}),
	cryptoChange({
		id: 'crypto-curve25519',
		subject: 'crypto: add Curve25519',
		body: [
			'Add X25519 (RFC 7748) scalar multiplication as curve25519(), curve25519_generate_public(), curve25519_generate_secret() and curve25519_clamp_secret(), for the WireGuard handshake.',
			'The field arithmetic is constant time (checked under valgrind with the secret marked undefined) and uses 64-bit limbs where the compiler has a 128-bit product, 32-bit limbs elsewhere.',
		],
		stems: /^curve25519[._]/,
		header: 'sys/crypto/curve25519.h',
		api: CURVE_API,
	}),
	cryptoChange({
		id: 'crypto-blake2s',
		subject: 'crypto: add BLAKE2s',
		body: [
			'Add BLAKE2s (RFC 7693), keyed and unkeyed, with the HMAC-BLAKE2s and HKDF-style KDF WireGuard derives its keys with.',
			'sys/crypto/blake2 is libb2 under other names and is built for OCF only; these functions have their own names so the two do not collide. Once they are in, if_wg(4) no longer needs its private BLAKE2s, the last primitive it still copies.',
		],
		stems: /^(blake2s|hmac_blake2s|blake2s_kdf)[^/]*$/,
		header: 'sys/crypto/blake2s.h',
	}),
	{
		id: 'wg-use-sys-crypto',
		subject: 'wg: use ChaCha20-Poly1305 and Curve25519 from sys/crypto',
		after: ['crypto-chacha20-poly1305', 'crypto-curve25519'],
		body: [
			'The driver came in with private copies of ChaCha20-Poly1305, XChaCha20-Poly1305 and Curve25519, selected by COMPAT_NEED_CHACHA20POLY1305 and COMPAT_NEED_CURVE25519. The kernel now has both in sys/crypto with the same semantics; drop the copies and the switches (unifdef) and call the kernel versions through the inline wrappers in crypto.h.',
		],
		mfcAfter: '2 weeks',
		present(ctx) {
			const left = ['COMPAT_NEED_CHACHA20POLY1305', 'COMPAT_NEED_CURVE25519']
				.map((m) => [m, usesPrivateCopy(ctx.tree, m)] as const)
				.filter(([, f]) => f);
			if (!ctx.tree.exists(CRYPTO_H)) return absent(`${CRYPTO_H} is missing`);
			if (left.length) return absent(left.map(([m, f]) => `${f} still has ${m} branches`).join('; '));
			const inc = ['crypto/chacha20_poly1305.h', 'crypto/curve25519.h'].filter((h) => !includes(ctx.tree, CRYPTO_H, h));
			return inc.length ? absent(`${CRYPTO_H} does not include ${inc.join(', ')}`) : present(`${CRYPTO_H} includes <crypto/chacha20_poly1305.h> and <crypto/curve25519.h>`);
		},
		plan: (ctx) => ({
			writes: [],
			edits: retireCompatMacros(ctx.tree, ['COMPAT_NEED_CHACHA20POLY1305', 'COMPAT_NEED_CURVE25519']),
			deletes: [],
		}),
	},
	{
		id: 'wg-use-sys-blake2s',
		subject: 'wg: use BLAKE2s from sys/crypto',
		after: ['crypto-blake2s'],
		body: [
			'Drop the driver\'s private BLAKE2s (COMPAT_NEED_BLAKE2S) now that sys/crypto has it, include the kernel header from crypto.h and call the kernel\'s names, which differ from the driver\'s so as not to collide with the libb2 names of sys/crypto/blake2. After this the driver carries no cryptographic primitive of its own.',
		],
		mfcAfter: '2 weeks',
		present(ctx) {
			const left = usesPrivateCopy(ctx.tree, 'COMPAT_NEED_BLAKE2S');
			if (left) return absent(`${left} still has COMPAT_NEED_BLAKE2S branches`);
			const header = blake2sHeader(ctx);
			if (!header) return absent('no sys/crypto/blake2s*.h in the overlay yet');
			const inc = header.replace(/^sys\//, '');
			return includes(ctx.tree, CRYPTO_H, inc) ? present(`${CRYPTO_H} includes <${inc}>`) : absent(`${CRYPTO_H} does not include <${inc}>`);
		},
		plan(ctx) {
			const header = blake2sHeader(ctx);
			const edits = retireCompatMacros(ctx.tree, ['COMPAT_NEED_BLAKE2S']);
			if (header) {
				edits.push(
					insertAt(CRYPTO_H, '#include <crypto/curve25519.h>', `#include <${header.replace(/^sys\//, '')}>`, `include <${header.replace(/^sys\//, '')}>`),
				);
				// the driver's names -> the kernel's (chosen not to collide with sys/crypto/blake2's libb2 names)
				const kernel = ctx.overlay.get(header)!.text;
				for (const f of driverFiles(ctx.tree).filter((p) => p !== CRYPTO_H && p !== COMPAT_H)) {
					const code = stripComments(ctx.tree.read(f) ?? '');
					for (const [mine, theirs] of BLAKE2S_RENAMES) {
						if (new RegExp(`\\b${mine}\\b`).test(code) && new RegExp(`\\b${theirs.replace(/^struct /, '')}\\b`).test(kernel)) {
							edits.push(renameIdentifier(f, mine, theirs));
						}
					}
				}
			}
			return { writes: [], edits, deletes: [] };
		},
	},
	{
		id: 'wg-ocf-mbuf',
		subject: 'wg: submit data-path crypto to OCF with CRYPTO_BUF_MBUF',
		body: [
			'Encrypt and decrypt packets by handing the whole mbuf chain to OCF (crypto_use_mbuf(), CRYPTO_BUF_MBUF) instead of walking it with the driver\'s own ChaCha20-Poly1305. This picks up whatever OCF driver is best for the session, including ossl(4)\'s assembly, and removes the last private AEAD code from the data path.',
			'A synchronous software driver reports a bad tag in crp_etype, not in the return value of crypto_dispatch(); the glue checks crp_etype and only accepts a synchronous session, so a forged packet is never passed up. The glue is generated from a model of the OCF request and tested over split mbuf chains, which upstream\'s cryptocheck does not cover.',
		],
		mfcAfter: '1 month',
		needsOverlay: true,
		requires: { kernelInterface: 'ocf_chacha20_poly1305_mbuf', why: 'OCF ChaCha20-Poly1305 with an 8-byte nonce over mbufs' },
		claims: (p) => p === `${WG}/wg_crypto.c` || /^sys\/dev\/wg\/[^/]*ocf[^/]*\.[ch]$/.test(p),
		present(ctx) {
			const glue = driverFiles(ctx.tree).find((f) => {
				const t = stripComments(ctx.tree.read(f) ?? '');
				return f.endsWith('.c') && /\bcrypto_use_mbuf\s*\(/.test(t) && /\bcrp_etype\b/.test(t);
			});
			return glue ? present(`${glue} submits mbufs with crypto_use_mbuf() and checks crp_etype`) : absent('no driver file submits mbufs to OCF and checks crp_etype');
		},
		plan(ctx) {
			const p = addFiles(ctx, 'optional wg');
			const edits = [...p.edits, ...retireCompatMacros(ctx.tree, ['COMPAT_NEED_CHACHA20POLY1305_MBUF'])];
			// glue in a file of its own: the driver's own versions of the functions it provides go, and
			// crypto.h includes the glue's header instead of declaring them
			for (const header of ctx.files.filter((f) => f.path.endsWith('.h') && !ctx.tree.exists(f.path))) {
				const provided = declaredFunctions(header.text);
				for (const f of driverFiles(ctx.tree)) {
					if (ctx.files.some((o) => o.path === f)) continue;
					const text = ctx.tree.read(f) ?? '';
					for (const fn of provided) {
						if (new RegExp(`^${fn}\\s*\\(`, 'm').test(text)) edits.push(removeFunction(f, fn, `drop the driver's own ${fn}()`));
					}
				}
				if (ctx.tree.exists(CRYPTO_H)) edits.push(includeAfterLast(CRYPTO_H, header.path.slice(WG.length + 1)));
			}
			return { ...p, edits };
		},
	},
	{
		id: 'wg-generated',
		subject: 'wg: update the generated driver files',
		body: [
			'Bring in the driver files wgup generates from its models (protocol constants, self-test vectors) that no earlier change of this series carries.',
		],
		mfcAfter: '2 weeks',
		needsOverlay: true,
		// claims every overlay file no other change claims: the series assigns it last (see assignOverlay)
		present(ctx) {
			const differ = ctx.files.filter((f) => ctx.tree.read(f.path) !== f.text).map((f) => f.path);
			return differ.length ? absent(`${differ.join(', ')} missing or different`) : present('every generated file is there as generated');
		},
		plan: (ctx) => addFiles(ctx, 'optional wg'),
	},
	{
		id: 'socket-sogetsockaddr',
		subject: 'socket: add sogetsockaddr()',
		body: [
			'Add a helper that returns the local address of a socket, entering the socket\'s vnet around the protocol\'s sockaddr method. Kernel consumers that own a socket (if_wg(4) reports the UDP port it listens on) currently open-code the protocol switch call, which changed shape when pr_usrreqs was merged into protosw; with a helper they do not have to follow such changes.',
			'if_wg(4) drops its private copy from support.h.',
		],
		mfcAfter: '1 month',
		present: (ctx) =>
			declares(ctx.tree, 'sys/sys/socketvar.h', ['sogetsockaddr'])
				? present('sys/sys/socketvar.h declares sogetsockaddr()')
				: absent('sys/sys/socketvar.h does not declare sogetsockaddr()'),
		plan: (ctx) => ({
			writes: [],
			edits: [
				insertAt('sys/sys/socketvar.h', /^int\s+sogetopt\s*\(/, 'int\tsogetsockaddr(struct socket *so, struct sockaddr **nam);', 'declare sogetsockaddr() after sogetopt()', { presentIf: /\bsogetsockaddr\s*\(/ }),
				insertAt('sys/kern/uipc_socket.c', /^sogetopt\s*\(/, sogetsockaddrDefinition(ctx.version), 'add sogetsockaddr() after sogetopt()', { afterBlockEnd: /^}/, presentIf: /^sogetsockaddr\s*\(/m }),
				...dropSupportItem(ctx.tree, 'sogetsockaddr'),
			],
			deletes: [],
		}),
	},
	{
		id: 'priv-net-wg',
		subject: 'priv: add PRIV_NET_WG',
		body: [
			'Give WireGuard interface configuration its own privilege instead of borrowing PRIV_NET_HWIOCTL, so that jail and MAC policies can grant or deny it by name; allow it in vnet jails like the other tunnel privileges.',
			'if_wg(4) drops its PRIV_NET_HWIOCTL fallback from support.h.',
		],
		mfcAfter: '1 month',
		present: (ctx) =>
			definesConstant(ctx.tree, 'sys/sys/priv.h', 'PRIV_NET_WG') ? present('sys/sys/priv.h defines PRIV_NET_WG') : absent('sys/sys/priv.h does not define PRIV_NET_WG'),
		plan: (ctx) => ({
			writes: [],
			edits: [
				nextValueAfter('sys/sys/priv.h', /^#define\s+PRIV_NET_ME\b/, (v) => `#define\tPRIV_NET_WG\t\t${v}\t/* Administer WireGuard interface. */`, 'define PRIV_NET_WG after PRIV_NET_ME'),
				insertAt('sys/kern/kern_jail.c', /^\tcase PRIV_NET_ME:/, '\tcase PRIV_NET_WG:', 'allow PRIV_NET_WG in vnet jails'),
				...dropSupportItem(ctx.tree, 'PRIV_NET_WG'),
			],
			deletes: [],
		}),
	},
	{
		id: 'net-ift-wireguard',
		subject: 'net: add IFT_WIREGUARD',
		body: [
			'Give WireGuard interfaces their own interface type instead of reporting IFT_PPP, so that tools reading if_type (ifconfig, SNMP agents, route(8) consumers) can tell a WireGuard tunnel from a PPP link.',
			'if_wg(4) drops its IFT_PPP fallback from support.h.',
		],
		mfcAfter: '1 month',
		present: (ctx) =>
			definesConstant(ctx.tree, 'sys/net/if_types.h', 'IFT_WIREGUARD') ? present('sys/net/if_types.h defines IFT_WIREGUARD') : absent('sys/net/if_types.h does not define IFT_WIREGUARD'),
		plan: (ctx) => ({
			writes: [],
			edits: [
				nextValueAfter('sys/net/if_types.h', /^\s*IFT_PFSYNC\s*=/, (v) => `\tIFT_WIREGUARD\t= 0x${v.toString(16)},\t\t/* WireGuard tunnel */`, 'add IFT_WIREGUARD after IFT_PFSYNC'),
				...dropSupportItem(ctx.tree, 'IFT_WIREGUARD'),
			],
			deletes: [],
		}),
	},
	{
		id: 'ck-pr-bool',
		subject: 'ck: add ck_pr_load_bool() and ck_pr_store_bool()',
		body: [
			'Add boolean variants of ck_pr_load and ck_pr_store on top of the 8-bit ones, for flags shared between threads without a lock. if_wg(4) uses them for its per-peer and per-keypair state and carried them in support.h; they are also being offered to ConcurrencyKit upstream.',
		],
		mfcAfter: '1 month',
		present: (ctx) =>
			declares(ctx.tree, 'sys/contrib/ck/include/ck_pr.h', ['ck_pr_load_bool', 'ck_pr_store_bool'])
				? present('ck_pr.h defines ck_pr_load_bool and ck_pr_store_bool')
				: absent('sys/contrib/ck/include/ck_pr.h lacks ck_pr_load_bool/ck_pr_store_bool'),
		plan: (ctx) => ({
			writes: [],
			edits: [
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
				...dropSupportItem(ctx.tree, 'ck_pr_store_bool'),
				...dropSupportItem(ctx.tree, 'ck_pr_load_bool'),
			],
			deletes: [],
		}),
	},
	{
		id: 'atomic-bool',
		subject: 'atomic: add atomic_load_bool() and atomic_store_bool()',
		body: [
			'Add plain (relaxed) loads and stores of bool to the machine-independent atomic(9) operations, next to the char and short ones, for flags shared between threads without a lock. if_wg(4) keeps its per-peer and per-keypair state flags this way and has to carry a fallback until the kernel provides them.',
		],
		mfcAfter: '1 month',
		present: (ctx) =>
			declares(ctx.tree, 'sys/sys/atomic_common.h', ['atomic_load_bool', 'atomic_store_bool'])
				? present('sys/sys/atomic_common.h defines atomic_load_bool and atomic_store_bool')
				: absent('sys/sys/atomic_common.h lacks atomic_load_bool/atomic_store_bool'),
		plan: (ctx) => ({
			writes: [],
			edits: [
				insertAt('sys/sys/atomic_common.h', /^#define\s+atomic_load_char\(/, '#define\tatomic_load_bool(p)\t(*(volatile _Bool *)(p))', 'add atomic_load_bool() before atomic_load_char()', { before: true, presentIf: /#define\s+atomic_load_bool\(/ }),
				insertAt('sys/sys/atomic_common.h', /^#define\s+atomic_store_char\(/, '#define\tatomic_store_bool(p, v)\t\\\n    (*(volatile _Bool *)(p) = (_Bool)(v))', 'add atomic_store_bool() before atomic_store_char()', { before: true, presentIf: /#define\s+atomic_store_bool\(/ }),
				...dropSupportItem(ctx.tree, 'atomic_load_bool'),
			],
			deletes: [],
		}),
	},
	retireHeader({
		id: 'wg-remove-compat-h',
		subject: 'wg: remove compat.h',
		after: ['wg-use-sys-crypto', 'wg-use-sys-blake2s', 'wg-ocf-mbuf'],
		header: COMPAT_H,
		body: [
			'With the crypto in sys/crypto and the data path on OCF, compat.h no longer selects anything: every COMPAT_NEED_* switch is gone. Remove it and the -include that forced it into every driver file. Backports to older releases keep their compat.h in the out-of-tree port.',
		],
		leftover: (text) => [...stripComments(text).matchAll(/^#\s*define\s+(\w+)/gm)].map((m) => m[1]).filter((n) => !/^_/.test(n)),
	}),
	retireHeader({
		id: 'wg-remove-support-h',
		subject: 'wg: remove support.h',
		after: ['socket-sogetsockaddr', 'priv-net-wg', 'net-ift-wireguard', 'ck-pr-bool', 'atomic-bool'],
		header: SUPPORT_H,
		body: [
			'Every item support.h carried now lives where it belongs: sogetsockaddr() in the socket layer, PRIV_NET_WG in sys/sys/priv.h, IFT_WIREGUARD in sys/net/if_types.h, the boolean ck_pr operations in ck_pr.h and the boolean atomic(9) ones in atomic_common.h. Remove the empty header and its includes.',
		],
		leftover: supportItems,
	}),
];

/**
 * A header that the series empties and then removes, with every #include of it and every -include of it
 * in the build glue. Presence: the header is gone. An item still in it blocks the change by name.
 */
function retireHeader(spec: { id: string; subject: string; after: string[]; header: string; body: string[]; leftover: (text: string) => string[] }): Change {
	const base = spec.header.split('/').pop()!;
	return {
		id: spec.id,
		subject: spec.subject,
		after: spec.after,
		body: spec.body,
		mfcAfter: undefined,
		present: (ctx) => (ctx.tree.exists(spec.header) ? absent(`${spec.header} is still there`) : present(`${spec.header} is gone`)),
		plan(ctx) {
			const left = spec.leftover(ctx.tree.read(spec.header) ?? '');
			if (left.length) {
				return {
					writes: [],
					edits: [{ file: spec.header, describe: `${spec.header}: empty`, apply: () => ({ ok: false, anchor: `an empty ${spec.header} (it still holds ${left.join(', ')})` }) }],
					deletes: [],
				};
			}
			const edits: TextEdit[] = [];
			for (const f of driverFiles(ctx.tree)) {
				if (f !== spec.header && includes(ctx.tree, f, base)) edits.push(removeLines(f, new RegExp(`^#\\s*include\\s*["<](.*/)?${base.replace('.', '\\.')}[">]`), `stop including ${base}`));
			}
			for (const f of [WG_MODULE_MAKEFILE, 'sys/conf/files']) {
				const text = ctx.tree.read(f);
				if (text?.includes(`-include`) && text.includes(`dev/wg/${base}`)) {
					edits.push({
						file: f,
						describe: `${f}: stop forcing ${base} into the build`,
						apply: (t) => ({ ok: true, text: dropForcedInclude(t, base) }),
					});
				}
			}
			return { writes: [], edits, deletes: [spec.header] };
		},
	};
}

/** Removes `-include .../dev/wg/<header>` from compile flags, and flag lines left empty by that. */
export function dropForcedInclude(text: string, header: string): string {
	const re = new RegExp(`\\s*-include\\s+\\S*dev/wg/${header.replace('.', '\\.')}`, 'g');
	const ls = text.split('\n');
	const out: string[] = [];
	for (let i = 0; i < ls.length; i++) {
		const before = ls[i];
		const after = before.replace(re, '');
		if (after === before) {
			out.push(before);
			continue;
		}
		// `CFLAGS+=` with nothing left, or a compile-with that is now the default rule: drop the line
		if (/^\s*CFLAGS\s*\+=\s*$/.test(after)) continue;
		if (/^\s*compile-with\s+"\$\{NORMAL_C\}"\s*$/.test(after)) {
			if (out.length && /\\\s*$/.test(out[out.length - 1])) out[out.length - 1] = out[out.length - 1].replace(/\s*\\\s*$/, '');
			continue;
		}
		out.push(after);
	}
	// no blank line left dangling at the end of the file
	return out.join('\n').replace(/\n\n+$/, '\n');
}

export const FALLBACK_CHANGE = 'wg-generated';
export const SUPPORT_ITEM_NAMES = Object.keys(SUPPORT_ITEMS);
