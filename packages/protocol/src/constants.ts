/*
 * WireGuard's protocol constants, each with the value the protocol gives it. Sources are in
 * ../shared/facts/protocol.md: the whitepaper's §6.1 table as wireguard-go's device/constants.go spells
 * it ("go"), and the FreeBSD driver (fbsd-port src/wg_noise.h, wg_cookie.h) where it differs.
 *
 * Times are in milliseconds throughout the model: the clock the tools inject counts milliseconds.
 */

/* ---- Strings hashed into the handshake (paper §5.4; go device/noise-protocol.go) ---------------- */

/** Noise protocol name; C0 = HASH(construction). */
export const NOISE_CONSTRUCTION = 'Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s';
/** WireGuard's prologue; H0 = HASH(C0 || identifier). */
export const WG_IDENTIFIER = 'WireGuard v1 zx2c4 Jason@zx2c4.com';
/** mac1 key = HASH(LABEL_MAC1 || receiver's static public key). */
export const LABEL_MAC1 = 'mac1----';
/** cookie-reply key = HASH(LABEL_COOKIE || responder's static public key). */
export const LABEL_COOKIE = 'cookie--';

/* ---- Sizes ------------------------------------------------------------------------------------ */

export const KEY_LEN = 32;
export const HASH_LEN = 32;
/** Poly1305 tag */
export const AEAD_TAG_LEN = 16;
/** mac1, mac2 and the cookie are BLAKE2s with a 16-byte output (go blake2s.New128) */
export const MAC_LEN = 16;
export const COOKIE_LEN = 16;
export const XNONCE_LEN = 24;
export const TAI64N_LEN = 12;
/** go PaddingMultiple: transport plaintexts are zero-padded to a multiple of 16 */
export const PADDING_MULTIPLE = 16;

/* ---- Limits (paper §6.1; go device/constants.go) --------------------------------------------- */

/** Start a new handshake once this many messages were sent under one keypair: 2^60. */
export const REKEY_AFTER_MESSAGES = 1n << 60n;
/**
 * Never send or accept counter values at or above this: 2^64 - 2^13 - 1 (the paper's and go's value;
 * FreeBSD and Linux use UINT64_MAX - COUNTER_WINDOW_SIZE - 1 = 2^64 - 8130, 63 higher: local policy).
 */
export const REJECT_AFTER_MESSAGES = (1n << 64n) - (1n << 13n) - 1n;
/** An initiator rekeys once its keypair is this old. */
export const REKEY_AFTER_TIME = 120_000;
/** A keypair older than this is never used to send or receive. */
export const REJECT_AFTER_TIME = 180_000;
/** Give up retrying a handshake after this long. */
export const REKEY_ATTEMPT_TIME = 90_000;
/** Retransmit an unanswered initiation after this (plus jitter). */
export const REKEY_TIMEOUT = 5_000;
/** go RekeyTimeoutJitterMaxMs: the retransmit jitter is uniform in [0, 334) ms. */
export const REKEY_TIMEOUT_JITTER_MAX = 334;
/** Passive keepalive: send one when data came in but nothing went out for this long. */
export const KEEPALIVE_TIMEOUT = 10_000;
/** A received cookie is used for mac2 for this long; the responder's cookie secret rotates as often. */
export const COOKIE_REFRESH_TIME = 120_000;
/** go MaxTimerHandshakes = REKEY_ATTEMPT_TIME / REKEY_TIMEOUT = 18 retries after the first. */
export const MAX_TIMER_HANDSHAKES = REKEY_ATTEMPT_TIME / REKEY_TIMEOUT;
/** The receiver-side rekey age: REJECT_AFTER_TIME - KEEPALIVE_TIMEOUT - REKEY_TIMEOUT = 165 s. */
export const REKEY_AFTER_TIME_RECV = REJECT_AFTER_TIME - KEEPALIVE_TIMEOUT - REKEY_TIMEOUT;
/** After giving up, key material is zeroed after 3 x REJECT_AFTER_TIME (go timers.go). */
export const ZERO_KEYS_AFTER = 3 * REJECT_AFTER_TIME;
/** Responder's per-peer flood limit: at most one initiation per 20 ms (go HandshakeInitationRate). */
export const HANDSHAKE_INITIATION_RATE = 20;

/* ---- Replay window (RFC 6479 as go replay/replay.go and FreeBSD wg_noise.c build it) ----------- */

/** bits in one block of the ring */
export const COUNTER_BLOCK_BITS = 64;
/** 8192 bits of ring */
export const COUNTER_BITS_TOTAL = 8192;
/** One block is always being recycled, so 8128 counters behind the highest are accepted. */
export const COUNTER_WINDOW_SIZE = COUNTER_BITS_TOTAL - COUNTER_BLOCK_BITS;

/* ---- Load and rate limiting (go device.go IsUnderLoad, ratelimiter/ratelimiter.go) -------------- */

/** go: the handshake queue holding QueueHandshakeSize/8 = 128 messages means "under load". */
export const UNDER_LOAD_THRESHOLD = 128;
/** Once under load, stay so for 1 s (go UnderLoadAfterTime). */
export const UNDER_LOAD_AFTER_TIME = 1_000;
/** Under load, a source IP may send 20 handshakes/s with a burst of 5 (go ratelimiter). */
export const RATELIMIT_PACKETS_PER_SECOND = 20;
export const RATELIMIT_BURST = 5;

/* ---- TAI64N (go tai64n/tai64n.go) -------------------------------------------------------------- */

/** TAI64 label of the Unix epoch: 2^62 + 10 (TAI was 10 s ahead of UTC in 1970). */
export const TAI64_BASE = (1n << 62n) + 10n;
/** go and FreeBSD clear the low 24 bits of the nanoseconds so the timestamp leaks no fine timing. */
export const TAI64N_WHITENER_MASK = 0x1000000 - 1;
