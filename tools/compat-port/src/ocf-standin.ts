/*
 * What FreeBSD main's wg_crypto.c needs on releases without OCF ChaCha20-Poly1305 over mbufs
 * (COMPAT_NEED_CHACHA20POLY1305_MBUF: 12.x, 13.0 and early 13-STABLE/14-CURRENT): the driver's file
 * is kept byte for byte, and the OCF calls it makes are answered by a synchronous software stand-in.
 *
 *   opencrypto/cryptodev.h  the port's copy shadows the kernel's (-I. comes first): on kernels with
 *                           the interface it is the kernel's (#include_next); on the others it
 *                           declares the subset wg_crypto.c uses, every name mapped to wg_compat_*
 *                           so nothing collides with the kernel's own crypto(9) symbols
 *   wg_compat_ocf.c         the stand-in: one session kind (AEAD ChaCha20-Poly1305, 8-byte nonce),
 *                           requests on mbuf chains, run by wgup's software glue (compat/)
 *   compat/wg_crypto_ocf.*  wgup's OCF glue, whose software path walks the mbuf chain
 *
 * The stand-in reports a bad tag in crp_etype as cryptosoft does, and returns it from
 * crypto_dispatch() as well: a glue that reads only the return value still refuses a forged packet.
 */
import { fileHeader } from '@wgup/codegen';

const COMMAND = 'npx wgup compat --out <dir>';
const INPUTS = ['tools/compat-port/src/ocf-standin.ts', 'freebsd-overlay/sys/dev/wg/wg_crypto_ocf.c'];

/** Where the stand-in puts wgup's glue: not a top-level .c, so not in SRCS on its own. */
export const STANDIN_GLUE_DIR = 'compat';

/** The OCF names wg_crypto.c uses, and the stand-in's name for each. */
export const STANDIN_NAMES: readonly string[] = [
	'crypto_session_t', 'crypto_session_params', 'cryptop', 'crypto_newsession', 'crypto_freesession',
	'crypto_initreq', 'crypto_destroyreq', 'crypto_use_mbuf', 'crypto_dispatch',
];

export function renderStandinHeader(): string {
	const renames = STANDIN_NAMES.map((n) => `#define\t${n}${n.length < 8 ? '\t\t\t' : n.length < 16 ? '\t\t' : '\t'}wg_compat_${n}`);
	return `${fileHeader('c', { generator: 'tools/compat-port', inputs: INPUTS, command: COMMAND })}
/*
 * <opencrypto/cryptodev.h> as the compat port sees it.  Kernels with OCF
 * ChaCha20-Poly1305 over mbufs: the kernel's header.  Kernels without it
 * (COMPAT_NEED_CHACHA20POLY1305_MBUF, from compat.h): the subset the driver's
 * wg_crypto.c uses, answered by the software stand-in in wg_compat_ocf.c.
 */
#ifndef _WG_COMPAT_OPENCRYPTO_CRYPTODEV_H_
#define	_WG_COMPAT_OPENCRYPTO_CRYPTODEV_H_

#ifndef COMPAT_NEED_CHACHA20POLY1305_MBUF
#include_next <opencrypto/cryptodev.h>
#else
#include <sys/types.h>

struct mbuf;

${renames.join('\n')}

#define	POLY1305_HASH_LEN		16
#define	CRYPTO_CHACHA20_POLY1305	38
#define	CSP_MODE_AEAD			3
#define	CSP_F_SEPARATE_OUTPUT		0x0001
#define	CSP_F_SEPARATE_AAD		0x0002
#define	CRYPTOCAP_F_SOFTWARE		0x02000000
#define	CRYPTO_OP_DECRYPT		0x0
#define	CRYPTO_OP_ENCRYPT		0x1
#define	CRYPTO_OP_VERIFY_DIGEST		0x0
#define	CRYPTO_OP_COMPUTE_DIGEST	0x2
#define	CRYPTO_F_CBIMM			0x0010
#define	CRYPTO_F_IV_SEPARATE		0x0200
/* every stand-in session completes its requests before crypto_dispatch() returns */
#define	CRYPTO_SESS_SYNC(sid)		((sid) != NULL)

typedef const struct wg_compat_crypto_session *wg_compat_crypto_session_t;

struct wg_compat_crypto_session_params {
	int		csp_mode;
	int		csp_flags;
	int		csp_ivlen;
	int		csp_cipher_alg;
	int		csp_cipher_klen;
	const void	*csp_cipher_key;
	int		csp_auth_mlen;
};

struct wg_compat_cryptop {
	wg_compat_crypto_session_t crp_session;
	int		crp_op;
	int		crp_flags;
	int		crp_etype;
	struct mbuf	*crp_mbuf;
	int		crp_payload_start;
	int		crp_payload_length;
	int		crp_digest_start;
	uint8_t		crp_iv[64];
	const void	*crp_cipher_key;
	int		(*crp_callback)(struct wg_compat_cryptop *);
	void		*crp_opaque;
};

int	wg_compat_crypto_newsession(wg_compat_crypto_session_t *,
	    const struct wg_compat_crypto_session_params *, int);
void	wg_compat_crypto_freesession(wg_compat_crypto_session_t);
void	wg_compat_crypto_initreq(struct wg_compat_cryptop *,
	    wg_compat_crypto_session_t);
void	wg_compat_crypto_destroyreq(struct wg_compat_cryptop *);
void	wg_compat_crypto_use_mbuf(struct wg_compat_cryptop *, struct mbuf *);
int	wg_compat_crypto_dispatch(struct wg_compat_cryptop *);
#endif /* COMPAT_NEED_CHACHA20POLY1305_MBUF */

#endif /* _WG_COMPAT_OPENCRYPTO_CRYPTODEV_H_ */
`;
}

