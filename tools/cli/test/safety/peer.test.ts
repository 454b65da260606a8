/*
 * `wgup peer` against a careless user (issue 18): its own public key or the all-zero key as --peer,
 * malformed keys and unreadable key files are refused with one line and exit 2; it writes nothing; a
 * signal ends it cleanly.
 */
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { entries, expectOneLineError, hashTree, interrupt, runCli, sandbox, type Sandbox } from './helpers';

/** A key pair as `wg genkey` / `wg pubkey` print it, made by node:crypto (not by wgup). */
function keyPair(): { priv: string; pub: string } {
	const { privateKey, publicKey } = generateKeyPairSync('x25519');
	const b64 = (jwk: string) => Buffer.from(jwk, 'base64url').toString('base64');
	return { priv: b64(privateKey.export({ format: 'jwk' }).d!), pub: b64(publicKey.export({ format: 'jwk' }).x!) };
}

function setup(): { sb: Sandbox; keyFile: string; own: string; other: string } {
	const sb = sandbox();
	const ours = keyPair();
	const keyFile = path.join(sb.root, 'private.key');
	fs.writeFileSync(keyFile, `${ours.priv}\n`, { mode: 0o600 });
	return { sb, keyFile, own: ours.pub, other: keyPair().pub };
}

const peerArgs = (keyFile: string, peer: string) =>
	['peer', '--private-key', keyFile, '--listen-port', '0', '--address', '10.77.0.2/24', '--peer', peer];

test.each([
	['its own public key', (k: { own: string }) => k.own, /--peer .* is our own public key \(from .*private\.key\): give the other side's `wg pubkey`/],
	['the all-zero key', () => `${'A'.repeat(43)}=`, /--peer is the all-zero key, which no private key has/],
	['a truncated key', (k: { other: string }) => k.other.slice(0, 40), /--peer is not a WireGuard key: expected 44 characters of base64/],
	['shell text', () => '$(touch PWNED)', /--peer is not a WireGuard key/],
])('--peer %s is refused with exit 2 and one line on stderr, writing nothing', (_what, pick, re) => {
	const k = setup();
	const before = hashTree(k.sb.root);
	const r = runCli(peerArgs(k.keyFile, pick(k)), k.sb);
	expectOneLineError(r, 2, re);
	expect(hashTree(k.sb.root)).toEqual(before);
	expect(entries(k.sb.root, /PWNED/)).toEqual([]);
});

test('an unreadable private key file is named, exit 2', () => {
	const k = setup();
	const r = runCli(peerArgs(path.join(k.sb.root, 'no-such.key'), k.other), k.sb);
	expectOneLineError(r, 2, /cannot read private key file .*no-such\.key: no such file/);
});

test('SIGINT ends a running peer cleanly: exit 0, a summary, nothing left behind', async () => {
	const k = setup();
	const before = hashTree(k.sb.root);
	// ready once it has bound its socket (it says so on stderr)
	const r = await interrupt(peerArgs(k.keyFile, k.other), k.sb, ({ stderr }) => /listening on UDP port/.test(stderr));
	expect(r.sawReady).toBe(true);
	expect(r.stderr).toMatch(/wgup peer: listening on UDP port \d+/);
	expect(r.status).toBe(0);
	expect(r.stdout).toMatch(/^summary \{/m);
	expect(hashTree(k.sb.root)).toEqual(before);
	expect(entries(k.sb.tmp, /^wgup-/)).toEqual([]);
});
