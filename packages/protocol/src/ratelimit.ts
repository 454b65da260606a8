/*
 * The per-source token bucket a responder under load applies to handshakes that carry a valid mac2
 * (go ratelimiter/ratelimiter.go: 20 packets/s, burst 5, entries forgotten after 1 s idle).
 */
import { RATELIMIT_BURST, RATELIMIT_PACKETS_PER_SECOND } from './constants';

const COST = 1000 / RATELIMIT_PACKETS_PER_SECOND; // ms of tokens one packet costs
const MAX_TOKENS = COST * RATELIMIT_BURST;
const IDLE_FORGET = 1000;

export class RateLimiter {
	private readonly buckets = new Map<string, { tokens: number; last: number }>();
	private lastSweep = 0;

	/** true when a handshake from source may be processed now */
	allow(source: string, now: number): boolean {
		if (now - this.lastSweep > IDLE_FORGET) {
			for (const [k, b] of this.buckets) if (now - b.last > IDLE_FORGET) this.buckets.delete(k);
			this.lastSweep = now;
		}
		const b = this.buckets.get(source);
		if (!b) {
			this.buckets.set(source, { tokens: MAX_TOKENS - COST, last: now });
			return true;
		}
		b.tokens = Math.min(MAX_TOKENS, b.tokens + (now - b.last));
		b.last = now;
		if (b.tokens < COST) return false;
		b.tokens -= COST;
		return true;
	}

	get size(): number {
		return this.buckets.size;
	}
}
