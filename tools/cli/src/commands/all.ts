import type { Command } from 'commander';

export function register(program: Command): void {
	program
		.command('all')
		.description('the main job on the built-in default: generate the overlay, then every later step; prints where each report is')
		.option('--strict', 'matrix cells skipped because their compiler is missing fail the run')
		.action(async (opts: { strict?: boolean }) => {
			const { runAll, STEPS } = require('../all') as typeof import('../all');
			process.exitCode = await runAll((line) => process.stdout.write(`${line}\n`), STEPS, { strict: opts.strict });
		});
}
