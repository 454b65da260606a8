/*
 * `wgup bench matrix`: the full local matrix (every release x both targets x both compilers) through
 * its nx target, once with the cache skipped (the wall time of the real work) and once more with
 * nothing changed (served from the nx cache). Targets from issue 12: under 60 s and under 2 s on the
 * 2-core machine. A ratio above 1 means the cached rerun is that many times faster.
 * nx runs with its daemon for the bench (the workspace turns it off by default): without it every nx
 * call rebuilds the project graph and rehashes the workspace, about 3 s of CPU before it can even look
 * at the cache. The daemon is stopped at the end. Other people's edits to the inputs during the cold
 * run make the first rerun a miss; the bench then tries again and reports the best hit.
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
		execFile(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), ...args],
			{ cwd: REPO_ROOT, maxBuffer: 64 << 20, env: { ...process.env, NX_DAEMON: 'true', NX_NO_CLOUD: 'true' } },
			(err, stdout, stderr) => resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, output: `${stdout}${stderr}`, ok: !err }));
	});
}

export async function runMatrixBench(opts: MatrixBenchOptions): Promise<MatrixBenchResult> {
	try {
		return await bench(opts);
	} finally {
		await timed(['daemon', '--stop']);
	}
}

async function bench(opts: MatrixBenchOptions): Promise<MatrixBenchResult> {
	opts.log('full matrix, nx cache skipped (every release x in-tree, compat x gcc, clang) ...');
	const full = await timed(['run', 'matrix:matrix', '--skip-nx-cache', '--outputStyle=static']);
	if (!full.ok) throw new Error(`nx run matrix:matrix failed:\n${full.output.split('\n').slice(-30).join('\n')}`);
	const reportFile = path.join(REPO_ROOT, 'dist', 'matrix', 'report.json');
	const cells = parseCells(fs.readFileSync(reportFile, 'utf8'), reportFile);
	const passed = cells.filter((c) => c.ok).length;
	const hits: number[] = [];
	const misses: number[] = [];
	for (let i = 0; i < (opts.quick ? 2 : 4) && hits.length < (opts.quick ? 1 : 3); i++) {
		opts.log(`rerun ${i + 1}, nothing changed ...`);
		const again = await timed(['run', 'matrix:matrix', '--outputStyle=static']);
		if (again.ok && /\[local cache\]|read the output from the cache/.test(again.output)) hits.push(again.seconds);
		else misses.push(again.seconds);
	}
	const cached = hits.length ? Math.min(...hits) : Number.NaN;
	const table = [
		'matrix bench (wall seconds; targets: full < 60, cached rerun < 2)',
		`  full matrix (${cells.length} cells, ${passed} passed)   ${full.seconds.toFixed(2)} s${full.seconds < 60 ? '' : '   over the 60 s target'}`,
		hits.length ? `  rerun from the nx cache        ${cached.toFixed(2)} s${cached < 2 ? '' : '   over the 2 s target'}`
			: '  rerun from the nx cache        never served from the cache (inputs changed under every rerun)',
		`  reruns: ${hits.length} hit(s)${misses.length ? `, ${misses.length} miss(es) (inputs changed meanwhile: ${misses.map((m) => m.toFixed(1)).join(', ')} s)` : ''}`,
		`  cached vs full                 ${hits.length ? `${(full.seconds / cached).toFixed(1)}x` : 'n/a'}`,
		`  report: ${reportFile}`,
	].join('\n');
	return {
		bench: 'matrix',
		ratios: hits.length ? { cached_vs_full: full.seconds / cached } : {},
		raw: { fullSeconds: full.seconds, cachedSeconds: hits.length ? cached : null, hitSeconds: hits, missSeconds: misses, cells: cells.length, passed },
		table,
	};
}
