import type { Command } from 'commander';

interface MatrixCliOptions {
	releases?: string;
	all?: boolean;
	target: string;
	cc: string;
	json?: string;
	html?: string;
	jobs?: string;
	keepWork?: boolean;
	fail?: boolean;
	strict?: boolean;
	catalogue?: string;
	driverSrc?: string;
	export?: string;
	merge?: string;
	expectVm?: boolean;
	vm?: boolean;
	imageDir?: string;
	printFetch?: boolean;
	dryRun?: boolean;
}

export function register(program: Command): void {
	program
		.command('matrix')
		.description('the cross-release build matrix: compile the in-tree driver and the compat port against every release\'s stub headers with gcc and clang, run the crypto self-test; or (--vm) the same in FreeBSD VMs under qemu')
		.option('--releases <list>', 'comma-separated rows: releases (13.5) and branch heads (stable/14, stable/15, main); default: the newest release of each branch, and main')
		.option('--all', 'every release each target supports, plus stable/14, stable/15 and main at their newest version')
		.option('--target <t>', 'in-tree, compat or both', 'both')
		.option('--cc <c>', 'gcc, clang or both', 'both')
		.option('--json <file>', 'write the cells as JSON (one object per cell: release, version, target, cc, ok, seconds, log)')
		.option('--html <file>', 'write the grid as a standalone HTML page')
		.option('--jobs <n>', 'cells run at once (default: the number of cores)')
		.option('--no-fail', 'exit 0 once the reports are written, even when cells fail (the nx target: a failing matrix is a result to cache too)')
		.option('--strict', 'cells skipped because their compiler is missing count as failed (default: reported as skipped, exit 0 if every cell that ran passed)')
		.option('--keep-work', 'keep the scratch directory (stub headers, probe, self-test binaries) even when every cell passes')
		.option('--catalogue <file>', 'shim catalogue for the compat target (default: $WGUP_CATALOGUE or packages/shims/src/catalogue.json)')
		.option('--driver-src <dir>', 'compose these driver sources into the compat target, as `wgup compat --driver-src` does (default: the generated parts only)')
		.option('--export <dir>', 'write the trees the matrix compiles (in-tree/, compat/) into DIR for a VM to build, and exit')
		.option('--merge <dir>', 'merge the cell JSON files in DIR (from VM jobs) into one report instead of running cells')
		.option('--expect-vm', 'with --merge: every job of the VM plan must have a cell; a missing one counts as failed')
		.option('--vm', 'run the rows in FreeBSD VMs under qemu (needs --image-dir, or --print-fetch)')
		.option('--image-dir <dir>', 'with --vm: directory holding the VM images (wgup never downloads them)')
		.option('--print-fetch', 'with --vm: print the official URLs of the images the rows need, one a line, and exit')
		.option('--dry-run', 'with --vm: print the exact commands instead of running them')
		.action(async (opts: MatrixCliOptions) => {
			const { runMatrixCommand } = require('@wgup/matrix') as typeof import('@wgup/matrix');
			process.exitCode = await runMatrixCommand(opts);
		});
}
