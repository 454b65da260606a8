import type { Command } from 'commander';

export function register(program: Command): void {
	program
		.command('status')
		.description('upstream readiness: what support.h still holds and why, which compat shims each release needs, ' +
			'unverified facts behind the guards, and what is left before support.h is empty')
		.option('--json', 'print one JSON object instead of tables')
		.option('--catalogue <file>', 'shim catalogue to read (default: $WGUP_CATALOGUE or packages/shims/src/catalogue.json)')
		.action((opts: { json?: boolean; catalogue?: string }) => {
			const { buildStatus, formatStatus, readCatalogue, resolveCataloguePath } = require('@wgup/headers') as typeof import('@wgup/headers');
			const report = buildStatus(readCatalogue(resolveCataloguePath(opts.catalogue)));
			process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report));
		});
}
