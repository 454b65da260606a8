/*
 * The OCF stand-in run, not only compiled: the real driver's wg_crypto.c, built as on a release
 * without OCF ChaCha20-Poly1305 over mbufs (COMPAT_NEED_CHACHA20POLY1305_MBUF), seals packets split
 * across mbufs into exactly what node:crypto's ChaCha20-Poly1305 gives, opens them again, and refuses
 * a forged tag (the glue as `wgup compat` ships it: with the series' crp_etype check; the stand-in
 * also returns the error from crypto_dispatch()).
 * Userspace mbufs come from tools/ocf-glue's harness.
 */
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { loadCParser } from '@wgup/c-source';
import { describeWithTree } from '@wgup/freebsd-src';
import { readCatalogue, resolveCataloguePath } from '@wgup/headers';
import { composePort } from '../src';

jest.setTimeout(120_000);

const catalogue = readCatalogue(resolveCataloguePath(undefined, {}));
const HARNESS = path.join(REPO_ROOT, 'tools', 'ocf-glue', 'test', 'harness');
const SHIM = path.join(REPO_ROOT, 'tools', 'ts2c', 'shim');
const MAIN = path.join(__dirname, 'fixtures', 'standin', 'main.c');

/** WireGuard's AEAD: IETF ChaCha20-Poly1305, nonce = 4 zero bytes then the 64-bit counter, little-endian. */
function seal(key: Buffer, counter: bigint, plain: Buffer): Buffer {
	const nonce = Buffer.alloc(12);
	nonce.writeBigUInt64LE(counter, 4);
	const c = crypto.createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
	return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

describeWithTree('the OCF stand-in under the driver\'s own wg_crypto.c', (tree) => {
	let exe: string;
	let dir: string;
	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-standin-'));
		const port = path.join(dir, 'port');
		// the port as `wgup compat` writes it: wg_crypto.c with the series' crp_etype change
		const composed = composePort({ catalogue, version: '20261126', driverSrc: tree, parser: await loadCParser() });
		expect(composed.files.find((f) => f.path === 'wg_crypto.c')!.edited).toBe(true);
		for (const f of composed.files) {
			fs.mkdirSync(path.dirname(path.join(port, f.path)), { recursive: true });
			fs.writeFileSync(path.join(port, f.path), f.content);
		}
		exe = path.join(dir, 'standin');
		// the port directory first (crypto.h, opencrypto/cryptodev.h, crypto/), then the harness's userspace kernel headers
		execFileSync('gcc', ['-std=gnu99', '-O2', '-Wall', '-D_DEFAULT_SOURCE', '-DCOMPAT_NEED_CHACHA20POLY1305_MBUF',
			// what <sys/param.h> brings in a kernel (errno) and libc has in userspace (arc4random_buf)
			'-include', 'errno.h', '-include', 'stdlib.h',
			`-I${port}`, `-I${path.join(HARNESS, 'include')}`, `-I${HARNESS}`, `-I${SHIM}`,
			path.join(port, 'wg_crypto.c'), path.join(port, 'wg_compat_ocf.c'), path.join(port, 'crypto', 'chacha20_poly1305.c'),
			path.join(HARNESS, 'libkern.c'), path.join(HARNESS, 'mbuf.c'), MAIN, '-o', exe], { stdio: 'pipe' });
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	const run = (...args: string[]) => {
		const [ret, hex] = execFileSync(exe, args, { encoding: 'utf8' }).trim().split('\n');
		return { ret: Number(ret.replace('ret=', '')), data: Buffer.from(hex ?? '', 'hex') };
	};

	test.each([
		[0, []], [1, []], [63, ['7']], [64, ['64']], [200, ['1', '17', '100']], [1420, ['600', '600']],
	])('a %i-byte packet split as %j seals as node:crypto does and opens again', (n, splits) => {
		const key = crypto.randomBytes(32);
		const plain = crypto.randomBytes(n as number);
		const counter = BigInt.asUintN(64, BigInt(`0x${crypto.randomBytes(8).toString('hex')}`));
		const sealed = run('seal', key.toString('hex'), counter.toString(), plain.toString('hex'), ...(splits as string[]));
		expect(sealed.ret).toBe(0);
		expect(sealed.data.toString('hex')).toBe(seal(key, counter, plain).toString('hex'));
		const opened = run('open', key.toString('hex'), counter.toString(), sealed.data.toString('hex'), ...(splits as string[]));
		expect(opened).toEqual({ ret: 0, data: plain });
	});

	test('a forged tag or a wrong counter is refused (EBADMSG from crypto_dispatch) and the packet left as it came', () => {
		const key = crypto.randomBytes(32);
		const plain = crypto.randomBytes(100);
		const sealed = seal(key, 7n, plain);
		const forged = Buffer.from(sealed);
		forged[forged.length - 1] ^= 1;
		for (const [data, counter] of [[forged, '7'], [sealed, '8']] as const) {
			const r = run('open', key.toString('hex'), counter, data.toString('hex'), '40');
			expect(r.ret).not.toBe(0);
			expect(r.data.toString('hex')).toBe(data.toString('hex'));
		}
	});
});
