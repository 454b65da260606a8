/*
 * The harness's OCF: crypto_newsession with check_csp, and crypto_dispatch with one synchronous software
 * driver that behaves like FreeBSD's cryptosoft (ocf.md sections 2-4): the request is checked first
 * (every crp_sanity rule plus what only the model checks, with the rule ids of
 * packages/ocf/src/request.ts, and a violation panics as an INVARIANTS kernel would), then processed:
 * AAD and payload MACed, on decrypt the tag compared with timingsafe_bcmp and EBADMSG returned before
 * anything is decrypted; the result goes to crp_etype, the callback runs, and crypto_dispatch returns 0.
 * The crypto is libsodium's (independent of the glue's fallback) or, for the bench, the emitted
 * scalar sys/crypto C; either walks the mbuf chain as cryptosoft's cursor does: whole blocks in
 * place, a block split across mbufs through a local buffer.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/endian.h>
#include <sys/mbuf.h>
#include <opencrypto/cryptodev.h>

#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>

#include <crypto/chacha20_poly1305_internal.h>
#include <stdlib.h>

#include "harness.h"

struct crypto_session {
	struct crypto_session_params	 csp;
	int				 caps;
};

static int	driver_caps = CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC;
static long	sessions_live;
static long	dispatches;
static struct crypto_session_params last_csp;
static int	last_crid;

/*
 * The driver's primitives: libsodium's (the default, independent of the glue's fallback) or the
 * emitted sys/crypto scalar C, which is what a kernel cryptosoft runs (its libsodium is built without
 * SIMD), for the bench.
 */
static int	driver_scalar;

void
harness_set_driver_scalar(int scalar)
{
	driver_scalar = scalar;
}

struct drv_mac {
	crypto_onetimeauth_poly1305_state	s;
	struct poly1305_ctx			c;
};

static void
drv_xor(uint8_t *p, size_t len, const uint8_t *nonce, uint32_t counter, const uint8_t *key)
{
	if (driver_scalar)
		chacha20_poly1305_keystream_xor(p, p, len, key, nonce, counter);
	else
		crypto_stream_chacha20_ietf_xor_ic(p, p, len, nonce, counter, key);
}

static void
drv_mac_init(struct drv_mac *mac, const uint8_t *key)
{
	if (driver_scalar)
		chacha20_poly1305_mac_init(&mac->c, key);
	else
		crypto_onetimeauth_poly1305_init(&mac->s, key);
}

static void
drv_mac_update(struct drv_mac *mac, const uint8_t *p, size_t len)
{
	if (driver_scalar)
		chacha20_poly1305_mac_update(&mac->c, p, len);
	else
		crypto_onetimeauth_poly1305_update(&mac->s, p, len);
}

static void
drv_mac_final(struct drv_mac *mac, uint8_t *tag)
{
	if (driver_scalar)
		chacha20_poly1305_mac_final(&mac->c, tag);
	else
		crypto_onetimeauth_poly1305_final(&mac->s, tag);
}

void
harness_set_driver_sync(int sync)
{
	driver_caps = CRYPTOCAP_F_SOFTWARE | (sync ? CRYPTOCAP_F_SYNC : 0);
}

long
harness_sessions_live(void)
{
	return (sessions_live);
}

const struct crypto_session_params *
harness_last_csp(int *crid)
{
	*crid = last_crid;
	return (&last_csp);
}

long
harness_dispatches(void)
{
	return (dispatches);
}

/* check_csp for AEAD (crypto.c), as packages/ocf/src/session.ts has it. */
static int
check_csp(const struct crypto_session_params *csp)
{
	if (csp->csp_flags & ~(CSP_F_SEPARATE_OUTPUT | CSP_F_SEPARATE_AAD | CSP_F_ESN))
		return (0);
	if (csp->csp_ivlen < 0 || csp->csp_cipher_klen < 0 || csp->csp_auth_klen < 0 ||
	    csp->csp_auth_mlen < 0)
		return (0);
	if (csp->csp_mode != CSP_MODE_AEAD || csp->csp_cipher_alg != CRYPTO_CHACHA20_POLY1305)
		return (0);
	if (csp->csp_cipher_klen == 0 || csp->csp_ivlen == 0 || csp->csp_ivlen >= EALG_MAX_BLOCK_LEN)
		return (0);
	if (csp->csp_auth_alg != 0 || csp->csp_auth_klen != 0)
		return (0);
	if (csp->csp_ivlen != 8 && csp->csp_ivlen != CHACHA20_POLY1305_IV_LEN)
		return (0);
	if (csp->csp_auth_mlen > POLY1305_HASH_LEN)
		return (0);
	return (1);
}

