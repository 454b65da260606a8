/*
 * Userspace stand-in for FreeBSD's <sys/mbuf.h>: struct mbuf with the fields the glue touches and the
 * m_* functions it calls, with the kernel's signatures. harness/mbuf.c implements them the way
 * sys/kern/uipc_mbuf.c does (and packages/ocf/src/mbuf.ts models).
 */
#ifndef _HARNESS_SYS_MBUF_H_
#define	_HARNESS_SYS_MBUF_H_

#include <sys/param.h>

#define	M_PKTHDR	0x00000002
#define	MT_DATA		1
#define	M_NOWAIT	0x0001
#define	MLEN		224
#define	MHLEN		160

struct pkthdr {
	int		len;
};

struct mbuf {
	struct mbuf	*m_next;
	char		*m_data;
	int		 m_len;
	int		 m_flags;
	short		 m_type;
	struct pkthdr	 m_pkthdr;
	/* harness only: the storage m_data points into */
	char		*m_buf;
	int		 m_size;
};

#define	mtod(m, t)	((t)((m)->m_data))
#define	M_LEADINGSPACE(m)	((int)((m)->m_data - (m)->m_buf))
#define	M_TRAILINGSPACE(m)	((int)((m)->m_buf + (m)->m_size - ((m)->m_data + (m)->m_len)))

struct mbuf	*m_get(int, short);
void		 m_freem(struct mbuf *);
int		 m_append(struct mbuf *, int, c_caddr_t);
void		 m_adj(struct mbuf *, int);
void		 m_copydata(const struct mbuf *, int, int, caddr_t);
void		 m_copyback(struct mbuf *, int, int, c_caddr_t);
u_int		 m_length(struct mbuf *, struct mbuf **);
int		 m_apply(struct mbuf *, int, int, int (*)(void *, void *, u_int), void *);

#endif /* !_HARNESS_SYS_MBUF_H_ */
