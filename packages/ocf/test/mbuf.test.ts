import {
	M_PKTHDR, MLEN, MbufInvariantError, failingAllocator, m_adj, m_append, m_apply, m_copyback, m_copydata,
	m_length, m_pullup, m_with_storage, mbuf_bytes, mbuf_chain_from, mbuf_check, mbufs, M_LEADINGSPACE,
	M_TRAILINGSPACE,
} from '../src';

const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('mbuf chain model', () => {
	test('a chain holds its bytes across the splits it was built with, with a packet header', () => {
		const data = bytes(100);
		const m = mbuf_chain_from(data, [10, 0, 60, 30], { leading: 4, trailing: 8 });
		expect(mbufs(m).map((x) => x.len)).toEqual([10, 0, 60, 30]);
		expect(m.flags & M_PKTHDR).toBe(M_PKTHDR);
		expect(m.pkthdrLen).toBe(100);
		expect(M_LEADINGSPACE(m)).toBe(4);
		expect(M_TRAILINGSPACE(mbufs(m)[3])).toBe(8);
		expect(mbuf_bytes(m)).toEqual(data);
	});

	test('the invariant check catches a wrong m_pkthdr.len, a loop, overruns and a second packet header', () => {
		const m = mbuf_chain_from(bytes(20), [10, 10]);
		m.pkthdrLen = 19;
		expect(() => mbuf_check(m)).toThrow(/m_pkthdr.len 19 differs/);
		m.pkthdrLen = 20;
		m.next!.len = 11;
		expect(() => mbuf_check(m)).toThrow(MbufInvariantError);
		m.next!.len = 10;
		m.next!.flags |= M_PKTHDR;
		expect(() => mbuf_check(m)).toThrow(/non-leading/);
		m.next!.flags = 0;
		m.next!.next = m;
		expect(() => mbuf_check(m)).toThrow(/loops/);
	});

	test('m_append fills trailing space first, then new MLEN mbufs', () => {
		const m = mbuf_chain_from(bytes(10), [10], { trailing: 6 });
		const extra = bytes(300, 7);
		expect(m_append(m, extra.length, extra)).toBe(1);
		expect(mbufs(m).map((x) => x.len)).toEqual([16, MLEN, 300 - 6 - MLEN]);
		expect(mbuf_bytes(m)).toEqual(Uint8Array.from([...bytes(10), ...extra]));
	});

	test('m_append keeps the partial append on failure and grows m_pkthdr.len by it (uipc_mbuf.c)', () => {
		const m = mbuf_chain_from(bytes(10), [10], { trailing: 6 });
		const alloc = failingAllocator(0);
		expect(m_append(m, 16, new Uint8Array(16), alloc)).toBe(0);
		expect(alloc.calls).toBe(1);
		expect(m.pkthdrLen).toBe(16);
		expect(m_length(m)).toBe(16);
	});

	test('m_adj trims the head (emptying mbufs) and the tail (freeing what follows)', () => {
		const data = bytes(50);
		const m = mbuf_chain_from(data, [5, 20, 25]);
		m_adj(m, 12);
		expect(mbufs(m).map((x) => x.len)).toEqual([0, 13, 25]);
		expect(mbuf_bytes(m)).toEqual(data.subarray(12));
		m_adj(m, -30);
		expect(mbufs(m).map((x) => x.len)).toEqual([0, 8]);
		expect(m.pkthdrLen).toBe(8);
		expect(mbuf_bytes(m)).toEqual(data.subarray(12, 20));
		m_adj(m, -3); /* only the last mbuf changes */
		expect(mbuf_bytes(m)).toEqual(data.subarray(12, 17));
		m_adj(m, -100); /* more than there is: empty, not negative */
		expect(m.pkthdrLen).toBe(0);
	});

	test('m_copydata, m_copyback and m_apply cross mbuf boundaries at every offset', () => {
		const data = bytes(40);
		const m = mbuf_chain_from(data, [7, 0, 13, 20]);
		for (let off = 0; off <= 40; off++) {
			for (const len of [0, 1, 5, 40 - off]) {
				if (off + len > 40) continue;
				const out = new Uint8Array(len);
				m_copydata(m, off, len, out);
				expect(out).toEqual(data.subarray(off, off + len));
				const pieces: number[] = [];
				m_apply(m, off, len, (p) => (pieces.push(p.length), 0));
				expect(pieces.reduce((a, b) => a + b, 0)).toBe(len);
				expect(pieces.every((n) => n > 0)).toBe(true);
			}
		}
		m_copyback(m, 5, 10, new Uint8Array(10).fill(0xee));
		const after = mbuf_bytes(m);
		expect(after.subarray(5, 15).every((b) => b === 0xee)).toBe(true);
		expect(after.subarray(0, 5)).toEqual(data.subarray(0, 5));
		expect(after.subarray(15)).toEqual(data.subarray(15));
		expect(() => m_copydata(m, 30, 11, new Uint8Array(11))).toThrow(RangeError);
		expect(() => m_copyback(m, 39, 2, new Uint8Array(2))).toThrow(RangeError);
	});

	test('m_pullup makes the head contiguous, in place or with a new header mbuf, and fails like the kernel', () => {
		const data = bytes(60);
		const roomy = mbuf_chain_from(data, [4, 30, 26], { trailing: 40 });
		const r = m_pullup(roomy, 20)!;
		expect(r).toBe(roomy);
		expect(r.len).toBeGreaterThanOrEqual(20);
		expect(mbuf_bytes(r)).toEqual(data);
		const tight = mbuf_chain_from(data, [4, 30, 26]);
		const t = m_pullup(tight, 50)!;
		expect(t).not.toBe(tight);
		expect(t.flags & M_PKTHDR).toBe(M_PKTHDR);
		expect(tight.flags & M_PKTHDR).toBe(0);
		expect(t.len).toBe(50);
		expect(mbuf_bytes(t)).toEqual(data);
		expect(m_pullup(mbuf_chain_from(data, [4, 56]), 61)).toBeNull();
		expect(m_pullup(mbuf_chain_from(bytes(400), [4, 396]), 300)).toBeNull(); /* more than MHLEN */
		expect(m_pullup(mbuf_chain_from(data, [4, 56]), 10, failingAllocator(0))).toBeNull();
	});

	test('m_with_storage refuses leading space beyond its capacity', () => {
		expect(() => m_with_storage(8, 9, true)).toThrow(RangeError);
		expect(() => mbuf_chain_from(bytes(5), [2, 2])).toThrow(/add up to 4/);
	});
});
