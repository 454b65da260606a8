/*
 * The sliding replay window of RFC 6479 as wireguard-go (replay/replay.go) and FreeBSD (wg_noise.c) build
 * it: a ring of 128 blocks of 64 bits. Moving forward clears whole blocks instead of shifting a bitmap,
 * so one block is always being recycled and the usable window is 8192 - 64 = 8128 counters behind the
 * highest seen. Only authenticated packets may be passed in (the caller checks the tag first), so a
 * forger cannot move the window.
 *
 * Blocks are held as two u32 words each so that bit operations stay on numbers; the counters are u64
 * (bigint) because they reach 2^64 - 2^13 - 1.
 */
import { COUNTER_BITS_TOTAL, COUNTER_BLOCK_BITS, COUNTER_WINDOW_SIZE, REJECT_AFTER_MESSAGES } from './constants';

const RING_BLOCKS = COUNTER_BITS_TOTAL / COUNTER_BLOCK_BITS; // 128
const BLOCK_MASK = BigInt(RING_BLOCKS - 1);
const WINDOW = BigInt(COUNTER_WINDOW_SIZE);

export class ReplayWindow {
	/** ring[2*b] holds bits 0..31 of block b, ring[2*b+1] bits 32..63 */
	private readonly ring = new Uint32Array(RING_BLOCKS * 2);
	private last = 0n;

	/** Forget every counter (a new keypair starts from an empty window). */
	reset(): void {
		this.ring.fill(0);
		this.last = 0n;
	}

	/**
	 * Accepts counter once: true if it is below the limit, not too old, and not seen before (and marks it
	 * seen); false otherwise.
	 */
	validate(counter: bigint, limit: bigint = REJECT_AFTER_MESSAGES): boolean {
		if (counter < 0n || counter >= limit) return false;
		const block = counter >> 6n;
		if (counter > this.last) {
			const current = this.last >> 6n;
			let diff = block - current;
			if (diff > BigInt(RING_BLOCKS)) diff = BigInt(RING_BLOCKS);
			const first = Number(current & BLOCK_MASK);
			for (let i = 1; i <= Number(diff); i++) {
				const b = (first + i) & (RING_BLOCKS - 1);
				this.ring[2 * b] = 0;
				this.ring[2 * b + 1] = 0;
			}
			this.last = counter;
		} else if (this.last - counter > WINDOW) {
			return false;
		}
		const b = Number(block & BLOCK_MASK);
		const bit = Number(counter & 63n);
		const word = 2 * b + (bit >>> 5);
		const mask = (1 << (bit & 31)) >>> 0;
		if ((this.ring[word] & mask) !== 0) return false;
		this.ring[word] = (this.ring[word] | mask) >>> 0;
		return true;
	}
}