int
crypto_newsession(crypto_session_t *sidp, const struct crypto_session_params *csp, int crid)
{
	struct crypto_session *s;

	last_csp = *csp;
	last_crid = crid;
	if (!check_csp(csp))
		return (EINVAL);
	if ((crid & (CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE)) != 0 && (crid & driver_caps) == 0)
		return (EOPNOTSUPP);
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		panic("out of memory");
	s->csp = *csp;
	s->caps = driver_caps;
	sessions_live++;
	*sidp = s;
	return (0);
}

void
crypto_freesession(crypto_session_t s)
{
	if (s == NULL)
		return;
	free(s);
	sessions_live--;
}

int
crypto_ses2caps(crypto_session_t s)
{
	return (s->caps);
}

void
crypto_initreq(struct cryptop *crp, crypto_session_t s)
{
	memset(crp, 0, sizeof(*crp));
	crp->crp_session = s;
}

void
crypto_destroyreq(struct cryptop *crp __unused)
{
}

static int
buffer_len(const struct crypto_buffer *cb)
{
	switch (cb->cb_type) {
	case CRYPTO_BUF_MBUF:
		if (cb->cb_mbuf->m_flags & M_PKTHDR)
			return (cb->cb_mbuf->m_pkthdr.len);
		return ((int)m_length(cb->cb_mbuf, NULL));
	case CRYPTO_BUF_CONTIG:
		return (cb->cb_buf_len);
	default:
		return (0);
	}
}

#define	RULE(id) do {							\
	if (n < max)							\
		rules[n] = (id);					\
	n++;								\
} while (0)

static int
overlaps(long as, long al, long bs, long bl)
{
	return (al > 0 && bl > 0 && as < bs + bl && bs < as + al);
}

/*
 * Every rule of crp_sanity (crypto.c, INVARIANTS) for an AEAD session without an output buffer, then
 * the model's own (request.ts model_checks), with the same ids. Returns how many rules fail.
 */
int
harness_crp_check(const struct cryptop *crp, const char **rules, int max)
{
	const struct crypto_session_params *csp;
	long ilen, tag;
	int n;

	n = 0;
	if (crp->crp_session == NULL) {
		RULE("session");
		return (n);
	}
	csp = &crp->crp_session->csp;
	if (crp->crp_obuf.cb_type > CRYPTO_BUF_LAST)
		RULE("obuf_type");
	if (crp->crp_etype != 0)
		RULE("etype");
	if (crp->crp_flags & CRYPTO_F_DONE)
		RULE("done");
	if (crp->crp_buf.cb_type <= CRYPTO_BUF_NONE || crp->crp_buf.cb_type > CRYPTO_BUF_LAST)
		RULE("buf_type");
	if (crp->crp_obuf.cb_type != CRYPTO_BUF_NONE && !(csp->csp_flags & CSP_F_SEPARATE_OUTPUT))
		RULE("obuf_without_flag");
	if (crp->crp_op != (CRYPTO_OP_ENCRYPT | CRYPTO_OP_COMPUTE_DIGEST) &&
	    crp->crp_op != (CRYPTO_OP_DECRYPT | CRYPTO_OP_VERIFY_DIGEST))
		RULE("op");
	if (!(crp->crp_flags & CRYPTO_F_IV_SEPARATE))
		RULE("iv_separate_required");
	ilen = buffer_len(&crp->crp_buf);
	if (crp->crp_aad == NULL) {
		if (!(crp->crp_aad_start == 0 || crp->crp_aad_start < ilen))
			RULE("aad_start");
		if (!(crp->crp_aad_length != 0 || crp->crp_aad_start == 0))
			RULE("aad_length");
		if (!(crp->crp_aad_length == 0 ||
		    (long)crp->crp_aad_start + crp->crp_aad_length <= ilen))
			RULE("aad_bounds");
	} else {
		if (!(csp->csp_flags & CSP_F_SEPARATE_AAD))
			RULE("aad_separate_flag");
		if (crp->crp_aad_start != 0 || crp->crp_aad_length == 0)
			RULE("aad_separate_fields");
	}
	if (crp->crp_flags & CRYPTO_F_IV_SEPARATE) {
		if (crp->crp_iv_start != 0)
			RULE("iv_start");
	} else if (!(crp->crp_iv_start < ilen && (long)crp->crp_iv_start + csp->csp_ivlen <= ilen))
		RULE("iv_bounds");
	if (!(crp->crp_payload_start == 0 || crp->crp_payload_start < ilen))
		RULE("payload_start");
	if (!((long)crp->crp_payload_start + crp->crp_payload_length <= ilen))
		RULE("payload_bounds");
	if (crp->crp_payload_output_start != 0)
		RULE("payload_output");
	if (!(crp->crp_digest_start == 0 || crp->crp_digest_start < ilen))
		RULE("digest_start");
	if (!((long)crp->crp_digest_start + csp->csp_auth_mlen <= ilen))
		RULE("digest_bounds");
	if (csp->csp_cipher_klen != 0 && csp->csp_cipher_key == NULL && crp->crp_cipher_key == NULL)
		RULE("key");
	if (crp->crp_callback == NULL)
		RULE("callback");

	/* What the kernel never checks (request.ts model_checks). */
	tag = csp->csp_auth_mlen != 0 ? csp->csp_auth_mlen : POLY1305_HASH_LEN;
	if ((long)crp->crp_aad_start + crp->crp_aad_length > INT_MAX ||
	    (long)crp->crp_payload_start + crp->crp_payload_length > INT_MAX ||
	    (long)crp->crp_digest_start + tag > INT_MAX)
		RULE("int_overflow");
	if (overlaps(crp->crp_payload_start, crp->crp_payload_length,
	    crp->crp_aad == NULL ? crp->crp_aad_start : 0,
	    crp->crp_aad == NULL ? crp->crp_aad_length : 0))
		RULE("overlap");
	if (overlaps(crp->crp_payload_start, crp->crp_payload_length, crp->crp_digest_start, tag))
		RULE("overlap");
	if (crp->crp_aad == NULL &&
	    overlaps(crp->crp_aad_start, crp->crp_aad_length, crp->crp_digest_start, tag))
		RULE("overlap");
	if ((long)crp->crp_digest_start + tag > ilen)
		RULE("digest_whole");
	if (crp->crp_buf.cb_type == CRYPTO_BUF_MBUF && (crp->crp_buf.cb_mbuf->m_flags & M_PKTHDR) &&
	    (u_int)crp->crp_buf.cb_mbuf->m_pkthdr.len != m_length(crp->crp_buf.cb_mbuf, NULL))
		RULE("pkthdr_len");
	if (!(crp->crp_session->caps & CRYPTOCAP_F_SYNC))
		RULE("not_sync");
	return (n);
}

