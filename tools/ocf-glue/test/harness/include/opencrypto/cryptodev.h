/*
 * Userspace stand-in for FreeBSD's <opencrypto/cryptodev.h>: the session and request structures and
 * constants the glue uses, with the kernel's names and values (a test compares every value here with
 * packages/ocf/src/constants.ts). harness/ocf.c implements the functions: a synchronous software
 * driver that behaves like cryptosoft (crypto_dispatch returns 0, the result is in crp_etype).
 */
#ifndef _HARNESS_OPENCRYPTO_CRYPTODEV_H_
#define	_HARNESS_OPENCRYPTO_CRYPTODEV_H_

#include <sys/param.h>

#define	CRYPTO_CHACHA20_POLY1305	41
#define	CHACHA20_POLY1305_IV_LEN	12
#define	POLY1305_HASH_LEN		16
#define	EALG_MAX_BLOCK_LEN		64

#define	CSP_MODE_AEAD			4
#define	CSP_F_SEPARATE_OUTPUT		0x0001
#define	CSP_F_SEPARATE_AAD		0x0002
#define	CSP_F_ESN			0x0004

#define	CRYPTO_OP_DECRYPT		0x0
#define	CRYPTO_OP_ENCRYPT		0x1
#define	CRYPTO_OP_COMPUTE_DIGEST	0x0
#define	CRYPTO_OP_VERIFY_DIGEST		0x2

#define	CRYPTO_F_CBIMM			0x0010
#define	CRYPTO_F_DONE			0x0020
#define	CRYPTO_F_CBIFSYNC		0x0040
#define	CRYPTO_F_ASYNC_ORDERED		0x0100
#define	CRYPTO_F_IV_SEPARATE		0x0200

#define	CRYPTOCAP_F_HARDWARE		0x01000000
#define	CRYPTOCAP_F_SOFTWARE		0x02000000
#define	CRYPTOCAP_F_SYNC		0x04000000

enum crypto_buffer_type {
	CRYPTO_BUF_NONE = 0,
	CRYPTO_BUF_CONTIG,
	CRYPTO_BUF_UIO,
	CRYPTO_BUF_MBUF,
	CRYPTO_BUF_VMPAGE,
	CRYPTO_BUF_SINGLE_MBUF,
	CRYPTO_BUF_LAST = CRYPTO_BUF_SINGLE_MBUF
};

struct crypto_buffer {
	union {
		struct {
			char	*cb_buf;
			int	 cb_buf_len;
		};
		struct mbuf	*cb_mbuf;
	};
	enum crypto_buffer_type cb_type;
};

struct crypto_session_params {
	int		csp_mode;
	int		csp_flags;
	int		csp_ivlen;
	int		csp_cipher_alg;
	int		csp_cipher_klen;
	const void	*csp_cipher_key;
	int		csp_auth_alg;
	int		csp_auth_klen;
	const void	*csp_auth_key;
	int		csp_auth_mlen;
};

typedef struct crypto_session *crypto_session_t;

struct cryptop {
	crypto_session_t crp_session;
	int		crp_olen;
	int		crp_etype;
	int		crp_flags;
	int		crp_op;
	struct crypto_buffer crp_buf;
	struct crypto_buffer crp_obuf;
	void		*crp_aad;
	int		crp_aad_start;
	int		crp_aad_length;
	int		crp_iv_start;
	int		crp_payload_start;
	int		crp_payload_output_start;
	int		crp_payload_length;
	int		crp_digest_start;
	uint8_t		crp_iv[EALG_MAX_BLOCK_LEN];
	const void	*crp_cipher_key;
	const void	*crp_auth_key;
	void		*crp_opaque;
	int		(*crp_callback)(struct cryptop *);
};

int	crypto_newsession(crypto_session_t *, const struct crypto_session_params *, int);
void	crypto_freesession(crypto_session_t);
int	crypto_ses2caps(crypto_session_t);
void	crypto_initreq(struct cryptop *, crypto_session_t);
void	crypto_destroyreq(struct cryptop *);
int	crypto_dispatch(struct cryptop *);

#define	CRYPTO_SESS_SYNC(sess)	((crypto_ses2caps(sess) & CRYPTOCAP_F_SYNC) != 0)

static inline void
crypto_use_mbuf(struct cryptop *crp, struct mbuf *m)
{
	crp->crp_buf.cb_mbuf = m;
	crp->crp_buf.cb_type = CRYPTO_BUF_MBUF;
}

#endif /* !_HARNESS_OPENCRYPTO_CRYPTODEV_H_ */
