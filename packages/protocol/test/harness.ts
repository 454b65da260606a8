/* Two devices joined by an in-memory wire on one fake clock: the handshake tests' world. */
import { getCrypto, type BackendName } from '@wgup/crypto';
import { Device, parsePrefix, type Clock, type DeviceEvent, type Endpoint, type Peer } from '../src';

export class FakeClock implements Clock {
	t = 1000;
	now(): number {
		return this.t;
	}
	wall(): number {
		return 1_700_000_000_000 + this.t;
	}
}

/** deterministic "randomness" so runs repeat exactly */
export function seededRandom(seed: number): (n: number) => Uint8Array {
	let s = seed >>> 0;
	return (n) => Uint8Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24));
}

export interface Side {
	device: Device;
	peer: Peer;
	endpoint: Endpoint;
	delivered: Uint8Array[];
	events: DeviceEvent[];
	sent: Uint8Array[];
}

export interface World {
	clock: FakeClock;
	a: Side;
	b: Side;
	/** datagrams in flight */
	queue: Array<{ to: Endpoint; from: Endpoint; data: Uint8Array }>;
	/** deliver everything in flight (and what it causes); returns datagrams moved */
	pump(filter?: (d: Uint8Array, to: Endpoint) => boolean): number;
	tick(ms: number): void;
}

export interface WorldOptions {
	backend?: BackendName;
	pskA?: Uint8Array;
	pskB?: Uint8Array;
	/** B knows A under this public key instead (an unknown peer) */
	wrongKeyForA?: boolean;
	persistentKeepalive?: number;
}

export function makeWorld(o: WorldOptions = {}): World {
	const clock = new FakeClock();
	const c = getCrypto(o.backend ?? 'fast');
	const rndA = seededRandom(1);
	const rndB = seededRandom(2);
	const skA = rndA(32);
	const skB = rndB(32);
	const queue: World['queue'] = [];
	const mk = (name: string, port: number, sk: Uint8Array, rnd: (n: number) => Uint8Array): Side => {
		const side = { endpoint: { host: '127.0.0.1', port }, delivered: [] as Uint8Array[], events: [] as DeviceEvent[], sent: [] as Uint8Array[] } as Side;
		side.device = new Device({
			privateKey: sk, clock, crypto: c, random: rnd,
			io: {
				send: (to, data) => {
					side.sent.push(data);
					queue.push({ to, from: side.endpoint, data });
				},
				deliver: (_p, packet) => side.delivered.push(packet),
				event: (e) => side.events.push(e),
			},
		});
		return side;
	};
	const a = mk('a', 1001, skA, rndA);
	const b = mk('b', 1002, skB, rndB);
	const pkA = o.wrongKeyForA ? c.x25519PublicKey(seededRandom(99)(32)) : c.x25519PublicKey(skA);
	a.peer = a.device.addPeer({
		publicKey: c.x25519PublicKey(skB), presharedKey: o.pskA, endpoint: b.endpoint,
		allowedIps: [parsePrefix('10.0.0.2/32')!, parsePrefix('fd00::2/128')!], persistentKeepalive: o.persistentKeepalive,
	});
	b.peer = b.device.addPeer({
		publicKey: pkA, presharedKey: o.pskB, allowedIps: [parsePrefix('10.0.0.1/32')!, parsePrefix('fd00::1/128')!],
	});
	const byPort = new Map([[a.endpoint.port, a], [b.endpoint.port, b]]);
	return {
		clock, a, b, queue,
		pump(filter) {
			let n = 0;
			while (queue.length) {
				const d = queue.shift()!;
				if (filter && !filter(d.data, d.to)) continue;
				byPort.get(d.to.port)!.device.receive(d.data, d.from);
				n++;
				if (n > 10000) throw new Error('wire does not settle');
			}
			return n;
		},
		tick(ms) {
			clock.t += ms;
			a.device.tick();
			b.device.tick();
		},
	};
}

/** a minimal IPv4 packet from src to dst with a payload (the device checks only version, length, source) */
export function ipv4(src: string, dst: string, payload: number[]): Uint8Array {
	const p = new Uint8Array(20 + payload.length);
	p[0] = 0x45;
	p[2] = p.length >> 8;
	p[3] = p.length & 0xff;
	p[8] = 64;
	p[9] = 17;
	p.set(src.split('.').map(Number), 12);
	p.set(dst.split('.').map(Number), 16);
	p.set(payload, 20);
	return p;
}
