/* Shared declarations of the userspace harness (not kernel code). */
#ifndef _HARNESS_H_
#define	_HARNESS_H_

#include <sys/param.h>

struct mbuf;
struct cryptop;
struct crypto_session_params;

/* mbuf.c */
struct mbuf	*harness_mbuf_alloc(int size, int leading, int pkthdr);
void		 harness_fail_allocs_after(long n);
long		 harness_mbufs_live(void);
const char	*harness_mbuf_check(const struct mbuf *);

/* ocf.c */
#define	HARNESS_MAX_RULES	32
void	harness_set_driver_sync(int sync);
void	harness_set_driver_scalar(int scalar);
long	harness_sessions_live(void);
long	harness_dispatches(void);
const struct crypto_session_params *harness_last_csp(int *crid);
int	harness_crp_check(const struct cryptop *, const char **rules, int max);

#endif /* !_HARNESS_H_ */
