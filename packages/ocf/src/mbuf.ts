/*
 * A model of FreeBSD's mbuf chains, small enough to read and exact where the data path depends on it.
 *
 * An mbuf is a window (m_data, m_len) into a storage array; m_next links the chain; the first mbuf of a
 * packet carries M_PKTHDR and m_pkthdr.len, which must equal the sum of m_len over the chain. The
 * operations follow sys/kern/uipc_mbuf.c (m_append, m_adj, m_copydata, m_copyback, m_pullup, m_length)
 * and sys/sys/mbuf.h (M_LEADINGSPACE, M_TRAILINGSPACE), including their quirks: m_append leaves what it
 * managed to copy in place when an allocation fails, and m_adj(m, -n) frees the mbufs after the new end.
 *
 * Every mutating operation re-checks the chain's invariants (mbuf_check) before it returns, so a test that
 * drives the model cannot leave a broken chain unnoticed.
 *
 * Allocation goes through an MbufAllocator, so tests can make the n-th allocation fail (M_NOWAIT).
 */

/** m_flags bit: this mbuf heads a packet and carries m_pkthdr (sys/sys/mbuf.h) */
export const M_PKTHDR = 0x2;

/*
 * Storage sizes. FreeBSD's values depend on the platform (MSIZE 256, MLEN = MSIZE minus the mbuf header,
 * MHLEN = MLEN minus the packet header, MCLBYTES 2048: sys/sys/param.h, sys/sys/mbuf.h); the model only
 * needs fixed capacities with MHLEN < MLEN < MCLBYTES, so it takes amd64's round numbers.
 */
export const MSIZE = 256;
export const MLEN = 224;
export const MHLEN = 160;
export const MCLBYTES = 2048;

export interface Mbuf {
	/** the storage the mbuf's data lives in (its internal buffer or cluster) */
	storage: Uint8Array;
	/** m_data as an offset into storage */
	data: number;
	/** m_len */
	len: number;
	/** m_next */
	next: Mbuf | null;
	/** m_flags (only M_PKTHDR is modelled) */
	flags: number;
	/** m_pkthdr.len; meaningful only with M_PKTHDR */
	pkthdrLen: number;
}

/** How mbufs are obtained; returns null where m_get(M_NOWAIT, ...) would. */
export interface MbufAllocator {
	allocate(capacity: number): Uint8Array | null;
}

/** The allocator that always succeeds. */
export const DEFAULT_ALLOCATOR: MbufAllocator = { allocate: (capacity) => new Uint8Array(capacity) };

/** An allocator whose allocations number `failAt` and later (0-based) fail; counts what it was asked. */
export function failingAllocator(failAt: number): MbufAllocator & { calls: number } {
	const a = {
		calls: 0,
		allocate(capacity: number): Uint8Array | null {
			const n = a.calls++;
			return n >= failAt ? null : new Uint8Array(capacity);
		},
	};
	return a;
}

export class MbufInvariantError extends Error {}

function mbufNew(storage: Uint8Array, pkthdr: boolean): Mbuf {
	return { storage, data: 0, len: 0, next: null, flags: pkthdr ? M_PKTHDR : 0, pkthdrLen: 0 };
}

/** m_get(M_NOWAIT, MT_DATA): an empty mbuf of MLEN bytes, or null. */
export function m_get(alloc: MbufAllocator = DEFAULT_ALLOCATOR): Mbuf | null {
	const s = alloc.allocate(MLEN);
	return s ? mbufNew(s, false) : null;
}

/** m_gethdr(M_NOWAIT, MT_DATA): an empty packet header mbuf of MHLEN bytes, or null. */
export function m_gethdr(alloc: MbufAllocator = DEFAULT_ALLOCATOR): Mbuf | null {
	const s = alloc.allocate(MHLEN);
	return s ? mbufNew(s, true) : null;
}

