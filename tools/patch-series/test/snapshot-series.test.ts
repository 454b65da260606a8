/*
 * The series against a real FreeBSD tree (../shared/freebsd-main-snapshot, or WGUP_FREEBSD_SRC), made
 * into a git repository here: only what the tree lacks, context from the real files, no stand-in text,
 * what a sparse tree lacks named instead of invented, and `git am` on a fresh clone applies it.
 * The expectations name the snapshot's state (main at 1500012); skipped with the reason when no tree.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { describeWithTree, gitRepoOf } from '@wgup/freebsd-src';
import { computeSeries, type SeriesResult } from '../src/compute';
import { CONFIG, sh } from './helpers';

jest.setTimeout(120_000);

describeWithTree('the series against the real tree', (tree) => {
	let base: string;
	let out: string;
	let r: SeriesResult;
	const patches = () => r.files.filter((f) => !f.startsWith('0000-')).map((f) => fs.readFileSync(path.join(out, f), 'utf8'));
	const cover = () => fs.readFileSync(path.join(out, '0000-cover-letter.patch'), 'utf8');

	beforeAll(async () => {
		base = gitRepoOf(tree, 'wgup-ps-snapshot-');
		out = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-ps-snapshot-out-'));
		r = await computeSeries({ base, out, overlayDir: path.join(REPO_ROOT, 'freebsd-overlay'), config: CONFIG, benchFile: path.join(out, 'none.json') });
	});
	afterAll(() => {
		fs.rmSync(base, { recursive: true, force: true });
		fs.rmSync(out, { recursive: true, force: true });
	});

	test('only what main lacks: BLAKE2s, the driver on it, and the crp_etype fix its OCF glue lacks', () => {
		const by = (state: string) => r.outcomes.filter((o) => o.state === state).map((o) => o.id);
		expect(by('applied')).toEqual(['crypto-blake2s', 'wg-use-sys-blake2s', 'wg-ocf-crp-etype']);
		expect(by('present')).toEqual(['crypto-chacha20-poly1305', 'crypto-curve25519', 'wg-use-sys-crypto', 'wg-ocf-mbuf', 'socket-sogetsockaddr', 'priv-net-wg', 'net-ift-wireguard', 'atomic-bool']);
		expect(r.standin).toBe(false);
		expect(r.outcomes.find((o) => o.id === 'socket-sogetsockaddr')!.why).toMatch(/sys\/sys\/socketvar\.h declares sosockaddr/);
	});

	test('touches only files the tree has or the series creates, and creates only sys/crypto/blake2s.{c,h}', () => {
		const touched = new Set<string>();
		const created = new Set<string>();
		for (const p of patches()) {
			for (const m of p.matchAll(/^diff --git a\/(\S+) b\/\S+\n(new file mode)?/gm)) (m[2] ? created : touched).add(m[1]);
		}
		expect([...created].sort()).toEqual(['sys/crypto/blake2s.c', 'sys/crypto/blake2s.h']);
		for (const f of touched) expect([f, fs.existsSync(path.join(tree, f))]).toEqual([f, true]);
	});

	test('context lines come from the real files; no stand-in text anywhere', () => {
		const all = [cover(), ...patches()].join('\n');
		expect(all).not.toMatch(/stand-in|STAND-IN|DEMONSTRATION/i);
		const real = fs.readFileSync(path.join(tree, 'sys/dev/wg/wg_crypto.c'), 'utf8').split('\n');
		const contexts = patches()
			.flatMap((p) => p.split('\n'))
			.filter((l) => l.startsWith(' ') && l.length > 1);
		expect(contexts.length).toBeGreaterThan(10);
		const crp = patches().find((p) => p.includes('Subject: [PATCH 3/3] wg: check crp_etype after crypto_dispatch()'))!;
		const hunks = crp.slice(crp.indexOf('\n@@'));
		const lines = hunks.split('\n').filter((x) => x.startsWith(' ') && x.length > 1);
		expect(lines.length).toBeGreaterThan(5);
		for (const l of lines) expect(real).toContain(l.slice(1));
	});

	test('what the sparse tree lacks is named, never invented', () => {
		const c = cover();
		expect(c).toContain('Not in the base, so not in the patches: edit by hand:');
		expect(c).toContain('sys/conf/files: not in the base: edit by hand: add "crypto/blake2s.c');
		expect(c).toMatch(/sys\/modules\/crypto\/Makefile: not in the base: edit by hand: add\s+blake2s\.c to SRCS/);
		expect(c).toMatch(/sys\/dev\/wg\/support\.h is not in the base/);
		expect(patches().join('\n')).not.toMatch(/^diff --git a\/sys\/(conf\/files|modules\/)/m);
	});

	test('git am applies it to a fresh clone of the base', () => {
		const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-ps-am-'));
		try {
			execFileSync('git', ['clone', '-q', base, clone]);
			sh(clone, 'am', '-q', ...r.files.filter((f) => !f.startsWith('0000-')).map((f) => path.join(out, f)));
			expect(sh(clone, 'log', '--format=%s', '-3').trim().split('\n')).toEqual(['wg: check crp_etype after crypto_dispatch()', 'wg: use BLAKE2s from sys/crypto', 'crypto: add BLAKE2s']);
			const noise = fs.readFileSync(path.join(clone, 'sys/dev/wg/wg_noise.c'), 'utf8');
			expect(noise).not.toMatch(/\bblake2s_(init|update|final)\(/);
			expect(noise).toMatch(/\bblake2s_hash_update\(/);
		} finally {
			fs.rmSync(clone, { recursive: true, force: true });
		}
	});
});
