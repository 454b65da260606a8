/*
 * The harness's mbufs: the m_* functions the glue calls, written the way sys/kern/uipc_mbuf.c behaves
 * (and packages/ocf/src/mbuf.ts models): m_append keeps a partial append when an allocation fails,
 * m_adj(m, -n) frees the mbufs after the new end. Allocation failures are injected with
 * harness_fail_allocs_after(). Every chain the harness hands to the glue is checked with
 * harness_mbuf_check() afterwards.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/mbuf.h>

#include <stdlib.h>

#include "harness.h"

static long	allocs_left = -1;	/* -1: unlimited */
static long	mbufs_live;

void
harness_fail_allocs_after(long n)
{
	allocs_left = n;
}

long
harness_mbufs_live(void)
{
	return (mbufs_live);
}

struct mbuf *
harness_mbuf_alloc(int size, int leading, int pkthdr)
{
	struct mbuf *m;

	if (allocs_left == 0)
		return (NULL);
	if (allocs_left > 0)
		allocs_left--;
	m = calloc(1, sizeof(*m));
	if (m == NULL)
		panic("out of memory");
	m->m_buf = malloc(size > 0 ? size : 1);
	if (m->m_buf == NULL)
		panic("out of memory");
	m->m_size = size;
	m->m_data = m->m_buf + leading;
	m->m_flags = pkthdr ? M_PKTHDR : 0;
	m->m_type = MT_DATA;
	mbufs_live++;
	return (m);
}

struct mbuf *
m_get(int how __unused, short type __unused)
{
	return (harness_mbuf_alloc(MLEN, 0, 0));
}

void
m_freem(struct mbuf *m)
{
	struct mbuf *n;

	for (; m != NULL; m = n) {
		n = m->m_next;
		free(m->m_buf);
		free(m);
		mbufs_live--;
	}
}

int
m_append(struct mbuf *m0, int len, c_caddr_t cp)
{
	struct mbuf *m, *n;
	int remainder, space;

	for (m = m0; m->m_next != NULL; m = m->m_next)
		;
	remainder = len;
	space = M_TRAILINGSPACE(m);
	if (space > 0) {
		if (space > remainder)
			space = remainder;
		memcpy(mtod(m, char *) + m->m_len, cp, space);
		m->m_len += space;
		cp += space;
		remainder -= space;
	}
	while (remainder > 0) {
		n = m_get(M_NOWAIT, m->m_type);
		if (n == NULL)
			break;
		n->m_len = MIN(MLEN, remainder);
		memcpy(mtod(n, char *), cp, n->m_len);
		cp += n->m_len;
		remainder -= n->m_len;
		m->m_next = n;
		m = n;
	}
	if (m0->m_flags & M_PKTHDR)
		m0->m_pkthdr.len += len - remainder;
	return (remainder == 0);
}

void
m_adj(struct mbuf *mp, int req_len)
{
	struct mbuf *m;
	int len, count;

	len = req_len;
	m = mp;
	if (len >= 0) {
		while (m != NULL && len > 0) {
			if (m->m_len <= len) {
				len -= m->m_len;
				m->m_len = 0;
				m = m->m_next;
			} else {
				m->m_len -= len;
				m->m_data += len;
				len = 0;
			}
		}
		if (mp->m_flags & M_PKTHDR)
			mp->m_pkthdr.len -= (req_len - len);
		return;
	}
	len = -len;
	count = 0;
	for (;;) {
		count += m->m_len;
		if (m->m_next == NULL)
			break;
		m = m->m_next;
	}
	if (m->m_len >= len) {
		m->m_len -= len;
		if (mp->m_flags & M_PKTHDR)
			mp->m_pkthdr.len -= len;
		return;
	}
	count -= len;
	if (count < 0)
		count = 0;
	m = mp;
	if (m->m_flags & M_PKTHDR)
		m->m_pkthdr.len = count;
	for (; m != NULL; m = m->m_next) {
		if (m->m_len >= count) {
			m->m_len = count;
			if (m->m_next != NULL) {
				m_freem(m->m_next);
				m->m_next = NULL;
			}
			break;
		}
		count -= m->m_len;
	}
}

void
m_copydata(const struct mbuf *m, int off, int len, caddr_t cp)
{
	int count;

	if (off < 0 || len < 0)
		panic("m_copydata: negative off %d or len %d", off, len);
	while (off > 0) {
		if (m == NULL)
			panic("m_copydata: offset past the chain");
		if (off < m->m_len)
			break;
		off -= m->m_len;
		m = m->m_next;
	}
	while (len > 0) {
		if (m == NULL)
			panic("m_copydata: length past the chain");
		count = MIN(m->m_len - off, len);
		memcpy(cp, mtod(m, char *) + off, count);
		len -= count;
		cp += count;
		off = 0;
		m = m->m_next;
	}
}

void
m_copyback(struct mbuf *m0, int off, int len, c_caddr_t cp)
{
	struct mbuf *m;
	int count;

	if (off < 0 || len < 0 || (u_int)(off + len) > m_length(m0, NULL))
		panic("m_copyback: %d+%d outside the chain (the harness does not extend chains)", off, len);
	m = m0;
	while (off >= m->m_len) {
		off -= m->m_len;
		m = m->m_next;
	}
	while (len > 0) {
		count = MIN(m->m_len - off, len);
		memcpy(mtod(m, char *) + off, cp, count);
		len -= count;
		cp += count;
		off = 0;
		m = m->m_next;
	}
}

u_int
m_length(struct mbuf *m0, struct mbuf **last)
{
	struct mbuf *m;
	u_int len;

	len = 0;
	for (m = m0; m != NULL; m = m->m_next) {
		len += m->m_len;
		if (m->m_next == NULL)
			break;
	}
	if (last != NULL)
		*last = m;
	return (len);
}

int
m_apply(struct mbuf *m, int off, int len, int (*f)(void *, void *, u_int), void *arg)
{
	u_int count;
	int rval;

	while (off > 0 && m != NULL && off >= m->m_len) {
		off -= m->m_len;
		m = m->m_next;
	}
	while (len > 0) {
		if (m == NULL)
			panic("m_apply: length past the chain");
		count = MIN(m->m_len - off, len);
		if (count > 0) {
			rval = (*f)(arg, mtod(m, char *) + off, count);
			if (rval)
				return (rval);
		}
		len -= count;
		off = 0;
		m = m->m_next;
	}
	return (0);
}

/* The invariants packages/ocf/src/mbuf.ts checks; returns a message or NULL. */
const char *
harness_mbuf_check(const struct mbuf *m0)
{
	const struct mbuf *m;
	long total;
	int i;

	total = 0;
	for (m = m0, i = 0; m != NULL; m = m->m_next, i++) {
		if (i > 100000)
			return ("the chain loops");
		if (m->m_len < 0)
			return ("negative m_len");
		if (m->m_data < m->m_buf || m->m_data + m->m_len > m->m_buf + m->m_size)
			return ("data outside the mbuf's storage");
		if (i > 0 && (m->m_flags & M_PKTHDR))
			return ("M_PKTHDR on a non-leading mbuf");
		total += m->m_len;
	}
	if ((m0->m_flags & M_PKTHDR) && m0->m_pkthdr.len != total)
		return ("m_pkthdr.len differs from the chain's length");
	return (NULL);
}
