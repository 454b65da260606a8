/*
 * The kernel interfaces the WireGuard driver relies on and how each changed: the first __FreeBSD_version
 * on main with the current form, where it was merged to stable branches, and the evidence. Transcribed
 * from ../shared/facts/kpi-changes.json. Where no source gave the version, the value is the port's own
 * guard (or the estimate named in `note`) and `verified` is false: `wgup status` lists those.
 *
 * `stub` says how a kernel declares the interface, per header: `present` when the kernel has the current
 * form, `absent` (the old form, or nothing) when it lacks it. renderStubHeaders() assembles them.
 */
import type { Availability, Evidence } from '@wgup/releases';

export type InterfaceKind = 'presence' | 'signature';

export interface StubPart {
	/** declared by kernels that have the interface (in its current form) */
	readonly present?: string;
	/** declared by kernels that lack it: the old form, if there was one */
	readonly absent?: string;
}

export interface KernelInterface {
	readonly id: string;
	readonly what: string;
	/** 'presence': it exists or not; 'signature': it exists in an old and a new form */
	readonly kind: InterfaceKind;
	/** where the current form of the interface is declared */
	readonly header: string;
	/** where the current form exists */
	readonly availability: Availability;
	/** true only when every version in `availability` was read in a source */
	readonly verified: boolean;
	readonly evidence: readonly Evidence[];
	readonly note?: string;
	/** FreeBSD commit that made the change, where known */
	readonly commit?: string;
	/** header path -> declarations */
	readonly stub: Readonly<Record<string, StubPart>>;
	/**
	 * a later change to the same declarations: where this interface is present, the superseded one's
	 * stub is not emitted (its `present` form is no longer what the kernel has)
	 */
	readonly supersedes?: string;
}

const HB = 'https://docs.freebsd.org/en/books/porters-handbook/versions/';
const PORT = (id: string) => `https://git.zx2c4.com/wireguard-freebsd/commit/?id=${id}`;
const ev = (source: string, says: string, verified = true): Evidence => ({ source, says, verified });
/** the real FreeBSD main tree the tests read (../shared/freebsd-main-snapshot, SOURCES.md) */
const SNAP = (file: string) => `fel1x-developer/freebsd-src:${file}@2d614aa2fe3e037bd11d351b0b5cfda776e65814 (__FreeBSD_version 1500012)`;
const CORR = '../shared/facts/corrections-2026-12.md';

