/*
 * The userspace harness around the emitted glue (freebsd-overlay/sys/dev/wg/wg_crypto_ocf.c), compiled
 * twice into this one program: as is (the OCF path, against ocf.c's cryptosoft-like dispatcher) and with
 * COMPAT_NEED_CHACHA20POLY1305_MBUF (the fallback, its functions renamed fb_*). It reads one command per
 * line on stdin and answers one line per command (the last line of a multi-line answer starts with
 * "done"), so jest drives it as one long-running process. Errors are printed by name (EBADMSG, ...):
 * Linux and FreeBSD number them differently.
 *
 *   enc|dec PATH NONCE KEYHEX SPLITS TRAILING DATAHEX   one packet; SPLITS "a,b,c"; DATAHEX "-" if empty
 *       -> ERR HEX LENS                                  result, the chain's bytes, its mbuf lengths
 *   sweep PATH MAXLEN                                   every split of the documented set (README)
 *   flips PATH MAXLEN                                   every byte of ciphertext and tag, one bit each
 *   enomem PATH                                         m_append failures at every point, chain intact
 *   init sync|async                                     wg_crypto_init on a sync or async driver
 *   csp                                                 the session parameters the glue asked for
 *   driver sodium|scalar                                the dispatcher's primitives (default sodium)
 *   check FIELDS...                                     the dispatcher's rule ids for a request
 *   bench ITERS                                         timings for the `ocf` bench
 *   bench1 PATH SHAPE ITERS                             round trips only (for valgrind)
 *   quit
 * PATH is "ocf" or "fb".
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/endian.h>
#include <sys/mbuf.h>
#include <opencrypto/cryptodev.h>

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "harness.h"
#include "wg_crypto_ocf.h"

int	fb_chacha20poly1305_encrypt_mbuf(struct mbuf *, const uint64_t, const uint8_t *);
int	fb_chacha20poly1305_decrypt_mbuf(struct mbuf *, const uint64_t, const uint8_t *);
int	fb_wg_crypto_init(void);
void	fb_wg_crypto_deinit(void);

#define	MAXPKT		(1 << 16)
#define	MAXSPLITS	64
#define	TAG		16

typedef int (*mbuf_fn)(struct mbuf *, const uint64_t, const uint8_t *);

struct path {
	const char	*name;
	mbuf_fn		 enc;
	mbuf_fn		 dec;
};

static const struct path paths[] = {
	{ "ocf", chacha20poly1305_encrypt_mbuf, chacha20poly1305_decrypt_mbuf },
	{ "fb", fb_chacha20poly1305_encrypt_mbuf, fb_chacha20poly1305_decrypt_mbuf },
};

static const char *
errname(int e)
{
	switch (e) {
	case 0: return ("0");
	case EBADMSG: return ("EBADMSG");
	case EMSGSIZE: return ("EMSGSIZE");
	case ENOMEM: return ("ENOMEM");
	case EINVAL: return ("EINVAL");
	case ENXIO: return ("ENXIO");
	case EOPNOTSUPP: return ("EOPNOTSUPP");
	default: return ("E?");
	}
}

static const struct path *
find_path(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(paths); i++)
		if (strcmp(paths[i].name, name) == 0)
			return (&paths[i]);
	panic("unknown path %s", name);
}

/* A packet chain holding data, cut into the given mbuf lengths, each with trailing room. */
static struct mbuf *
chain(const uint8_t *data, const int *splits, int nsplits, int trailing)
{
	struct mbuf *head, *tail, *m;
	int i, off;

	head = tail = NULL;
	off = 0;
	for (i = 0; i < nsplits; i++) {
		m = harness_mbuf_alloc(splits[i] + trailing, 0, i == 0);
		if (m == NULL)
			panic("allocation refused while building a chain");
		memcpy(m->m_data, data + off, splits[i]);
		m->m_len = splits[i];
		off += splits[i];
		if (tail != NULL)
			tail->m_next = m;
		else
			head = m;
		tail = m;
	}
	head->m_pkthdr.len = off;
	return (head);
}

