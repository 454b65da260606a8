import { chacha20poly1305Seal } from '@wgup/crypto';
import { EBADMSG, EMSGSIZE, ENOMEM, store64_le } from '@wgup/prelude';
import {
	ASYNC_SOFTWARE, CRYPTOSOFT, EAGAIN, ENXIO, FREEBSD_FIXED_GLUE, PORT_2022_GLUE, WGUP_GLUE, KernelPanic,
	chacha20poly1305_decrypt_mbuf, chacha20poly1305_encrypt_mbuf, failingAllocator, fallback_decrypt_mbuf,
	fallback_encrypt_mbuf, mbuf_bytes, mbuf_chain_from, mbuf_check, mbufs, wg_crypto_init, type Mbuf, type WgCrypto,
} from '../src';

const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 29 + seed * 13) & 0xff);
const KEY = bytes(32, 11);
const NONCE = 0x0123456789abcdefn;
const nonce8 = () => {
	const n = new Uint8Array(8);
	store64_le(n, 0, NONCE);
	return n;
};

function init(variant = WGUP_GLUE, alloc?: ReturnType<typeof failingAllocator>): WgCrypto {
	const wc = wg_crypto_init([CRYPTOSOFT], variant, { alloc });
	if (typeof wc === 'number') throw new Error(`wg_crypto_init: ${wc}`);
	return wc;
}

/** Every way to cut n bytes into k pieces at the given cut points stride. */
function splits(n: number, k: number, stride: number): number[][] {
	if (k === 1) return [[n]];
	const out: number[][] = [];
	for (let a = 0; a <= n; a += stride) for (const rest of splits(n - a, k - 1, stride)) out.push([a, ...rest]);
	return out;
}

type Path = {
	name: string;
	enc: (m: Mbuf, alloc?: ReturnType<typeof failingAllocator>) => number;
	dec: (m: Mbuf) => number;
};
const PATHS: Path[] = [
	{
		name: 'OCF glue',
		enc: (m, alloc) => chacha20poly1305_encrypt_mbuf(init(WGUP_GLUE, alloc), m, NONCE, KEY),
		dec: (m) => chacha20poly1305_decrypt_mbuf(init(), m, NONCE, KEY),
	},
	{
		name: 'fallback',
		enc: (m, alloc) => fallback_encrypt_mbuf(m, NONCE, KEY, alloc),
		dec: (m) => fallback_decrypt_mbuf(m, NONCE, KEY),
	},
];

describe.each(PATHS)('$name', ({ enc, dec }) => {
	test('every split of chosen sizes into 1..3 mbufs seals like the contiguous AEAD and opens back', () => {
		for (const n of [0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 129, 200]) {
			const plain = bytes(n, n);
			const expected = chacha20poly1305Seal(KEY, nonce8(), plain);
			for (const k of [1, 2, 3]) {
				for (const s of splits(n, k, k === 3 ? 7 : 1)) {
					if (s.reduce((a, b) => a + b, 0) !== n) continue;
					const m = mbuf_chain_from(plain, s, { trailing: s.length === 1 ? 16 : 0 });
					expect(enc(m)).toBe(0);
					expect({ n, s, sealed: mbuf_bytes(m) }).toEqual({ n, s, sealed: expected });
					expect(dec(m)).toBe(0);
					expect({ n, s, opened: mbuf_bytes(m) }).toEqual({ n, s, opened: plain });
				}
			}
		}
	});

	test('a flipped bit anywhere in ciphertext or tag gives EBADMSG and leaves the chain as it was', () => {
		const plain = bytes(70, 2);
		const sealed = chacha20poly1305Seal(KEY, nonce8(), plain);
		for (let i = 0; i < sealed.length; i++) {
			for (const bit of [0, 7]) {
				const forged = Uint8Array.from(sealed);
				forged[i] ^= 1 << bit;
				const m = mbuf_chain_from(forged, [3, 60, forged.length - 63]);
				expect({ i, bit, ret: dec(m) }).toEqual({ i, bit, ret: EBADMSG });
				expect(mbuf_bytes(m)).toEqual(forged);
				expect(m.pkthdrLen).toBe(forged.length);
			}
		}
	});

	test('shorter than a tag gives EMSGSIZE; exactly a tag is an empty packet', () => {
		for (let n = 0; n < 16; n++) expect(dec(mbuf_chain_from(bytes(n), [n]))).toBe(EMSGSIZE);
		const m = mbuf_chain_from(chacha20poly1305Seal(KEY, nonce8(), new Uint8Array(0)), [9, 7]);
		expect(dec(m)).toBe(0);
		expect(m.pkthdrLen).toBe(0);
	});

	test('a failed m_append gives ENOMEM with the chain unchanged, even after a partial append', () => {
		const plain = bytes(40, 3);
		for (const trailing of [0, 5, 15]) {
			const m = mbuf_chain_from(plain, [20, 20], { trailing });
			const shape = mbufs(m).map((x) => x.len);
			expect(enc(m, failingAllocator(0))).toBe(ENOMEM);
			mbuf_check(m);
			expect(mbuf_bytes(m)).toEqual(plain);
			expect(mbufs(m).map((x) => x.len)).toEqual(shape);
		}
	});
});

