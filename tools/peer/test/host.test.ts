import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseIP } from '@wgup/protocol';
import { buildEcho, echoReply, internetChecksum, parseEcho } from '../src/icmp';
import { parseKey, readKeyFile } from '../src/keys';
import { getCrypto } from '@wgup/crypto';
import { UsageError, parseEndpoint, parsePeerOptions, runPeerCommand, startPeer } from '../src/run';

describe('ICMP echo', () => {
	test('RFC 1071 worked example: 0001 f203 f4f5 f6f7 sum to ddf2, so the checksum is 220d', () => {
		expect(internetChecksum(Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7))).toBe(0x220d);
		/* split across parts at an odd boundary gives the same result */
		expect(internetChecksum(Uint8Array.of(0x00, 0x01, 0xf2), Uint8Array.of(0x03, 0xf4, 0xf5, 0xf6, 0xf7))).toBe(0x220d);
	});

	test.each([['10.0.0.1', '10.0.0.2'], ['fd00::1', 'fd00::2']])('a request from %s to %s round-trips and its reply verifies', (s, d) => {
		const data = Uint8Array.from({ length: 37 }, (_, i) => i * 7);
		const req = buildEcho({ family: s.includes(':') ? 6 : 4, source: parseIP(s)!, destination: parseIP(d)!, kind: 'request', id: 0xbeef, seq: 3, data });
		const parsed = parseEcho(req);
		if (typeof parsed === 'string') throw new Error(parsed);
		expect([parsed.kind, parsed.id, parsed.seq, Array.from(parsed.data)]).toEqual(['request', 0xbeef, 3, Array.from(data)]);
		const rep = parseEcho(echoReply(parsed));
		if (typeof rep === 'string') throw new Error(rep);
		expect([rep.kind, rep.source, rep.destination]).toEqual(['reply', parseIP(d), parseIP(s)]);
		const bad = req.slice();
		bad[bad.length - 1] ^= 1;
		expect(parseEcho(bad)).toBe('bad-icmp-checksum');
	});

	test('the ICMPv6 checksum covers the pseudo-header: changing the source address breaks it', () => {
		const req = buildEcho({ family: 6, source: parseIP('fd00::1')!, destination: parseIP('fd00::2')!, kind: 'request', id: 1, seq: 1, data: new Uint8Array(8) });
		const moved = req.slice();
		moved[23] ^= 1;
		expect(parseEcho(moved)).toBe('bad-icmp-checksum');
	});

	test('non-echo and truncated packets are classified, not thrown', () => {
		const udp = buildEcho({ family: 4, source: parseIP('10.0.0.1')!, destination: parseIP('10.0.0.2')!, kind: 'request', id: 1, seq: 1, data: new Uint8Array(0) });
		udp[9] = 17;
		expect(parseEcho(udp)).toBe('not-icmp');
		expect(parseEcho(new Uint8Array(10).fill(0x45))).toBe('truncated');
		expect(parseEcho(new Uint8Array(30))).toBe('truncated');
	});
});