/* A position in the request's buffer: cryptosoft's crypto_buffer_cursor over an mbuf chain. */
struct cursor {
	struct mbuf	*m;
	int		 off;
	char		*contig;
};

static void
cursor_init(struct cursor *c, const struct crypto_buffer *cb, int start)
{
	c->m = NULL;
	c->contig = NULL;
	c->off = start;
	if (cb->cb_type == CRYPTO_BUF_CONTIG) {
		c->contig = cb->cb_buf;
		return;
	}
	c->m = cb->cb_mbuf;
	while (c->m != NULL && c->off >= c->m->m_len) {
		c->off -= c->m->m_len;
		c->m = c->m->m_next;
	}
}

/* The contiguous bytes at the cursor (len 0 at the end). */
static uint8_t *
cursor_segment(struct cursor *c, int *len)
{
	if (c->contig != NULL) {
		*len = INT_MAX;
		return ((uint8_t *)c->contig + c->off);
	}
	while (c->m != NULL && c->off >= c->m->m_len) {
		c->off -= c->m->m_len;
		c->m = c->m->m_next;
	}
	if (c->m == NULL) {
		*len = 0;
		return (NULL);
	}
	*len = c->m->m_len - c->off;
	return ((uint8_t *)mtod(c->m, char *) + c->off);
}

static void
cursor_advance(struct cursor *c, int n)
{
	c->off += n;
}

/* Copy n bytes at the cursor out (dir 0) or in (dir 1), advancing. */
static void
cursor_copy(struct cursor *c, uint8_t *buf, int n, int dir)
{
	uint8_t *p;
	int seg, k;

	while (n > 0) {
		p = cursor_segment(c, &seg);
		if (seg == 0)
			panic("cursor past the end of the buffer");
		k = MIN(seg, n);
		if (dir == 0)
			memcpy(buf, p, k);
		else
			memcpy(p, buf, k);
		buf += k;
		n -= k;
		cursor_advance(c, k);
	}
}

static void
mac_region(struct drv_mac *st, const struct crypto_buffer *cb, int off, int len)
{
	struct cursor c;
	uint8_t *p;
	int seg, k;

	cursor_init(&c, cb, off);
	while (len > 0) {
		p = cursor_segment(&c, &seg);
		if (seg == 0)
			panic("MAC region past the end of the buffer");
		k = MIN(seg, len);
		drv_mac_update(st, p, k);
		cursor_advance(&c, k);
		len -= k;
	}
}