static int
chain_bytes(struct mbuf *m, uint8_t *out)
{
	int n;

	n = (int)m_length(m, NULL);
	m_copydata(m, 0, n, (caddr_t)out);
	return (n);
}

static void
check_chain(struct mbuf *m, const char *what)
{
	const char *err;

	err = harness_mbuf_check(m);
	if (err != NULL)
		panic("%s: broken chain: %s", what, err);
}

/* The contiguous reference: libsodium's RFC 8439 AEAD, nonce = 4 zero bytes || le64(counter). */
static void
reference_seal(uint8_t *out, const uint8_t *in, int len, uint64_t nonce, const uint8_t *key)
{
	uint8_t n12[12];

	memset(n12, 0, sizeof(n12));
	le64enc(n12 + 4, nonce);
	crypto_aead_chacha20poly1305_ietf_encrypt(out, NULL, in, len, NULL, 0, NULL, n12, key);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	panic("bad hex digit %c", c);
}

static int
unhex(const char *s, uint8_t *out, int max)
{
	int n;

	if (strcmp(s, "-") == 0)
		return (0);
	for (n = 0; s[0] != '\0' && s[1] != '\0'; s += 2, n++) {
		if (n >= max)
			panic("hex argument too long");
		out[n] = (uint8_t)(hexval(s[0]) << 4 | hexval(s[1]));
	}
	return (n);
}

static void
puthex(const uint8_t *p, int n)
{
	int i;

	if (n == 0)
		fputc('-', stdout);
	for (i = 0; i < n; i++)
		printf("%02x", p[i]);
}

