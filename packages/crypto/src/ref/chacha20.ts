/*
 * ChaCha20 (RFC 8439 section 2) and HChaCha20 (draft-irtf-cfrg-xchacha section 2.2).
 *
 * The block function keeps the 16 state words in 16 local variables and writes the eight quarter-rounds
 * of each double round out in full, so the C compiler keeps the state in registers; a quarter-round
 * helper indexing an array would force it through memory.
 */
import { add32, explicit_bzero, load32_le, rotl32, store32_le } from '@wgup/prelude';
import type { size_t, u32 } from '@wgup/prelude';

/** RFC 8439 2.3: bytes per keystream block */
export const CHACHA20_BLOCK_SIZE = 64;
/** RFC 8439 2.3: key bytes */
export const CHACHA20_KEY_SIZE = 32;
/** RFC 8439 2.3: nonce bytes (96-bit nonce, 32-bit block counter) */
export const CHACHA20_NONCE_SIZE = 12;
/** draft-irtf-cfrg-xchacha 2.2: HChaCha20 nonce bytes */
export const HCHACHA20_NONCE_SIZE = 16;

/* RFC 8439 2.3: the constants "expa", "nd 3", "2-by", "te k" as little-endian words. */
const SIGMA = new Uint32Array([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]);

/**
 * RFC 8439 2.3: the initial state. Words 0..3 the constants, 4..11 the key, 12 the block counter,
 * 13..15 the nonce, all little-endian.
 */
export function chacha20_init(state: Uint32Array, key: Uint8Array, nonce: Uint8Array, counter: u32): void {
	let i: size_t;

	for (i = 0; i < 4; i++) {
		state[i] = SIGMA[i];
	}
	for (i = 0; i < 8; i++) {
		state[4 + i] = load32_le(key, 4 * i);
	}
	state[12] = counter;
	for (i = 0; i < 3; i++) {
		state[13 + i] = load32_le(nonce, 4 * i);
	}
}

/**
 * RFC 8439 2.3: the first column round's quarter-rounds 1..3 (QUARTERROUND(1, 5, 9, 13) .. (3, 7, 11, 15))
 * read only the constants, the key and the nonce, which are the same for every block of a message; only
 * QUARTERROUND(0, 4, 8, 12) reads the block counter (word 12). So they are computed once per message
 * into `pre`, which is `state` with those three quarter-rounds applied (words 0, 4, 8 and 12 are
 * state's), and chacha20_block_xor starts from it: 36 of each block's 960 add/xor/rotate operations
 * go. `pre` is as secret as the key.
 */
function chacha20_precompute(pre: Uint32Array, state: Uint32Array): void {
	let x1: u32 = state[1];
	let x2: u32 = state[2];
	let x3: u32 = state[3];
	let x5: u32 = state[5];
	let x6: u32 = state[6];
	let x7: u32 = state[7];
	let x9: u32 = state[9];
	let x10: u32 = state[10];
	let x11: u32 = state[11];
	let x13: u32 = state[13];
	let x14: u32 = state[14];
	let x15: u32 = state[15];

	x1 = add32(x1, x5);
	x13 = rotl32((x13 ^ x1) >>> 0, 16);
	x9 = add32(x9, x13);
	x5 = rotl32((x5 ^ x9) >>> 0, 12);
	x1 = add32(x1, x5);
	x13 = rotl32((x13 ^ x1) >>> 0, 8);
	x9 = add32(x9, x13);
	x5 = rotl32((x5 ^ x9) >>> 0, 7);
	x2 = add32(x2, x6);
	x14 = rotl32((x14 ^ x2) >>> 0, 16);
	x10 = add32(x10, x14);
	x6 = rotl32((x6 ^ x10) >>> 0, 12);
	x2 = add32(x2, x6);
	x14 = rotl32((x14 ^ x2) >>> 0, 8);
	x10 = add32(x10, x14);
	x6 = rotl32((x6 ^ x10) >>> 0, 7);
	x3 = add32(x3, x7);
	x15 = rotl32((x15 ^ x3) >>> 0, 16);
	x11 = add32(x11, x15);
	x7 = rotl32((x7 ^ x11) >>> 0, 12);
	x3 = add32(x3, x7);
	x15 = rotl32((x15 ^ x3) >>> 0, 8);
	x11 = add32(x11, x15);
	x7 = rotl32((x7 ^ x11) >>> 0, 7);
	pre[0] = state[0];
	pre[1] = x1;
	pre[2] = x2;
	pre[3] = x3;
	pre[4] = state[4];
	pre[5] = x5;
	pre[6] = x6;
	pre[7] = x7;
	pre[8] = state[8];
	pre[9] = x9;
	pre[10] = x10;
	pre[11] = x11;
	pre[12] = state[12];
	pre[13] = x13;
	pre[14] = x14;
	pre[15] = x15;
}