export const KERNEL_INTERFACES: readonly KernelInterface[] = [
	{
		id: 'ocf_chacha20_poly1305_mbuf',
		what: 'OCF CRYPTO_CHACHA20_POLY1305 AEAD sessions with an 8-byte nonce (csp_ivlen 8) over CRYPTO_BUF_MBUF requests',
		kind: 'presence',
		header: 'opencrypto/cryptodev.h',
		availability: { main: 1400036, merged: { 'stable/13': 1300519 } },
		verified: true,
		commit: '42dcd39528c6',
		evidence: [
			ev(HB, "1400036 | ac847dbf7368 | October 6, 2021 | ... extending the AES-CCM and Chacha20-Poly1305 ciphers in OCF to support multiple nonce lengths"),
			ev(HB, '1300519 | fe2827f1678b | October 21, 2021 | 13.0-STABLE after extending the AES-CCM and Chacha20-Poly1305 ciphers in OCF to support multiple nonce lengths'),
			ev('https://mail-archive.com/dev-commits-src-all@freebsd.org/msg13362.html', "42dcd39528c6 'crypto: Support Chacha20-Poly1305 with a nonce size of 8 bytes' (D32122)"),
		],
		note: 'the consumer API (crypto_use_mbuf, CRYPTO_BUF_MBUF) dates from 1300087; the stubs declare it with the algorithm',
		stub: {
			'opencrypto/_cryptodev.h': {
				present: 'typedef struct crypto_session *crypto_session_t;',
			},
			'opencrypto/cryptodev.h': {
				present: [
					'#define\tCHACHA20_NATIVE_BLOCK_LEN\t64',
					'#define\tEALG_MAX_BLOCK_LEN\tCHACHA20_NATIVE_BLOCK_LEN',
					'#define\tPOLY1305_HASH_LEN\t16',
					'#define\tCHACHA20_POLY1305_IV_LEN\t12',
					'#define\tXCHACHA20_POLY1305_IV_LEN\t24',
					'#define\tCHACHA20_POLY1305_KEY\t32',
					'#define\tCRYPTO_CHACHA20_POLY1305\t41',
					'#define\tCSP_MODE_AEAD\t\t4',
					'#define\tCSP_F_SEPARATE_OUTPUT\t0x0001',
					'#define\tCSP_F_SEPARATE_AAD\t0x0002',
					'enum crypto_buffer_type {',
					'\tCRYPTO_BUF_NONE = 0,',
					'\tCRYPTO_BUF_CONTIG,',
					'\tCRYPTO_BUF_UIO,',
					'\tCRYPTO_BUF_MBUF,',
					'};',
					'#define\tCRYPTO_OP_DECRYPT\t0x0',
					'#define\tCRYPTO_OP_ENCRYPT\t0x1',
					'#define\tCRYPTO_OP_COMPUTE_DIGEST\t0x0',
					'#define\tCRYPTO_OP_VERIFY_DIGEST\t0x2',
					'#define\tCRYPTOCAP_F_SOFTWARE\t0x02000000',
					'#define\tCRYPTOCAP_F_SYNC\t0x04000000',
					'#define\tCRYPTO_F_CBIMM\t\t0x0010',
					'#define\tCRYPTO_F_IV_SEPARATE\t0x0200',
					'#define\tCRYPTO_SESS_SYNC(s)\t(crypto_ses2caps(s) & CRYPTOCAP_F_SYNC)',
					'struct crypto_session_params {',
					'\tint\t\tcsp_mode;',
					'\tint\t\tcsp_flags;',
					'\tint\t\tcsp_ivlen;',
					'\tint\t\tcsp_cipher_alg;',
					'\tint\t\tcsp_cipher_klen;',
					'\tconst void\t*csp_cipher_key;',
					'\tint\t\tcsp_auth_mlen;',
					'};',
					'struct cryptop {',
					'\tint\t\tcrp_op;',
					'\tint\t\tcrp_flags;',
					'\tint\t\tcrp_etype;',
					'\tint\t\tcrp_payload_start;',
					'\tint\t\tcrp_payload_length;',
					'\tint\t\tcrp_digest_start;',
					'\tuint8_t\t\tcrp_iv[EALG_MAX_BLOCK_LEN];',
					'\tconst void\t*crp_cipher_key;',
					'\tint\t\t(*crp_callback)(struct cryptop *);',
					'\tvoid\t\t*crp_opaque;',
					'};',
					'int\tcrypto_newsession(crypto_session_t *, const struct crypto_session_params *, int);',
					'void\tcrypto_freesession(crypto_session_t);',
					'uint32_t crypto_ses2caps(crypto_session_t);',
					'struct cryptop *crypto_getreq(crypto_session_t, int);',
					'void\tcrypto_initreq(struct cryptop *, crypto_session_t);',
					'void\tcrypto_destroyreq(struct cryptop *);',
					'void\tcrypto_freereq(struct cryptop *);',
					'void\tcrypto_use_mbuf(struct cryptop *, struct mbuf *);',
					'int\tcrypto_dispatch(struct cryptop *);',
				].join('\n'),
			},
		},
	},
	{
		id: 'crypto_chacha20_poly1305_h',
		what: '<crypto/chacha20_poly1305.h>: chacha20_poly1305_encrypt/decrypt and xchacha20_poly1305_encrypt/decrypt',
		kind: 'presence',
		header: 'crypto/chacha20_poly1305.h',
		availability: { main: 1400048, merged: { 'stable/13': 1301506 } },
		verified: true,
		commit: 'dd2f7a4b45eb',
		evidence: [
			ev(HB, "1400048 | dd2f7a4b45eb | January 18, 2022 | 14.0-CURRENT after adding <crypto/chacha20_poly1305.h>"),
			ev(HB, '1301506 | 8e6cfc632cf6 | July 13, 2022 | 13.1-STABLE after adding <crypto/chacha20_poly1305.h> and <crypto/curve25519.h>'),
		],
		stub: {
			'crypto/chacha20_poly1305.h': {
				present: [
					'void\tchacha20_poly1305_encrypt(uint8_t *, const uint8_t *, const size_t,',
					'\t    const uint8_t *, const size_t, const uint8_t *, const size_t, const uint8_t *);',
					'bool\tchacha20_poly1305_decrypt(uint8_t *, const uint8_t *, const size_t,',
					'\t    const uint8_t *, const size_t, const uint8_t *, const size_t, const uint8_t *);',
					'void\txchacha20_poly1305_encrypt(uint8_t *, const uint8_t *, const size_t,',
					'\t    const uint8_t *, const size_t, const uint8_t *, const uint8_t *);',
					'bool\txchacha20_poly1305_decrypt(uint8_t *, const uint8_t *, const size_t,',
					'\t    const uint8_t *, const size_t, const uint8_t *, const uint8_t *);',
				].join('\n'),
			},
		},
	},
	{
		id: 'crypto_curve25519_h',
		what: '<crypto/curve25519.h>: curve25519(), curve25519_generate_public(), curve25519_generate_secret()',
		kind: 'presence',
		header: 'crypto/curve25519.h',
		availability: { main: 1400049, merged: { 'stable/13': 1301506 } },
		verified: true,
		commit: '2c4b65cc3d22',
		evidence: [
			ev(HB, "1400049 | 2c4b65cc3d22 | January 24, 2022 | 14.0-CURRENT after adding <crypto/curve25519.h>"),
			ev(HB, '1301506 | 8e6cfc632cf6 | July 13, 2022 | ... <crypto/chacha20_poly1305.h> and <crypto/curve25519.h>'),
		],
		stub: {
			'crypto/curve25519.h': {
				present: [
					'#define\tCURVE25519_KEY_SIZE\t32',
					'bool\tcurve25519(uint8_t *, const uint8_t *, const uint8_t *);',
					'bool\tcurve25519_generate_public(uint8_t *, const uint8_t *);',
					'void\tcurve25519_generate_secret(uint8_t *);',
				].join('\n'),
			},
		},
	},
	{
		id: 'blake2s_kpi',
		what: 'a kernel BLAKE2s library (blake2s_init/_init_key/_update/_final); sys/crypto/blake2 is libb2 under other names',
		kind: 'presence',
		header: 'crypto/blake2s.h',
		availability: { main: null },
		verified: true,
		evidence: [
			ev('freebsd/freebsd-src:sys/dev/wg/compat.h@d28066d8954a', "reduced to an unconditional '#define COMPAT_NEED_BLAKE2S'"),
			ev('WireGuard/wireguard-freebsd:src/compat.h@416c5dcf2798', '#if __FreeBSD_version < 0x7fffffff /* TODO: update this when implemented */'),
		],
		stub: {},
	},
	{
		id: 'sbcreatecontrol_wait_arg',
		what: 'sbcreatecontrol() takes a fifth argument, the malloc wait flag (M_NOWAIT/M_WAITOK)',
		kind: 'signature',
		header: 'sys/sockbuf.h',
		availability: { main: 1400059 },
		verified: true,
		commit: 'b46667c63eb7',
		evidence: [
			ev(PORT('11468c59f899b3e9ce1488566dca1fe86c1753ce'), "change is b46667c63eb7; version was set to 1400059 '53 commits prior in 3a9a9c0ca44e and not bumped to 1400060 until 374 commits later'"),
			ev(HB, '1400059 | 3a9a9c0ca44e | May 14, 2022'),
		],
		note: 'kernels built from the 53 commits at 1400059 before b46667c63eb7 have the 4-argument form; no guard can tell them apart',
		stub: {
			'sys/sockbuf.h': {
				present: 'struct mbuf *sbcreatecontrol(const void *, u_int, int, int, int);',
				absent: 'struct mbuf *sbcreatecontrol(caddr_t, int, int, int);',
			},
		},
	},
	{
		id: 'udp_tun_func_bool',
		what: 'udp_tun_func_t (the udp_set_kernel_tunneling callback) returns bool instead of void',
		kind: 'signature',
		header: 'netinet/udp_var.h',
		availability: { main: 1400057 },
		verified: true,
		commit: '742e7210',
		evidence: [ev(HB, "1400057 | e68b35e40881 | April 22, 2022 | 14.0-CURRENT after changing udp_tun_func_t() prototype")],
		stub: {
			'netinet/udp_var.h': {
				// a pointer typedef, as sys/netinet/udp_var.h spells it
				present: 'typedef bool (*udp_tun_func_t)(struct mbuf *, int, struct inpcb *, const struct sockaddr *, void *);',
				absent: 'typedef void (*udp_tun_func_t)(struct mbuf *, int, struct inpcb *, const struct sockaddr *, void *);',
			},
		},
	},
	{
		id: 'taskqgroup_drain_all',
		what: 'taskqgroup_drain_all(): wait for every task queued on a taskqgroup',
		kind: 'presence',
		header: 'sys/gtaskqueue.h',
		availability: { main: 1400000, merged: { 'stable/13': 1300507 } },
		verified: false,
		commit: '407b687dfef (stable/13)',
		evidence: [
			ev(PORT('e59c33252e10d23aa284902d94530cfe88e6ed2e'), "'Turns out that taskqgroup_drain_all is new in 14.' (guard < 1400000)", false),
			ev(PORT('64a507ad6b3c7e8455c67b452160b9e4211fd872'), "'taskqueue draining was backported to stable/13' citing 407b687dfef (guard < 1300507)", false),
			ev(HB, '1300507 | c64d1bd7145b | June 2, 2021 | 13.0-STABLE after adding a new member to the EPOCH(9) tracker structure (row does not mention taskqgroup)', false),
		],
		note: 'main value is the port\'s guard (14.0-CURRENT from its start); the exact main and stable/13 versions were not found',
		stub: {
			'sys/gtaskqueue.h': { present: 'void\ttaskqgroup_drain_all(struct taskqgroup *);' },
		},
	},
	{
		id: 'taskqgroup_attach_dev',
		what: 'taskqgroup_attach()/taskqgroup_attach_cpu() take a device_t and a struct resource * instead of an irq number',
		kind: 'signature',
		header: 'sys/gtaskqueue.h',
		availability: { main: 1300012 },
		verified: true,
		evidence: [ev(HB, "1300012 | r344062 | February 12, 2019 | ... taskqgroup_attach() and taskqgroup_attach_cpu() take a device_t and a struct resource pointer")],
		note: 'the port guarded it with < 1300000; no release falls between the two',
		stub: {
			'sys/gtaskqueue.h': {
				present: [
					'void\ttaskqgroup_attach(struct taskqgroup *, struct grouptask *, void *, device_t, struct resource *, const char *);',
					'int\ttaskqgroup_attach_cpu(struct taskqgroup *, struct grouptask *, void *, int, device_t, struct resource *, const char *);',
				].join('\n'),
				absent: [
					'void\ttaskqgroup_attach(struct taskqgroup *, struct grouptask *, void *, int, const char *);',
					'int\ttaskqgroup_attach_cpu(struct taskqgroup *, struct grouptask *, void *, int, int, const char *);',
				].join('\n'),
			},
		},
	},
	{
		id: 'net_epoch_tracker',
		what: 'NET_EPOCH_ENTER(et)/NET_EPOCH_EXIT(et) with a tracker, NET_EPOCH_CALL, NET_EPOCH_ASSERT (12.x: NET_EPOCH_ENTER_ET/EXIT_ET)',
		kind: 'signature',
		header: 'net/if_var.h',
		availability: { main: 1300000 },
		verified: false,
		evidence: [ev(PORT('3874141edd2f77e13ee78371798db225b35b7c7e'), 'shim inside #if __FreeBSD_version < 1300000', false)],
		note: 'main value is the port\'s guard (13.0-CURRENT); the exact version was not found',
		stub: {
			'net/if_var.h': {
				present: [
					'#define\tNET_EPOCH_ENTER(et)\tepoch_enter_preempt(net_epoch_preempt, &(et))',
					'#define\tNET_EPOCH_EXIT(et)\tepoch_exit_preempt(net_epoch_preempt, &(et))',
					'#define\tNET_EPOCH_CALL(f, c)\tepoch_call(net_epoch_preempt, (f), (c))',
					'#define\tNET_EPOCH_ASSERT()\tMPASS(in_epoch(net_epoch_preempt))',
				].join('\n'),
				absent: [
					'#define\tNET_EPOCH_ENTER()\tepoch_enter_preempt(net_epoch_preempt, NULL)',
					'#define\tNET_EPOCH_EXIT()\tepoch_exit_preempt(net_epoch_preempt, NULL)',
					'#define\tNET_EPOCH_ENTER_ET(et)\tepoch_enter_preempt(net_epoch_preempt, &(et))',
					'#define\tNET_EPOCH_EXIT_ET(et)\tepoch_exit_preempt(net_epoch_preempt, &(et))',
				].join('\n'),
			},
			'sys/epoch.h': {
				present: 'void\tepoch_call(epoch_t, epoch_callback_t, epoch_context_t);',
				absent: 'void\tepoch_call(epoch_t, epoch_context_t, epoch_callback_t);',
			},
		},
	},
	{
		id: 'vimage_builtin',
		what: 'VNET macros in out-of-tree modules match a VIMAGE kernel without the module defining VIMAGE',
		kind: 'presence',
		header: 'net/vnet.h',
		availability: { main: 1300000 },
		verified: false,
		evidence: [ev(PORT('3874141edd2f77e13ee78371798db225b35b7c7e'), '#if __FreeBSD_version < 1300000 #define VIMAGE', false)],
		note: 'main value is the port\'s guard; the mechanism and version were not found',
		stub: {},
	},
	{
		id: 'atomic_load_ptr_typed',
		what: 'atomic_load_ptr(p) returning the pointee type (12.x: uintptr_t)',
		kind: 'signature',
		header: 'machine/atomic.h',
		availability: { main: 1300000 },
		verified: false,
		evidence: [ev(PORT('3874141edd2f77e13ee78371798db225b35b7c7e'), '#undef atomic_load_ptr / #define atomic_load_ptr(p) (*(volatile __typeof(*p) *)(p)) under < 1300000', false)],
		note: 'main value is the port\'s guard (13.0-CURRENT)',
		stub: {
			'machine/atomic.h': {
				present: '#define\tatomic_load_ptr(p)\t(*(volatile __typeof(*(p)) *)(p))',
				absent: '#define\tatomic_load_ptr(p)\t(*(volatile uintptr_t *)(p))',
			},
		},
	},
	{
		id: 'm_snd_tag_rele',
		what: 'm_snd_tag_rele(): drop a reference on an mbuf send tag',
		kind: 'presence',
		header: 'sys/mbuf.h',
		availability: { main: 1300000 },
		verified: false,
		evidence: [ev(PORT('a520a799ba6e39b1e1574b605dcc3a13d360e5bc'), 'static inline m_snd_tag_rele() inside #if __FreeBSD_version < 1300000', false)],
		note: 'main value is the port\'s guard',
		stub: { 'sys/mbuf.h': { present: 'void\tm_snd_tag_rele(struct m_snd_tag *);' } },
	},
	{
		id: 'arc4random_uniform',
		what: 'kernel arc4random_uniform()',
		kind: 'presence',
		header: 'sys/libkern.h',
		availability: { main: 1300000, merged: { 'stable/12': 1202000 } },
		verified: false,
		evidence: [ev(PORT('367c27cb023e84226c2b54ef5f594997f8e4d70a'), "'compat: backport to FreeBSD 12.1' under #if __FreeBSD_version < 1202000", false)],
		note: 'values are the port\'s guard: present on every 13.x and from 12.2 (1202000 is the releng/12.2 value; the stable/12 merge value was not found)',
		stub: { 'sys/libkern.h': { present: 'uint32_t arc4random_uniform(uint32_t);' } },
	},
	{
		id: 'callout_func_t',
		what: 'typedef void callout_func_t(void *)',
		kind: 'presence',
		header: 'sys/_callout.h',
		availability: { main: 1300000, merged: { 'stable/12': 1202000 } },
		verified: false,
		evidence: [ev(PORT('895a85337e3975fa7996fc1b3f23fb115a3ae998'), "'compat: backport callout_func_t to 12.1' under #if __FreeBSD_version < 1202000", false)],
		note: 'values are the port\'s guard, as for arc4random_uniform',
		stub: { 'sys/_callout.h': { present: 'typedef void callout_func_t(void *);' } },
	},
	{
		id: 'csum_snd_tag',
		what: 'the CSUM_SND_TAG mbuf checksum flag',
		kind: 'presence',
		header: 'sys/mbuf.h',
		availability: { main: 1300000, merged: { 'stable/12': 1202000 } },
		verified: false,
		evidence: [ev(PORT('b4a0f872e652a53c0005c135d7f98d416628804d'), "shim in the < 1202000 block; message says 'lack of CSUM_SND_TAG on <=12.2'", false)],
		note: 'port guard and commit message disagree; the shim is #ifndef-protected either way',
		stub: { 'sys/mbuf.h': { present: '#define\tCSUM_SND_TAG\t0x80000000' } },
	},
	{
		id: 'priv_net_wg',
		what: 'the PRIV_NET_WG privilege (424)',
		kind: 'presence',
		header: 'sys/priv.h',
		availability: { main: 1400073, merged: { 'stable/13': 1301511 } },
		verified: false,
		commit: '744bfb213144',
		evidence: [
			ev('freebsd/freebsd-src:sys/sys/priv.h@5ae69e2f10da', '#define PRIV_NET_WG 424 (421 is PRIV_NET_SETLANPCP, 422 OVPN, 423 ME); merged to stable/13 with the 13.2 reintegration of wg', true),
			ev(SNAP('sys/sys/priv.h'), '#define PRIV_NET_WG 424 /* Administer WireGuard interface. */', true),
			ev(CORR, 'PRIV_NET_WG is 424 and is on stable/13 (5ae69e2f10da); its stable/13 __FreeBSD_version is unknown', true),
			ev(HB, "1400073 | 9c9501390512 | October 17, 2022 (the driver import 744bfb213144 is assumed to fall at this value)", false),
			ev(HB, '1301511 | 17333d92643d | December 17, 2022: the last stable/13 row before 1302500 (releng/13.2 branched, February 9, 2023); the 13.2 reintegration 5ae69e2f10da falls in between', false),
		],
		note: 'main: assumed to arrive with the driver import (1400073); stable/13: bracketed by the handbook, no row between 1301511 and 1302500, so 1301511 is the last value the merge can carry',
		stub: {
			'sys/priv.h': {
				present: '#define PRIV_NET_WG 424 /* Administer WireGuard interface. */',
			},
		},
	},
	{
		id: 'ift_wireguard',
		what: 'the IFT_WIREGUARD interface type: an enum constant of ifType, not a macro (#ifndef IFT_WIREGUARD is always true)',
		kind: 'presence',
		header: 'net/if_types.h',
		availability: { main: 1400073, merged: { 'stable/13': 1301511 } },
		verified: false,
		evidence: [
			ev(SNAP('sys/net/if_types.h'), 'IFT_WIREGUARD = 0xf8, /* WireGuard tunnel */ inside typedef enum {...} ifType', true),
			ev('freebsd/freebsd-src:sys/dev/wg/if_wg.c@806e51f81dba', 'the stable/13 in-tree driver uses IFT_WIREGUARD with no fallback', true),
			ev(CORR, 'an enum constant; present on stable/13 in practice; a shim must be guarded by version', true),
			ev('freebsd/freebsd-src:sys/dev/wg/support.h@34276cf71198', 'the in-tree support.h no longer carries the IFT_WIREGUARD fallback', true),
		],
		note: 'versions as PRIV_NET_WG (not found; assumed with the driver import and the 13.2 reintegration)',
		stub: {
			'net/if_types.h': {
				present: ['typedef enum {', '\tIFT_PPP = 0x17, /* RFC 1331 */', '\tIFT_WIREGUARD = 0xf8, /* WireGuard tunnel */', '} ifType;'].join('\n'),
				absent: ['typedef enum {', '\tIFT_PPP = 0x17, /* RFC 1331 */', '} ifType;'].join('\n'),
			},
		},
	},
	{
		id: 'pr_sockaddr',
		what: 'struct pr_usrreqs merged into struct protosw: so_proto->pr_usrreqs->pru_sockaddr becomes so_proto->pr_sockaddr',
		kind: 'signature',
		header: 'sys/protosw.h',
		availability: { main: 1400066 },
		verified: true,
		commit: 'e7d02be19d40',
		evidence: [
			ev(PORT('20584d1c329ed2a71893375fa11ca4c56ed9f642'), '#if __FreeBSD_version < 1400066 ... pr_usrreqs->pru_sockaddr #else pr_sockaddr'),
			ev(HB, '1400066 | ff7812ee7d44 | August 18, 2022 | 14.0-CURRENT after multiple LinuxKPI changes required by drm-kmod'),
		],
		note: 'e7d02be19d40 did not bump __FreeBSD_version; if it landed before ff7812ee7d44, kernels at 1400065 already have pr_sockaddr (unconfirmed)',
		stub: {
			'sys/protosw.h': {
				present: [
					'struct protosw {',
					'\tshort\tpr_type;',
					'\tint\t(*pr_sockaddr)(struct socket *, struct sockaddr **);',
					'};',
				].join('\n'),
				absent: [
					'struct pr_usrreqs {',
					'\tint\t(*pru_sockaddr)(struct socket *, struct sockaddr **);',
					'};',
					'struct protosw {',
					'\tshort\tpr_type;',
					'\tstruct pr_usrreqs *pr_usrreqs;',
					'};',
				].join('\n'),
			},
		},
	},
	{
		id: 'pr_sockaddr_storage',
		what: 'pr_sockaddr (and pr_peeraddr) fill caller storage: int pr_sockaddr_t(struct socket *, struct sockaddr *) instead of returning a malloc(M_SONAME)ed struct sockaddr **',
		kind: 'signature',
		header: 'sys/protosw.h',
		availability: { main: 1500012 },
		verified: false,
		supersedes: 'pr_sockaddr',
		evidence: [
			ev(SNAP('sys/sys/protosw.h'), 'typedef int pr_sockaddr_t(struct socket *, struct sockaddr *); ... pr_sockaddr_t *pr_sockaddr; /* getsockname(2) */', true),
			ev(CORR, 'current main: (struct socket *, struct sockaddr *), the caller supplies the storage; version of the change unknown (2023-2024, main only)', true),
			ev(HB, '1500000 | main became 15.0-CURRENT (stable/14 branched August 24, 2023) .. 1500012 | 120ceebab5d4 | January 24, 2024: the bracket (main only, after stable/14 left)', false),
		],
		note: 'the earliest version a real tree showed with it is 1500012 (the snapshot); the change lies in 1500000..1500012 (main only): kernels from the change up to 1500011 are mis-detected until the commit is dated',
		stub: {
			'sys/protosw.h': {
				present: [
					'typedef int pr_sockaddr_t(struct socket *, struct sockaddr *);',
					'struct protosw {',
					'\tshort pr_type;',
					'\tpr_sockaddr_t *pr_sockaddr; /* getsockname(2) */',
					'};',
				].join('\n'),
			},
		},
	},
	{
		id: 'sosockaddr',
		what: 'sosockaddr(so, sa): a socket\'s bound address filled into caller storage (what the port\'s sogetsockaddr did)',
		kind: 'presence',
		header: 'sys/socketvar.h',
		availability: { main: 1500012 },
		verified: false,
		evidence: [
			ev(SNAP('sys/sys/socketvar.h'), 'int sosockaddr(struct socket *so, struct sockaddr *sa);', true),
			ev(SNAP('sys/dev/wg/if_wg.c'), 'ret = sosockaddr(so4, (struct sockaddr *)&bound_sin);', true),
			ev('freebsd/freebsd-src:sys/kern/uipc_socket.c', 'int sosockaddr(struct socket *so, struct sockaddr *sa) (added with the pr_sockaddr storage change)', true),
			ev('WireGuard/wireguard-freebsd:MISSING.md@20584d1', "lists sogetsockaddr ('belongs in uipc_socket.c') to add back when merged", true),
		],
		note: 'arrived with the pr_sockaddr storage change (pr_sockaddr_storage): same bracket, 1500000..1500012, value the snapshot\'s',
		stub: {
			'sys/socketvar.h': {
				present: 'int sosockaddr(struct socket *so, struct sockaddr *sa);',
			},
		},
	},
	{
		id: 'ck_pr_bool',
		what: 'ck_pr_load_bool()/ck_pr_store_bool() in ConcurrencyKit',
		kind: 'presence',
		header: 'ck_pr.h',
		availability: { main: null },
		verified: true,
		evidence: [ev('freebsd/freebsd-src:sys/dev/wg/support.h@34276cf71198', 'in-tree support.h still carried the #ifndef ck_pr_*_bool fallbacks')],
		note: 'never added to ConcurrencyKit in the kernel; the driver moved to atomic(9) bools (port aee9dbb13d14)',
		stub: {},
	},
	{
		id: 'atomic_bool',
		what: 'atomic_load_bool()/atomic_store_bool() in atomic(9) (macros: #ifndef works)',
		kind: 'presence',
		header: 'machine/atomic.h',
		availability: { main: 1400065, merged: { 'stable/13': 1301511 } },
		verified: false,
		commit: '2bed73739aac352299222a18f669a03544c7c9e2',
		evidence: [
			ev(PORT('cd3fd31d67f0a5182916723098ddbf9bcd848e9c'), 'jb-wip, authored 2022-08-12: #ifndef atomic_load_bool fallbacks citing FreeBSD 2bed73739aac (so it was in main by then)', true),
			ev(SNAP('sys/dev/wg/if_wg.c'), 'if (atomic_load_bool(&peer->p_enabled)) ... atomic_store_bool(&peer->p_enabled, true);', true),
			ev('freebsd/freebsd-src:sys/dev/wg/if_wg.c@806e51f81dba', 'the stable/13 in-tree driver uses atomic_load_bool/atomic_store_bool', true),
			ev(HB, '1400065 | b273f93657cf | August 8, 2022: the main value in effect on 2022-08-12 (next row 1400066, August 18, 2022)', false),
		],
		note: 'main: not later than 1400065 (cited by a port commit of 2022-08-12), earliest version not found; stable/13: no later than the 13.2 reintegration (1301511, as PRIV_NET_WG). The shim stays #ifndef-protected',
		stub: {
			'machine/atomic.h': {
				present: [
					'#define\tatomic_load_bool(p)\t(*(volatile _Bool *)(p))',
					'#define\tatomic_store_bool(p, v)\t(*(volatile _Bool *)(p) = (_Bool)(v))',
				].join('\n'),
			},
		},
	},
	{
		id: 'udp_tun_func_type',
		what: 'udp_tun_func_t becomes a function type (typedef bool udp_tun_func_t(...)), not a pointer typedef: a (udp_tun_func_t) cast is then invalid C',
		kind: 'signature',
		header: 'netinet/udp_var.h',
		availability: { main: 1400067 },
		verified: false,
		commit: 'bb77f0c20493',
		supersedes: 'udp_tun_func_bool',
		evidence: [
			ev(SNAP('sys/netinet/udp_var.h'), 'typedef bool udp_tun_func_t(struct mbuf *, int, struct inpcb *, const struct sockaddr *, void *);', true),
			ev('freebsd/freebsd-src:sys/netinet/udp_var.h@fcb3f813f379', 'a function type on later main; udp_tun_icmp_t changed too', true),
			ev('freebsd/freebsd-ports:net/wireguard-kmod/files/patch-if__wg.c', "'Chase udp_tun_func_t typedef change in FreeBSD 14-current (bb77f0)': #if __FreeBSD_version >= 1400067 (PR 266914)", true),
			ev(HB, 'no rows for 1400067 and 1400068 (1400066 August 18, 2022 -> 1400069 September 22, 2022)', false),
		],
		note: 'the value is the ports tree\'s guard; the handbook has no row for it, so it is bracketed by 1400066 and 1400069',
		stub: {
			'netinet/udp_var.h': {
				present: 'typedef bool udp_tun_func_t(struct mbuf *, int, struct inpcb *, const struct sockaddr *, void *);',
			},
		},
	},
	{
		id: 'ifnet_opaque',
		what: 'struct ifnet is opaque (declared in net/if_private.h for the stack only): drivers use if_t and its accessors (if_getsoftc, if_getflags, if_getvnet, ...)',
		kind: 'signature',
		header: 'net/if_var.h',
		availability: { main: 1500027 },
		verified: true,
		commit: '893d044346d5',
		evidence: [
			ev(HB, "1500027 | 893d044346d5 | November 14, 2024 | 15.0-CURRENT after hiding `struct ifnet` and changing sound(4)'s device registration KPI"),
			ev(CORR, 'struct ifnet opaque from 1500027; drivers use if_t accessors', true),
		],
		note: 'before it, a module could read ifp->if_flags (the 2022 port did); the members below are the ones the port read',
		stub: {
			'net/if_var.h': {
				absent: [
					'struct ifnet {',
					'\tvoid\t*if_softc;',
					'\tint\tif_flags;',
					'\tint\tif_drv_flags;',
					'};',
				].join('\n'),
			},
		},
	},
	{
		id: 'if_clone_addreq',
		what: 'the if_clone KPI with struct ifc_data and ifc_attach_cloner(name, struct if_clone_addreq *) (before: if_clone_simple/if_clone_advanced)',
		kind: 'presence',
		header: 'net/if_clone.h',
		availability: { main: 1400073, merged: { 'stable/13': 1301511 } },
		verified: false,
		evidence: [
			ev(SNAP('sys/dev/wg/if_wg.c'), 'struct if_clone_addreq req = {...}; V_wg_cloner = ifc_attach_cloner(wgname, &req); wg_clone_create(struct if_clone *, char *, size_t, struct ifc_data *, if_t *)', true),
			ev(HB, 'no handbook row names the if_clone change', false),
		],
		note: 'not found: assumed no later than the driver import on main and the 13.2 reintegration on stable/13 (the in-tree driver calls it with no fallback); 1500012 (the snapshot) is the latest version known to have it',
		stub: {
			'net/if_clone.h': {
				present: [
					'struct if_clone;',
					'struct ifc_data {',
					'\tuint32_t flags;',
					'\tuint32_t unit;',
					'\tvoid *params;',
					'};',
					'struct if_clone_addreq {',
					'\tuint16_t version;',
					'\tuint16_t spare;',
					'\tuint32_t flags;',
					'\tuint32_t maxunit;',
					'};',
					'struct if_clone *ifc_attach_cloner(const char *name, struct if_clone_addreq *req);',
					'void ifc_detach_cloner(struct if_clone *ifc);',
				].join('\n'),
			},
		},
	},
];

export function interfaceById(id: string): KernelInterface | undefined {
	return KERNEL_INTERFACES.find((k) => k.id === id);
}

/**
 * Handbook __FreeBSD_version bumps whose text names a kernel identifier the in-tree driver uses but that
 * change nothing the driver relies on (value -> why). `wgup kpi verify` requires every other such bump
 * to be a change point of an interface above.
 */
export const HANDBOOK_REVIEWED: Readonly<Record<string, string>> = {
	1300078: 'struct vnet changed layout; the driver only holds struct vnet pointers (CURVNET_SET, if_getvnet), never its members',
	1500036: 'bridge linkage inside struct ifnet; the driver never reads if_bridge (and struct ifnet is opaque from 1500027)',
	1500056: 'cr_gid moved out of cr_groups in struct ucred; the driver reads only cr_prison (and crhold/crfree)',
};
