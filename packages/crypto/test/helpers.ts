/*
 * Test helpers: hex, the vector files (test/vectors), a seeded PRNG, and the backends under test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getCrypto, type BackendName } from '@wgup/crypto';

export const BACKENDS: readonly BackendName[] = ['fast', 'reference'];
export const crypto = (b: BackendName) => getCrypto(b);

/** WGUP_LONG=1 (npm run test:long) turns the long mode on. */
export const LONG = process.env.WGUP_LONG === '1';

export function hex(s: string): Uint8Array {
	const clean = s.replace(/[\s:]/g, '');
	return new Uint8Array(Buffer.from(clean, 'hex'));
}

export function toHex(b: Uint8Array | null): string | null {
	return b === null ? null : Buffer.from(b).toString('hex');
}

/** The vectors, copied into the repository (test/vectors/README.md: source, licence, SHA-256). */
export const VECTORS = path.resolve(__dirname, 'vectors');

export function loadVectors<T>(rel: string): T {
	return JSON.parse(fs.readFileSync(path.join(VECTORS, rel), 'utf8')) as T;
}

export interface WycheproofFile<T> {
	testGroups: { tests: T[]; [k: string]: unknown }[];
}

export interface AeadCase {
	tcId: number;
	comment: string;
	key: string;
	iv: string;
	aad: string;
	msg: string;
	ct: string;
	tag: string;
	result: 'valid' | 'invalid' | 'acceptable';
	flags: string[];
}

export interface XdhCase {
	tcId: number;
	comment: string;
	public: string;
	private: string;
	shared: string;
	result: 'valid' | 'invalid' | 'acceptable';
	flags: string[];
}

/**
 * splitmix32 (the 32-bit variant of Steele, Lea and Flood's SplittableRandom mixer): a small seeded
 * generator of our own, so a failing random case can be replayed from its printed seed.
 */
export class Rng {
	private state: number;
	constructor(readonly seed: number) {
		this.state = seed >>> 0;
	}
	u32(): number {
		this.state = (this.state + 0x9e3779b9) >>> 0;
		let z = this.state;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		return (z ^ (z >>> 16)) >>> 0;
	}
	/** uniform integer in [0, n) for n <= 2^32 */
	below(n: number): number {
		return Math.floor((this.u32() / 0x100000000) * n);
	}
	bytes(n: number): Uint8Array {
		const out = new Uint8Array(n);
		for (let i = 0; i < n; i += 4) {
			const v = this.u32();
			out[i] = v & 0xff;
			if (i + 1 < n) out[i + 1] = (v >>> 8) & 0xff;
			if (i + 2 < n) out[i + 2] = (v >>> 16) & 0xff;
			if (i + 3 < n) out[i + 3] = v >>> 24;
		}
		return out;
	}
}

/** The seed for a random suite: WGUP_SEED if given (to replay), else fresh. */
export function seedFor(): number {
	const fromEnv = process.env.WGUP_SEED;
	return fromEnv ? Number(fromEnv) >>> 0 : (Math.random() * 0x100000000) >>> 0;
}

/** Runs `body` for `count` cases; on the first failure rethrows with the seed and case index to replay. */
export function forRandomCases(suite: string, count: number, body: (rng: Rng, i: number) => void): void {
	const seed = seedFor();
	const rng = new Rng(seed);
	let i = 0;
	try {
		for (; i < count; i++) body(rng, i);
	} catch (e) {
		const msg = e instanceof Error ? e.message : String(e);
		throw new Error(`${suite}: case ${i} failed; replay with WGUP_SEED=${seed}\n${msg}`);
	}
}

/** One bit flipped in the sealed box (or, now and then, in the AAD): an open must then fail. */
export function tamper(rng: Rng, sealed: Uint8Array, aad: Uint8Array): [Uint8Array, Uint8Array] {
	const s = sealed.slice();
	const a = aad.slice();
	if (a.length > 0 && rng.below(4) === 0) a[rng.below(a.length)] ^= 1 << rng.below(8);
	else s[rng.below(s.length)] ^= 1 << rng.below(8);
	return [s, a];
}
