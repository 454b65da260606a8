/*
 * `wgup bench protocol`: full handshakes per second (initiation made and consumed, response made and
 * consumed, the first transport packet sealed and opened, mac1 on both messages) and transport
 * seal+open throughput at 1420 bytes, each on the fast and the reference crypto backend. Best of
 * several timed rounds (DESIGN.md, benchmark convention); the ratios compare fast to reference and the
 * fast handshake rate to the 1,000/s target of issue 6.
 */
import { getCrypto, type BackendName, type Crypto } from '@wgup/crypto';
import {
	CookieChecker, CookieGenerator, INITIATION, RESPONSE, consumeInitiation, consumeResponse, createInitiation,
	createResponse, defaultRandom, localIdentity, parseMessage, remoteIdentity, tai64n, type Initiation, type Response,
} from '@wgup/protocol';
import { formatTable } from '@wgup/table';

export const HANDSHAKE_TARGET_PER_SECOND = 1000;
/** two ephemeral public keys, then es, ee and se computed once on each side; ss is precomputed per peer */
const X25519_PER_HANDSHAKE = 8;
const PACKET = 1420;

interface BenchLike {
	readonly quick: boolean;
	readonly log: (line: string) => void;
}

/**
 * Runs fn repeatedly for about `ms` of wall time, `rounds` times. Returns the best rate per wall-clock
 * second and the best per CPU second of this process: on a shared machine the wall figure measures the
 * neighbours as much as the code, the CPU figure (user + system) does not.
 */
function bestRate(fn: () => void, ms: number, rounds: number): { wall: number; cpu: number } {
	let wall = 0;
	let cpu = 0;
	for (let r = 0; r < rounds; r++) {
		let n = 0;
		const start = performance.now();
		const cpu0 = process.cpuUsage();
		let elapsed = 0;
		do {
			fn();
			n++;
			elapsed = performance.now() - start;
		} while (elapsed < ms);
		const used = process.cpuUsage(cpu0);
		wall = Math.max(wall, (n * 1000) / elapsed);
		cpu = Math.max(cpu, (n * 1e6) / Math.max(1, used.user + used.system));
	}
	return { wall, cpu };
}

/** One complete handshake between two identities; throws if any step fails (a bench must not time failures). */
export function handshakeOnce(c: Crypto, ctx: ReturnType<typeof handshakeContext>): void {
	const { I, R, rOfI, iOfR, checkR, checkI, macsI, macsR } = ctx;
	const init = createInitiation(c, I, rOfI, defaultRandom(32), 1, tai64n(Date.now()));
	if (!init.ok) throw new Error(init.reason);
	macsI.addMacs(INITIATION, init.value.message, 0);
	if (!checkR.checkMac1(INITIATION, init.value.message)) throw new Error('mac1');
	const m1 = parseMessage(init.value.message);
	if (!m1.ok) throw new Error(m1.reason);
	const consumed = consumeInitiation(c, R, m1.message as Initiation, () => ({ remote: iOfR }));
	if (!consumed.ok) throw new Error(consumed.reason);
	const resp = createResponse(c, iOfR, consumed.value.state, defaultRandom(32), 2);
	if (!resp.ok) throw new Error(resp.reason);
	macsR.addMacs(RESPONSE, resp.value.message, 0);
	if (!checkI.checkMac1(RESPONSE, resp.value.message)) throw new Error('mac1');
	const m2 = parseMessage(resp.value.message);
	if (!m2.ok) throw new Error(m2.reason);
	const keys = consumeResponse(c, I, rOfI, init.value.state, m2.message as Response);
	if (!keys.ok) throw new Error(keys.reason);
	const nonce = new Uint8Array(12);
	const first = c.chacha20poly1305Seal(keys.value.sendKey, nonce, new Uint8Array(0));
	if (c.chacha20poly1305Open(resp.value.keys.receiveKey, nonce, first) === null) throw new Error('first transport packet');
}

export function handshakeContext(c: Crypto) {
	const I = localIdentity(c, defaultRandom(32));
	const R = localIdentity(c, defaultRandom(32));
	const rOfI = remoteIdentity(c, I, R.publicKey);
	const iOfR = remoteIdentity(c, R, I.publicKey);
	return {
		I, R, rOfI, iOfR,
		checkR: new CookieChecker(c, R.mac1Key, R.cookieKey, defaultRandom),
		checkI: new CookieChecker(c, I.mac1Key, I.cookieKey, defaultRandom),
		macsI: new CookieGenerator(c, rOfI.mac1Key, rOfI.cookieKey),
		macsR: new CookieGenerator(c, iOfR.mac1Key, iOfR.cookieKey),
	};
}

