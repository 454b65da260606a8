import type { Command } from 'commander';

export function register(program: Command): void {
	program
		.command('generate')
		.description('regenerate every generated file (freebsd-overlay/, ci/, workflow) from the models')
		.option('--check', 'write nothing; list files that differ from what the models give and exit 1 if any do')
		.option('--list', 'list the generators and the files each would write')
		.option('--only <names>', 'run only these generators (comma-separated names; see --list)')
		.option('--root <dir>', 'the repository to regenerate (default: this checkout)')
		.option('--copyright <text>', 'the copyright line of generated C files, "<year(s)> <holder>" (default: "copyright" in wgup.config.json)')
		.addHelpText('after', `
Every file is written or none is. A file no generator plans any more is removed only when the owning
directory's .wgup-generated manifest lists it and it still has the bytes generate wrote; anything else
(your copies, edited files) is left alone. Paths through a symbolic link inside the repository are refused.`)
		.action(async (opts: { check?: boolean; list?: boolean; only?: string; root?: string; copyright?: string }) => {
			const { runGenerate } = require('../generate') as typeof import('../generate');
			process.exitCode = runGenerate(opts, (line) => process.stdout.write(`${line}\n`));
		});
}