/** An mbuf with explicit storage: capacity bytes, data starting `leading` bytes in (for tests and chains). */
export function m_with_storage(capacity: number, leading: number, pkthdr: boolean): Mbuf {
	if (leading < 0 || leading > capacity) throw new RangeError(`leading space ${leading} outside 0..${capacity}`);
	const m = mbufNew(new Uint8Array(capacity), pkthdr);
	m.data = leading;
	return m;
}

/** The bytes an mbuf holds: mtod(m, uint8_t *) for m_len bytes (a view, not a copy). */
export function mtod(m: Mbuf): Uint8Array {
	return m.storage.subarray(m.data, m.data + m.len);
}

/** M_LEADINGSPACE: room before m_data (the model's storage is always writable). */
export function M_LEADINGSPACE(m: Mbuf): number {
	return m.data;
}

/** M_TRAILINGSPACE: room after the data. */
export function M_TRAILINGSPACE(m: Mbuf): number {
	return m.storage.length - m.data - m.len;
}

/** m_length(m, NULL): sum of m_len over the chain. */
export function m_length(m: Mbuf | null): number {
	let n = 0;
	for (let p = m; p; p = p.next) n += p.len;
	return n;
}

/** The mbufs of a chain, in order. */
export function mbufs(m: Mbuf | null): Mbuf[] {
	const out: Mbuf[] = [];
	for (let p = m; p; p = p.next) out.push(p);
	return out;
}

/**
 * The invariants a well-formed packet chain keeps; throws MbufInvariantError naming the first broken one.
 * Checked after every mutating operation here. (FreeBSD checks some of these only under INVARIANTS, in
 * m_sanity and KASSERTs; crp_sanity never checks the pkthdr length against the chain: ocf.md section 3.)
 */
export function mbuf_check(m: Mbuf): void {
	const seen = new Set<Mbuf>();
	let i = 0;
	for (let p: Mbuf | null = m; p; p = p.next, i++) {
		if (seen.has(p)) throw new MbufInvariantError(`mbuf ${i}: the chain loops back to an earlier mbuf`);
		seen.add(p);
		if (!Number.isInteger(p.len) || p.len < 0) throw new MbufInvariantError(`mbuf ${i}: m_len ${p.len} is negative`);
		if (!Number.isInteger(p.data) || p.data < 0 || p.data + p.len > p.storage.length) {
			throw new MbufInvariantError(
				`mbuf ${i}: data ${p.data}+${p.len} runs past its ${p.storage.length}-byte storage`);
		}
		if (i > 0 && p.flags & M_PKTHDR) throw new MbufInvariantError(`mbuf ${i}: M_PKTHDR set on a non-leading mbuf`);
	}
	if (m.flags & M_PKTHDR && m.pkthdrLen !== m_length(m)) {
		throw new MbufInvariantError(`m_pkthdr.len ${m.pkthdrLen} differs from the chain's ${m_length(m)} bytes`);
	}
}

/**
 * Build a packet chain holding `bytes`, split into mbufs of the given lengths (which must add up to
 * bytes.length). Each mbuf gets `leading` bytes of leading space and `trailing` bytes of trailing space.
 */
export function mbuf_chain_from(bytes: Uint8Array, splits: readonly number[],
	opts: { leading?: number; trailing?: number } = {}): Mbuf {
	const total = splits.reduce((a, b) => a + b, 0);
	if (total !== bytes.length) throw new RangeError(`splits add up to ${total}, the packet has ${bytes.length} bytes`);
	if (splits.length === 0) throw new RangeError('a chain needs at least one mbuf');
	const leading = opts.leading ?? 0;
	const trailing = opts.trailing ?? 0;
	let head: Mbuf | null = null;
	let tail: Mbuf | null = null;
	let off = 0;
	for (const len of splits) {
		if (!Number.isInteger(len) || len < 0) throw new RangeError(`split length ${len} is not a length`);
		const m = m_with_storage(leading + len + trailing, leading, head === null);
		m.storage.set(bytes.subarray(off, off + len), leading);
		m.len = len;
		off += len;
		if (tail) tail.next = m;
		else head = m;
		tail = m;
	}
	head!.pkthdrLen = total;
	mbuf_check(head!);
	return head!;
}

