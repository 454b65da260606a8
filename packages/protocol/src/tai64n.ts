/*
 * TAI64N timestamps (go tai64n/tai64n.go): 12 bytes, a big-endian u64 of seconds since 1970 offset by
 * TAI64_BASE (2^62 + 10), then a big-endian u32 of nanoseconds. The nanoseconds are whitened (the low 24
 * bits cleared) as go and FreeBSD do, so an initiation reveals the sender's clock only to ~16.8 ms.
 */
import { TAI64N_LEN, TAI64N_WHITENER_MASK, TAI64_BASE } from './constants';

/** The TAI64N label of a Unix time given in milliseconds (fractions are kept down to the nanosecond). */
export function tai64n(unixMs: number): Uint8Array {
	const out = new Uint8Array(TAI64N_LEN);
	const ms = Math.floor(unixMs);
	const seconds = Math.floor(ms / 1000);
	const nanos = (ms - seconds * 1000) * 1_000_000 + Math.floor((unixMs - ms) * 1_000_000);
	const whitened = (nanos & ~TAI64N_WHITENER_MASK) >>> 0;
	const s = TAI64_BASE + BigInt(seconds);
	const view = new DataView(out.buffer);
	view.setBigUint64(0, s, false);
	view.setUint32(8, whitened, false);
	return out;
}

/** go tai64n.After: byte-wise greater (big-endian fields make this the time order). */
export function tai64nAfter(a: Uint8Array, b: Uint8Array): boolean {
	for (let i = 0; i < TAI64N_LEN; i++) {
		if (a[i] !== b[i]) return a[i] > b[i];
	}
	return false;
}
