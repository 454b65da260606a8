import {
	confFilesEntry,
	dropCompatDefine,
	insertAt,
	makeListEntry,
	removeBlock,
	removeFunction,
	unifdefUndefined,
	conditionalSymbols,
} from '../src/edits';
import { loadCParser } from '@wgup/c-source';
import { dropCompatSwitches, upstreamBanner } from '../src/overlay';
import { declaredFunctions, dropForcedInclude, sogetsockaddrDefinition, supportItems } from '../src/series';

const applied = (r: ReturnType<ReturnType<typeof confFilesEntry>['apply']>) => {
	if (!r.ok) throw new Error(`anchor missing: ${r.anchor}`);
	return r.text;
};

describe('confFilesEntry', () => {
	const files = ['crypto/camellia/camellia.c\t\toptional crypto', 'crypto/chacha20/chacha.c\tstandard', 'crypto/des/des_ecb.c\toptional netsmb', 'dev/wg/if_wg.c\toptional wg'].join('\n');

	test('lands in sorted place among its directory', () => {
		const out = applied(confFilesEntry('crypto/blake2s.c', 'standard').apply(files)).split('\n');
		expect(out.map((l) => l.split('\t')[0])).toEqual(['crypto/blake2s.c', 'crypto/camellia/camellia.c', 'crypto/chacha20/chacha.c', 'crypto/des/des_ecb.c', 'dev/wg/if_wg.c']);
		// '/' sorts before '_': chacha20/chacha.c stays before chacha20_poly1305.c
		const cp = applied(confFilesEntry('crypto/chacha20_poly1305.c', 'standard').apply(files)).split('\n');
		expect(cp.indexOf('crypto/chacha20_poly1305.c\t\tstandard')).toBe(2);
	});

	test('is idempotent and reports a file with no entry of the directory', () => {
		const once = applied(confFilesEntry('crypto/blake2s.c', 'standard').apply(files));
		expect(applied(confFilesEntry('crypto/blake2s.c', 'standard').apply(once))).toBe(once);
		expect(confFilesEntry('crypto/blake2s.c', 'standard').apply('dev/wg/if_wg.c optional wg')).toEqual({ ok: false, anchor: 'an entry under crypto/ in sys/conf/files' });
	});
});

describe('makeListEntry', () => {
	test('one-line list stays sorted', () => {
		const mk = 'KMOD= if_wg\nSRCS= if_wg.c wg_cookie.c wg_noise.c\nSRCS+= opt_inet.h\n';
		expect(applied(makeListEntry('M', 'SRCS', 'wg_crypto.c').apply(mk))).toBe('KMOD= if_wg\nSRCS= if_wg.c wg_cookie.c wg_crypto.c wg_noise.c\nSRCS+= opt_inet.h\n');
	});

	test('one entry per line, in the middle and at the end', () => {
		const mk = 'SUBDIR=\t\\\n\tif_tuntap \\\n\tif_vlan\n\n.include <bsd.subdir.mk>';
		expect(applied(makeListEntry('M', 'SUBDIR', 'if_tun').apply(mk))).toBe('SUBDIR=\t\\\n\tif_tun \\\n\tif_tuntap \\\n\tif_vlan\n\n.include <bsd.subdir.mk>');
		expect(applied(makeListEntry('M', 'SUBDIR', 'if_wg').apply(mk))).toBe('SUBDIR=\t\\\n\tif_tuntap \\\n\tif_vlan \\\n\tif_wg\n\n.include <bsd.subdir.mk>');
	});

	test('a Makefile without the variable is reported', () => {
		expect(makeListEntry('sys/modules/Makefile', 'SUBDIR', 'x').apply('KMOD= y')).toEqual({ ok: false, anchor: 'the SUBDIR= assignment in sys/modules/Makefile' });
	});
});

describe('insertAt', () => {
	test('after the end of the anchored block, or reports the anchor by name', () => {
		const c = 'int\nsogetopt(void)\n{\n\treturn (0);\n}\n\nint\nlast(void)\n{\n}';
		const e = insertAt('k.c', /^sogetopt\(/, '\nint\nnew(void)\n{\n}', 'add new()', { afterBlockEnd: /^}/ });
		expect(applied(e.apply(c))).toBe('int\nsogetopt(void)\n{\n\treturn (0);\n}\n\nint\nnew(void)\n{\n}\n\nint\nlast(void)\n{\n}');
		expect(e.apply('int\nother(void)\n{\n}')).toEqual({ ok: false, anchor: 'a line matching /^sogetopt\\(/ in k.c' });
	});
});

describe('removeFunction', () => {
	test('a definition goes through its closing brace, a prototype through its semicolon', () => {
		const h = ['#define A', '', 'static inline int', 'f(int x)', '{', '\tg(x);', '\treturn (x);', '}', '', 'int', 'h(struct mbuf *,', '    int);', '', '#endif'].join('\n');
		const noF = applied(removeFunction('s.h', 'f', 'drop f').apply(h));
		expect(noF).toBe(['#define A', '', 'int', 'h(struct mbuf *,', '    int);', '', '#endif'].join('\n'));
		expect(applied(removeFunction('s.h', 'h', 'drop h').apply(noF))).toBe(['#define A', '', '#endif'].join('\n'));
	});
});

