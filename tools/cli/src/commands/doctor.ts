import type { Command } from 'commander';

export function register(program: Command): void {
	program
		.command('doctor')
		.description('list every external tool wgup and its tests use (gcc, clang, valgrind, wireguard-go, wg, shellcheck, chromium, unifdef, perl, ...): found or missing, what needs it, how to install it')
		.action(() => {
			const { checkTools, formatDoctor } = require('../doctor') as typeof import('../doctor');
			const { text, code } = formatDoctor(checkTools());
			process.stdout.write(text);
			process.exitCode = code;
		});
}
