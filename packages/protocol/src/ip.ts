/*
 * IP addresses and prefixes as bytes: the parsing the allowed-IPs check and the peer's CLI need. Total
 * functions: malformed text gives null, never an exception.
 */

export interface Prefix {
	/** 4 or 16 bytes, host bits as written */
	readonly address: Uint8Array;
	readonly bits: number;
}

export function parseIPv4(s: string): Uint8Array | null {
	const parts = s.split('.');
	if (parts.length !== 4) return null;
	const out = new Uint8Array(4);
	for (let i = 0; i < 4; i++) {
		if (!/^(0|[1-9][0-9]{0,2})$/.test(parts[i])) return null;
		const v = Number(parts[i]);
		if (v > 255) return null;
		out[i] = v;
	}
	return out;
}

export function parseIPv6(s: string): Uint8Array | null {
	if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
	const halves = s.split('::');
	if (halves.length > 2) return null;
	const groups = (t: string): number[] | null => {
		if (t === '') return [];
		const out: number[] = [];
		const items = t.split(':');
		for (let i = 0; i < items.length; i++) {
			const it = items[i];
			if (i === items.length - 1 && it.includes('.')) {
				const v4 = parseIPv4(it);
				if (!v4) return null;
				out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
			} else {
				if (!/^[0-9a-fA-F]{1,4}$/.test(it)) return null;
				out.push(parseInt(it, 16));
			}
		}
		return out;
	};
	const head = groups(halves[0]);
	const tail = halves.length === 2 ? groups(halves[1]) : [];
	if (!head || !tail) return null;
	const missing = 8 - head.length - tail.length;
	if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
	const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
	const out = new Uint8Array(16);
	for (let i = 0; i < 8; i++) {
		out[2 * i] = all[i] >> 8;
		out[2 * i + 1] = all[i] & 0xff;
	}
	return out;
}

export function parseIP(s: string): Uint8Array | null {
	return s.includes(':') ? parseIPv6(s) : parseIPv4(s);
}

/** "10.0.0.1/24", "fd00::/64", or a bare address (a host prefix). */
export function parsePrefix(s: string): Prefix | null {
	const slash = s.indexOf('/');
	const addr = parseIP(slash < 0 ? s : s.slice(0, slash));
	if (!addr) return null;
	const max = addr.length * 8;
	if (slash < 0) return { address: addr, bits: max };
	const b = s.slice(slash + 1);
	if (!/^[0-9]{1,3}$/.test(b) || Number(b) > max) return null;
	return { address: addr, bits: Number(b) };
}

export function prefixContains(p: Prefix, addr: Uint8Array): boolean {
	if (addr.length !== p.address.length) return false;
	let bits = p.bits;
	for (let i = 0; bits > 0; i++, bits -= 8) {
		const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
		if ((addr[i] & mask) !== (p.address[i] & mask)) return false;
	}
	return true;
}

export function formatIP(a: Uint8Array): string {
	if (a.length === 4) return Array.from(a).join('.');
	const g: number[] = [];
	for (let i = 0; i < 16; i += 2) g.push((a[i] << 8) | a[i + 1]);
	/* RFC 5952: compress the longest run of two or more zero groups */
	let best = -1, bestLen = 0;
	for (let i = 0; i < 8;) {
		if (g[i] !== 0) { i++; continue; }
		let j = i;
		while (j < 8 && g[j] === 0) j++;
		if (j - i > bestLen && j - i >= 2) { best = i; bestLen = j - i; }
		i = j;
	}
	const hex = g.map((x) => x.toString(16));
	if (best < 0) return hex.join(':');
	return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}
