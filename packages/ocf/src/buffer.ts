/*
 * struct crypto_buffer: the five kinds of buffer an OCF request can point at, their lengths as OCF
 * computes them, and the three ways drivers touch them (copy out, copy back, apply a function to each
 * contiguous piece). Every kind is reduced to its list of contiguous segments, which is what the
 * driver's cursor walks (criov.c [V]; crypto_buffer.9).
 */
import {
	CRYPTO_BUF_CONTIG, CRYPTO_BUF_MBUF, CRYPTO_BUF_NONE, CRYPTO_BUF_SINGLE_MBUF, CRYPTO_BUF_UIO, CRYPTO_BUF_VMPAGE,
	PAGE_SIZE,
} from './constants';
import { M_PKTHDR, m_length, mbufs, type Mbuf } from './mbuf';

export type CryptoBuffer =
	| { readonly cb_type: typeof CRYPTO_BUF_NONE }
	| { readonly cb_type: typeof CRYPTO_BUF_CONTIG; readonly cb_buf: Uint8Array; readonly cb_buf_len: number }
	| { readonly cb_type: typeof CRYPTO_BUF_MBUF; readonly cb_mbuf: Mbuf }
	| { readonly cb_type: typeof CRYPTO_BUF_SINGLE_MBUF; readonly cb_mbuf: Mbuf }
	| { readonly cb_type: typeof CRYPTO_BUF_UIO; readonly cb_uio: Uio }
	| {
		readonly cb_type: typeof CRYPTO_BUF_VMPAGE;
		/** each page PAGE_SIZE bytes */
		readonly cb_vm_page: readonly Uint8Array[];
		readonly cb_vm_page_len: number;
		readonly cb_vm_page_offset: number;
	};

/** struct uio, reduced to what OCF reads: the iovecs and uio_resid. */
export interface Uio {
	readonly uio_iov: readonly Uint8Array[];
	readonly uio_resid: number;
}

export const NO_BUFFER: CryptoBuffer = { cb_type: CRYPTO_BUF_NONE };

export function buffer_contig(buf: Uint8Array, len = buf.length): CryptoBuffer {
	return { cb_type: CRYPTO_BUF_CONTIG, cb_buf: buf, cb_buf_len: len };
}
export function buffer_mbuf(m: Mbuf): CryptoBuffer {
	return { cb_type: CRYPTO_BUF_MBUF, cb_mbuf: m };
}
export function buffer_single_mbuf(m: Mbuf): CryptoBuffer {
	return { cb_type: CRYPTO_BUF_SINGLE_MBUF, cb_mbuf: m };
}
export function buffer_uio(iov: readonly Uint8Array[], resid = iov.reduce((a, v) => a + v.length, 0)): CryptoBuffer {
	return { cb_type: CRYPTO_BUF_UIO, cb_uio: { uio_iov: iov, uio_resid: resid } };
}
export function buffer_vmpage(pages: readonly Uint8Array[], len: number, offset: number): CryptoBuffer {
	return { cb_type: CRYPTO_BUF_VMPAGE, cb_vm_page: pages, cb_vm_page_len: len, cb_vm_page_offset: offset };
}

/**
 * crypto_buffer_len [C]: the length every bounds check of crp_sanity uses. For a chain with M_PKTHDR it
 * is m_pkthdr.len, which OCF trusts without comparing it to the chain (the mbuf model checks that).
 */
export function crypto_buffer_len(cb: CryptoBuffer): number {
	switch (cb.cb_type) {
	case CRYPTO_BUF_NONE: return 0;
	case CRYPTO_BUF_CONTIG: return cb.cb_buf_len;
	case CRYPTO_BUF_MBUF: return cb.cb_mbuf.flags & M_PKTHDR ? cb.cb_mbuf.pkthdrLen : m_length(cb.cb_mbuf);
	case CRYPTO_BUF_SINGLE_MBUF: return cb.cb_mbuf.len;
	case CRYPTO_BUF_UIO: return cb.cb_uio.uio_resid;
	case CRYPTO_BUF_VMPAGE: return cb.cb_vm_page_len;
	}
}

/**
 * The buffer as contiguous segments in order (views into the caller's memory), covering exactly
 * crypto_buffer_len bytes when the buffer is well formed. Empty mbufs yield no segment (the cursor
 * passes over them [V]). Throws when the memory behind the buffer is shorter than its stated length.
 */