export function renderStandinSource(): string {
	return `${fileHeader('c', { generator: 'tools/compat-port', inputs: INPUTS, command: COMMAND })}
/*
 * A synchronous software stand-in for the OCF calls of the driver's
 * wg_crypto.c, built only where the kernel lacks OCF ChaCha20-Poly1305 over
 * mbufs (COMPAT_NEED_CHACHA20POLY1305_MBUF, from compat.h).  The work is done
 * by wgup's glue, whose exported names are renamed so they do not collide with
 * wg_crypto.c's.
 */
#ifdef COMPAT_NEED_CHACHA20POLY1305_MBUF
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/endian.h>
#include <sys/errno.h>
#include <sys/mbuf.h>

#include <opencrypto/cryptodev.h>

#define	chacha20poly1305_encrypt_mbuf	wg_compat_sw_encrypt_mbuf
#define	chacha20poly1305_decrypt_mbuf	wg_compat_sw_decrypt_mbuf
#define	wg_crypto_init			wg_compat_sw_init
#define	wg_crypto_deinit		wg_compat_sw_deinit
#include "${STANDIN_GLUE_DIR}/wg_crypto_ocf.c"

struct wg_compat_crypto_session {
	int	s_ivlen;
};

static const struct wg_compat_crypto_session wg_compat_chacha20_poly1305 = {
	.s_ivlen = 8,
};

int
wg_compat_crypto_newsession(wg_compat_crypto_session_t *sid,
    const struct wg_compat_crypto_session_params *csp, int crid __unused)
{
	if (csp->csp_mode != CSP_MODE_AEAD ||
	    csp->csp_cipher_alg != CRYPTO_CHACHA20_POLY1305 ||
	    csp->csp_ivlen != wg_compat_chacha20_poly1305.s_ivlen ||
	    csp->csp_cipher_klen != CHACHA20POLY1305_KEY_SIZE)
		return (EINVAL);
	*sid = &wg_compat_chacha20_poly1305;
	return (0);
}

void
wg_compat_crypto_freesession(wg_compat_crypto_session_t sid __unused)
{
}

void
wg_compat_crypto_initreq(struct wg_compat_cryptop *crp,
    wg_compat_crypto_session_t sid)
{
	memset(crp, 0, sizeof(*crp));
	crp->crp_session = sid;
}

void
wg_compat_crypto_destroyreq(struct wg_compat_cryptop *crp)
{
	explicit_bzero(crp->crp_iv, sizeof(crp->crp_iv));
}

void
wg_compat_crypto_use_mbuf(struct wg_compat_cryptop *crp, struct mbuf *m)
{
	crp->crp_mbuf = m;
}

/*
 * One AEAD request over the whole chain: payload from 0, the tag right after
 * it (the only layout wg_crypto.c builds).  The tag is checked before
 * anything is decrypted.
 */
int
wg_compat_crypto_dispatch(struct wg_compat_cryptop *crp)
{
	struct wg_keystream ks;
	struct poly1305_ctx mac;
	uint8_t tag[CHACHA20POLY1305_AUTHTAG_SIZE];
	uint8_t expect[CHACHA20POLY1305_AUTHTAG_SIZE];
	struct mbuf *m = crp->crp_mbuf;
	int len = crp->crp_payload_length;
	int error = 0;

	if (crp->crp_session != &wg_compat_chacha20_poly1305 || m == NULL ||
	    crp->crp_payload_start != 0 || crp->crp_digest_start != len ||
	    len < 0 || m->m_pkthdr.len != len + CHACHA20POLY1305_AUTHTAG_SIZE) {
		crp->crp_etype = EINVAL;
		return (EINVAL);
	}
	wg_chacha20poly1305_start(&ks, &mac, le64dec(crp->crp_iv),
	    crp->crp_cipher_key);
	if (crp->crp_op & CRYPTO_OP_ENCRYPT) {
		wg_chacha20_mbuf(&ks, m, len);
		wg_poly1305_mbuf(&mac, m, len);
		wg_poly1305_finish(&mac, len, tag);
		m_copyback(m, len, sizeof(tag), (c_caddr_t)tag);
	} else {
		wg_poly1305_mbuf(&mac, m, len);
		wg_poly1305_finish(&mac, len, tag);
		m_copydata(m, len, sizeof(expect), (caddr_t)expect);
		if (timingsafe_bcmp(tag, expect, sizeof(tag)) != 0)
			error = EBADMSG;
		else
			wg_chacha20_mbuf(&ks, m, len);
	}
	explicit_bzero(&ks, sizeof(ks));
	explicit_bzero(&mac, sizeof(mac));
	explicit_bzero(tag, sizeof(tag));
	crp->crp_etype = error;
	if (crp->crp_callback != NULL)
		(void)crp->crp_callback(crp);
	return (error);
}
#endif /* COMPAT_NEED_CHACHA20POLY1305_MBUF */
`;
}
