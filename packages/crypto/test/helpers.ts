/*
 * Test helpers: hex, the shared vector files, a seeded PRNG, and the backends under test.
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

export const VECTORS = path.resolve(__dirname, '../../../../shared/vectors');

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
 * splitmix64: a small seeded generator of our own (Steele, Lea, Flood 2014), so a failing random case
 * can be replayed from its printed seed.
 */
export class Rng {
	private state: bigint;
	constructor(readonly seed: bigint) {
		this.state = seed & 0xffffffffffffffffn;
	}
	next64(): bigint {
		this.state = (this.state + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
		let z = this.state;
		z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
		z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
		return z ^ (z >> 31n);
	}
	u32(): number {
		return Number(this.next64() >> 32n);
	}
	/** uniform integer in [0, n) for n <= 2^32 */
	below(n: number): number {
		return Math.floor((this.u32() / 0x100000000) * n);
	}
	bytes(n: number): Uint8Array {
		const out = new Uint8Array(n);
		for (let i = 0; i < n; i += 8) {
			let v = this.next64();
			for (let j = i; j < Math.min(n, i + 8); j++) {
				out[j] = Number(v & 0xffn);
				v >>= 8n;
			}
		}
		return out;
	}
}

/** The seed for a random suite: WGUP_SEED if given (to replay), else fresh. */
export function seedFor(suite: string): bigint {
	const fromEnv = process.env.WGUP_SEED;
	const seed = fromEnv ? BigInt(fromEnv) : BigInt(Date.now()) * 1000003n + BigInt(Math.floor(Math.random() * 1e9));
	void suite;
	return seed;
}

/** Runs `body` for `count` cases; on the first failure rethrows with the seed and case index to replay. */
export function forRandomCases(suite: string, count: number, body: (rng: Rng, i: number) => void): void {
	const seed = seedFor(suite);
	const rng = new Rng(seed);
	let i = 0;
	try {
		for (; i < count; i++) body(rng, i);
	} catch (e) {
		const msg = e instanceof Error ? e.message : String(e);
		throw new Error(`${suite}: case ${i} failed; replay with WGUP_SEED=${seed}\n${msg}`);
	}
}
