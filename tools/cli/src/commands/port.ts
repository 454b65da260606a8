import type { Command } from 'commander';

export function register(program: Command): void {
	program
		.command('port')
		.description('update net/wireguard-kmod in a ports tree for a compat-port release: DISTVERSION, distinfo, the distfile; prints the ports diff and what else to check')
		.requiredOption('--ports-tree <dir>', 'the ports tree holding net/wireguard-kmod')
		.requiredOption('--driver-src <dir>', 'the driver sources: a FreeBSD src tree, its sys/dev/wg, or a wireguard-freebsd checkout')
		.option('--version <YYYYMMDD>', 'release version (default: today, UTC)')
		.option('--distdir <dir>', 'where to write the distfile (default: <ports tree>/distfiles)')
		.option('--catalogue <file>', 'shim catalogue to read (default: $WGUP_CATALOGUE or packages/shims/src/catalogue.json)')
		.action(async (opts: { portsTree: string; driverSrc: string; version?: string; distdir?: string; catalogue?: string }) => {
			const { readCatalogue, resolveCataloguePath } = require('@wgup/headers') as typeof import('@wgup/headers');
			const { runPort } = require('@wgup/compat-port') as typeof import('@wgup/compat-port');
			await runPort({ ...opts, catalogue: readCatalogue(resolveCataloguePath(opts.catalogue)) }, (l) => process.stdout.write(`${l}\n`));
		});
}
