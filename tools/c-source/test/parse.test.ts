import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeWithTree } from '@wgup/freebsd-src';
import { asmGlobals, blankAttributes, globalDefinitions, loadCParser, typeText, type CSourceParser } from '../src';

let c: CSourceParser;
beforeAll(async () => {
	c = await loadCParser();
});

describe('declarations', () => {
	const src = [
		'#ifdef _KERNEL',
		'int\tsosockaddr(struct socket *so, struct sockaddr *sa);',
		'typedef int pr_sockaddr_t(struct socket *, struct sockaddr *);',
		'typedef int (*pr_old_t)(struct socket *, struct sockaddr **);',
		'#define\tPRIV_NET_WG\t424\t/* WireGuard */',
		'#define atomic_load_bool(p) (*(volatile bool *)(p))',
		'static __inline int foo(const uint8_t *a, size_t n) { return (0); }',
		'typedef enum { IFT_OTHER = 0x1, IFT_WIREGUARD = 0xf8 } ifType;',
		'struct ifnet *ifunit(const char *) __result_use_check;',
		'#else',
		'int user_only(void);',
		'#endif',
		'struct protosw { short pr_type; pr_sockaddr_t *pr_sockaddr; union { int a; long b; }; };',
		'int counter;',
		'extern int elsewhere;',
	].join('\n');

	it('reads prototypes with types in one canonical spelling', () => {
		const d = c.declarations(src, 'x.h');
		const so = d.functions.find((f) => f.name === 'sosockaddr')!;
		expect(typeText(so.type)).toBe('int (struct socket *, struct sockaddr *)');
		expect(so.type.params.map((p) => p.name)).toEqual(['so', 'sa']);
		expect(so.conditions).toEqual(['defined(_KERNEL)']);
		expect(d.functions.find((f) => f.name === 'user_only')!.conditions).toEqual(['!(defined(_KERNEL))']);
		expect(typeText(d.functions.find((f) => f.name === 'ifunit')!.type)).toBe('struct ifnet *(const char *)');
		const foo = d.functions.find((f) => f.name === 'foo')!;
		expect(foo).toMatchObject({ storage: 'static', inline: true, definition: true });
	});

	it('tells a function type from a pointer to one', () => {
		const d = c.declarations(src, 'x.h');
		expect(typeText(d.typedefs.find((t) => t.name === 'pr_sockaddr_t')!.type)).toBe('int (struct socket *, struct sockaddr *)');
		expect(typeText(d.typedefs.find((t) => t.name === 'pr_old_t')!.type)).toBe('int (*)(struct socket *, struct sockaddr **)');
	});

	it('tells a macro from an enum constant', () => {
		const d = c.declarations(src, 'x.h');
		expect(d.macros.find((m) => m.name === 'PRIV_NET_WG')).toMatchObject({ params: null, body: '424' });
		expect(d.macros.find((m) => m.name === 'atomic_load_bool')!.params).toEqual(['p']);
		expect(d.macros.some((m) => m.name === 'IFT_WIREGUARD')).toBe(false);
		expect(d.enumConstants.find((e) => e.name === 'IFT_WIREGUARD')).toMatchObject({ value: '0xf8', enumName: 'ifType' });
	});

	it('reads struct members, anonymous unions included, and global definitions', () => {
		const d = c.declarations(src, 'x.h');
		const ps = d.records.find((r) => r.tag === 'protosw')!;
		expect(ps.members.map((m) => `${m.name}: ${typeText(m.type)}`)).toEqual([
			'pr_type: short',
			'pr_sockaddr: pr_sockaddr_t *',
			'a: int',
			'b: long',
		]);
		expect(globalDefinitions(d)).toEqual(['counter']);
	});
});

describe('uses', () => {
	it('sorts identifiers into calls, types, tags, members and names', () => {
		const u = c.uses('static void f(struct wg_softc *sc, if_t ifp) { if_setflagbits(ifp, IFF_UP, 0); sc->sc_ifp = ifp; }');
		expect([...u.calls.keys()]).toEqual(['if_setflagbits']);
		expect(u.types.has('if_t')).toBe(true);
		expect(u.tags.has('wg_softc')).toBe(true);
		expect(u.members.has('sc_ifp')).toBe(true);
		expect(u.names.has('IFF_UP')).toBe(true);
	});

	it('tells the names a file declares (locals, parameters, macro parameters) from those it takes', () => {
		const u = c.uses([
			'#define\tWG_DBG(sc, ...) printf(__VA_ARGS__)',
			'static int g;',
			'static void f(struct wg_softc *sc, if_t ifp, int (*cb)(int n)) {',
			'\tint error = 0, *p, a[2];',
			'\tstruct sockaddr_in sin;',
			'\tfor (int i = 0; i < 2; i++) a[i] = M_NOWAIT;',
			'\terror = sosockaddr(so, (struct sockaddr *)&sin);',
			'\tp = &error; (void)p; (void)cb; g = IFT_WIREGUARD;',
			'}',
		].join('\n'));
		expect([...u.declared.keys()].sort()).toEqual(['WG_DBG', 'a', 'cb', 'error', 'f', 'g', 'i', 'ifp', 'n', 'p', 'sc', 'sin']);
		const taken = [...u.names.keys()].filter((n) => !u.declared.has(n)).sort();
		expect(taken).toEqual(['IFT_WIREGUARD', 'M_NOWAIT', 'so']);
	});
});