/**
 * RFC 8439 2.3 and 2.4: one 64-byte keystream block from `state`, XORed with `input` as it is written to
 * `out` (out may equal input). Twenty rounds, i.e. ten double rounds of four column and four diagonal
 * quarter-rounds (2.1: a += b; d ^= a; d <<<= 16; c += d; b ^= c; b <<<= 12; a += b; d ^= a;
 * d <<<= 8; c += d; b ^= c; b <<<= 7), then the input state is added word by word (2.3, step "add the
 * original input words"). The first column round's other three quarter-rounds come done in `pre`
 * (chacha20_precompute), so the first double round is QUARTERROUND(0, 4, 8, 12) and the diagonal
 * round, then nine full double rounds follow. Each keystream word goes from its register straight into
 * a 32-bit XOR with the input word (le32dec/le32enc): no keystream buffer on the stack and no per-byte
 * loop, which a kernel build (no SIMD) cannot vectorize away. All sixteen words get the state added
 * before the first store: a byte store through `out` may alias `state`, and would make the compiler
 * reload it.
 *
 * The four quarter-rounds of a round are written step by step (that statement of each of the four,
 * then the next one), not one after the other, as BLAKE2s' G are: the same operations, with four
 * independent ones next to each other in the source, which gcc (no instruction scheduling before
 * register allocation on x86) and clang both allocate and schedule better. With the kernel flags
 * (then without frame pointers), seal 1420 B went from 1.29x to 1.44x libsodium's with gcc and from
 * 1.16x to 1.28x with clang. Within a step the quarter-rounds go 3, 2, 0, 1 in a column round and
 * 2, 1, 3, 0 in a diagonal round. With the flags FreeBSD builds a module with (frame pointers on), one
 * order for both ran gcc 1.30x-1.47x and clang 1.16x-1.25x at 1420 B over the 24 (0, 3, 1, 2, chosen
 * without frame pointers, gives clang 1.16x; 2, 1, 3, 0 was clang's best, gcc 1.37x); of the 47 pairs
 * with 2, 1, 3, 0 on one side, this one gives gcc 1.45x and clang 1.27x.
 */
