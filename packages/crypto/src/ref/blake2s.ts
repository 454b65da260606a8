/*
 * BLAKE2s (RFC 7693), streaming and one-shot, plus the HMAC-BLAKE2s and HKDF that WireGuard's Noise
 * handshake uses.
 *
 * Names: FreeBSD's sys/crypto/blake2 is libb2 and already defines blake2s_state, blake2s_init,
 * blake2s_init_key, blake2s_update, blake2s_final and blake2s. This file uses the prefix blake2s_hash
 * instead (struct blake2s_hash_state, blake2s_hash_init, blake2s_hash_init_key, blake2s_hash_update,
 * blake2s_hash_final, blake2s_hash), and blake2s_hmac / blake2s_hkdf for the WireGuard constructions,
 * so both can be linked into one kernel.
 */
import { EINVAL, add32, explicit_bzero, load32_le, memcpy, memzero, rotr32, store32_le } from '@wgup/prelude';
import type { errno_t, size_t, u32 } from '@wgup/prelude';

/** RFC 7693 2.1: BLAKE2s block bytes */
export const BLAKE2S_BLOCK_SIZE = 64;
/** RFC 7693 2.1: largest digest (and the default) */
export const BLAKE2S_HASH_SIZE = 32;
/** RFC 7693 2.1: largest key */
export const BLAKE2S_KEY_SIZE = 32;

/* RFC 7693 2.6: the IV, the first 32 bits of the fractional parts of the square roots of the first
 * eight primes (the SHA-256 IV). */
