/*
 * How the driver on FreeBSD main uses each kernel interface of packages/kernel-api, one probe function
 * body each. A signature change is probed by a use that only the new form accepts (an argument more, a
 * member, a return type), so the old form fails to compile inside the function that names it.
 * `fallback`: the COMPAT_NEED_* macro under which the driver does without the interface (the compat
 * port's own crypto, the non-OCF path); the probe skips the use where the target's compat header sets it.
 * A test holds this table and KERNEL_INTERFACES in step: a new interface needs a use or a reason here.
 */
import type { ProbeUse } from './types';

export const PROBE_USES: readonly ProbeUse[] = [
	{
		id: 'ocf_chacha20_poly1305_mbuf', fallback: 'COMPAT_NEED_CHACHA20POLY1305_MBUF',
		headers: ['sys/param.h', 'sys/malloc.h', 'sys/mbuf.h', 'opencrypto/cryptodev.h'],
		body: [
			'struct crypto_session_params csp = { 0 };',
			'crypto_session_t sid;',
			'struct cryptop *crp;',
			'',
			'csp.csp_mode = CSP_MODE_AEAD;',
			'csp.csp_ivlen = 8;',
			'csp.csp_cipher_alg = CRYPTO_CHACHA20_POLY1305;',
			'csp.csp_cipher_klen = 32;',
			'if (crypto_newsession(&sid, &csp, CRYPTOCAP_F_SOFTWARE) != 0)',
			'\treturn;',
			'crp = crypto_getreq(sid, M_NOWAIT);',
			'crypto_use_mbuf(crp, arg);',
			'crp->crp_op = CRYPTO_OP_DECRYPT | CRYPTO_OP_VERIFY_DIGEST;',
			'crp->crp_flags = CRYPTO_F_IV_SEPARATE;',
			'if (crypto_dispatch(crp) == 0 && crp->crp_etype != 0)',
			'\tcrp->crp_payload_length = 0;',
			'crypto_freereq(crp);',
			'crypto_freesession(sid);',
		].join('\n'),
	},
	{
		id: 'crypto_chacha20_poly1305_h', fallback: 'COMPAT_NEED_CHACHA20POLY1305',
		headers: ['sys/types.h', 'crypto/chacha20_poly1305.h'],
		body: [
			'uint8_t b[64] = { 0 };',
			'',
			'chacha20_poly1305_encrypt(b, b, 16, b, 0, b, 8, b);',
			'if (!xchacha20_poly1305_decrypt(b, b, 32, b, 0, b, b))',
			'\tb[0] = 0;',
		].join('\n'),
	},
	{
		id: 'crypto_curve25519_h', fallback: 'COMPAT_NEED_CURVE25519',
		headers: ['sys/types.h', 'crypto/curve25519.h'],
		body: ['uint8_t k[CURVE25519_KEY_SIZE] = { 0 };', '', 'curve25519_generate_secret(k);', 'if (!curve25519_generate_public(k, k))', '\tk[0] = 0;'].join('\n'),
	},
	{
		id: 'sbcreatecontrol_wait_arg', headers: ['sys/param.h', 'sys/malloc.h', 'sys/sockbuf.h'],
		body: 'struct mbuf *m;\n\nm = sbcreatecontrol(arg, 4, 1, 0, M_NOWAIT);\n(void)m;',
	},
	{
		id: 'udp_tun_func_bool', headers: ['sys/types.h', 'netinet/udp_var.h'],
		// as the driver does: hand a bool-returning input function to udp_set_kernel_tunneling
		body: 'bool (*input)(struct mbuf *, int, struct inpcb *, const struct sockaddr *, void *) = NULL;\n\n(void)udp_set_kernel_tunneling(arg, input, NULL, arg);',
	},
	{ id: 'taskqgroup_drain_all', headers: ['sys/gtaskqueue.h'], body: 'taskqgroup_drain_all(arg);' },
	{
		id: 'taskqgroup_attach_dev', headers: ['sys/types.h', 'sys/gtaskqueue.h'],
		body: 'taskqgroup_attach(arg, arg, arg, (device_t)NULL, (struct resource *)NULL, "wg");',
	},
	{
		id: 'net_epoch_tracker', headers: ['sys/systm.h', 'sys/epoch.h', 'net/if_var.h'],
		body: [
			'struct epoch_tracker et;',
			'epoch_callback_t *cb = NULL;',
			'',
			'NET_EPOCH_ENTER(et);',
			'NET_EPOCH_CALL(cb, (epoch_context_t)arg);',
			'NET_EPOCH_EXIT(et);',
		].join('\n'),
	},
	{ id: 'atomic_load_ptr_typed', headers: ['sys/types.h', 'machine/atomic.h'], body: 'void **pp = arg;\nvoid *p;\n\np = atomic_load_ptr(pp);\n(void)p;' },
	{ id: 'arc4random_uniform', headers: ['sys/systm.h', 'sys/libkern.h'], body: '(void)arc4random_uniform(10);' },
	{ id: 'callout_func_t', headers: ['sys/_callout.h'], body: 'callout_func_t *f = NULL;\n\n(void)f;' },
	{ id: 'csum_snd_tag', headers: ['sys/types.h', 'sys/mbuf.h'], body: 'uint32_t flags = CSUM_SND_TAG;\n\n(void)flags;' },
	{ id: 'priv_net_wg', headers: ['sys/priv.h'], body: 'int priv = PRIV_NET_WG;\n\n(void)priv;' },
	{ id: 'ift_wireguard', headers: ['net/if_types.h'], body: 'int type = IFT_WIREGUARD;\n\n(void)type;' },


	{
		id: 'sosockaddr', headers: ['sys/types.h', 'sys/socket.h', 'sys/socketvar.h'],
		body: 'struct sockaddr sa;\n\n(void)sosockaddr(arg, &sa);',
	},
	{
		id: 'atomic_bool', headers: ['sys/types.h', 'machine/atomic.h'],
		body: 'bool b = false;\n\natomic_store_bool(&b, true);\n(void)atomic_load_bool(&b);',
	},


];

/** Interfaces of the kernel-API model the probe leaves out, and why. */
export const NOT_PROBED: Readonly<Record<string, string>> = {
	blake2s_kpi: 'main has no BLAKE2s KPI: the driver carries its own (COMPAT_NEED_BLAKE2S)',
	ck_pr_bool: 'not in main (main value null): the driver on main uses atomic(9) instead',
	vimage_builtin: 'a build option (VIMAGE in GENERIC), no declaration to use: the stubs model none',
	m_snd_tag_rele: 'retired in the shim catalogue: the driver no longer calls it',
	pr_sockaddr: 'the driver reaches it only through sosockaddr() (compat.h shim sosockaddr where the kernel lacks it)',
	pr_sockaddr_storage: 'the driver reaches it only through sosockaddr() (compat.h shim sosockaddr where the kernel lacks it)',
	if_clone_addreq: 'OPEN: main\'s driver calls ifc_attach_cloner(); releases before the addreq KPI (12.x, 13.0, 13.1 as modelled) ' +
		'need a compat.h shim that does not exist yet, so probing it would fail those compat cells',
	udp_tun_func_type: 'the driver passes its bool input function to udp_set_kernel_tunneling() (probed as udp_tun_func_bool, which every form accepts); ' +
		'the function-type form only rejects a (udp_tun_func_t) cast, which the driver does not write: kpi verify checks the typedef itself',
	ifnet_opaque: 'its current form declares nothing (struct ifnet is opaque): no use compiles only against it; the driver uses if_t accessors on every version',
};
