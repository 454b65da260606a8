import {
	CATALOGUE, parseCatalogue, catalogueAt, shimById, isActive, shimGuard, shimC, applyLanding, serializeCatalogue,
	activeShimIds, LandingError, renderDriverProbe, availabilityOf,
} from '@wgup/shims';
import { interfaceById } from '@wgup/kernel-api';
import { lacks } from '@wgup/releases';
import * as fs from 'node:fs';
import * as path from 'node:path';

describe('catalogue', () => {
	test('every historical shim of the port is there, with the port\'s macro names', () => {
		const ids = CATALOGUE.shims.map((s) => s.id);
		expect(ids).toEqual(expect.arrayContaining([
			'chacha20poly1305_mbuf', 'chacha20poly1305', 'curve25519', 'blake2s', 'sbcreatecontrol', 'taskqgroup_drain_all',
			'vimage', 'taskqgroup_attach', 'net_epoch', 'atomic_load_ptr', 'm_snd_tag_rele', 'arc4random_uniform',
			'callout_func_t', 'csum_snd_tag', 'priv_net_wg', 'ift_wireguard', 'ck_pr_bool', 'sogetsockaddr', 'atomic_bool', 'sosockaddr',
		]));
		for (const m of ['COMPAT_NEED_CHACHA20POLY1305_MBUF', 'COMPAT_NEED_CHACHA20POLY1305', 'COMPAT_NEED_CURVE25519', 'COMPAT_NEED_BLAKE2S']) {
			expect(CATALOGUE.shims.some((s) => s.c === `#define\t${m}`)).toBe(true);
		}
		expect(CATALOGUE.shims.filter((s) => s.state === 'retired').map((s) => s.id)).toEqual(['m_snd_tag_rele', 'ck_pr_bool', 'sogetsockaddr']);
	});

	test('the committed file is in its canonical form (what land writes)', () => {
		const text = fs.readFileSync(path.join(__dirname, '..', 'src', 'catalogue.json'), 'utf8');
		expect(serializeCatalogue(CATALOGUE)).toBe(text);
	});

	test('compat landings agree with the kernel-api model, verified flags included', () => {
		for (const s of CATALOGUE.shims.filter((x) => x.state !== 'support' && x.landed)) {
			const k = interfaceById(s.standsFor)!;
			expect({ id: s.id, a: availabilityOf(s.landed), verified: s.landed!.verified })
				.toEqual({ id: s.id, a: { merged: {}, ...k.availability }, verified: k.verified });
		}
	});

	test('validation names the bad record', () => {
		const bad = JSON.parse(serializeCatalogue(CATALOGUE));
		bad.shims[1].kind = 'gadget';
		expect(() => parseCatalogue(bad)).toThrow(/shims\[1\] \(chacha20poly1305\): kind must be one of/);
		const bad2 = JSON.parse(serializeCatalogue(CATALOGUE));
		bad2.shims[0].standsFor = 'nope';
		expect(() => parseCatalogue(bad2)).toThrow(/standsFor nope is not a @wgup\/kernel-api interface/);
		expect(() => parseCatalogue({ schema: 'x' })).toThrow(/schema must be/);
	});

	test('guards are derived: the mbuf guard carries the stable/13 merge; sys/crypto ones now carry 1301506', () => {
		expect(shimGuard(shimById(CATALOGUE, 'chacha20poly1305_mbuf')!)).toBe(
			'__FreeBSD_version < 1300519 || (__FreeBSD_version >= 1400000 && __FreeBSD_version < 1400036)');
		expect(shimGuard(shimById(CATALOGUE, 'chacha20poly1305')!)).toBe(
			'__FreeBSD_version < 1301506 || (__FreeBSD_version >= 1400000 && __FreeBSD_version < 1400048)');
		expect(shimGuard(shimById(CATALOGUE, 'taskqgroup_drain_all')!)).toBe('__FreeBSD_version < 1300507');
		expect(shimC(shimById(CATALOGUE, 'sosockaddr')!)).toContain('#if __FreeBSD_version < 1400066\n');
		// the fallback fills caller storage, as main's sosockaddr(struct socket *, struct sockaddr *) does
		expect(shimC(shimById(CATALOGUE, 'sosockaddr')!)).toMatch(/^sosockaddr\(struct socket \*so, struct sockaddr \*sa\)$/m);
	});

	test('on 2022-06-15 the port had no stable/13 merge of sys/crypto yet, and PRIV_NET_WG was still support', () => {
		const then = catalogueAt(CATALOGUE, '2022-06-15');
		expect(shimGuard(shimById(then, 'chacha20poly1305')!)).toBe('__FreeBSD_version < 1400048');
		expect(shimById(then, 'priv_net_wg')!.state).toBe('support');
		expect(shimById(then, 'ck_pr_bool')!.state).toBe('support');
		expect(shimById(then, 'm_snd_tag_rele')).toBeUndefined();
		expect(shimById(then, 'atomic_bool')).toBeUndefined();
		expect(() => catalogueAt(CATALOGUE, '15 June')).toThrow(/not YYYY-MM-DD/);
	});

	test('isActive follows lacks() for compat shims', () => {
		const s = shimById(CATALOGUE, 'sbcreatecontrol')!;
		for (const v of [1302001, 1400058, 1400059, 1500068]) expect(isActive(s, v)).toBe(lacks(availabilityOf(s.landed), v));
		expect(activeShimIds(CATALOGUE, 1600018)).toEqual(['blake2s']);
	});
});

