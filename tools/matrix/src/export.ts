/*
 * `wgup matrix --export DIR`: the trees the local matrix compiles, laid out for a FreeBSD VM to build
 * with its own make(1) (ci/freebsd/run.sh): DIR/in-tree/sys/ mirrors the src tree (laid over /usr/src),
 * DIR/compat/ is the compat port's module directory as composed (with its Makefile: KMOD if_wg,
 * compat.h force-included, as WireGuard/wireguard-freebsd src/Makefile did).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveInside, writeAllOrNothing, type PendingWrite } from '@wgup/codegen';
import type { MatrixInputs } from './inputs';

/* The files under from, as writes under to (checked: inside --export, no symlink on the way). */
function copyTree(from: string, exportDir: string, to: string, writes: PendingWrite[]): number {
	let n = 0;
	for (const e of fs.readdirSync(from, { withFileTypes: true })) {
		const src = path.join(from, e.name);
		const rel = `${to}/${e.name}`;
		if (e.isDirectory()) n += copyTree(src, exportDir, rel, writes);
		else if (e.isFile()) {
			writes.push({ file: resolveInside(exportDir, rel, `--export ${exportDir}`), data: fs.readFileSync(src) });
			n++;
		}
	}
	return n;
}

/** Both trees are written into dir all or nothing. */
export function exportTrees(inputs: MatrixInputs, dir: string): string[] {
	const lines: string[] = [];
	const writes: PendingWrite[] = [];
	const anyRelease = inputs.releases[inputs.releases.length - 1];
	const sys = inputs.unit('in-tree', anyRelease).includeDirs[0];
	lines.push(`in-tree: ${copyTree(sys, dir, 'in-tree/sys', writes)} file(s) from ${sys} -> ${path.join(dir, 'in-tree', 'sys')}`);
	const compat = inputs.unit('compat', anyRelease);
	const compatDir = compat.includeDirs[0];
	const out = path.join(dir, 'compat');
	const n = copyTree(compatDir, dir, 'compat', writes);
	if (!fs.existsSync(path.join(compatDir, 'Makefile'))) throw new Error(`the compat tree ${compatDir} has no Makefile: a VM could not build it`);
	writeAllOrNothing(writes);
	lines.push(`compat: ${n} file(s) -> ${out} (${compat.sources.length} C source(s) in the module's SRCS)`);
	return lines;
}
