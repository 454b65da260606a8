import { getCrypto } from '@wgup/crypto';
import {
	COUNTER_WINDOW_SIZE, MAX_TIMER_HANDSHAKES, REJECT_AFTER_MESSAGES, REKEY_AFTER_TIME_RECV, ReplayWindow,
	initialChainingKey, initialHash, prefixContains, parsePrefix, parseIP, formatIP, tai64n, tai64nAfter, RateLimiter,
	COOKIE_REFRESH_TIME, CookieChecker, CookieGenerator, INITIATION, cookieKey, localIdentity, mac1Key, parseMessage,
} from '../src';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('C0 and H0 match the values in the facts (and wireguard-rs INITIAL_CK / INITIAL_HS)', () => {
	const c = getCrypto('fast');
	expect(hex(initialChainingKey(c))).toBe('60e26daef327efc02ec335e2a025d2d016eb4206f87277f52d38d1988b78cd36');
	expect(hex(initialHash(c))).toBe('2211b361081ac566691243db458ad5322d9c6c662293e8b70ee19c65ba079ef3');
});

test('derived constants are what go computes', () => {
	expect(REJECT_AFTER_MESSAGES).toBe(18446744073709543423n);
	expect(MAX_TIMER_HANDSHAKES).toBe(18);
	expect(REKEY_AFTER_TIME_RECV).toBe(165_000);
	expect(COUNTER_WINDOW_SIZE).toBe(8128);
});

describe('TAI64N', () => {
	test('epoch label is 2^62 + 10 and the nanoseconds are whitened', () => {
		expect(hex(tai64n(0))).toBe('400000000000000a00000000');
		/* 1.5 s after the epoch: 500,000,000 ns = 0x1dcd6500; low 24 bits cleared gives 0x1d000000 */
		expect(hex(tai64n(1500))).toBe('400000000000000b1d000000');
	});
	test('ordering is byte-wise and strict; two stamps within 16.8 ms are equal', () => {
		const t = 1_700_000_000_000;
		expect(tai64nAfter(tai64n(t + 1000), tai64n(t))).toBe(true);
		expect(tai64nAfter(tai64n(t), tai64n(t + 1000))).toBe(false);
		expect(hex(tai64n(t + 1))).toBe(hex(tai64n(t)));
		expect(tai64nAfter(tai64n(t + 1), tai64n(t))).toBe(false);
		expect(tai64nAfter(tai64n(t + 20), tai64n(t))).toBe(true);
	});
});

describe('replay window', () => {
	test('accepts each counter once, in any order inside the window', () => {
		const w = new ReplayWindow();
		for (const n of [0n, 2n, 1n, 5n, 3n, 4n]) expect(w.validate(n)).toBe(true);
		for (const n of [0n, 1n, 2n, 3n, 4n, 5n]) expect(w.validate(n)).toBe(false);
	});
	test('rejects counters more than 8128 behind the highest, accepts the edge', () => {
		const w = new ReplayWindow();
		expect(w.validate(10000n)).toBe(true);
		expect(w.validate(10000n - 8128n)).toBe(true);
		expect(w.validate(10000n - 8129n)).toBe(false);
	});
	test('a large jump clears the whole ring', () => {
		const w = new ReplayWindow();
		for (let i = 0n; i < 200n; i++) w.validate(i);
		expect(w.validate(1_000_000n)).toBe(true);
		expect(w.validate(1_000_000n - 100n)).toBe(true);
		expect(w.validate(999_999n)).toBe(true);
	});
	test('counters at and above REJECT_AFTER_MESSAGES are refused', () => {
		const w = new ReplayWindow();
		expect(w.validate(REJECT_AFTER_MESSAGES)).toBe(false);
		expect(w.validate(REJECT_AFTER_MESSAGES - 1n)).toBe(true);
		expect(w.validate(REJECT_AFTER_MESSAGES - 1n)).toBe(false);
	});
	test('agrees with a set-based model on a random stream that replays the newest, recent and old counters often', () => {
		const w = new ReplayWindow();
		const seen = new Set<bigint>();
		const recent: bigint[] = []; /* the last 64 accepted counters */
		let hi = -1n;
		let seed = 7;
		const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 8;
		const drawn: Record<string, number> = {};
		const kinds = ['newest-again', 'recent-again', 'seen-again', 'next', 'near', 'edge', 'jump'] as const;
		const seenList: bigint[] = [];
		for (let i = 0; i < 50000; i++) {
			let kind: (typeof kinds)[number] = hi < 0n ? 'next' : kinds[rnd() % kinds.length];
			if (kind === 'jump' && rnd() % 20 !== 0) kind = 'near'; /* big jumps are rarer: each clears the ring */
			let n: bigint;
			switch (kind) {
			case 'newest-again': n = hi; break;
			case 'recent-again': n = recent[rnd() % recent.length]; break;
			case 'seen-again': n = seenList[rnd() % seenList.length]; break;
			case 'next': n = hi + 1n; break;
			case 'near': n = hi + BigInt(rnd() % 200) - 150n; break;
			case 'edge': n = hi - 8128n + BigInt(rnd() % 3) - 1n; break; /* 8127, 8128 or 8129 behind */
			case 'jump': n = hi + BigInt(rnd() % 20000); break;
			}
			if (n < 0n) continue;
			drawn[kind] = (drawn[kind] ?? 0) + 1;
			const tooOld = hi >= 0n && hi - n > 8128n;
			const expected = !tooOld && !seen.has(n);
			expect({ i, kind, n, accepted: w.validate(n) }).toEqual({ i, kind, n, accepted: expected });
			if (expected) {
				seen.add(n);
				seenList.push(n);
				recent.push(n);
				if (recent.length > 64) recent.shift();
				if (n > hi) hi = n;
			}
		}
		/* every kind was drawn often; the newest counter replayed thousands of times */
		for (const k of kinds) expect({ k, often: (drawn[k] ?? 0) >= 300 }).toEqual({ k, often: true });
		expect(drawn['newest-again']).toBeGreaterThan(5000);
	});
});