describe('FreeBSD attribute macros (sys/cdefs.h)', () => {
	it('reads declarations through __packed, __aligned(), __unused, __printflike() as cpp with cdefs.h would', () => {
		const text = [
			'struct wg_pkt { uint32_t t; uint8_t m[16]; } __packed;',
			'struct y { int a; } __aligned(CACHE_LINE_SIZE);',
			'int f(int) __result_use_check;',
			'void g(const char *, ...) __printflike(1, 2);',
			'static __inline __unused int h(void) { return 0; }',
			'typedef struct { int a; } __packed pt;',
			'#define\t__packed\t__attribute__((__packed__))',
		].join('\n');
		const d = c.declarations(text, 't.h');
		expect(d.errorLines).toEqual([]);
		expect(d.variables).toEqual([]);
		expect(d.records.map((r) => r.tag)).toEqual(['wg_pkt', 'y', '']);
		expect(d.functions.map((f) => `${f.name}: ${typeText(f.type)}`)).toEqual(['f: int (int)', 'g: void (const char *, ...)', 'h: int (void)']);
		expect(d.typedefs.map((t) => t.name)).toEqual(['pt']);
		expect(d.macros.map((m) => m.name)).toEqual(['__packed']);
		// blanking keeps every line and column where it was
		expect(blankAttributes(text).split('\n').map((l) => l.length)).toEqual(text.split('\n').map((l) => l.length));
		expect(c.uses('static __unused int x(void) { return (0); }').types.has('__unused')).toBe(false);
	});
});

describe('assembly globals', () => {
	it('reads .globl and .global directives', () => {
		expect(asmGlobals('.text\n.globl\tpoly1305_init\n.hidden poly1305_init\n\t.global a, b # c\n')).toEqual(['a', 'b', 'poly1305_init']);
	});
});

describeWithTree('FreeBSD main headers as they are', (dir) => {
	const read = (rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8');
	it('reads protosw.h, if_types.h, udp_var.h, priv.h', () => {
		const protosw = c.declarations(read('sys/sys/protosw.h'), 'sys/sys/protosw.h');
		expect(typeText(protosw.typedefs.find((t) => t.name === 'pr_sockaddr_t')!.type)).toBe('int (struct socket *, struct sockaddr *)');
		const types = c.declarations(read('sys/net/if_types.h'), 'sys/net/if_types.h');
		expect(types.enumConstants.find((e) => e.name === 'IFT_WIREGUARD')?.value).toBe('0xf8');
		const udp = c.declarations(read('sys/netinet/udp_var.h'), 'sys/netinet/udp_var.h');
		expect(typeText(udp.typedefs.find((t) => t.name === 'udp_tun_func_t')!.type)).toMatch(/^bool \(struct mbuf \*, int, struct inpcb \*, const struct sockaddr \*, void \*\)$/);
		const priv = c.declarations(read('sys/sys/priv.h'), 'sys/sys/priv.h');
		expect(priv.macros.find((m) => m.name === 'PRIV_NET_WG')?.body).toBe('424');
		// flag values defined inside a struct body are macros all the same
		const ocf = c.declarations(read('sys/opencrypto/cryptodev.h'), 'sys/opencrypto/cryptodev.h');
		expect(ocf.macros.find((m) => m.name === 'CSP_MODE_AEAD')?.body).toBe('4');
		expect(ocf.macros.find((m) => m.name === 'CRYPTO_F_IV_SEPARATE')?.body).toBe('0x0200');
		expect(ocf.records.find((r) => r.tag === 'crypto_session_params')!.members.map((m) => m.name)).toContain('csp_ivlen');
		const sv = c.declarations(read('sys/sys/socketvar.h'), 'sys/sys/socketvar.h');
		expect(typeText(sv.functions.find((f) => f.name === 'sosockaddr')!.type)).toBe('int (struct socket *, struct sockaddr *)');
	});
	it('finds the global definitions of the in-tree wg_crypto.c', () => {
		const d = c.declarations(read('sys/dev/wg/wg_crypto.c'), 'wg_crypto.c');
		expect(globalDefinitions(d)).toEqual(expect.arrayContaining(['blake2s_init', 'blake2s_update', 'blake2s_final', 'chacha20poly1305_encrypt_mbuf']));
	});
});