describe('unifdef and compat.h', () => {
	test('drops #ifdef branches, keeps #else and #ifndef branches, passes other conditionals through', () => {
		const src = ['a', '#ifdef X', 'private', '#if defined(Y)', 'nested', '#endif', '#else', 'kernel', '#endif', '#ifndef X', 'always', '#endif', '#ifdef Z', 'other', '#endif', 'b'].join('\n');
		expect(unifdefUndefined(src, 'X')).toBe(['a', 'kernel', 'always', '#ifdef Z', 'other', '#endif', 'b'].join('\n'));
	});

	test('is unifdef(1): #elif chains are rewritten, blank lines around a removed block go', () => {
		const src = ['a', '', '#ifdef COMPAT_NEED_BLAKE2S /* private copy */', 'struct blake2s_state;', '#elif defined(Y)', 'y', '#else', 'z', '#endif /* COMPAT_NEED_BLAKE2S */', '', 'b', ''].join('\n');
		const out = unifdefUndefined(src, 'COMPAT_NEED_BLAKE2S');
		expect(out).not.toMatch(/blake2s_state|#ifdef COMPAT_NEED_BLAKE2S/);
		expect(out.split('\n').map((l) => l.replace(/\s+/g, ' '))).toEqual(['a', '', '#if defined(Y)', 'y', '#else', 'z', '#endif /* COMPAT_NEED_BLAKE2S */', '', 'b', '']);
		expect(conditionalSymbols(src)).toEqual(['COMPAT_NEED_BLAKE2S', 'Y']);
	});

	test('dropCompatDefine removes the guard around a lone define', () => {
		const h = '#if __FreeBSD_version < 1400048\n#define COMPAT_NEED_CHACHA20POLY1305\n#endif\n\n#define COMPAT_NEED_BLAKE2S\n';
		expect(applied(dropCompatDefine('c.h', 'COMPAT_NEED_CHACHA20POLY1305').apply(h))).toBe('#define COMPAT_NEED_BLAKE2S\n');
	});

	test('removeBlock takes a support.h item with the blank line after it', () => {
		const h = '#define _WG_SUPPORT\n\n#ifndef PRIV_NET_WG\n#define PRIV_NET_WG PRIV_NET_HWIOCTL\n#endif\n\n#endif';
		expect(applied(removeBlock('s.h', /^#ifndef PRIV_NET_WG/, /^#endif/, 'drop').apply(h))).toBe('#define _WG_SUPPORT\n\n#endif');
	});

	test('forced -include goes from the module Makefile', () => {
		expect(dropForcedInclude('.include <bsd.kmod.mk>\n\nCFLAGS+= -include ${SRCTOP}/sys/dev/wg/compat.h\n', 'compat.h')).toBe('.include <bsd.kmod.mk>\n');
	});
});

describe('overlay files as sent upstream', () => {
	test('the banner keeps its provenance and loses "Do not edit"', () => {
		const t = ' * Generated by wgup (tools/ts2c) from packages/crypto/src/blake2s.ts.\n * Regenerate with: npx wgup generate. Do not edit.\n';
		expect(upstreamBanner(t)).toBe(' * Generated by wgup (tools/ts2c) from packages/crypto/src/blake2s.ts.\n * Generated from the wgup models; see npx wgup generate.\n');
		expect(upstreamBanner('/* Generated by wgup from x.ts; regenerate with: npx wgup generate. Do not edit. */')).toBe('/* Generated by wgup from x.ts; see npx wgup generate. */');
	});

	test('port-only COMPAT_NEED_* switches are resolved away', () => {
		expect(dropCompatSwitches('a\n#ifdef COMPAT_NEED_CHACHA20POLY1305_MBUF\nwalk\n#else\nocf\n#endif\nb')).toBe('a\nocf\nb');
	});

	test('support items and declared functions are read from C', async () => {
		const c = await loadCParser();
		expect(supportItems(c, '#ifndef _WG_SUPPORT\n#define _WG_SUPPORT\n#ifndef PRIV_NET_WG\n#define PRIV_NET_WG PRIV_NET_HWIOCTL\n#endif\n/* #ifndef IN_A_COMMENT */\nstatic inline int\nsogetsockaddr(struct socket *so, struct sockaddr **nam)\n{\n\treturn (0);\n}\n#endif\n')).toEqual(['PRIV_NET_WG', 'sogetsockaddr']);
		expect(declaredFunctions(c, 'void\tblake2s_init(struct s *s, size_t n);\nstatic void\thelper(void);\nvoid\nblake2s_final(struct s *s,\n    uint8_t *out);\n')).toEqual(['blake2s_init', 'blake2s_final']);
	});

	test('sogetsockaddr follows the protosw of the base', () => {
		expect(sogetsockaddrDefinition(false)).toContain('pr_usrreqs->pru_sockaddr');
		expect(sogetsockaddrDefinition(true)).toContain('so->so_proto->pr_sockaddr)(so, nam)');
	});
});