static int
parse_splits(char *s, int *splits)
{
	char *tok, *save;
	int n;

	n = 0;
	for (tok = strtok_r(s, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		if (n >= MAXSPLITS)
			panic("too many splits");
		splits[n++] = atoi(tok);
	}
	return (n);
}

static uint8_t	buf_a[MAXPKT + TAG], buf_b[MAXPKT + TAG], buf_c[MAXPKT + TAG], buf_d[MAXPKT + TAG];

/* enc|dec PATH NONCE KEYHEX SPLITS TRAILING DATAHEX */
static void
cmd_one(int enc, char **argv)
{
	const struct path *p;
	struct mbuf *m, *q;
	uint8_t key[32];
	uint64_t nonce;
	int splits[MAXSPLITS], nsplits, trailing, len, i, n, ret;

	p = find_path(argv[0]);
	nonce = strtoull(argv[1], NULL, 10);
	if (unhex(argv[2], key, sizeof(key)) != 32)
		panic("key must be 32 bytes");
	nsplits = parse_splits(argv[3], splits);
	trailing = atoi(argv[4]);
	len = unhex(argv[5], buf_a, MAXPKT);
	for (i = 0, n = 0; i < nsplits; i++)
		n += splits[i];
	if (n != len)
		panic("splits add up to %d, the packet has %d bytes", n, len);
	m = chain(buf_a, splits, nsplits, trailing);
	ret = enc ? p->enc(m, nonce, key) : p->dec(m, nonce, key);
	check_chain(m, enc ? "enc" : "dec");
	n = chain_bytes(m, buf_b);
	printf("%s ", errname(ret));
	puthex(buf_b, n);
	printf(" ");
	for (q = m; q != NULL; q = q->m_next)
		printf("%s%d", q == m ? "" : ",", q->m_len);
	printf("\n");
	m_freem(m);
}

static uint64_t	sweep_cases, sweep_failures;

/*
 * Seal data cut by splits, compare with the contiguous reference sealed, open it again in a chain cut
 * the same way, compare with data.
 */
static void
one_split(const struct path *p, const uint8_t *data, int len, const uint8_t *sealed,
    const int *splits, int nsplits, uint64_t nonce, const uint8_t *key)
{
	struct mbuf *m;
	int ret, n, ok;

	sweep_cases++;
	m = chain(data, splits, nsplits, 0);
	ret = p->enc(m, nonce, key);
	check_chain(m, "sweep enc");
	n = chain_bytes(m, buf_c);
	ok = ret == 0 && n == len + TAG && memcmp(buf_c, sealed, n) == 0;
	if (ok) {
		ret = p->dec(m, nonce, key);
		check_chain(m, "sweep dec");
		n = chain_bytes(m, buf_c);
		ok = ret == 0 && n == len && memcmp(buf_c, data, n) == 0;
	}
	m_freem(m);
	if (!ok) {
		sweep_failures++;
		if (sweep_failures <= 10) {
			printf("FAIL %s len %d splits", p->name, len);
			for (n = 0; n < nsplits; n++)
				printf(" %d", splits[n]);
			printf(" ret %s\n", errname(ret));
		}
	}
}

static void
fill(uint8_t *p, int len, int seed)
{
	int i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(i * 167 + seed * 31 + 7);
}

/*
 * The documented split set (tools/ocf-glue/README.md): for every length 0..maxlen, every 1- and 2-way
 * split; every 3-way split for lengths up to 64, and for longer ones every 3-way split whose cut
 * points lie on a multiple of 4 or within 2 bytes of a multiple of 64; 4-way splits with cut points
 * stepping by 16 plus every 4-way split of a few chosen lengths. Empty mbufs are included (0-length
 * pieces). Prints "len HEX" of the contiguous seal for each length (jest compares them with the TS
 * model), then "done CASES FAILURES".
 */
static int
interesting(int off, int len)
{
	int r;

	if (len <= 64 || off % 4 == 0)
		return (1);
	r = off % 64;
	return (r <= 2 || r >= 62);
}

static void
cmd_sweep(char **argv)
{
	const struct path *p;
	uint8_t key[32];
	uint64_t nonce;
	int len, maxlen, a, b, c, s[4];

	p = find_path(argv[0]);
	maxlen = atoi(argv[1]);
	fill(key, 32, 99);
	nonce = 0x0102030405060708ULL;
	sweep_cases = sweep_failures = 0;
	for (len = 0; len <= maxlen; len++) {
		fill(buf_a, len, len);
		reference_seal(buf_b, buf_a, len, nonce, key);
		printf("%d ", len);
		puthex(buf_b, len + TAG);
		printf("\n");
		s[0] = len;
		one_split(p, buf_a, len, buf_b, s, 1, nonce, key);
		for (a = 0; a <= len; a++) {
			s[0] = a;
			s[1] = len - a;
			one_split(p, buf_a, len, buf_b, s, 2, nonce, key);
		}
		for (a = 0; a <= len; a++) {
			if (!interesting(a, len))
				continue;
			for (b = a; b <= len; b++) {
				if (!interesting(b, len))
					continue;
				s[0] = a;
				s[1] = b - a;
				s[2] = len - b;
				one_split(p, buf_a, len, buf_b, s, 3, nonce, key);
			}
		}
		for (a = 0; a <= len; a++) {
			for (b = a; b <= len; b++) {
				for (c = b; c <= len; c++) {
					if ((len != 65 && len != 128) &&
					    (a % 16 != 0 || b % 16 != 0 || c % 16 != 0))
						continue;
					s[0] = a;
					s[1] = b - a;
					s[2] = c - b;
					s[3] = len - c;
					one_split(p, buf_a, len, buf_b, s, 4, nonce, key);
				}
			}
		}
	}
	printf("done %llu %llu\n", (unsigned long long)sweep_cases,
	    (unsigned long long)sweep_failures);
}

/* Flip one bit of every byte of a sealed packet (a 3-way chain); each must be EBADMSG, chain intact. */
static void
cmd_flips(char **argv)
{
	const struct path *p;
	struct mbuf *m;
	uint8_t key[32];
	uint64_t nonce, cases, failures;
	int len, maxlen, i, n, ret, s[3];

	p = find_path(argv[0]);
	maxlen = atoi(argv[1]);
	fill(key, 32, 5);
	nonce = 77;
	cases = failures = 0;
	for (len = 0; len <= maxlen; len++) {
		fill(buf_a, len, len + 1);
		reference_seal(buf_b, buf_a, len, nonce, key);
		for (i = 0; i < len + TAG; i++) {
			memcpy(buf_c, buf_b, len + TAG);
			buf_c[i] ^= (uint8_t)(1 << (i % 8));
			s[0] = (len + TAG) / 3;
			s[1] = (len + TAG) / 2 - s[0];
			s[2] = len + TAG - s[0] - s[1];
			m = chain(buf_c, s, 3, 0);
			ret = p->dec(m, nonce, key);
			check_chain(m, "flips");
			n = chain_bytes(m, buf_d);
			cases++;
			if (ret != EBADMSG || n != len + TAG || memcmp(buf_d, buf_c, n) != 0) {
				if (++failures <= 10)
					printf("FAIL %s len %d byte %d ret %s\n", p->name, len, i,
					    errname(ret));
			}
			m_freem(m);
		}
	}
	printf("done %llu %llu\n", (unsigned long long)cases, (unsigned long long)failures);
}

/*
 * m_append failing at its first, second, ... allocation, for tails with 0..TAG bytes of room and tags
 * needing one or more new mbufs: ENOMEM, and the chain's bytes, mbuf lengths and m_pkthdr.len as before.
 */
static void
cmd_enomem(char **argv)
{
	const struct path *p;
	struct mbuf *m, *q;
	uint8_t key[32];
	int lens[MAXSPLITS], n, nm, i, trailing, failat, ret, s[2];
	uint64_t cases, failures;

	p = find_path(argv[0]);
	fill(key, 32, 1);
	fill(buf_a, 40, 3);
	cases = failures = 0;
	for (trailing = 0; trailing < TAG; trailing++) {
		for (failat = 0; failat < 2; failat++) {
			s[0] = 20;
			s[1] = 20;
			m = chain(buf_a, s, 2, trailing);
			nm = 0;
			for (q = m; q != NULL; q = q->m_next)
				lens[nm++] = q->m_len;
			harness_fail_allocs_after(failat);
			ret = p->enc(m, 1, key);
			harness_fail_allocs_after(-1);
			check_chain(m, "enomem");
			cases++;
			n = chain_bytes(m, buf_b);
			i = 0;
			for (q = m; q != NULL && i < nm; q = q->m_next, i++)
				if (q->m_len != lens[i])
					break;
			/* failat 1: the one mbuf the tag needs is granted, so the append succeeds */
			if (failat == 0 && (ret != ENOMEM || n != 40 || memcmp(buf_b, buf_a, 40) != 0 ||
			    i != nm || q != NULL || m->m_pkthdr.len != 40)) {
				if (++failures <= 10)
					printf("FAIL %s trailing %d ret %s len %d\n", p->name, trailing,
					    errname(ret), n);
			}
			if (failat == 1 && ret != 0) {
				if (++failures <= 10)
					printf("FAIL %s trailing %d: append with one mbuf granted: %s\n",
					    p->name, trailing, errname(ret));
			}
			m_freem(m);
		}
	}
	printf("done %llu %llu\n", (unsigned long long)cases, (unsigned long long)failures);
}

static void
cmd_csp(void)
{
	const struct crypto_session_params *csp;
	int crid;

	csp = harness_last_csp(&crid);
	printf("csp mode %d flags %d ivlen %d alg %d klen %d key %d authalg %d authklen %d mlen %d crid %d\n",
	    csp->csp_mode, csp->csp_flags, csp->csp_ivlen, csp->csp_cipher_alg, csp->csp_cipher_klen,
	    csp->csp_cipher_key != NULL, csp->csp_auth_alg, csp->csp_auth_klen, csp->csp_auth_mlen, crid);
}

static void
cmd_init(char **argv)
{
	int ret;

	harness_set_driver_sync(strcmp(argv[0], "sync") == 0);
	wg_crypto_deinit();
	ret = wg_crypto_init();
	/* the sessions left open: 1 after a success, 0 after a refusal (nothing leaked) */
	printf("%s %ld\n", errname(ret), harness_sessions_live());
	harness_set_driver_sync(1);
	if (ret != 0 && wg_crypto_init() != 0)
		panic("wg_crypto_init failed on a sync driver");
}

/*
 * check OP FLAGS BUFLEN CHAINLEN AAD_START AAD_LEN PAYLOAD_START PAYLOAD_LEN DIGEST_START IV_START
 *       PAYLOAD_OUTPUT_START ETYPE CALLBACK KEY SEPARATE_AAD
 * Builds the request over an mbuf chain of CHAINLEN bytes whose m_pkthdr.len claims BUFLEN, and prints
 * the rule ids the dispatcher would panic on.
 */
static int
dummy_callback(struct cryptop *crp __unused)
{
	return (0);
}

static void
cmd_check(char **argv)
{
	static uint8_t aad[16], key[32];
	const char *rules[HARNESS_MAX_RULES];
	struct crypto_session_params csp;
	crypto_session_t s;
	struct cryptop crp;
	struct mbuf *m;
	int n, i, chainlen;

	memset(&csp, 0, sizeof(csp));
	csp.csp_mode = CSP_MODE_AEAD;
	csp.csp_cipher_alg = CRYPTO_CHACHA20_POLY1305;
	csp.csp_cipher_klen = 32;
	csp.csp_ivlen = 12;
	csp.csp_flags = CSP_F_SEPARATE_AAD | CSP_F_SEPARATE_OUTPUT;
	if (crypto_newsession(&s, &csp, CRYPTOCAP_F_SOFTWARE) != 0)
		panic("check: no session");
	chainlen = atoi(argv[3]);
	n = chainlen / 2;
	m = harness_mbuf_alloc(n, 0, 1);
	m->m_len = n;
	m->m_next = harness_mbuf_alloc(chainlen - n, 0, 0);
	m->m_next->m_len = chainlen - n;
	m->m_pkthdr.len = atoi(argv[2]);
	crypto_initreq(&crp, s);
	crp.crp_op = atoi(argv[0]);
	crp.crp_flags = atoi(argv[1]);
	crypto_use_mbuf(&crp, m);
	crp.crp_aad_start = atoi(argv[4]);
	crp.crp_aad_length = atoi(argv[5]);
	crp.crp_payload_start = atoi(argv[6]);
	crp.crp_payload_length = atoi(argv[7]);
	crp.crp_digest_start = atoi(argv[8]);
	crp.crp_iv_start = atoi(argv[9]);
	crp.crp_payload_output_start = atoi(argv[10]);
	crp.crp_etype = atoi(argv[11]);
	crp.crp_callback = atoi(argv[12]) ? dummy_callback : NULL;
	crp.crp_cipher_key = atoi(argv[13]) ? key : NULL;
	crp.crp_aad = atoi(argv[14]) ? aad : NULL;
	n = harness_crp_check(&crp, rules, HARNESS_MAX_RULES);
	printf("rules");
	for (i = 0; i < n && i < HARNESS_MAX_RULES; i++)
		printf(" %s", rules[i]);
	printf("\n");
	m_freem(m);
	crypto_freesession(s);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec * 1e-9);
}

