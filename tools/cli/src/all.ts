/*
 * `wgup all`: the main job in one command. Each step is one of wgup's jobs run on the built-in default;
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
	run(log: (line: string) => void): Promise<StepResult>;
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
			let code: number;
			try {
				code = await runPatches({ version: '1' }, log);
			} catch (err) {
				// a refusal (one line) fails the step; the summary still prints
				log(`wgup patches: ${(err as Error).message}`);
				code = 1;
			}
			return { ok: code === 0, summary: 'upstream patch series against the built-in stand-in base', reports: ['patches/0000-cover-letter.patch'] };
		},
	},
	{
		name: 'matrix',
		async run(log) {
			const { runMatrixCommand, readCellDir } = require('@wgup/matrix') as typeof import('@wgup/matrix');
			const { REPO_ROOT } = require('@wgup/codegen') as typeof import('@wgup/codegen');
			const path = require('node:path') as typeof import('node:path');
			const dir = path.join(REPO_ROOT, 'dist', 'matrix-default');
			const json = path.join(dir, 'report.json');
			const html = path.join(dir, 'report.html');
			const code = await runMatrixCommand({ json, html }, { out: log });
			const cells = readCellDir(dir);
			return {
				ok: code === 0,
				summary: `local build matrix, default releases x in-tree, compat x gcc, clang: ${cells.filter((c) => c.ok).length}/${cells.length} cells passed`,
				reports: [json, html],
			};
		},
	},
];

export async function runAll(log: (line: string) => void, steps: readonly Step[] = STEPS): Promise<number> {
	const results: Array<[string, StepResult]> = [];
	for (const [i, step] of steps.entries()) {
		log(`[${i + 1}/${steps.length}] ${step.name}`);
		const r = await step.run((line) => log(`  ${line}`));
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