function chacha20_block_xor(out: Uint8Array, input: Uint8Array, state: Uint32Array, pre: Uint32Array): void {
	let i: size_t;
	let x0: u32 = pre[0];
	let x1: u32 = pre[1];
	let x2: u32 = pre[2];
	let x3: u32 = pre[3];
	let x4: u32 = pre[4];
	let x5: u32 = pre[5];
	let x6: u32 = pre[6];
	let x7: u32 = pre[7];
	let x8: u32 = pre[8];
	let x9: u32 = pre[9];
	let x10: u32 = pre[10];
	let x11: u32 = pre[11];
	let x12: u32 = state[12];
	let x13: u32 = pre[13];
	let x14: u32 = pre[14];
	let x15: u32 = pre[15];

	/* the first double round: its column round's quarter-rounds 1..3 are in pre */
	x0 = add32(x0, x4);
	x12 = rotl32((x12 ^ x0) >>> 0, 16);
	x8 = add32(x8, x12);
	x4 = rotl32((x4 ^ x8) >>> 0, 12);
	x0 = add32(x0, x4);
	x12 = rotl32((x12 ^ x0) >>> 0, 8);
	x8 = add32(x8, x12);
	x4 = rotl32((x4 ^ x8) >>> 0, 7);
	/* diagonal round: QUARTERROUND(0, 5, 10, 15) .. QUARTERROUND(3, 4, 9, 14) */
	x2 = add32(x2, x7);
	x1 = add32(x1, x6);
	x3 = add32(x3, x4);
	x0 = add32(x0, x5);
	x13 = rotl32((x13 ^ x2) >>> 0, 16);
	x12 = rotl32((x12 ^ x1) >>> 0, 16);
	x14 = rotl32((x14 ^ x3) >>> 0, 16);
	x15 = rotl32((x15 ^ x0) >>> 0, 16);
	x8 = add32(x8, x13);
	x11 = add32(x11, x12);
	x9 = add32(x9, x14);
	x10 = add32(x10, x15);
	x7 = rotl32((x7 ^ x8) >>> 0, 12);
	x6 = rotl32((x6 ^ x11) >>> 0, 12);
	x4 = rotl32((x4 ^ x9) >>> 0, 12);
	x5 = rotl32((x5 ^ x10) >>> 0, 12);
	x2 = add32(x2, x7);
	x1 = add32(x1, x6);
	x3 = add32(x3, x4);
	x0 = add32(x0, x5);
	x13 = rotl32((x13 ^ x2) >>> 0, 8);
	x12 = rotl32((x12 ^ x1) >>> 0, 8);
	x14 = rotl32((x14 ^ x3) >>> 0, 8);
	x15 = rotl32((x15 ^ x0) >>> 0, 8);
	x8 = add32(x8, x13);
	x11 = add32(x11, x12);
	x9 = add32(x9, x14);
	x10 = add32(x10, x15);
	x7 = rotl32((x7 ^ x8) >>> 0, 7);
	x6 = rotl32((x6 ^ x11) >>> 0, 7);
	x4 = rotl32((x4 ^ x9) >>> 0, 7);
	x5 = rotl32((x5 ^ x10) >>> 0, 7);
	for (i = 0; i < 9; i++) {
		/* column round: QUARTERROUND(0, 4, 8, 12) .. QUARTERROUND(3, 7, 11, 15) */
		x3 = add32(x3, x7);
		x2 = add32(x2, x6);
		x0 = add32(x0, x4);
		x1 = add32(x1, x5);
		x15 = rotl32((x15 ^ x3) >>> 0, 16);
		x14 = rotl32((x14 ^ x2) >>> 0, 16);
		x12 = rotl32((x12 ^ x0) >>> 0, 16);
		x13 = rotl32((x13 ^ x1) >>> 0, 16);
		x11 = add32(x11, x15);
		x10 = add32(x10, x14);
		x8 = add32(x8, x12);
		x9 = add32(x9, x13);
		x7 = rotl32((x7 ^ x11) >>> 0, 12);
		x6 = rotl32((x6 ^ x10) >>> 0, 12);
		x4 = rotl32((x4 ^ x8) >>> 0, 12);
		x5 = rotl32((x5 ^ x9) >>> 0, 12);
		x3 = add32(x3, x7);
		x2 = add32(x2, x6);
		x0 = add32(x0, x4);
		x1 = add32(x1, x5);
		x15 = rotl32((x15 ^ x3) >>> 0, 8);
		x14 = rotl32((x14 ^ x2) >>> 0, 8);
		x12 = rotl32((x12 ^ x0) >>> 0, 8);
		x13 = rotl32((x13 ^ x1) >>> 0, 8);
		x11 = add32(x11, x15);
		x10 = add32(x10, x14);
		x8 = add32(x8, x12);
		x9 = add32(x9, x13);
		x7 = rotl32((x7 ^ x11) >>> 0, 7);
		x6 = rotl32((x6 ^ x10) >>> 0, 7);
		x4 = rotl32((x4 ^ x8) >>> 0, 7);
		x5 = rotl32((x5 ^ x9) >>> 0, 7);
		/* diagonal round: QUARTERROUND(0, 5, 10, 15) .. QUARTERROUND(3, 4, 9, 14) */
		x2 = add32(x2, x7);
		x1 = add32(x1, x6);
		x3 = add32(x3, x4);
		x0 = add32(x0, x5);
		x13 = rotl32((x13 ^ x2) >>> 0, 16);
		x12 = rotl32((x12 ^ x1) >>> 0, 16);
		x14 = rotl32((x14 ^ x3) >>> 0, 16);
		x15 = rotl32((x15 ^ x0) >>> 0, 16);
		x8 = add32(x8, x13);
		x11 = add32(x11, x12);
		x9 = add32(x9, x14);
		x10 = add32(x10, x15);
		x7 = rotl32((x7 ^ x8) >>> 0, 12);
		x6 = rotl32((x6 ^ x11) >>> 0, 12);
		x4 = rotl32((x4 ^ x9) >>> 0, 12);
		x5 = rotl32((x5 ^ x10) >>> 0, 12);
		x2 = add32(x2, x7);
		x1 = add32(x1, x6);
		x3 = add32(x3, x4);
		x0 = add32(x0, x5);
		x13 = rotl32((x13 ^ x2) >>> 0, 8);
		x12 = rotl32((x12 ^ x1) >>> 0, 8);
		x14 = rotl32((x14 ^ x3) >>> 0, 8);
		x15 = rotl32((x15 ^ x0) >>> 0, 8);
		x8 = add32(x8, x13);
		x11 = add32(x11, x12);
		x9 = add32(x9, x14);
		x10 = add32(x10, x15);
		x7 = rotl32((x7 ^ x8) >>> 0, 7);
		x6 = rotl32((x6 ^ x11) >>> 0, 7);
		x4 = rotl32((x4 ^ x9) >>> 0, 7);
		x5 = rotl32((x5 ^ x10) >>> 0, 7);
	}
	x0 = add32(x0, state[0]);
	x1 = add32(x1, state[1]);
	x2 = add32(x2, state[2]);
	x3 = add32(x3, state[3]);
	x4 = add32(x4, state[4]);
	x5 = add32(x5, state[5]);
	x6 = add32(x6, state[6]);
	x7 = add32(x7, state[7]);
	x8 = add32(x8, state[8]);
	x9 = add32(x9, state[9]);
	x10 = add32(x10, state[10]);
	x11 = add32(x11, state[11]);
	x12 = add32(x12, state[12]);
	x13 = add32(x13, state[13]);
	x14 = add32(x14, state[14]);
	x15 = add32(x15, state[15]);
	store32_le(out, 0, (x0 ^ load32_le(input, 0)) >>> 0);
	store32_le(out, 4, (x1 ^ load32_le(input, 4)) >>> 0);
	store32_le(out, 8, (x2 ^ load32_le(input, 8)) >>> 0);
	store32_le(out, 12, (x3 ^ load32_le(input, 12)) >>> 0);
	store32_le(out, 16, (x4 ^ load32_le(input, 16)) >>> 0);
	store32_le(out, 20, (x5 ^ load32_le(input, 20)) >>> 0);
	store32_le(out, 24, (x6 ^ load32_le(input, 24)) >>> 0);
	store32_le(out, 28, (x7 ^ load32_le(input, 28)) >>> 0);
	store32_le(out, 32, (x8 ^ load32_le(input, 32)) >>> 0);
	store32_le(out, 36, (x9 ^ load32_le(input, 36)) >>> 0);
	store32_le(out, 40, (x10 ^ load32_le(input, 40)) >>> 0);
	store32_le(out, 44, (x11 ^ load32_le(input, 44)) >>> 0);
	store32_le(out, 48, (x12 ^ load32_le(input, 48)) >>> 0);
	store32_le(out, 52, (x13 ^ load32_le(input, 52)) >>> 0);
	store32_le(out, 56, (x14 ^ load32_le(input, 56)) >>> 0);
	store32_le(out, 60, (x15 ^ load32_le(input, 60)) >>> 0);
}

