/*
 * `wgup all`: the main job in one command. Each step is one of wgup's jobs, run on the real FreeBSD tree when one
 * resolves (WGUP_FREEBSD_SRC, the `wgup src fetch` cache) and otherwise on the built-in default, saying so;
 * the steps run in order, each prints its progress, and the summary says where each report is.
 * Later parts add their step here (patch series, local matrix).
 */
import { runGenerate } from './generate';

export interface StepResult {
	/** one line for the summary */
	readonly summary: string;
	/** paths of the reports/artefacts the step wrote */
	readonly reports: readonly string[];
	readonly ok: boolean;
}

export interface Step {
	readonly name: string;
	run(log: (line: string) => void, options: AllOptions): Promise<StepResult>;
}

export interface AllOptions {
	/** the matrix's cells skipped for a missing compiler fail the run */
	readonly strict?: boolean;
}

export const STEPS: readonly Step[] = [
	{
		name: 'generate',
		async run(log) {
			const code = runGenerate({}, log);
			return { ok: code === 0, summary: 'generated files written (freebsd-overlay/, ci/)', reports: ['freebsd-overlay/'] };
		},
	},
	{
		name: 'patches',
		async run(log) {
			const { runPatches } = require('./patches') as typeof import('./patches');
			const { seriesTree } = require('./patches') as typeof import('./patches');
			const tree = seriesTree({});
			let code: number;
			try {
				code = await runPatches({ version: '1' }, log);
			} catch (err) {
				// a refusal (one line) fails the step; the summary still prints
				log(`wgup patches: ${(err as Error).message}`);
				code = 1;
			}
			const summary = tree
				? `upstream patch series against the FreeBSD tree ${tree}`
				: 'upstream patch series on the built-in stand-in: a DEMONSTRATION, not a series for FreeBSD (no tree: give WGUP_FREEBSD_SRC or run `wgup src fetch`)';
			return { ok: code === 0, summary, reports: [tree ? 'patches/0000-cover-letter.patch' : 'dist/patches-standin/0000-cover-letter.patch'] };
		},
	},
	{
		name: 'matrix',
		async run(log, { strict }) {
			const { runMatrixCommand, readCellDir, tally } = require('@wgup/matrix') as typeof import('@wgup/matrix');
			const { REPO_ROOT } = require('@wgup/codegen') as typeof import('@wgup/codegen');
			const path = require('node:path') as typeof import('node:path');
			const dir = path.join(REPO_ROOT, 'dist', 'matrix-default');
			const json = path.join(dir, 'report.json');
			const html = path.join(dir, 'report.html');
			const code = await runMatrixCommand({ json, html, strict }, { out: log });
			const t = tally(readCellDir(dir));
			return {
				ok: code === 0,
				summary: `local build matrix, default releases x in-tree, compat x gcc, clang: ${[t.summary, ...t.skipNotes].join('; ')}`,
				reports: [json, html],
			};
		},
	},
];

export async function runAll(log: (line: string) => void, steps: readonly Step[] = STEPS, options: AllOptions = {}): Promise<number> {
	const results: Array<[string, StepResult]> = [];
	for (const [i, step] of steps.entries()) {
		log(`[${i + 1}/${steps.length}] ${step.name}`);
		const r = await step.run((line) => log(`  ${line}`), options);
		results.push([step.name, r]);
		if (!r.ok) break;
	}
	log('');
	log('summary:');
	for (const [name, r] of results) {
		log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${name}: ${r.summary}`);
		for (const report of r.reports) log(`       ${report}`);
	}
	return results.every(([, r]) => r.ok) && results.length === steps.length ? 0 : 1;
}
