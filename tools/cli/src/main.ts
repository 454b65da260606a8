/*
 * The wgup command line. Each command lives in src/commands/<name>.ts and exports register(program);
 * a command's heavy modules are loaded inside its action, with
 *   const { run } = require('../x') as typeof import('../x');
 * (not import(): under tsx's CommonJS hook a dynamic import() of a .ts file does not resolve), so
 * `wgup --help` stays fast.
 */
import { Command, CommanderError } from 'commander';
import { EXIT_CODES_HELP, WgupError, oneLine } from '@wgup/codegen';
import { register as registerGenerate } from './commands/generate';
import { register as registerBench } from './commands/bench';
import { register as registerAll } from './commands/all';
import { register as registerPatches } from './commands/patches';
import { register as registerPeer } from './commands/peer';
import { register as registerBattery } from './commands/battery';
import { register as registerStatus } from './commands/status';
import { register as registerLand } from './commands/land';
import { register as registerCompat } from './commands/compat';
import { register as registerMatrix } from './commands/matrix';
import { register as registerPort } from './commands/port';
import { register as registerDoctor } from './commands/doctor';
import { register as registerKpi } from './commands/kpi';
import { register as registerSrc } from './commands/src';

const COMMANDS: ReadonlyArray<(program: Command) => void> = [registerAll, registerGenerate, registerBench, registerPatches, registerPeer, registerBattery, registerStatus, registerLand, registerCompat, registerPort, registerMatrix, registerKpi, registerSrc, registerDoctor];

export function buildProgram(): Command {
	const program = new Command('wgup')
		.description('Carry the WireGuard kernel driver for FreeBSD upstream and keep its out-of-tree port alive.')
		// one line: commander's message and the pointer to --help
		.configureOutput({ outputError: (str, write) => write(`wgup: ${oneLine(str)} (run with --help for usage)\n`) })
		.addHelpText('after', `\n${EXIT_CODES_HELP}`)
		.exitOverride();
	for (const register of COMMANDS) register(program);
	return program;
}

/** Runs the CLI; resolves to the process exit code. Errors are printed without a stack (WGUP_DEBUG=1 shows it). */
export async function main(argv: readonly string[]): Promise<number> {
	const program = buildProgram();
	try {
		await program.parseAsync([...argv]);
		return typeof process.exitCode === 'number' ? process.exitCode : 0;
	} catch (err) {
		// commander has printed its own message; its usage errors exit 2 (help and --version: 0)
		if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
		const e = err instanceof Error ? err : new Error(String(err));
		process.stderr.write(`wgup: ${oneLine(e.message) || e.name}\n`);
		if (process.env.WGUP_DEBUG) process.stderr.write(`${e.stack}\n`);
		return e instanceof WgupError ? e.exitCode : 1;
	}
}
