import type { Command } from 'commander';

/** The tree a kpi command checks against: --tree, $WGUP_FREEBSD_SRC, the `wgup src fetch` cache. */
function treeFor(tree: string | undefined): string {
	const { resolveTree } = require('@wgup/freebsd-src') as typeof import('@wgup/freebsd-src');
	const t = resolveTree({ tree });
	if (!t) {
		throw new Error('no FreeBSD src tree: give --tree DIR, set WGUP_FREEBSD_SRC, or run `npx wgup src fetch` ' +
			'(kpi verify checks the model against real headers; there is no stand-in for them)');
	}
	return t.root;
}

export function register(program: Command): void {
	const kpi = program
		.command('kpi')
		.description('check packages/kernel-api against a real FreeBSD tree, and list the kernel identifiers a driver uses');
	kpi
		.command('verify')
		.description('compare every kernel-api interface, as the model has it at the tree\'s __FreeBSD_version, with the tree\'s ' +
			'real declarations (prototypes, typedefs, struct members, macro vs enum constant, values); exit 1 on any difference')
		.option('--tree <dir>', 'FreeBSD src root (default: $WGUP_FREEBSD_SRC, else the newest `wgup src fetch` checkout)')
		.option('--json', 'print one JSON object instead of the table')
		.action(async (opts: { tree?: string; json?: boolean }) => {
			const { verifyTree, formatVerify } = require('@wgup/kpi') as typeof import('@wgup/kpi');
			const report = await verifyTree(treeFor(opts.tree));
			process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatVerify(report));
			if (report.differences) process.exitCode = 1;
		});
	kpi
		.command('extract')
		.description('read the declarations behind kernel-api\'s stubs from a real tree (the parser\'s canonical text, cited by ' +
			'file:line) for packages/kernel-api/src/data/real-declarations.json; refuses while `kpi verify` finds a difference')
		.option('--tree <dir>', 'FreeBSD src root (default: $WGUP_FREEBSD_SRC, else the newest `wgup src fetch` checkout)')
		.option('--source <label>', 'how to cite the tree, e.g. freebsd/freebsd-src@<commit> (default: its git HEAD, else its path)')
		.option('--write', 'write packages/kernel-api/src/data/real-declarations.json instead of printing it')
		.action(async (opts: { tree?: string; source?: string; write?: boolean }) => {
			const { extractRealDeclarations, serializeRealDeclarations, REAL_DECLARATIONS_PATH } = require('@wgup/kpi') as typeof import('@wgup/kpi');
			const { writeFileAtomic } = require('@wgup/codegen') as typeof import('@wgup/codegen');
			const r = await extractRealDeclarations(treeFor(opts.tree), { source: opts.source });
			const text = serializeRealDeclarations(r);
			if (opts.write) {
				writeFileAtomic(REAL_DECLARATIONS_PATH, text);
				process.stdout.write(`wrote ${REAL_DECLARATIONS_PATH}: ${r.parts.length} stub part(s) from ${r.source} (${r.version})\n`);
			} else process.stdout.write(text);
		});
	kpi
		.command('scan-driver')
		.argument('<dir>', 'the driver\'s sources: a tree\'s sys/dev/wg or a port checkout\'s src/')
		.description('every kernel identifier the driver uses (functions, macros, types, struct tags and members, constants), ' +
			'minus what it declares itself, joined with kernel-api: coverage and the unmodelled ones by header')
		.option('--tree <dir>', 'FreeBSD src root whose headers locate the unmodelled names (default: the tree DIR sits in, if any)')
		.option('--json', 'print one JSON object instead of the report')
		.action(async (dir: string, opts: { tree?: string; json?: boolean }) => {
			const path = require('node:path') as typeof import('node:path');
			const fs = require('node:fs') as typeof import('node:fs');
			const { scanDriver, formatScan } = require('@wgup/kpi') as typeof import('@wgup/kpi');
			let tree = opts.tree;
			if (!tree) {
				for (let d = path.resolve(dir); d !== path.dirname(d); d = path.dirname(d)) {
					if (fs.existsSync(path.join(d, 'sys', 'sys', 'param.h'))) {
						tree = d;
						break;
					}
				}
			}
			const scan = await scanDriver(dir, { tree });
			process.stdout.write(opts.json ? `${JSON.stringify(scan, null, 2)}\n` : formatScan(scan));
		});
}