/** The chain's bytes, copied out. */
export function mbuf_bytes(m: Mbuf): Uint8Array {
	const out = new Uint8Array(m_length(m));
	m_copydata(m, 0, out.length, out);
	return out;
}

/**
 * m_append(m0, len, cp): copy len bytes to the end of the chain, first into the last mbuf's trailing
 * space, then into new MLEN mbufs. Returns 1 on success, 0 if an allocation failed. As in
 * uipc_mbuf.c, a failure leaves the bytes copied so far in the chain and m_pkthdr.len grows by them:
 * the caller that wants the old chain back has to trim them itself (the glue does).
 */
export function m_append(m0: Mbuf, len: number, cp: Uint8Array, alloc: MbufAllocator = DEFAULT_ALLOCATOR): number {
	let m = m0;
	while (m.next) m = m.next;
	let remainder = len;
	let src = 0;
	let space = M_TRAILINGSPACE(m);
	if (space > 0) {
		if (space > remainder) space = remainder;
		m.storage.set(cp.subarray(src, src + space), m.data + m.len);
		m.len += space;
		src += space;
		remainder -= space;
	}
	while (remainder > 0) {
		const n = m_get(alloc);
		if (!n) break;
		n.len = Math.min(MLEN, remainder);
		n.storage.set(cp.subarray(src, src + n.len), 0);
		src += n.len;
		remainder -= n.len;
		m.next = n;
		m = n;
	}
	if (m0.flags & M_PKTHDR) m0.pkthdrLen += len - remainder;
	mbuf_check(m0);
	return remainder === 0 ? 1 : 0;
}

/**
 * m_adj(mp, req_len): trim req_len bytes from the head (req_len > 0) or -req_len from the tail
 * (req_len < 0). Head trimming leaves emptied mbufs in the chain with m_len 0; tail trimming frees the
 * mbufs after the new last one (uipc_mbuf.c m_adj).
 */
export function m_adj(mp: Mbuf, reqLen: number): void {
	let len = reqLen;
	if (len >= 0) {
		let m: Mbuf | null = mp;
		while (m && len > 0) {
			if (m.len <= len) {
				len -= m.len;
				m.len = 0;
				m = m.next;
			} else {
				m.len -= len;
				m.data += len;
				len = 0;
			}
		}
		if (mp.flags & M_PKTHDR) mp.pkthdrLen -= reqLen - len;
	} else {
		len = -len;
		let count = 0;
		let m: Mbuf = mp;
		for (;;) {
			count += m.len;
			if (!m.next) break;
			m = m.next;
		}
		if (m.len >= len) {
			m.len -= len;
			if (mp.flags & M_PKTHDR) mp.pkthdrLen -= len;
			mbuf_check(mp);
			return;
		}
		count -= len;
		if (count < 0) count = 0;
		if (mp.flags & M_PKTHDR) mp.pkthdrLen = count;
		for (let p: Mbuf | null = mp; p; p = p.next) {
			if (p.len >= count) {
				p.len = count;
				p.next = null; /* m_freem of the rest */
				break;
			}
			count -= p.len;
		}
	}
	mbuf_check(mp);
}

/** m_copydata(m, off, len, cp): copy len bytes at off out of the chain; throws where the kernel KASSERTs. */
export function m_copydata(m: Mbuf, off: number, len: number, cp: Uint8Array): void {
	if (off < 0 || len < 0) throw new RangeError(`m_copydata: negative offset ${off} or length ${len}`);
	let p: Mbuf | null = m;
	while (off > 0) {
		if (!p) throw new RangeError('m_copydata: offset past the end of the chain');
		if (off < p.len) break;
		off -= p.len;
		p = p.next;
	}
	let dst = 0;
	while (len > 0) {
		if (!p) throw new RangeError('m_copydata: length past the end of the chain');
		const count = Math.min(p.len - off, len);
		cp.set(p.storage.subarray(p.data + off, p.data + off + count), dst);
		len -= count;
		dst += count;
		off = 0;
		p = p.next;
	}
}

