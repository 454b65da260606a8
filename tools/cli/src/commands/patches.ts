import type { Command } from 'commander';

export interface PatchesOptions {
	base?: string;
	out?: string;
	version: string;
	fullContext?: boolean;
	tree?: string;
	overlay?: string;
	force?: boolean;
}

export function register(program: Command): void {
	program
		.command('patches')
		.description(
			'compute the upstream patch series (freebsd-overlay/ and the series edits, minus what the base already has) ' +
				'as git format-patch output with a cover letter, and prove it applies with git am',
		)
		.option('--base <dir>', 'a clean git checkout of FreeBSD src to compute against (never modified)')
		.option('--tree <dir>', 'a FreeBSD src tree, git checkout or not (default: WGUP_FREEBSD_SRC, then the `wgup src fetch` cache; none: the built-in stand-in, a demonstration)')
		.option('--out <dir>', 'output directory; default patches/ of this repository against a real tree, dist/patches-standin/ on the stand-in; ' +
			'holds only series files, other versions are kept; a symlink is followed and kept, its mode too')
		.option('--version <n>', 'series version: [PATCH vN] and, when version N-1 is in --out, a range-diff in the cover letter', '1')
		.option('--full-context', 'whole-file context in every diff, for review tools that want it')
		.option('--overlay <dir>', 'take generated files from this directory instead of freebsd-overlay/ (must exist)')
		.option('--force', 'let an empty --overlay replace the series already in --out')
		.action(async (opts: PatchesOptions) => {
			const { runPatches } = require('../patches') as typeof import('../patches');
			process.exitCode = await runPatches(opts, (line) => process.stdout.write(`${line}\n`));
		});
}
