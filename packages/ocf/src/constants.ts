/*
 * OCF constants, spelled and valued as FreeBSD's sys/opencrypto/cryptodev.h has them. Every value here is
 * also printed into the C harness (tools/ocf-glue), so the model and the C agree by construction, and the
 * emitted glue uses the kernel's own names.
 *
 * Source keys (see ../../../shared/facts/ocf.md, "Sources"): H = sys/opencrypto/cryptodev.h, C =
 * sys/opencrypto/crypto.c @246982c1, S = sys/opencrypto/cryptosoft.c, V = sys/opencrypto/criov.c @9b6b2f86.
 */

/* Session modes [H]. */
export const CSP_MODE_NONE = 0;
export const CSP_MODE_COMPRESS = 1;
export const CSP_MODE_CIPHER = 2;
export const CSP_MODE_DIGEST = 3;
export const CSP_MODE_AEAD = 4;
export const CSP_MODE_ETA = 5;

/* Session flags [H]; any other bit fails check_csp (SUPPORTED_SES in C). */
export const CSP_F_SEPARATE_OUTPUT = 0x1;
export const CSP_F_SEPARATE_AAD = 0x2;
export const CSP_F_ESN = 0x4;
export const CSP_F_SUPPORTED = CSP_F_SEPARATE_OUTPUT | CSP_F_SEPARATE_AAD | CSP_F_ESN;

/* Algorithms [H]. */
export const CRYPTO_CHACHA20_POLY1305 = 41;
export const CRYPTO_XCHACHA20_POLY1305 = 42;

/* Sizes [H]. */
export const CHACHA20_POLY1305_IV_LEN = 12;
export const XCHACHA20_POLY1305_IV_LEN = 24;
export const CHACHA20_POLY1305_KEY = 32;
export const POLY1305_HASH_LEN = 16;
export const CHACHA20_NATIVE_BLOCK_LEN = 64;
/** size of crp_iv[]; check_csp wants csp_ivlen below it [H, C check_csp] */
export const EALG_MAX_BLOCK_LEN = 64;

/* crp_op [H]. AEAD allows exactly ENCRYPT|COMPUTE_DIGEST or DECRYPT|VERIFY_DIGEST [C crp_sanity]. */
export const CRYPTO_OP_DECRYPT = 0x0;
export const CRYPTO_OP_ENCRYPT = 0x1;
export const CRYPTO_OP_COMPUTE_DIGEST = 0x0;
export const CRYPTO_OP_VERIFY_DIGEST = 0x2;

/* crp_flags [H]. */
export const CRYPTO_F_CBIMM = 0x10;
export const CRYPTO_F_DONE = 0x20;
export const CRYPTO_F_CBIFSYNC = 0x40;
export const CRYPTO_F_ASYNC_ORDERED = 0x100;
export const CRYPTO_F_IV_SEPARATE = 0x200;

/* enum crypto_buffer_type [H]. */
export const CRYPTO_BUF_NONE = 0;
export const CRYPTO_BUF_CONTIG = 1;
export const CRYPTO_BUF_UIO = 2;
export const CRYPTO_BUF_MBUF = 3;
export const CRYPTO_BUF_VMPAGE = 4;
export const CRYPTO_BUF_SINGLE_MBUF = 5;
export const CRYPTO_BUF_LAST = CRYPTO_BUF_SINGLE_MBUF;

/* Driver capabilities [H]; CRYPTO_SESS_SYNC(s) is caps & CRYPTOCAP_F_SYNC. */
export const CRYPTOCAP_F_HARDWARE = 0x01000000;
export const CRYPTOCAP_F_SOFTWARE = 0x02000000;
export const CRYPTOCAP_F_SYNC = 0x04000000;
export const CRYPTOCAP_F_ACCEL_SOFTWARE = 0x08000000;

/* Probe priorities [H]: the highest wins in crypto_select_driver [C]. */
export const CRYPTODEV_PROBE_HARDWARE = -100;
export const CRYPTODEV_PROBE_ACCEL_SOFTWARE = -200;
export const CRYPTODEV_PROBE_SOFTWARE = -500;

/** vm pages are PAGE_SIZE long; cb_sanity wants 0 <= vm_page_offset < PAGE_SIZE [C cb_sanity]. */
export const PAGE_SIZE = 4096;

/** INT_MAX: OCF's starts and lengths are C ints (struct cryptop [H]); the model flags sums beyond it. */
export const INT_MAX = 0x7fffffff;

/* errno values used by OCF and the glue (sys/sys/errno.h). EAGAIN: a driver went away [C crypto_invoke]. */
export const EAGAIN = 35;
export const ENXIO = 6;
export const EOPNOTSUPP = 45;
