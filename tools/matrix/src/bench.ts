/*
 * `wgup bench matrix`: the full local matrix (every release x both targets x both compilers) through
 * its nx target, once with the cache skipped (the wall time of the real work) and once more with
 * nothing changed (served from the nx cache). Targets from issue 12: under 60 s and under 2 s on the
 * 2-core machine. A ratio above 1 means the cached rerun is that many times faster.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { parseCells } from './report';

export interface MatrixBenchOptions {
	readonly quick: boolean;
	readonly log: (line: string) => void;
}

export interface MatrixBenchResult {
	readonly bench: string;
	readonly ratios: Record<string, number>;
	readonly raw: Record<string, unknown>;
	readonly table: string;
}

function timed(args: string[]): Promise<{ seconds: number; output: string; ok: boolean }> {
	const started = process.hrtime.bigint();
	return new Promise((resolve) => {
		execFile(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'nx', 'bin', 'nx.js'), ...args],
			{ cwd: REPO_ROOT, maxBuffer: 64 << 20, env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } },
			(err, stdout, stderr) => resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, output: `${stdout}${stderr}`, ok: !err }));
	});
}

export async function runMatrixBench(opts: MatrixBenchOptions): Promise<MatrixBenchResult> {
	opts.log('full matrix, nx cache skipped (every release x in-tree, compat x gcc, clang) ...');
	const full = await timed(['run', 'matrix:matrix', '--skip-nx-cache', '--outputStyle=static']);
	if (!full.ok) throw new Error(`nx run matrix:matrix failed:\n${full.output.split('\n').slice(-30).join('\n')}`);
	const reportFile = path.join(REPO_ROOT, 'dist', 'matrix', 'report.json');
	const cells = parseCells(fs.readFileSync(reportFile, 'utf8'), reportFile);
	const passed = cells.filter((c) => c.ok).length;
	const reruns: number[] = [];
	let hit = true;
	for (let i = 0; i < (opts.quick ? 1 : 3); i++) {
		opts.log(`rerun ${i + 1}, nothing changed ...`);
		const again = await timed(['run', 'matrix:matrix', '--outputStyle=static']);
		hit &&= again.ok && /cache/i.test(again.output);
		reruns.push(again.seconds);
	}
	const cached = Math.min(...reruns);
	const table = [
		'matrix bench (wall seconds; targets: full < 60, cached rerun < 2)',
		`  full matrix (${cells.length} cells, ${passed} passed)   ${full.seconds.toFixed(2)} s${full.seconds < 60 ? '' : '   over the 60 s target'}`,
		`  rerun from the nx cache        ${cached.toFixed(2)} s${hit ? '' : '   NOT served from the cache'}${cached < 2 ? '' : '   over the 2 s target'}`,
		`  cached vs full                 ${(full.seconds / cached).toFixed(1)}x`,
		`  report: ${reportFile}`,
	].join('\n');
	return {
		bench: 'matrix',
		ratios: { cached_vs_full: full.seconds / cached },
		raw: { fullSeconds: full.seconds, cachedSeconds: cached, rerunSeconds: reruns, cacheHit: hit, cells: cells.length, passed },
		table,
	};
}