describe('applyLanding', () => {
	test('moves a support shim to compat with a derived guard', () => {
		const next = applyLanding(CATALOGUE, { shim: 'blake2s', main: 1600030, mfc: { 'stable/15': 1500512 }, commit: 'abc123' });
		const b = shimById(next, 'blake2s')!;
		expect(b.state).toBe('compat');
		expect(shimGuard(b)).toBe('__FreeBSD_version < 1500512 || (__FreeBSD_version >= 1600000 && __FreeBSD_version < 1600030)');
		expect(b.supportReason).toBeUndefined();
		expect(shimById(CATALOGUE, 'blake2s')!.state).toBe('support'); // the input is not changed
	});

	test.each([
		[{ shim: 'nope', main: 1600030 }, /unknown shim nope; known: chacha20poly1305_mbuf/],
		[{ shim: 'ck_pr_bool', main: 1600030 }, /retired/],
		[{ shim: 'blake2s', main: 1600517 }, /--main 1600517: .*not a main \(CURRENT\) value/],
		[{ shim: 'blake2s', main: 1600030, mfc: { 'stable/13': 1401500 } }, /14\.x value/],
		[{ shim: 'blake2s', main: 1600030, mfc: { 'stable/13': 1302000 } }, /releng\/13\.2 value/],
		[{ shim: 'blake2s', main: 1400036, mfc: { 'stable/14': 1400500 } }, /stable\/14 left main at 1400097, after the change landed/],
		[{ shim: 'blake2s', main: 1400036, mfc: { 'stable/12': 1201500 } }, /older than the main landing 1400036/],
		[{ shim: 'blake2s', main: 1600030, mfc: { main: 1600031 } }, /not a stable branch/],
	])('refuses %j', (req, why) => {
		expect(() => applyLanding(CATALOGUE, req as never)).toThrow(LandingError);
		expect(() => applyLanding(CATALOGUE, req as never)).toThrow(why);
	});
});

test('the driver probe uses every live shim\'s interface', () => {
	const probe = renderDriverProbe(CATALOGUE);
	expect(probe).toContain('sbcreatecontrol(NULL, 0, 0, 0, M_NOWAIT)');
	expect(probe).toContain('taskqgroup_drain_all(tqg)');
	expect(probe).not.toContain('ck_pr_store_bool');
});
