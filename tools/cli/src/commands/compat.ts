import type { Command } from 'commander';

export function register(program: Command): void {
	program
		.command('compat')
		.description('compose the compat port (wireguard-freebsd-compat) into a directory: generated compat.h, support.h, ' +
			'version.h, Makefile, the emitted crypto fallbacks and OCF glue, plus the driver sources; optionally its release tarball')
		.requiredOption('--out <dir>', 'directory to write into (created if missing; a symlink is followed and kept, its mode too; ' +
			'links below it are refused)')
		.option('--driver-src <dir>', 'driver sources: a FreeBSD src tree, its sys/dev/wg, or a port checkout (without it only the generated parts are written, and the driver files still needed are listed)')
		.option('--version <YYYYMMDD>', 'release version for version.h and the tarball (default: today, UTC)')
		.option('--tarball <file>', 'also write the reproducible release tarball (needs --driver-src)')
		.option('--force', 'overwrite files in the directory changed since wgup wrote them, or not written by wgup')
		.option('--verified-by <report...>', 'matrix JSON reports (wgup matrix --json, merged VM cells) whose compat cells the README cites per release')
		.option('--catalogue <file>', 'shim catalogue to read (default: $WGUP_CATALOGUE or packages/shims/src/catalogue.json)')
		.addHelpText('after', `
The tree, its manifest and the tarball are written all or nothing. A file is removed only when
.wgup-compat-manifest lists it and it still has the bytes wgup wrote. Driver file names must match
[A-Za-z0-9_.-]+ (they reach the Makefile); driver sources are copied as bytes, except an edit the upstream series makes where the driver's
OCF glue ignores crp_etype (named on the terminal and in the port's README).`)
		.action(async (opts: { out: string; driverSrc?: string; version?: string; tarball?: string; force?: boolean; catalogue?: string; verifiedBy?: string[] }) => {
			const { readCatalogue, resolveCataloguePath } = require('@wgup/headers') as typeof import('@wgup/headers');
			const { runCompatPort } = require('@wgup/compat-port') as typeof import('@wgup/compat-port');
			await runCompatPort({ ...opts, catalogue: readCatalogue(resolveCataloguePath(opts.catalogue)) }, (l) => process.stdout.write(`${l}\n`));
		});
}