/* 64 zero bytes: a keystream block XORed into them is the keystream block itself */
const ZERO_BLOCK = new Uint8Array([
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
]);

/** RFC 8439 2.3: one 64-byte keystream block from `state`, serialized little-endian into `out`. */
export function chacha20_block(out: Uint8Array, state: Uint32Array): void {
	const pre = new Uint32Array(16);

	chacha20_precompute(pre, state);
	chacha20_block_xor(out, ZERO_BLOCK, state, pre);
	/* derived from the key */
	explicit_bzero(pre, 64);
}

/**
 * RFC 8439 2.4: XOR `len` bytes of `src` with the keystream for (key, 12-byte nonce) starting at block
 * `counter`, into `dst` (dst may equal src). The AEAD calls it with counter 1 (block 0 keys Poly1305);
 * the OCF mbuf fallback calls it segment by segment, resuming at a block boundary. Whole blocks are
 * XORed word by word as the keystream is made; only a last partial block goes through a stack copy.
 */
export function chacha20_xor(dst: Uint8Array, src: Uint8Array, len: size_t, key: Uint8Array, nonce: Uint8Array,
    counter: u32): void {
	const state = new Uint32Array(16);
	const pre = new Uint32Array(16);
	const block = new Uint8Array(64);
	let off: size_t = 0;
	let n: size_t;
	let i: size_t;

	chacha20_init(state, key, nonce, counter);
	chacha20_precompute(pre, state);
	while (len - off >= CHACHA20_BLOCK_SIZE) {
		chacha20_block_xor(dst.subarray(off), src.subarray(off), state, pre);
		/* RFC 8439 2.4.1: the counter advances once per block */
		state[12] = add32(state[12], 1);
		off += CHACHA20_BLOCK_SIZE;
	}
	if (off < len) {
		n = len - off;
		for (i = 0; i < n; i++) {
			block[i] = src[off + i];
		}
		chacha20_block_xor(block, block, state, pre);
		for (i = 0; i < n; i++) {
			dst[off + i] = block[i];
		}
		/* the last keystream block is secret (block holds it XOR src, and zeros past n) */
		explicit_bzero(block, 64);
	}
	/* the key schedule is secret */
	explicit_bzero(state, 64);
	explicit_bzero(pre, 64);
}