/**
 * m_copyback(m0, off, len, cp) restricted to the existing chain: overwrite len bytes at off. (The kernel's
 * version can also extend the chain; OCF's copyback never writes past crypto_buffer_len, so the model
 * treats a write past the end as the bug it would be.)
 */
export function m_copyback(m0: Mbuf, off: number, len: number, cp: Uint8Array): void {
	if (off < 0 || len < 0 || off + len > m_length(m0)) {
		throw new RangeError(`m_copyback: ${off}+${len} outside the chain's ${m_length(m0)} bytes`);
	}
	let p: Mbuf | null = m0;
	while (p && off >= p.len) {
		off -= p.len;
		p = p.next;
	}
	let src = 0;
	while (len > 0 && p) {
		const count = Math.min(p.len - off, len);
		p.storage.set(cp.subarray(src, src + count), p.data + off);
		len -= count;
		src += count;
		off = 0;
		p = p.next;
	}
	mbuf_check(m0);
}

/**
 * m_apply(m, off, len, f, arg): call f on each contiguous piece of the region in order; stops at and
 * returns the first non-zero result.
 */
export function m_apply(m: Mbuf, off: number, len: number, f: (piece: Uint8Array) => number): number {
	if (off < 0 || len < 0 || off + len > m_length(m)) {
		throw new RangeError(`m_apply: ${off}+${len} outside the chain's ${m_length(m)} bytes`);
	}
	let p: Mbuf | null = m;
	while (p && off > 0 && off >= p.len) {
		off -= p.len;
		p = p.next;
	}
	while (len > 0 && p) {
		const count = Math.min(p.len - off, len);
		if (count > 0) {
			const rv = f(p.storage.subarray(p.data + off, p.data + off + count));
			if (rv) return rv;
		}
		len -= count;
		off = 0;
		p = p.next;
	}
	return 0;
}

/**
 * m_pullup(n, len): make the first len bytes contiguous in the first mbuf. Returns the (possibly new)
 * head, or null after freeing the chain when that is impossible (len > MHLEN and the first mbuf's
 * storage too small, the chain shorter than len, or no memory), as uipc_mbuf.c does.
 */
export function m_pullup(n: Mbuf, len: number, alloc: MbufAllocator = DEFAULT_ALLOCATOR): Mbuf | null {
	if (n.len >= len) return n;
	if (m_length(n) < len) return null;
	let m: Mbuf;
	let rest: Mbuf | null;
	if (n.storage.length - n.data >= len && n.next) {
		/* room in the first mbuf: pull the following bytes up into it */
		m = n;
		rest = n.next;
		m.next = null;
	} else {
		if (len > MHLEN) return null;
		const h = m_gethdr(alloc);
		if (!h) return null;
		m = h;
		m.flags = n.flags & M_PKTHDR;
		m.pkthdrLen = n.pkthdrLen;
		n.flags &= ~M_PKTHDR;
		rest = n;
	}
	const need = len - m.len;
	const tmp = new Uint8Array(need);
	m_copydata(rest, 0, need, tmp);
	m.storage.set(tmp, m.data + m.len);
	m.len += need;
	/* drop the pulled bytes from what follows, freeing emptied mbufs */
	let left = need;
	while (rest && left > 0) {
		if (rest.len <= left) {
			left -= rest.len;
			rest = rest.next;
		} else {
			rest.data += left;
			rest.len -= left;
			left = 0;
		}
	}
	m.next = rest;
	mbuf_check(m);
	return m;
}