const BLAKE2S_IV = new Uint32Array([
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/* RFC 7693 2.7: the message word permutation of each of the ten rounds, row r at [16 * r]. */
const BLAKE2S_SIGMA = new Uint8Array([
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
	11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
	7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
	9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
	2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
	12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
	13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
	6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
	10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
]);

export class blake2s_hash_state {
	/** the chained state h[0..7] */
	h = new Uint32Array(8);
	/** the 64-bit byte counter t, low word first */
	t = new Uint32Array(2);
	/** bytes not yet compressed; the last block is kept until final, which must flag it */
	buf = new Uint8Array(64);
	buflen: size_t = 0;
	/** digest length, 1..32 */
	outlen: size_t = 0;
}

/*
 * RFC 7693 3.1: the mixing function G (rotations 16, 12, 8, 7), run on the four columns (s = 0) or
 * the four diagonals (s = 1) of v at once. G number j (0..3) works on v[j], v[4 + ((j + s) & 3)],
 * v[8 + ((j + 2 s) & 3)] and v[12 + ((j + 3 s) & 3)] with the message words m[sigma[k + 2j]] and
 * m[sigma[k + 2j + 1]]; k is 16 r for the columns of round r, 16 r + 8 for its diagonals. Four
 * calls, mix_a, mix_cb (n = 12), mix_ad, mix_cb (n = 7), each a small leaf the emitter inlines (a
 * call taking v's address would keep v in memory).
 *
 * The four G are written step by step (that operation of each of the four, then the next one), not
 * one G after the other: the same arithmetic, with four independent operations next to each other
 * in the source. With the kernel flags (then without frame pointers) that made BLAKE2s 1420 B about
 * 11% faster with gcc (which does not schedule instructions before register allocation on x86) and
 * 25% with clang; two G at a time was slower than one. The first message word is added to a before
 * a += b, the second right after a's first use (d ^= a), so neither add waits for b. Within a step
 * the G go 3, 1, 2, 0: the order only changes register allocation. With the flags FreeBSD builds a
 * module with (frame pointers on, so %rbp is not allocatable) the 24 orders ran gcc 0.99x-1.09x main's
 * copy and clang 0.98x-1.12x; this one was the best with clang (1.11x; the order before it, 2, 3, 0,
 * 1, chosen without frame pointers, gives clang 0.99x) and within noise of the best with gcc (1.08x).
 */
function blake2s_mix_a(v: Uint32Array, s: size_t, m: Uint32Array, k: size_t): void {
	v[3] = add32(v[3], m[BLAKE2S_SIGMA[k + 6]]);
	v[1] = add32(v[1], m[BLAKE2S_SIGMA[k + 2]]);
	v[2] = add32(v[2], m[BLAKE2S_SIGMA[k + 4]]);
	v[0] = add32(v[0], m[BLAKE2S_SIGMA[k]]);
	v[3] = add32(v[3], v[4 + ((3 + s) & 3)]);
	v[1] = add32(v[1], v[4 + ((1 + s) & 3)]);
	v[2] = add32(v[2], v[4 + ((2 + s) & 3)]);
	v[0] = add32(v[0], v[4 + ((0 + s) & 3)]);
	v[12 + ((3 + 3 * s) & 3)] = rotr32((v[12 + ((3 + 3 * s) & 3)] ^ v[3]) >>> 0, 16);
	v[12 + ((1 + 3 * s) & 3)] = rotr32((v[12 + ((1 + 3 * s) & 3)] ^ v[1]) >>> 0, 16);
	v[12 + ((2 + 3 * s) & 3)] = rotr32((v[12 + ((2 + 3 * s) & 3)] ^ v[2]) >>> 0, 16);
	v[12 + ((0 + 3 * s) & 3)] = rotr32((v[12 + ((0 + 3 * s) & 3)] ^ v[0]) >>> 0, 16);
	v[3] = add32(v[3], m[BLAKE2S_SIGMA[k + 7]]);
	v[1] = add32(v[1], m[BLAKE2S_SIGMA[k + 3]]);
	v[2] = add32(v[2], m[BLAKE2S_SIGMA[k + 5]]);
	v[0] = add32(v[0], m[BLAKE2S_SIGMA[k + 1]]);
}

/* G's c += d; b = (b ^ c) >>> n, for the four G (n is 12, then 7). */
function blake2s_mix_cb(v: Uint32Array, s: size_t, n: number): void {
	v[8 + ((3 + 2 * s) & 3)] = add32(v[8 + ((3 + 2 * s) & 3)], v[12 + ((3 + 3 * s) & 3)]);
	v[8 + ((1 + 2 * s) & 3)] = add32(v[8 + ((1 + 2 * s) & 3)], v[12 + ((1 + 3 * s) & 3)]);
	v[8 + ((2 + 2 * s) & 3)] = add32(v[8 + ((2 + 2 * s) & 3)], v[12 + ((2 + 3 * s) & 3)]);
	v[8 + ((0 + 2 * s) & 3)] = add32(v[8 + ((0 + 2 * s) & 3)], v[12 + ((0 + 3 * s) & 3)]);
	v[4 + ((3 + s) & 3)] = rotr32((v[4 + ((3 + s) & 3)] ^ v[8 + ((3 + 2 * s) & 3)]) >>> 0, n);
	v[4 + ((1 + s) & 3)] = rotr32((v[4 + ((1 + s) & 3)] ^ v[8 + ((1 + 2 * s) & 3)]) >>> 0, n);
	v[4 + ((2 + s) & 3)] = rotr32((v[4 + ((2 + s) & 3)] ^ v[8 + ((2 + 2 * s) & 3)]) >>> 0, n);
	v[4 + ((0 + s) & 3)] = rotr32((v[4 + ((0 + s) & 3)] ^ v[8 + ((0 + 2 * s) & 3)]) >>> 0, n);
}

/* G's second a += b; d = (d ^ a) >>> 8, for the four G. */
function blake2s_mix_ad(v: Uint32Array, s: size_t): void {
	v[3] = add32(v[3], v[4 + ((3 + s) & 3)]);
	v[1] = add32(v[1], v[4 + ((1 + s) & 3)]);
	v[2] = add32(v[2], v[4 + ((2 + s) & 3)]);
	v[0] = add32(v[0], v[4 + ((0 + s) & 3)]);
	v[12 + ((3 + 3 * s) & 3)] = rotr32((v[12 + ((3 + 3 * s) & 3)] ^ v[3]) >>> 0, 8);
	v[12 + ((1 + 3 * s) & 3)] = rotr32((v[12 + ((1 + 3 * s) & 3)] ^ v[1]) >>> 0, 8);
	v[12 + ((2 + 3 * s) & 3)] = rotr32((v[12 + ((2 + 3 * s) & 3)] ^ v[2]) >>> 0, 8);
	v[12 + ((0 + 3 * s) & 3)] = rotr32((v[12 + ((0 + 3 * s) & 3)] ^ v[0]) >>> 0, 8);
}

/* RFC 7693 3.3: advance the 64-bit byte counter t by n. */
function blake2s_increment(s: blake2s_hash_state, n: u32): void {
	s.t[0] = add32(s.t[0], n);
	if (s.t[0] < n) {
		s.t[1] = add32(s.t[1], 1);
	}
}

/*
 * RFC 7693 3.2: the compression function F over nblocks consecutive 64-byte blocks at in, each
 * counted as inc bytes (64, or the final block's byte count) before it is compressed. `last` is
 * 0xffffffff for the final block (the flag f0 XORed into v[14]) and 0 otherwise.
 *
 * Wiping: the stack arrays are v, the working state, and m, the block's sixteen message words, both
 * secret in keyed use (the key is the first block) and in HMAC (key ^ pad); they are wiped once per
 * call, after the last block. The words are read into m once per block, as sixteen plain 32-bit loads,
 * and G takes m[sigma] with constant indices after unrolling. Reading G's words straight from the
 * block at sigma-permuted offsets instead cost clang 60% more instructions with one G after the other
 * (its byte loads were not all combined) and 15-20% more time in the step-by-step order (it kept the
 * loaded words in spilled registers); gcc gained 2-3%. Every public function that compresses (update,
 * final, and through them the one-shot, HMAC and KDF functions) reaches compression only through this
 * function, so when any of them returns no stack array holds secret data. What the compiler spills
 * from registers cannot be reached from C.
 */
function blake2s_compress(s: blake2s_hash_state, input: Uint8Array, nblocks: size_t, inc: u32, last: u32): void {
	const v = new Uint32Array(16);
	const m = new Uint32Array(16);
	let off: size_t = 0;
	let i: size_t;
	let r: size_t;

	while (nblocks > 0) {
		blake2s_increment(s, inc);
		for (i = 0; i < 16; i++) {
			m[i] = load32_le(input, off + 4 * i);
		}
		for (i = 0; i < 8; i++) {
			v[i] = s.h[i];
			v[8 + i] = BLAKE2S_IV[i];
		}
		v[12] = (v[12] ^ s.t[0]) >>> 0;
		v[13] = (v[13] ^ s.t[1]) >>> 0;
		v[14] = (v[14] ^ last) >>> 0;

		for (r = 0; r < 10; r++) {
			/* columns, then diagonals (RFC 7693 3.2 step "cryptographic mixing") */
			blake2s_mix_a(v, 0, m, 16 * r);
			blake2s_mix_cb(v, 0, 12);
			blake2s_mix_ad(v, 0);
			blake2s_mix_cb(v, 0, 7);
			blake2s_mix_a(v, 1, m, 16 * r + 8);
			blake2s_mix_cb(v, 1, 12);
			blake2s_mix_ad(v, 1);
			blake2s_mix_cb(v, 1, 7);
		}

		/* RFC 7693 3.2: h[i] ^= v[i] ^ v[i + 8] */
		for (i = 0; i < 8; i++) {
			s.h[i] = (s.h[i] ^ v[i] ^ v[8 + i]) >>> 0;
		}
		off += BLAKE2S_BLOCK_SIZE;
		nblocks--;
	}
	explicit_bzero(v, 64);
	explicit_bzero(m, 64);
}

/**
 * RFC 7693 2.5 and 3.3: h = IV XOR the parameter block, whose first word is
 * 0x0101kknn (digest length nn, key length kk, fanout and depth 1); the other words are zero for
 * sequential, unsalted hashing. Returns EINVAL for an outlen outside 1..32 or a keylen above 32.
 */
function blake2s_hash_setup(s: blake2s_hash_state, outlen: size_t, keylen: size_t): errno_t {
	let i: size_t;

	if (outlen < 1 || outlen > BLAKE2S_HASH_SIZE || keylen > BLAKE2S_KEY_SIZE) {
		return EINVAL;
	}
	for (i = 0; i < 8; i++) {
		s.h[i] = BLAKE2S_IV[i];
	}
	s.h[0] = (s.h[0] ^ 0x01010000 ^ (keylen << 8) ^ outlen) >>> 0;
	s.t[0] = 0;
	s.t[1] = 0;
	s.buflen = 0;
	s.outlen = outlen;
	for (i = 0; i < BLAKE2S_BLOCK_SIZE; i++) {
		s.buf[i] = 0;
	}
	return 0;
}

/** Unkeyed BLAKE2s with an outlen-byte digest (1..32). */
export function blake2s_hash_init(s: blake2s_hash_state, outlen: size_t): errno_t {
	return blake2s_hash_setup(s, outlen, 0);
}

/**
 * Keyed BLAKE2s (RFC 7693 3.3): the key, zero-padded to a full block, is the first block of input.
 * keylen 0 is the unkeyed hash.
 */
export function blake2s_hash_init_key(s: blake2s_hash_state, outlen: size_t, key: Uint8Array, keylen: size_t): errno_t {
	let i: size_t;
	let error: errno_t;

	error = blake2s_hash_setup(s, outlen, keylen);
	if (error !== 0) {
		return error;
	}
	if (keylen > 0) {
		for (i = 0; i < keylen; i++) {
			s.buf[i] = key[i];
		}
		/* the padded key block counts as 64 bytes of input; it is compressed with the next data */
		s.buflen = BLAKE2S_BLOCK_SIZE;
	}
	return 0;
}

/**
 * How many of `rest` (> 0) input bytes that follow a full buffer are compressed straight from the
 * input: every whole block but the last one, which final may need (RFC 7693 3.3: the last block is
 * compressed with the final flag). The rest, 1..64 bytes, is copied into the 64-byte buffer.
 * Computed in size_t: a 32-bit shift here truncated an input of 2^32 + 100 bytes to 0 blocks and
 * then copied 2^32 + 36 bytes into the buffer.
 */
export function blake2s_blocks_before_last(rest: size_t): size_t {
	let nblocks: size_t;

	nblocks = Math.floor(rest / BLAKE2S_BLOCK_SIZE);
	if (rest % BLAKE2S_BLOCK_SIZE === 0) {
		nblocks -= 1; /* rest > 0: a whole last block stays for final */
	}
	return nblocks;
}

/**
 * Absorb inlen bytes. A full buffer is compressed only when more input follows, because the last block
 * must be compressed by final with the last-block flag set. Whole blocks are compressed straight from
 * input; only the head that completes the buffer and the tail (at most one block) are copied.
 */
export function blake2s_hash_update(s: blake2s_hash_state, input: Uint8Array, inlen: size_t): void {
	let off: size_t = 0;
	let fill: size_t;
	let nblocks: size_t;

	if (inlen === 0) {
		return;
	}
	fill = BLAKE2S_BLOCK_SIZE - s.buflen;
	if (inlen > fill) {
		if (s.buflen > 0) {
			/* complete the buffered block and compress it: more input follows */
			memcpy(s.buf.subarray(s.buflen), input, fill);
			blake2s_compress(s, s.buf, 1, BLAKE2S_BLOCK_SIZE, 0);
			s.buflen = 0;
			off = fill;
		}
		/*
		 * every whole block but the last one left, which final may need (inlen > off here); with an
		 * empty buffer the first block is compressed straight from input too, not copied first
		 */
		nblocks = blake2s_blocks_before_last(inlen - off);
		if (nblocks > 0) {
			blake2s_compress(s, input.subarray(off), nblocks, BLAKE2S_BLOCK_SIZE, 0);
			off += BLAKE2S_BLOCK_SIZE * nblocks;
		}
	}
	memcpy(s.buf.subarray(s.buflen), input.subarray(off), inlen - off);
	s.buflen += inlen - off;
}

/** RFC 7693 3.3: pad the last block with zeros, compress it flagged as last, write outlen bytes of h. */
export function blake2s_hash_final(s: blake2s_hash_state, out: Uint8Array): void {
	const digest = new Uint8Array(32);
	let i: size_t;

	/*
	 * one memset, not a store per padding byte (52 of them after 1420
	 * bytes); none for a full block, where the call alone cost more than the
	 * empty loop (a 64-byte hash: 312 to 318 TSC ticks with gcc)
	 */
	if (s.buflen < BLAKE2S_BLOCK_SIZE) {
		memzero(s.buf.subarray(s.buflen), BLAKE2S_BLOCK_SIZE - s.buflen);
	}
	blake2s_compress(s, s.buf, 1, s.buflen, 0xffffffff);
	if (s.outlen === BLAKE2S_HASH_SIZE) {
		/* the whole digest (WireGuard's every use): straight into out, no copy to wipe */
		for (i = 0; i < 8; i++) {
			store32_le(out, 4 * i, s.h[i]);
		}
	} else {
		for (i = 0; i < 8; i++) {
			store32_le(digest, 4 * i, s.h[i]);
		}
		for (i = 0; i < s.outlen; i++) {
			out[i] = digest[i];
		}
		explicit_bzero(digest, 32);
	}
	explicit_bzero(s.h, 32);
	explicit_bzero(s.buf, 64);
	s.buflen = 0;
}

/** One-shot BLAKE2s: out = BLAKE2s-outlen(key, in). Returns EINVAL for a bad outlen or keylen. */
export function blake2s_hash(out: Uint8Array, outlen: size_t, input: Uint8Array, inlen: size_t, key: Uint8Array,
    keylen: size_t): errno_t {
	const s = new blake2s_hash_state();
	let error: errno_t;

	error = blake2s_hash_init_key(s, outlen, key, keylen);
	if (error !== 0) {
		return error;
	}
	blake2s_hash_update(s, input, inlen);
	blake2s_hash_final(s, out);
	return 0;
}

/*
 * blake2s_hmac's work, a static function of its own: blake2s_hkdf calls it three times, and with the
 * kernel's inlining limits three inlined copies of its state put hkdf's frame over 512 bytes.
 */
function blake2s_hmac_compute(out: Uint8Array, input: Uint8Array, key: Uint8Array, outlen: size_t, inlen: size_t,
    keylen: size_t): errno_t {
	const s = new blake2s_hash_state();
	const pad = new Uint8Array(64);
	const inner = new Uint8Array(32);
	let i: size_t;

	if (outlen < 1 || outlen > BLAKE2S_HASH_SIZE) {
		return EINVAL;
	}
	if (keylen > BLAKE2S_BLOCK_SIZE) {
		blake2s_hash_init(s, BLAKE2S_HASH_SIZE);
		blake2s_hash_update(s, key, keylen);
		blake2s_hash_final(s, pad);
	} else {
		for (i = 0; i < keylen; i++) {
			pad[i] = key[i];
		}
	}

	/* inner hash: (K ^ ipad) || in, ipad = 0x36 */
	for (i = 0; i < BLAKE2S_BLOCK_SIZE; i++) {
		pad[i] ^= 0x36;
	}
	blake2s_hash_init(s, BLAKE2S_HASH_SIZE);
	blake2s_hash_update(s, pad, BLAKE2S_BLOCK_SIZE);
	blake2s_hash_update(s, input, inlen);
	blake2s_hash_final(s, inner);

	/* outer hash: (K ^ opad) || inner, opad = 0x5c; 0x36 ^ 0x5c turns one pad into the other */
	for (i = 0; i < BLAKE2S_BLOCK_SIZE; i++) {
		pad[i] ^= 0x36 ^ 0x5c;
	}
	blake2s_hash_init(s, BLAKE2S_HASH_SIZE);
	blake2s_hash_update(s, pad, BLAKE2S_BLOCK_SIZE);
	blake2s_hash_update(s, inner, BLAKE2S_HASH_SIZE);
	blake2s_hash_final(s, inner);
	for (i = 0; i < outlen; i++) {
		out[i] = inner[i];
	}

	explicit_bzero(pad, 64);
	explicit_bzero(inner, 32);
	return 0;
}

/**
 * HMAC-BLAKE2s (RFC 2104 over BLAKE2s-256, block size 64), as the WireGuard paper 5.4 defines HMAC:
 * HMAC(key, in) = H((key ^ opad) || H((key ^ ipad) || in)). A key longer than a block is first hashed.
 * outlen (1..32) bytes of the 32-byte MAC are written; returns EINVAL for a bad outlen.
 */
export function blake2s_hmac(out: Uint8Array, input: Uint8Array, key: Uint8Array, outlen: size_t, inlen: size_t,
    keylen: size_t): errno_t {
	return blake2s_hmac_compute(out, input, key, outlen, inlen, keylen);
}

/**
 * WireGuard's KDF_n (paper 5.4, the HKDF of Noise 4.3 with HMAC-BLAKE2s), n = 1..3:
 *   tau0 = HMAC(key, in), tau1 = HMAC(tau0, 0x01), tau_i = HMAC(tau0, tau_{i-1} || i),
 * written as n consecutive 32-byte outputs tau1..tau_n to out (32 * n bytes). Returns EINVAL for n
 * outside 1..3.
 */
export function blake2s_hkdf(out: Uint8Array, n: size_t, input: Uint8Array, inlen: size_t, key: Uint8Array,
    keylen: size_t): errno_t {
	const prk = new Uint8Array(32);
	const msg = new Uint8Array(33);
	let i: size_t;
	let j: size_t;

	if (n < 1 || n > 3) {
		return EINVAL;
	}
	blake2s_hmac_compute(prk, input, key, BLAKE2S_HASH_SIZE, inlen, keylen);
	/* tau1 = HMAC(tau0, 0x01): the message is the counter byte alone */
	msg[0] = 1;
	blake2s_hmac_compute(out, msg, prk, BLAKE2S_HASH_SIZE, 1, BLAKE2S_HASH_SIZE);
	for (i = 1; i < n; i++) {
		for (j = 0; j < BLAKE2S_HASH_SIZE; j++) {
			msg[j] = out[32 * (i - 1) + j];
		}
		msg[32] = i + 1;
		blake2s_hmac_compute(out.subarray(32 * i), msg, prk, BLAKE2S_HASH_SIZE, 33, BLAKE2S_HASH_SIZE);
	}
	explicit_bzero(prk, 32);
	explicit_bzero(msg, 33);
	return 0;
}
