/*
 * The tiny host inside the tunnel: ICMP echo over IPv4 (RFC 792, header checksum RFC 791) and ICMPv6
 * echo (RFC 4443, checksum over the RFC 8200 §8.1 pseudo-header). Pure functions on byte arrays.
 */

export const IPPROTO_ICMP = 1;
export const IPPROTO_ICMPV6 = 58;
export const ICMP_ECHO_REPLY = 0;
export const ICMP_ECHO_REQUEST = 8;
export const ICMPV6_ECHO_REQUEST = 128;
export const ICMPV6_ECHO_REPLY = 129;
const TTL = 64;

/** RFC 1071 Internet checksum over the given byte ranges, as one stream. */
export function internetChecksum(...parts: Uint8Array[]): number {
	let sum = 0;
	let odd = -1; /* a byte left over from a part of odd length */
	for (const p of parts) {
		for (let i = 0; i < p.length; i++) {
			if (odd < 0) odd = p[i];
			else {
				sum += (odd << 8) | p[i];
				odd = -1;
			}
		}
	}
	if (odd >= 0) sum += odd << 8;
	while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
	return ~sum & 0xffff;
}

export interface Echo {
	readonly family: 4 | 6;
	readonly source: Uint8Array;
	readonly destination: Uint8Array;
	/** 'request' or 'reply' */
	readonly kind: 'request' | 'reply';
	readonly id: number;
	readonly seq: number;
	readonly data: Uint8Array;
}

export type NotEcho = 'not-icmp' | 'not-echo' | 'bad-ip-checksum' | 'bad-icmp-checksum' | 'truncated' | 'fragment';

function pseudoHeaderV6(src: Uint8Array, dst: Uint8Array, length: number): Uint8Array {
	const ph = new Uint8Array(40);
	ph.set(src, 0);
	ph.set(dst, 16);
	ph[32] = length >>> 24;
	ph[33] = (length >>> 16) & 0xff;
	ph[34] = (length >>> 8) & 0xff;
	ph[35] = length & 0xff;
	ph[39] = IPPROTO_ICMPV6;
	return ph;
}

/** Read an ICMP or ICMPv6 echo out of an IP packet whose length the device already checked. */
export function parseEcho(p: Uint8Array): Echo | NotEcho {
	const version = p[0] >> 4;
	if (version === 4) {
		const ihl = (p[0] & 0x0f) * 4;
		if (ihl < 20 || p.length < ihl + 8) return 'truncated';
		if (p[9] !== IPPROTO_ICMP) return 'not-icmp';
		if ((p[6] & 0x20) !== 0 || (((p[6] & 0x1f) << 8) | p[7]) !== 0) return 'fragment';
		if (internetChecksum(p.subarray(0, ihl)) !== 0) return 'bad-ip-checksum';
		const icmp = p.subarray(ihl);
		if (internetChecksum(icmp) !== 0) return 'bad-icmp-checksum';
		const kind = icmp[0] === ICMP_ECHO_REQUEST ? 'request' : icmp[0] === ICMP_ECHO_REPLY ? 'reply' : null;
		if (kind === null || icmp[1] !== 0) return 'not-echo';
		return {
			family: 4, source: p.slice(12, 16), destination: p.slice(16, 20), kind,
			id: (icmp[4] << 8) | icmp[5], seq: (icmp[6] << 8) | icmp[7], data: icmp.slice(8),
		};
	}
	if (version === 6) {
		if (p.length < 48) return 'truncated';
		/* extension headers are not followed: an echo this host sends or answers has none */
		if (p[6] !== IPPROTO_ICMPV6) return 'not-icmp';
		const icmp = p.subarray(40);
		const src = p.subarray(8, 24);
		const dst = p.subarray(24, 40);
		if (internetChecksum(pseudoHeaderV6(src, dst, icmp.length), icmp) !== 0) return 'bad-icmp-checksum';
		const kind = icmp[0] === ICMPV6_ECHO_REQUEST ? 'request' : icmp[0] === ICMPV6_ECHO_REPLY ? 'reply' : null;
		if (kind === null || icmp[1] !== 0) return 'not-echo';
		return {
			family: 6, source: src.slice(), destination: dst.slice(), kind,
			id: (icmp[4] << 8) | icmp[5], seq: (icmp[6] << 8) | icmp[7], data: icmp.slice(8),
		};
	}
	return 'truncated';
}

/** An IP packet carrying one echo message, checksums filled in. */
export function buildEcho(e: Echo): Uint8Array {
	const icmpLen = 8 + e.data.length;
	if (e.family === 4) {
		const p = new Uint8Array(20 + icmpLen);
		p[0] = 0x45;
		p[2] = p.length >> 8;
		p[3] = p.length & 0xff;
		p[6] = 0x40; /* don't fragment */
		p[8] = TTL;
		p[9] = IPPROTO_ICMP;
		p.set(e.source, 12);
		p.set(e.destination, 16);
		const ip = internetChecksum(p.subarray(0, 20));
		p[10] = ip >> 8;
		p[11] = ip & 0xff;
		const icmp = p.subarray(20);
		icmp[0] = e.kind === 'request' ? ICMP_ECHO_REQUEST : ICMP_ECHO_REPLY;
		icmp[4] = e.id >> 8;
		icmp[5] = e.id & 0xff;
		icmp[6] = e.seq >> 8;
		icmp[7] = e.seq & 0xff;
		icmp.set(e.data, 8);
		const c = internetChecksum(icmp);
		icmp[2] = c >> 8;
		icmp[3] = c & 0xff;
		return p;
	}
	const p = new Uint8Array(40 + icmpLen);
	p[0] = 0x60;
	p[4] = icmpLen >> 8;
	p[5] = icmpLen & 0xff;
	p[6] = IPPROTO_ICMPV6;
	p[7] = TTL;
	p.set(e.source, 8);
	p.set(e.destination, 24);
	const icmp = p.subarray(40);
	icmp[0] = e.kind === 'request' ? ICMPV6_ECHO_REQUEST : ICMPV6_ECHO_REPLY;
	icmp[4] = e.id >> 8;
	icmp[5] = e.id & 0xff;
	icmp[6] = e.seq >> 8;
	icmp[7] = e.seq & 0xff;
	icmp.set(e.data, 8);
	const c = internetChecksum(pseudoHeaderV6(e.source, e.destination, icmpLen), icmp);
	icmp[2] = c >> 8;
	icmp[3] = c & 0xff;
	return p;
}

/** The reply to an echo request: addresses swapped, same id, sequence and data. */
export function echoReply(req: Echo): Uint8Array {
	return buildEcho({ ...req, kind: 'reply', source: req.destination, destination: req.source });
}
