import * as path from 'node:path';
import { Option, type Command } from 'commander';

export function register(program: Command): void {
	program
		.command('land')
		.description('record that a shim\'s interface landed upstream: move it from support.h to compat.h behind a derived ' +
			'guard and regenerate freebsd-overlay/sys/dev/wg/support.h')
		.argument('<shim>', 'shim id (see `wgup status`)')
		.requiredOption('--main <version>', 'first __FreeBSD_version on main with the change')
		.addOption(new Option('--mfc <branch=version>', 'first version on a stable branch it was merged to, e.g. stable/13=1301506 (repeatable)')
			.argParser((v: string, prev: string[]) => [...prev, v]).default([], 'none'))
		.option('--commit <hash>', 'the FreeBSD commit that made the change')
		.option('--date <YYYY-MM-DD>', 'when it landed (used by the history view)')
		.option('--catalogue <file>', 'shim catalogue to edit (default: $WGUP_CATALOGUE or packages/shims/src/catalogue.json); ' +
			'support.h is regenerated only for the repository\'s own catalogue')
		.option('--root <dir>', 'repository whose freebsd-overlay/sys/dev/wg/support.h is regenerated (default: this checkout, ' +
			'when the catalogue is its own)')
		.addHelpText('after', `
Values are checked strictly: versions are decimal __FreeBSD_version numbers (100000-9999999), --date a real
YYYY-MM-DD, --commit 7-40 hex digits. The catalogue and support.h are written together or not at all; a
symlinked --catalogue is followed and kept.`)
		.action((shim: string, opts: { main: string; mfc: string[]; commit?: string; date?: string; catalogue?: string; root?: string }) => {
			const { runLand, resolveCataloguePath, DEFAULT_CATALOGUE_PATH } = require('@wgup/headers') as typeof import('@wgup/headers');
			const { REPO_ROOT } = require('@wgup/codegen') as typeof import('@wgup/codegen');
			const catalogue = resolveCataloguePath(opts.catalogue);
			const lines = runLand({
				shim, main: opts.main, mfc: opts.mfc, commit: opts.commit, date: opts.date, catalogue,
				root: opts.root !== undefined ? path.resolve(opts.root) : catalogue === DEFAULT_CATALOGUE_PATH ? REPO_ROOT : undefined,
			});
			for (const l of lines) process.stdout.write(`${l}\n`);
		});
}