static void
crypt_payload(struct cryptop *crp, const uint8_t *nonce, const uint8_t *key)
{
	struct cursor cin, cout;
	uint8_t blk[64], *p;
	uint32_t counter;
	int resid, seg, todo;

	/* In place: the output cursor walks the input buffer too (no crp_obuf). */
	cursor_init(&cin, &crp->crp_buf, crp->crp_payload_start);
	cursor_init(&cout, &crp->crp_buf, crp->crp_payload_start);
	counter = 1;
	resid = crp->crp_payload_length;
	while (resid >= 64) {
		p = cursor_segment(&cin, &seg);
		if (seg < 64) {
			/* A block split across mbufs goes through blk (crypto_cursor_copydata/copyback). */
			cursor_copy(&cin, blk, 64, 0);
			drv_xor(blk, 64, nonce, counter, key);
			cursor_copy(&cout, blk, 64, 1);
			counter++;
			resid -= 64;
			continue;
		}
		todo = rounddown(MIN(resid, seg), 64);
		drv_xor(p, todo, nonce, counter, key);
		cursor_advance(&cin, todo);
		cursor_advance(&cout, todo);
		counter += todo / 64;
		resid -= todo;
	}
	if (resid > 0) {
		/* The final partial block always goes through blk. */
		cursor_copy(&cin, blk, resid, 0);
		drv_xor(blk, resid, nonce, counter, key);
		cursor_copy(&cout, blk, resid, 1);
	}
	sodium_memzero(blk, sizeof(blk));
}

static int
swcr_chacha20_poly1305(struct cryptop *crp)
{
	static const uint8_t zero[16];
	const struct crypto_session_params *csp;
	struct drv_mac st;
	uint8_t nonce[12], block0[64], tag[16], expect[16], lens[16];
	const uint8_t *key;
	struct cursor c;
	int tlen, bad;

	csp = &crp->crp_session->csp;
	if (!(crp->crp_flags & CRYPTO_F_IV_SEPARATE))
		return (EINVAL);
	key = crp->crp_cipher_key != NULL ? crp->crp_cipher_key : csp->csp_cipher_key;
	/* An 8-byte nonce is RFC 8439's with four zero bytes in front (xform_chacha20_poly1305.c). */
	memset(nonce, 0, sizeof(nonce));
	memcpy(nonce + sizeof(nonce) - csp->csp_ivlen, crp->crp_iv, csp->csp_ivlen);
	memset(block0, 0, sizeof(block0));
	drv_xor(block0, sizeof(block0), nonce, 0, key);
	drv_mac_init(&st, block0);
	sodium_memzero(block0, sizeof(block0));
	tlen = csp->csp_auth_mlen != 0 ? csp->csp_auth_mlen : POLY1305_HASH_LEN;

	if (crp->crp_aad != NULL)
		drv_mac_update(&st, crp->crp_aad, crp->crp_aad_length);
	else
		mac_region(&st, &crp->crp_buf, crp->crp_aad_start, crp->crp_aad_length);
	drv_mac_update(&st, zero, (16 - crp->crp_aad_length % 16) % 16);
	if (crp->crp_op & CRYPTO_OP_ENCRYPT)
		crypt_payload(crp, nonce, key);
	mac_region(&st, &crp->crp_buf, crp->crp_payload_start, crp->crp_payload_length);
	drv_mac_update(&st, zero, (16 - crp->crp_payload_length % 16) % 16);
	le64enc(lens, (uint64_t)crp->crp_aad_length);
	le64enc(lens + 8, (uint64_t)crp->crp_payload_length);
	drv_mac_update(&st, lens, sizeof(lens));
	drv_mac_final(&st, tag);

	cursor_init(&c, &crp->crp_buf, crp->crp_digest_start);
	if (crp->crp_op & CRYPTO_OP_ENCRYPT) {
		cursor_copy(&c, tag, tlen, 1);
		sodium_memzero(tag, sizeof(tag));
		return (0);
	}
	cursor_copy(&c, expect, tlen, 0);
	bad = timingsafe_bcmp(tag, expect, tlen);
	sodium_memzero(tag, sizeof(tag));
	if (bad)
		return (EBADMSG);	/* before any decryption: the payload is untouched */
	crypt_payload(crp, nonce, key);
	return (0);
}

int
crypto_dispatch(struct cryptop *crp)
{
	const char *rules[HARNESS_MAX_RULES];
	int i, n;

	dispatches++;
	n = harness_crp_check(crp, rules, HARNESS_MAX_RULES);
	if (n > 0) {
		for (i = 0; i < n && i < HARNESS_MAX_RULES; i++)
			fprintf(stderr, "crp_sanity: %s\n", rules[i]);
		panic("crypto_dispatch: %d rule(s) broken, first %s", n, rules[0]);
	}
	crp->crp_etype = swcr_chacha20_poly1305(crp);
	crp->crp_flags |= CRYPTO_F_DONE;
	(void)crp->crp_callback(crp);
	return (0);
}