describe('keys and options', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-peer-opts-'));
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
	const key = 'yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=';
	fs.writeFileSync(path.join(dir, 'k'), `${key}\n`);
	fs.writeFileSync(path.join(dir, 'bad'), 'not a key\n');

	test('wg genkey form is accepted; anything else is refused with a message naming it', () => {
		expect(parseKey(key, 'x')).toHaveLength(32);
		expect(() => parseKey(key.slice(1), '--peer')).toThrow(/--peer is not a WireGuard key: expected 44 characters/);
		expect(() => parseKey('yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBml=', '--peer')).toThrow(/not a WireGuard key/);
		expect(() => readKeyFile(path.join(dir, 'missing'), 'private key file')).toThrow(/cannot read private key file .*missing: no such file/);
		expect(() => readKeyFile(path.join(dir, 'bad'), 'private key file')).toThrow(/private key file .*bad is not a WireGuard key/);
	});

	const base = { privateKey: path.join(dir, 'k'), listenPort: '0', address: '10.0.0.2/24', peer: key };

	test('defaults: allowed IPs are the address networks; ping counts', () => {
		const cfg = parsePeerOptions({ ...base, ping: '10.0.0.1' });
		expect(cfg.allowedIps.map((p) => [Array.from(p.address), p.bits])).toEqual([[[10, 0, 0, 0], 24]]);
		expect(cfg.ping).toMatchObject({ count: 3, interval: 1000, wait: 5000 });
		expect(parseEndpoint('[fd00::1]:51820')).toEqual({ host: 'fd00::1', port: 51820 });
	});

	test.each([
		[{ peer: undefined }, /--peer PUBKEY is required/],
		[{ address: '10.0.0.300/24' }, /--address: "10.0.0.300\/24" is not/],
		[{ listenPort: '70000' }, /--listen-port must be an integer from 0 to 65535/],
		[{ ping: '10.1.0.1' }, /--ping 10.1.0.1 is outside --allowed-ips/],
		[{ ping: 'fd00::1', allowedIps: '::/0' }, /no IPv6 --address/],
		[{ endpoint: 'host-without-port' }, /--endpoint must be HOST:PORT/],
		[{ count: '3' }, /--count only makes sense with --ping/],
		[{ privateKey: path.join(dir, 'bad') }, /private key file .* is not a WireGuard key/],
	])('%o is refused: %s', (change, message) => {
		expect(() => parsePeerOptions({ ...base, ...change })).toThrow(UsageError);
		expect(() => parsePeerOptions({ ...base, ...change })).toThrow(message);
	});

	test('runPeerCommand reports usage errors with exit status 2', async () => {
		const log: string[] = [];
		expect(await runPeerCommand({ ...base, peer: 'short' }, { out: () => {}, log: (l) => log.push(l) })).toBe(2);
		expect(log.join('\n')).toMatch(/wgup peer: --peer is not a WireGuard key/);
	});
});

describe('two wgup peers over loopback (no root needed)', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-peer-lo-'));
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
	const keys = {
		a: 'yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=',
		b: 'QCyFp4lQqZ1oBmoWwVhgEXdY33bf0uHbxyR+H9RPWn4=',
	};
	for (const [n, k] of Object.entries(keys)) fs.writeFileSync(path.join(dir, n), `${k}\n`);
	const pub = (n: 'a' | 'b') => Buffer.from(getCrypto('fast').x25519PublicKey(parseKey(keys[n], n))).toString('base64');

	test.each([['127.0.0.1'], ['[::1]']])('pings cross the tunnel with the underlay on %s, both families inside', async (host) => {
		const out: string[] = [];
		const io = { out: (l: string) => out.push(l), log: (l: string) => out.push(l) };
		const responder = await startPeer(parsePeerOptions({
			privateKey: path.join(dir, 'b'), listenPort: '0', address: '10.5.0.2/24,fd05::2/64', peer: pub('a'),
		}), io);
		const pinger = await startPeer(parsePeerOptions({
			privateKey: path.join(dir, 'a'), listenPort: '0', address: '10.5.0.1/24,fd05::1/64', peer: pub('b'),
			endpoint: `${host}:${responder.port}`, ping: '10.5.0.2', count: '2', interval: '0.05', wait: '10',
		}), io);
		expect(await pinger.done).toBe(0);
		const pinger6 = await startPeer(parsePeerOptions({
			privateKey: path.join(dir, 'a'), listenPort: '0', address: '10.5.0.1/24,fd05::1/64', peer: pub('b'),
			endpoint: `${host}:${responder.port}`, ping: 'fd05::2', count: '1', wait: '10',
		}), io);
		expect(await pinger6.done).toBe(0);
		expect(responder.status()).toMatchObject({ echoRequestsAnswered: 3, drops: {}, hostDrops: {} });
		responder.stop();
		expect(await responder.done).toBe(0);
		const text = out.join('\n');
		expect(text).toMatch(/bytes from 10\.5\.0\.2: icmp_seq=2 time=/);
		expect(text).toMatch(/bytes from fd05::2: icmp_seq=1 time=/);
		expect(text).toMatch(/handshake complete with .* \(they initiated\)/);
	});
});