/**
 * draft-irtf-cfrg-xchacha 2.2: HChaCha20 derives a 32-byte subkey from the key and the first 16 nonce
 * bytes. The state is set up like ChaCha20's with the 16 bytes in words 12..15; after the 20 rounds the
 * input is NOT added back (that would reveal the key), and words 0..3 and 12..15 are the output. The
 * rounds are chacha20_block_xor's, in its step-by-step order.
 */
export function hchacha20(out: Uint8Array, key: Uint8Array, nonce: Uint8Array): void {
	let i: size_t;
	let x0: u32 = SIGMA[0];
	let x1: u32 = SIGMA[1];
	let x2: u32 = SIGMA[2];
	let x3: u32 = SIGMA[3];
	let x4: u32 = load32_le(key, 0);
	let x5: u32 = load32_le(key, 4);
	let x6: u32 = load32_le(key, 8);
	let x7: u32 = load32_le(key, 12);
	let x8: u32 = load32_le(key, 16);
	let x9: u32 = load32_le(key, 20);
	let x10: u32 = load32_le(key, 24);
	let x11: u32 = load32_le(key, 28);
	let x12: u32 = load32_le(nonce, 0);
	let x13: u32 = load32_le(nonce, 4);
	let x14: u32 = load32_le(nonce, 8);
	let x15: u32 = load32_le(nonce, 12);

	for (i = 0; i < 10; i++) {
		/* column round: QUARTERROUND(0, 4, 8, 12) .. QUARTERROUND(3, 7, 11, 15) */
		x3 = add32(x3, x7);
		x2 = add32(x2, x6);
		x0 = add32(x0, x4);
		x1 = add32(x1, x5);
		x15 = rotl32((x15 ^ x3) >>> 0, 16);
		x14 = rotl32((x14 ^ x2) >>> 0, 16);
		x12 = rotl32((x12 ^ x0) >>> 0, 16);
		x13 = rotl32((x13 ^ x1) >>> 0, 16);
		x11 = add32(x11, x15);
		x10 = add32(x10, x14);
		x8 = add32(x8, x12);
		x9 = add32(x9, x13);
		x7 = rotl32((x7 ^ x11) >>> 0, 12);
		x6 = rotl32((x6 ^ x10) >>> 0, 12);
		x4 = rotl32((x4 ^ x8) >>> 0, 12);
		x5 = rotl32((x5 ^ x9) >>> 0, 12);
		x3 = add32(x3, x7);
		x2 = add32(x2, x6);
		x0 = add32(x0, x4);
		x1 = add32(x1, x5);
		x15 = rotl32((x15 ^ x3) >>> 0, 8);
		x14 = rotl32((x14 ^ x2) >>> 0, 8);
		x12 = rotl32((x12 ^ x0) >>> 0, 8);
		x13 = rotl32((x13 ^ x1) >>> 0, 8);
		x11 = add32(x11, x15);
		x10 = add32(x10, x14);
		x8 = add32(x8, x12);
		x9 = add32(x9, x13);
		x7 = rotl32((x7 ^ x11) >>> 0, 7);
		x6 = rotl32((x6 ^ x10) >>> 0, 7);
		x4 = rotl32((x4 ^ x8) >>> 0, 7);
		x5 = rotl32((x5 ^ x9) >>> 0, 7);
		/* diagonal round: QUARTERROUND(0, 5, 10, 15) .. QUARTERROUND(3, 4, 9, 14) */
		x2 = add32(x2, x7);
		x1 = add32(x1, x6);
		x3 = add32(x3, x4);
		x0 = add32(x0, x5);
		x13 = rotl32((x13 ^ x2) >>> 0, 16);
		x12 = rotl32((x12 ^ x1) >>> 0, 16);
		x14 = rotl32((x14 ^ x3) >>> 0, 16);
		x15 = rotl32((x15 ^ x0) >>> 0, 16);
		x8 = add32(x8, x13);
		x11 = add32(x11, x12);
		x9 = add32(x9, x14);
		x10 = add32(x10, x15);
		x7 = rotl32((x7 ^ x8) >>> 0, 12);
		x6 = rotl32((x6 ^ x11) >>> 0, 12);
		x4 = rotl32((x4 ^ x9) >>> 0, 12);
		x5 = rotl32((x5 ^ x10) >>> 0, 12);
		x2 = add32(x2, x7);
		x1 = add32(x1, x6);
		x3 = add32(x3, x4);
		x0 = add32(x0, x5);
		x13 = rotl32((x13 ^ x2) >>> 0, 8);
		x12 = rotl32((x12 ^ x1) >>> 0, 8);
		x14 = rotl32((x14 ^ x3) >>> 0, 8);
		x15 = rotl32((x15 ^ x0) >>> 0, 8);
		x8 = add32(x8, x13);
		x11 = add32(x11, x12);
		x9 = add32(x9, x14);
		x10 = add32(x10, x15);
		x7 = rotl32((x7 ^ x8) >>> 0, 7);
		x6 = rotl32((x6 ^ x11) >>> 0, 7);
		x4 = rotl32((x4 ^ x9) >>> 0, 7);
		x5 = rotl32((x5 ^ x10) >>> 0, 7);
	}
	store32_le(out, 0, x0);
	store32_le(out, 4, x1);
	store32_le(out, 8, x2);
	store32_le(out, 12, x3);
	store32_le(out, 16, x12);
	store32_le(out, 20, x13);
	store32_le(out, 24, x14);
	store32_le(out, 28, x15);
}