describe('IP prefixes', () => {
	test('parse, contain and format', () => {
		const p = parsePrefix('10.1.2.0/24')!;
		expect(prefixContains(p, parseIP('10.1.2.77')!)).toBe(true);
		expect(prefixContains(p, parseIP('10.1.3.1')!)).toBe(false);
		const v6 = parsePrefix('fd00:1::/64')!;
		expect(prefixContains(v6, parseIP('fd00:1::5')!)).toBe(true);
		expect(prefixContains(v6, parseIP('10.1.2.77')!)).toBe(false);
		expect(formatIP(parseIP('fd00:0:0:1::1')!)).toBe('fd00:0:0:1::1');
		expect(formatIP(parseIP('::ffff:1.2.3.4')!)).toBe('::ffff:102:304');
		expect(prefixContains(parsePrefix('0.0.0.0/0')!, parseIP('8.8.8.8')!)).toBe(true);
	});
	test('malformed text gives null', () => {
		for (const s of ['', '1.2.3', '1.2.3.256', '01.2.3.4', '1::2::3', 'fd00::/129', '10.0.0.0/33', 'x', '1:2:3:4:5:6:7:8:9']) {
			expect(parsePrefix(s)).toBeNull();
		}
	});
});

test('rate limiter: burst of 5, then 20 per second per source', () => {
	const r = new RateLimiter();
	const allowed = Array.from({ length: 8 }, () => r.allow('10.0.0.1', 0)).filter(Boolean).length;
	expect(allowed).toBe(5);
	expect(r.allow('10.0.0.2', 0)).toBe(true);
	expect(r.allow('10.0.0.1', 49)).toBe(false);
	expect(r.allow('10.0.0.1', 50)).toBe(true);
});

describe('cookie secret', () => {
	test('a mac2 made from a valid cookie passes until the secret is 2 minutes old, then a reply carries a new one', () => {
		const c = getCrypto('fast');
		const R = localIdentity(c, new Uint8Array(32).fill(2));
		let n = 0;
		const rng = (len: number) => Uint8Array.from({ length: len }, () => (n++ * 37) & 0xff);
		const checker = new CookieChecker(c, R.mac1Key, R.cookieKey, rng);
		const gen = new CookieGenerator(c, mac1Key(c, R.publicKey), cookieKey(c, R.publicKey));
		const src = Uint8Array.of(10, 0, 0, 1, 0x34, 0x12);
		const msg = new Uint8Array(INITIATION.size);
		msg[0] = 1;
		gen.addMacs(INITIATION, msg, 0);
		expect(checker.checkMac1(INITIATION, msg)).toBe(true);
		expect(checker.checkMac2(INITIATION, msg, src, 0)).toBe(false);
		const reply = parseMessage(checker.createReply(INITIATION, msg, 7, src, 0));
		if (!reply.ok || reply.message.type !== 3) throw new Error('no cookie reply');
		expect(reply.message.receiver).toBe(7);
		expect(gen.consumeReply(reply.message, 0)).toBe(true);
		gen.addMacs(INITIATION, msg, 1000);
		expect(checker.checkMac2(INITIATION, msg, src, 1000)).toBe(true);
		expect(checker.checkMac2(INITIATION, msg, Uint8Array.of(10, 0, 0, 2, 0x34, 0x12), 1000)).toBe(false);
		expect(checker.checkMac2(INITIATION, msg, src, COOKIE_REFRESH_TIME + 1)).toBe(false);
		/* the next reply is made under a new secret; the old cookie no longer passes, the new one does */
		const reply2 = parseMessage(checker.createReply(INITIATION, msg, 7, src, COOKIE_REFRESH_TIME + 1));
		if (!reply2.ok || reply2.message.type !== 3) throw new Error('no cookie reply');
		const stale = msg.slice();
		gen.addMacs(INITIATION, stale, COOKIE_REFRESH_TIME + 2);
		expect(checker.checkMac2(INITIATION, stale, src, COOKIE_REFRESH_TIME + 2)).toBe(false);
		expect(gen.consumeReply(reply2.message, COOKIE_REFRESH_TIME + 2)).toBe(true);
		gen.addMacs(INITIATION, stale, COOKIE_REFRESH_TIME + 3);
		expect(checker.checkMac2(INITIATION, stale, src, COOKIE_REFRESH_TIME + 3)).toBe(true);
	});
});
