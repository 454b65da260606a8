import type { Command } from 'commander';

export function register(program: Command): void {
	program
		.command('bench')
		.description('run a benchmark: subject and baseline measured in one run, printed as a table (see --list)')
		.argument('[name]', 'which benchmark')
		.option('--json', 'print one JSON object { bench, ratios, raw } instead of the table')
		.option('--quick', 'fewer repetitions (a smoke run; numbers are noisier)')
		.option('--list', 'list the benchmarks')
		.option('--tree <dir>', 'FreeBSD src tree for benchmarks that read one (kernel; default: WGUP_FREEBSD_SRC, then the `wgup src fetch` cache, else ../shared/freebsd-main-snapshot)')
		.action(async (name: string | undefined, opts: { json?: boolean; quick?: boolean; list?: boolean; tree?: string }) => {
			const { BENCHES } = require('../bench') as typeof import('../bench');
			if (opts.list || !name) {
				for (const b of BENCHES) process.stdout.write(`${b.name}: ${b.description}\n`);
				if (!name && !opts.list) process.exitCode = BENCHES.length ? 1 : 0;
				return;
			}
			const bench = BENCHES.find((b) => b.name === name);
			if (!bench) throw new Error(`unknown benchmark "${name}"; known: ${BENCHES.map((b) => b.name).join(', ') || '(none)'}`);
			const log = opts.json ? (line: string) => process.stderr.write(`${line}\n`) : (line: string) => process.stdout.write(`${line}\n`);
			const result = await bench.run({ quick: !!opts.quick, log, tree: opts.tree });
			if (opts.json) process.stdout.write(`${JSON.stringify({ bench: result.bench, ratios: result.ratios, raw: result.raw })}\n`);
			else process.stdout.write(`${result.table}\n`);
		});
}