export function buffer_segments(cb: CryptoBuffer): Uint8Array[] {
	const want = crypto_buffer_len(cb);
	const segs: Uint8Array[] = [];
	let have = 0;
	const take = (s: Uint8Array) => {
		const n = Math.min(s.length, want - have);
		if (n > 0) segs.push(s.subarray(0, n));
		have += n;
	};
	switch (cb.cb_type) {
	case CRYPTO_BUF_NONE: break;
	case CRYPTO_BUF_CONTIG: take(cb.cb_buf); break;
	case CRYPTO_BUF_MBUF: for (const m of mbufs(cb.cb_mbuf)) take(m.storage.subarray(m.data, m.data + m.len)); break;
	case CRYPTO_BUF_SINGLE_MBUF: take(cb.cb_mbuf.storage.subarray(cb.cb_mbuf.data, cb.cb_mbuf.data + cb.cb_mbuf.len)); break;
	case CRYPTO_BUF_UIO: for (const v of cb.cb_uio.uio_iov) take(v); break;
	case CRYPTO_BUF_VMPAGE:
		cb.cb_vm_page.forEach((page, i) => take(page.subarray(i === 0 ? cb.cb_vm_page_offset : 0, PAGE_SIZE)));
		break;
	}
	if (have < want) throw new RangeError(`buffer type ${cb.cb_type} states ${want} bytes but holds ${have}`);
	return segs;
}

/** Visit the region [off, off+len) piece by piece (crypto_apply); stops at the first non-zero result. */
export function crypto_apply(cb: CryptoBuffer, off: number, len: number, f: (piece: Uint8Array) => number): number {
	if (off < 0 || len < 0 || off + len > crypto_buffer_len(cb)) {
		throw new RangeError(`crypto_apply: ${off}+${len} outside the buffer's ${crypto_buffer_len(cb)} bytes`);
	}
	for (const s of buffer_segments(cb)) {
		if (len === 0) break;
		if (off >= s.length) {
			off -= s.length;
			continue;
		}
		const n = Math.min(s.length - off, len);
		const rv = f(s.subarray(off, off + n));
		if (rv) return rv;
		len -= n;
		off = 0;
	}
	return 0;
}

/** crypto_copydata: len bytes at off into dst. */
export function crypto_copydata(cb: CryptoBuffer, off: number, len: number, dst: Uint8Array): void {
	let at = 0;
	crypto_apply(cb, off, len, (piece) => {
		dst.set(piece, at);
		at += piece.length;
		return 0;
	});
}

/** crypto_copyback: len bytes of src over the buffer at off. */
export function crypto_copyback(cb: CryptoBuffer, off: number, len: number, src: Uint8Array): void {
	let at = 0;
	crypto_apply(cb, off, len, (piece) => {
		piece.set(src.subarray(at, at + piece.length));
		at += piece.length;
		return 0;
	});
}

/**
 * A cursor over a buffer (struct crypto_buffer_cursor [H], criov.c [V]): a position, the contiguous
 * segment there, and advance. Drivers use it to process whole blocks in place where a segment has room
 * and to copy a block through a local buffer where it does not.
 */
export class CryptoCursor {
	private readonly segs: Uint8Array[];
	private seg = 0;
	private off = 0;

	constructor(cb: CryptoBuffer, start: number) {
		this.segs = buffer_segments(cb);
		this.advance(start);
	}

	/** crypto_cursor_segment: the contiguous bytes from the position to the end of its segment */
	segment(): Uint8Array {
		this.skipEmpty();
		return this.seg < this.segs.length ? this.segs[this.seg].subarray(this.off) : new Uint8Array(0);
	}

	/** crypto_cursor_advance */
	advance(n: number): void {
		while (n > 0) {
			this.skipEmpty();
			if (this.seg >= this.segs.length) throw new RangeError('crypto_cursor_advance past the end of the buffer');
			const step = Math.min(n, this.segs[this.seg].length - this.off);
			this.off += step;
			n -= step;
		}
	}

	/** crypto_cursor_copydata: copy out and advance */
	copydata(n: number, dst: Uint8Array): void {
		let at = 0;
		while (at < n) {
			const s = this.segment();
			if (s.length === 0) throw new RangeError('crypto_cursor_copydata past the end of the buffer');
			const k = Math.min(s.length, n - at);
			dst.set(s.subarray(0, k), at);
			at += k;
			this.advance(k);
		}
	}

	/** crypto_cursor_copyback: copy in and advance */
	copyback(n: number, src: Uint8Array): void {
		let at = 0;
		while (at < n) {
			const s = this.segment();
			if (s.length === 0) throw new RangeError('crypto_cursor_copyback past the end of the buffer');
			const k = Math.min(s.length, n - at);
			s.set(src.subarray(at, at + k));
			at += k;
			this.advance(k);
		}
	}

	private skipEmpty(): void {
		while (this.seg < this.segs.length && this.off >= this.segs[this.seg].length) {
			this.seg++;
			this.off = 0;
		}
	}
}
