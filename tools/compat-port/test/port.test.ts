import { updatePort, renderDistinfo, readDistversion } from '../src/port';

const MAKEFILE = `PORTNAME=	wireguard-kmod
DISTVERSION=	0.0.20220615
PORTREVISION=	2
CATEGORIES=	net

MAINTAINER=	ports@example.org
COMMENT=	WireGuard implementation for the FreeBSD kernel

USES=		kmod

.include <bsd.port.pre.mk>

.if \${OSVERSION} < 1202000
IGNORE=		requires FreeBSD 12.2 or newer
.endif

.include <bsd.port.post.mk>
`;

const distfile = { name: 'wireguard-freebsd-compat-0.0.20261126.tar.gz', sha256: 'ab'.repeat(32), size: 12345, timestamp: 1795651200 };

test('a new version sets DISTVERSION, resets PORTREVISION and rewrites distinfo', () => {
	const u = updatePort({ makefile: MAKEFILE, distinfo: 'old\n' }, { version: '20261126', distfile });
	expect(readDistversion(u.makefile)).toBe('0.0.20261126');
	expect(u.makefile).not.toMatch(/PORTREVISION/);
	expect(u.makefile).toContain('DISTVERSION=\t0.0.20261126\n');
	expect(u.distinfo).toBe(`TIMESTAMP = 1795651200\nSHA256 (${distfile.name}) = ${'ab'.repeat(32)}\nSIZE (${distfile.name}) = 12345\n`);
	expect(u.notes.join('\n')).toMatch(/PORTREVISION removed/);
});

test('the same version keeps PORTREVISION and says so', () => {
	const u = updatePort({ makefile: MAKEFILE, distinfo: '' }, { version: '20220615', distfile });
	expect(u.makefile).toMatch(/PORTREVISION=\t2/);
	expect(u.notes.join('\n')).toMatch(/already 0\.0\.20220615/);
});

test('a changed support floor moves the OSVERSION guard and is reported; file changes are listed', () => {
	const u = updatePort({ makefile: MAKEFILE, distinfo: '' }, {
		version: '20261126', distfile, minOsVersion: 1300139,
		previousFiles: ['src/if_wg.c', 'src/crypto.c'], files: ['src/if_wg.c', 'src/blake2s.c'],
	});
	expect(u.makefile).toContain('.if ${OSVERSION} < 1300139\n');
	const notes = u.notes.join('\n');
	expect(notes).toMatch(/floor moves from 1202000 to 1300139/);
	expect(notes).toMatch(/new file in the distfile: src\/blake2s.c/);
	expect(notes).toMatch(/file gone from the distfile: src\/crypto.c/);
});

test('a Makefile that is not the port is refused', () => {
	expect(() => updatePort({ makefile: 'PORTNAME= foo\n', distinfo: '' }, { version: '20261126', distfile })).toThrow(/no DISTVERSION= line/);
	expect(renderDistinfo(distfile).split('\n')).toHaveLength(4);
});
