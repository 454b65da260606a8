import type { Command } from 'commander';

export function register(program: Command): void {
	const src = program.command('src').description('the real FreeBSD src tree wgup checks against');
	src
		.command('fetch')
		.description('shallow, sparse git checkout of freebsd-src (only the paths wgup reads) into the cache `kpi verify`, ' +
			'`patches --base` and `compat --driver-src` find it in (needs network)')
		.option('--ref <ref>', 'branch or tag: main, stable/14, releng/14.3', 'main')
		.option('--dir <dir>', 'checkout directory (default: $WGUP_CACHE or ~/.cache/wgup, then freebsd-src/<ref>)')
		.option('--url <url>', 'repository to clone', 'https://git.freebsd.org/src.git')
		.action((opts: { ref: string; dir?: string; url: string }) => {
			const { fetchTree } = require('@wgup/freebsd-src') as typeof import('@wgup/freebsd-src');
			fetchTree(opts, (l) => process.stdout.write(`${l}\n`));
		});
}