function transportOnce(c: Crypto, key: Uint8Array, packet: Uint8Array, counter: { n: number }): void {
	const nonce = new Uint8Array(12);
	const v = new DataView(nonce.buffer);
	v.setUint32(4, counter.n++, true);
	const sealed = c.chacha20poly1305Seal(key, nonce, packet);
	if (c.chacha20poly1305Open(key, nonce, sealed) === null) throw new Error('transport open');
}

export interface ProtocolBenchResult {
	readonly bench: string;
	readonly ratios: Record<string, number>;
	readonly raw: Record<string, unknown>;
	readonly table: string;
}

export async function runProtocolBench(o: BenchLike): Promise<ProtocolBenchResult> {
	const ms = o.quick ? 150 : 1000;
	const rounds = o.quick ? 1 : 3;
	const raw: Record<string, number> = {};
	for (const backend of ['fast', 'reference'] as BackendName[]) {
		const c = getCrypto(backend);
		const ctx = handshakeContext(c);
		handshakeOnce(c, ctx); /* warm-up, and a check that the handshake works on this backend */
		o.log(`protocol: ${backend}: handshakes...`);
		const hs = bestRate(() => handshakeOnce(c, ctx), ms, rounds);
		raw[`handshakes_per_s_${backend}`] = hs.wall;
		raw[`handshakes_per_cpu_s_${backend}`] = hs.cpu;
		const key = defaultRandom(32);
		const packet = defaultRandom(PACKET);
		const counter = { n: 0 };
		o.log(`protocol: ${backend}: transport seal+open at ${PACKET} bytes...`);
		const tr = bestRate(() => transportOnce(c, key, packet, counter), ms, rounds);
		raw[`transport_seal_open_per_s_${backend}`] = tr.wall;
		raw[`transport_seal_open_per_cpu_s_${backend}`] = tr.cpu;
		raw[`transport_mbit_per_cpu_s_${backend}`] = (tr.cpu * PACKET * 8) / 1e6;
		/* a handshake makes X25519_PER_HANDSHAKE scalar multiplications; their cost bounds the rate */
		const scalar = defaultRandom(32);
		const point = c.x25519PublicKey(defaultRandom(32));
		raw[`x25519_per_cpu_s_${backend}`] = bestRate(() => c.x25519(scalar, point), ms / 2, rounds).cpu;
	}
	const ratios = {
		handshake_fast_vs_reference: raw.handshakes_per_cpu_s_fast / raw.handshakes_per_cpu_s_reference,
		transport_fast_vs_reference: raw.transport_seal_open_per_cpu_s_fast / raw.transport_seal_open_per_cpu_s_reference,
		handshake_fast_vs_target: raw.handshakes_per_cpu_s_fast / HANDSHAKE_TARGET_PER_SECOND,
	};
	const f = (x: number) => x.toFixed(x >= 100 ? 0 : 1);
	const row = (name: string, fast: number, ref: number, ratio?: number) => [name, f(fast), f(ref), ratio === undefined ? '' : ratio.toFixed(1)];
	const table = [
		'protocol bench: a handshake = initiation + response + first transport packet, both sides, mac1 included.',
		'Rates per CPU second of this process (best of rounds); per wall second in brackets rows (shared machine).',
		'',
		...formatTable(['measure', 'fast', 'reference', 'fast/ref'], [
		row('full handshakes / CPU s', raw.handshakes_per_cpu_s_fast, raw.handshakes_per_cpu_s_reference, ratios.handshake_fast_vs_reference),
		row(`transport seal+open / CPU s (${PACKET} B)`, raw.transport_seal_open_per_cpu_s_fast, raw.transport_seal_open_per_cpu_s_reference, ratios.transport_fast_vs_reference),
		row(`transport seal+open Mbit / CPU s (${PACKET} B)`, raw.transport_mbit_per_cpu_s_fast, raw.transport_mbit_per_cpu_s_reference),
		row(`X25519 / CPU s (${X25519_PER_HANDSHAKE} per handshake)`, raw.x25519_per_cpu_s_fast, raw.x25519_per_cpu_s_reference),
		row('[wall] full handshakes / s', raw.handshakes_per_s_fast, raw.handshakes_per_s_reference),
		row(`[wall] transport seal+open / s (${PACKET} B)`, raw.transport_seal_open_per_s_fast, raw.transport_seal_open_per_s_reference),
		], { style: 'markdown', align: ['left', 'right', 'right', 'right'] }),
		'',
		`target: >= ${HANDSHAKE_TARGET_PER_SECOND} handshakes/s on the fast backend: ${raw.handshakes_per_cpu_s_fast >= HANDSHAKE_TARGET_PER_SECOND ? 'met' : 'NOT met'} ` +
		`(${ratios.handshake_fast_vs_target.toFixed(2)}x of the target per CPU second)`,
	].join('\n');
	return { bench: 'protocol', ratios, raw, table };
}
