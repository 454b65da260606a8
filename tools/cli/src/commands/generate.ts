import type { Command } from 'commander';

export function register(program: Command): void {
	program
		.command('generate')
		.description('regenerate every generated file (freebsd-overlay/, ci/, workflow) from the models')
		.option('--check', 'write nothing; list files that differ from what the models give and exit 1 if any do')
		.option('--list', 'list the generators and the files each would write')
		.option('--only <names>', 'run only these generators (comma-separated names; see --list)')
		.option('--copyright <text>', 'the copyright line of generated C files, "<year(s)> <holder>" (default: "copyright" in wgup.config.json)')
		.action(async (opts: { check?: boolean; list?: boolean; only?: string; copyright?: string }) => {
			const { runGenerate } = require('../generate') as typeof import('../generate');
			process.exitCode = runGenerate(opts, (line) => process.stdout.write(`${line}\n`));
		});
}