static const int bench_one[] = { 1420 }, bench_three[] = { 14, 1400, 6 };

/* The bench packet, as one mbuf or 14+1400+6, with room for the tag in the last mbuf. */
static struct mbuf *
bench_chain(int shape)
{
	fill(buf_a, 1420, 4);
	return (shape == 0 ? chain(buf_a, bench_one, 1, TAG) : chain(buf_a, bench_three, 3, TAG));
}

static void __attribute__((__noinline__))
bench_roundtrips(const struct path *p, struct mbuf *m, const uint8_t *key, long iters)
{
	long i;

	for (i = 0; i < iters; i++) {
		if (p->enc(m, (uint64_t)i, key) != 0 || p->dec(m, (uint64_t)i, key) != 0)
			panic("bench round trip failed");
	}
	check_chain(m, "bench");
	if (m_length(m, NULL) != 1420)
		panic("bench: the packet changed length");
}

/*
 * bench ITERS: encrypt+decrypt round trips of a 1420-byte packet as one mbuf and as 14+1400+6, for
 * both paths. The four cases take turns, 7 rounds of ITERS round trips each, and the best round of
 * each case counts, so drift on a busy machine hits all four alike. Prints "bench PATH SHAPE NS".
 */
static void
cmd_bench(char **argv)
{
	struct mbuf *m[2][2];
	uint8_t key[32];
	double best[2][2], t;
	long iters;
	int pi, shape, round;

	iters = atol(argv[0]);
	fill(key, 32, 2);
	harness_set_driver_scalar(1);	/* what a kernel's cryptosoft runs */
	for (pi = 0; pi < 2; pi++)
		for (shape = 0; shape < 2; shape++) {
			m[pi][shape] = bench_chain(shape);
			best[pi][shape] = 1e30;
		}
	for (round = 0; round < 7; round++) {
		for (pi = 0; pi < 2; pi++) {
			for (shape = 0; shape < 2; shape++) {
				t = now();
				bench_roundtrips(&paths[pi], m[pi][shape], key, iters);
				t = (now() - t) / iters;
				if (t < best[pi][shape])
					best[pi][shape] = t;
			}
		}
	}
	for (pi = 0; pi < 2; pi++)
		for (shape = 0; shape < 2; shape++) {
			printf("bench %s %s %.1f\n", paths[pi].name, shape == 0 ? "1" : "14+1400+6",
			    best[pi][shape] * 1e9);
			m_freem(m[pi][shape]);
		}
	harness_set_driver_scalar(0);
	printf("done\n");
}