describe('the glue reads crp_etype and refuses asynchronous sessions', () => {
	const forged = () => {
		const s = chacha20poly1305Seal(KEY, nonce8(), bytes(64, 4));
		s[10] ^= 0x80;
		return mbuf_chain_from(s, [14, 66]);
	};

	test('the port-2022 glue (crp_etype never read) accepts a forged packet: ciphertext passed up as plaintext', () => {
		const m = forged();
		const before = mbuf_bytes(m);
		expect(chacha20poly1305_decrypt_mbuf(init(PORT_2022_GLUE), m, NONCE, KEY)).toBe(0);
		expect(mbuf_bytes(m)).toEqual(before.subarray(0, 64)); /* tag trimmed, bytes still the attacker's */
	});

	test('wgup and FreeBSD-fixed glue reject it', () => {
		for (const v of [WGUP_GLUE, FREEBSD_FIXED_GLUE]) {
			expect(chacha20poly1305_decrypt_mbuf(init(v), forged(), NONCE, KEY)).toBe(EBADMSG);
		}
	});

	test('wg_crypto_init: ENXIO on an asynchronous driver; the old init takes it, and then returns before any work', () => {
		expect(wg_crypto_init([ASYNC_SOFTWARE], WGUP_GLUE)).toBe(ENXIO);
		const old = wg_crypto_init([ASYNC_SOFTWARE], PORT_2022_GLUE, { dispatch: { modelChecks: false } }) as WgCrypto;
		const m = forged();
		expect(chacha20poly1305_decrypt_mbuf(old, m, NONCE, KEY)).toBe(0);
		/* and the model's own checks refuse such a request outright */
		const checked = wg_crypto_init([ASYNC_SOFTWARE], PORT_2022_GLUE) as WgCrypto;
		expect(() => chacha20poly1305_decrypt_mbuf(checked, forged(), NONCE, KEY)).toThrow(KernelPanic);
	});

	test('a driver that unregisters: EAGAIN for the packet, and the shared session is freed under the glue', () => {
		const wc = init();
		const gone: WgCrypto = { ...wc, dispatch: { unregistered: [ASYNC_SOFTWARE] } };
		expect(chacha20poly1305_encrypt_mbuf(gone, mbuf_chain_from(bytes(40), [40]), NONCE, KEY)).toBe(EAGAIN);
		expect(wc.session.state.freed).toBe(true);
		/* the next packet dispatches on the freed session: a use after free, which the model refuses */
		expect(() => chacha20poly1305_encrypt_mbuf(wc, mbuf_chain_from(bytes(8), [8]), NONCE, KEY)).toThrow(/session_freed/);
	});
});
