/*
 * Build and drive the userspace C harness (test/harness/): the emitted glue compiled twice (OCF path,
 * and the COMPAT_NEED_CHACHA20POLY1305_MBUF fallback renamed fb_*) with our mbufs and a cryptosoft-like
 * dispatcher, as one program that answers commands on stdin. One process serves a whole test file.
 */
import { spawn, execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { GLUE_C, STREAM_HEADER, STREAM_SOURCE, ocfGlueGenerator, renderGlueC, renderGlueH } from './generator';

export const HARNESS_DIR = path.join(__dirname, '..', 'test', 'harness');
const HARNESS_SOURCES = ['harness.c', 'libkern.c', 'mbuf.c', 'ocf.c'];

/** The kernel-ish flags every emitted C file must pass (DESIGN.md). */
export const CFLAGS = ['-std=c99', '-Wall', '-Wextra', '-Werror', '-D_DEFAULT_SOURCE'];

const FALLBACK_RENAMES = [
	'chacha20poly1305_encrypt_mbuf', 'chacha20poly1305_decrypt_mbuf', 'wg_crypto_init', 'wg_crypto_deinit',
].map((f) => `-D${f}=fb_${f}`);

export interface StreamCrypto {
	/** include directory that provides <crypto/...> (freebsd-overlay/sys) */
	readonly include: string;
	/** the emitted C file with the streaming functions */
	readonly source: string;
}

/**
 * The fallback's streaming functions: the emitted sys/crypto from tools/ts2c (chacha20_poly1305_keystream_xor
 * and the chacha20_poly1305_mac_* streaming Poly1305, declared in STREAM_HEADER). Throws, naming what is missing, when the
 * overlay does not have them.
 */
export function streamCrypto(root = REPO_ROOT): StreamCrypto {
	const sys = path.join(root, 'freebsd-overlay', 'sys');
	const header = path.join(sys, STREAM_HEADER);
	const source = path.join(sys, STREAM_SOURCE);
	if (!fs.existsSync(header) || !fs.existsSync(source)) {
		throw new Error(`the fallback needs the emitted ${STREAM_HEADER} and ${STREAM_SOURCE} under freebsd-overlay/sys: ` +
			'run `npx wgup generate`');
	}
	const text = fs.readFileSync(header, 'utf8');
	for (const decl of [/\bchacha20_poly1305_keystream_xor\s*\(/, /\bchacha20_poly1305_mac_init\s*\(/,
		/\bchacha20_poly1305_mac_update\s*\(/, /\bchacha20_poly1305_mac_final\s*\(/,
		/struct\s+poly1305_ctx\s*\{/]) {
		if (!decl.test(text)) throw new Error(`${STREAM_HEADER} no longer declares ${decl.source}: the fallback glue needs it`);
	}
	return { include: sys, source };
}

export interface BuildOptions {
	/** 'gcc' or 'clang' */
	readonly cc?: string;
	/**
	 * the glue's C text; default: what the template renders now. The committed freebsd-overlay copy is left to
	 * the drift test (test/drift.test.ts), so the harness proves the generator, not a file that may lag it.
	 */
	readonly glueC?: string;
	readonly optimize?: string;
	readonly root?: string;
}

export interface Built {
	readonly exe: string;
	readonly stream: StreamCrypto;
}

function run(cmd: string, args: string[], cwd: string): void {
	try {
		execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
	} catch (err) {
		const e = err as { stderr?: Buffer; stdout?: Buffer };
		throw new Error(`${cmd} ${args.join(' ')} failed:\n${e.stderr?.toString() ?? ''}${e.stdout?.toString() ?? ''}`);
	}
}

/*
 * <sys/endian.h> comes from ts2c's userspace shim (le32dec... that glibc lacks), searched last so the
 * harness's own sys/types.h, sys/systm.h and sys/mbuf.h stand in front of it.
 */
const SHIM_DIR = path.join(REPO_ROOT, 'tools', 'ts2c', 'shim');

/**
 * Compile the harness around the glue with CFLAGS; cached in os.tmpdir() by the hash of every input.
 */
export function buildHarness(opts: BuildOptions = {}): Built {
	const root = opts.root ?? REPO_ROOT;
	const cc = opts.cc ?? 'gcc';
	const glueC = opts.glueC ?? renderGlueC();
	const glueH = renderGlueH();
	const stream = streamCrypto(root);
	const hash = crypto.createHash('sha256');
	for (const part of [cc, opts.optimize ?? '-O2', glueC, glueH, ...CFLAGS]) hash.update(part).update('\0');
	const inputs = [
		...HARNESS_SOURCES.map((f) => path.join(HARNESS_DIR, f)), path.join(HARNESS_DIR, 'harness.h'),
		...listFiles(path.join(HARNESS_DIR, 'include')), ...listFiles(path.join(stream.include, 'crypto')),
		path.join(SHIM_DIR, 'sys', 'endian.h'),
	];
	for (const f of inputs) hash.update(f).update(fs.readFileSync(f));
	const dir = path.join(os.tmpdir(), `wgup-ocf-harness-${hash.digest('hex').slice(0, 16)}`);
	const exe = path.join(dir, 'harness');
	if (fs.existsSync(exe)) return { exe, stream };

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-ocf-build-'));
	try {
		fs.writeFileSync(path.join(work, 'wg_crypto_ocf.c'), glueC);
		fs.writeFileSync(path.join(work, 'wg_crypto_ocf.h'), glueH);
		const common = [...CFLAGS, opts.optimize ?? '-O2'];
		/* freebsd-overlay/sys last: it provides only <crypto/...> (the emitted sys/crypto) */
		const inc = [`-I${path.join(HARNESS_DIR, 'include')}`, `-I${work}`, `-I${HARNESS_DIR}`, `-I${stream.include}`, `-I${SHIM_DIR}`];
		run(cc, [...common, ...inc, '-c', 'wg_crypto_ocf.c', '-o', 'glue_ocf.o'], work);
		run(cc, [...common, ...inc, '-DCOMPAT_NEED_CHACHA20POLY1305_MBUF', ...FALLBACK_RENAMES,
			'-c', 'wg_crypto_ocf.c', '-o', 'glue_fb.o'], work);
		run(cc, [...common, ...inc, '-c', stream.source, '-o', 'sys_crypto.o'], work);
		const objs = ['glue_ocf.o', 'glue_fb.o', 'sys_crypto.o'];
		run(cc, [...common, ...inc, ...HARNESS_SOURCES.map((f) => path.join(HARNESS_DIR, f)), ...objs, '-lsodium',
			'-o', 'harness'], work);
		fs.mkdirSync(dir, { recursive: true });
		const tmp = `${exe}.tmp-${process.pid}`;
		fs.copyFileSync(path.join(work, 'harness'), tmp);
		fs.chmodSync(tmp, 0o755);
		fs.renameSync(tmp, exe);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	return { exe, stream };
}

/**
 * Compile the glue as the template renders it, both configurations, to objects only (no libsodium
 * needed): used for targets the harness cannot link, such as -m32, and for listing the glue's symbols.
 * Throws with the compiler's output on a warning. With outDir the objects (ocf.o: OCF path, fb.o: the
 * COMPAT_NEED_CHACHA20POLY1305_MBUF fallback) are kept there.
 */
export function compileGlueObjects(cc: string, extra: string[], root = REPO_ROOT, outDir?: string): void {
	const stream = streamCrypto(root);
	const work = outDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-ocf-obj-'));
	try {
		fs.writeFileSync(path.join(work, 'wg_crypto_ocf.c'), renderGlueC());
		fs.writeFileSync(path.join(work, 'wg_crypto_ocf.h'), renderGlueH());
		const inc = [`-I${path.join(HARNESS_DIR, 'include')}`, `-I${work}`, `-I${stream.include}`, `-I${SHIM_DIR}`];
		const src = 'wg_crypto_ocf.c';
		run(cc, [...CFLAGS, '-O2', ...extra, ...inc, '-c', src, '-o', 'ocf.o'], work);
		run(cc, [...CFLAGS, '-O2', ...extra, ...inc, '-DCOMPAT_NEED_CHACHA20POLY1305_MBUF', '-c', src, '-o', 'fb.o'], work);
	} finally {
		if (!outDir) fs.rmSync(work, { recursive: true, force: true });
	}
}

function listFiles(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? listFiles(p) : [p];
	}).sort();
}

/** The glue's C as the generator renders it now (for tests that must not depend on the committed copy). */
export function renderedGlueC(): string {
	return ocfGlueGenerator.plan().find((f) => f.path === GLUE_C)!.render();
}

/** One long-running harness process; send a command, read the answer. */
export class Harness {
	private readonly child: ChildProcessWithoutNullStreams;
	private buffer = '';
	private stderr = '';
	private waiting: Array<{ lines: string[]; multi: boolean; resolve: (l: string[]) => void; reject: (e: Error) => void }> = [];
	private exited: Error | null = null;

	constructor(exe: string) {
		this.child = spawn(exe, [], { stdio: ['pipe', 'pipe', 'pipe'] });
		this.child.stdout.setEncoding('utf8');
		this.child.stderr.setEncoding('utf8');
		this.child.stdout.on('data', (d: string) => this.onData(d));
		this.child.stderr.on('data', (d: string) => { this.stderr += d; });
		this.child.on('exit', (code, signal) => {
			this.exited = new Error(`harness exited (${code ?? signal}): ${this.stderr.trim()}`);
			for (const w of this.waiting.splice(0)) w.reject(this.exited);
		});
	}

	private onData(d: string): void {
		this.buffer += d;
		let nl: number;
		while ((nl = this.buffer.indexOf('\n')) >= 0) {
			const line = this.buffer.slice(0, nl);
			this.buffer = this.buffer.slice(nl + 1);
			const w = this.waiting[0];
			if (!w) continue;
			w.lines.push(line);
			if (!w.multi || line.startsWith('done')) {
				this.waiting.shift();
				w.resolve(w.lines);
			}
		}
	}

	/** Send one command; multi: the answer runs until a line starting with "done". */
	send(command: string, multi = false): Promise<string[]> {
		if (this.exited) return Promise.reject(this.exited);
		return new Promise((resolve, reject) => {
			this.waiting.push({ lines: [], multi, resolve, reject });
			this.child.stdin.write(`${command}\n`);
		});
	}

	async one(command: string): Promise<string> {
		return (await this.send(command))[0];
	}

	/** quit and wait; rejects if the process reports a leak or dies */
	close(): Promise<void> {
		return new Promise((resolve, reject) => {
			if (this.exited) {
				reject(this.exited);
				return;
			}
			this.child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`harness: ${this.stderr.trim()}`))));
			this.child.stdin.end('quit\n');
		});
	}
}

export const hex = (b: Uint8Array): string => (b.length ? Buffer.from(b).toString('hex') : '-');
export const unhex = (s: string): Uint8Array => (s === '-' ? new Uint8Array(0) : new Uint8Array(Buffer.from(s, 'hex')));