/*
 * bench1 PATH SHAPE ITERS: only the round trips, for counting instructions under valgrind
 * (--toggle-collect=bench_roundtrips).
 */
static void
cmd_bench1(char **argv)
{
	struct mbuf *m;
	uint8_t key[32];

	fill(key, 32, 2);
	harness_set_driver_scalar(1);
	m = bench_chain(atoi(argv[1]));
	bench_roundtrips(find_path(argv[0]), m, key, atol(argv[2]));
	m_freem(m);
	printf("done\n");
}

int
main(void)
{
	static char line[4 * MAXPKT];
	char *argv[32], *save, *tok;
	int argc;

	if (sodium_init() < 0)
		panic("sodium_init");
	if (wg_crypto_init() != 0 || fb_wg_crypto_init() != 0)
		panic("wg_crypto_init");
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	while (fgets(line, sizeof(line), stdin) != NULL) {
		argc = 0;
		for (tok = strtok_r(line, " \n", &save); tok != NULL && argc < 32;
		    tok = strtok_r(NULL, " \n", &save))
			argv[argc++] = tok;
		if (argc == 0)
			continue;
		if (strcmp(argv[0], "quit") == 0)
			break;
		else if (strcmp(argv[0], "enc") == 0 && argc == 7)
			cmd_one(1, argv + 1);
		else if (strcmp(argv[0], "dec") == 0 && argc == 7)
			cmd_one(0, argv + 1);
		else if (strcmp(argv[0], "sweep") == 0 && argc == 3)
			cmd_sweep(argv + 1);
		else if (strcmp(argv[0], "flips") == 0 && argc == 3)
			cmd_flips(argv + 1);
		else if (strcmp(argv[0], "enomem") == 0 && argc == 2)
			cmd_enomem(argv + 1);
		else if (strcmp(argv[0], "init") == 0 && argc == 2)
			cmd_init(argv + 1);
		else if (strcmp(argv[0], "driver") == 0 && argc == 2) {
			harness_set_driver_scalar(strcmp(argv[1], "scalar") == 0);
			printf("driver %s\n", argv[1]);
		} else if (strcmp(argv[0], "csp") == 0 && argc == 1)
			cmd_csp();
		else if (strcmp(argv[0], "check") == 0 && argc == 16)
			cmd_check(argv + 1);
		else if (strcmp(argv[0], "bench") == 0 && argc == 2)
			cmd_bench(argv + 1);
		else if (strcmp(argv[0], "bench1") == 0 && argc == 4)
			cmd_bench1(argv + 1);
		else
			panic("bad command %s (%d words)", argv[0], argc);
		if (harness_mbufs_live() != 0)
			panic("%ld mbufs leaked by %s", harness_mbufs_live(), argv[0]);
		fflush(stdout);
	}
	wg_crypto_deinit();
	fb_wg_crypto_deinit();
	if (harness_sessions_live() != 0)
		panic("%ld OCF sessions leaked", harness_sessions_live());
	return (0);
}
