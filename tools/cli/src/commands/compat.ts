import type { Command } from 'commander';

export function register(program: Command): void {
	program
		.command('compat')
		.description('write the compat port\'s generated files (compat.h, support.h) into a directory')
		.requiredOption('--out <dir>', 'directory to write into (created if missing)')
		.option('--force', 'overwrite files in the directory that wgup did not generate')
		.option('--catalogue <file>', 'shim catalogue to read (default: $WGUP_CATALOGUE or packages/shims/src/catalogue.json)')
		.action((opts: { out: string; force?: boolean; catalogue?: string }) => {
			const { runCompat, readCatalogue, resolveCataloguePath } = require('@wgup/headers') as typeof import('@wgup/headers');
			const lines = runCompat({ out: opts.out, force: opts.force, catalogue: readCatalogue(resolveCataloguePath(opts.catalogue)) });
			for (const l of lines) process.stdout.write(`${l}\n`);
		});
}
