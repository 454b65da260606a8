/*
 * `wgup matrix --export DIR`: the trees the local matrix compiles, laid out for a FreeBSD VM to build
 * with its own make(1) (ci/freebsd/run.sh): DIR/in-tree/sys/ mirrors the src tree (laid over /usr/src),
 * DIR/compat/ is an out-of-tree module directory with compat.h force-included, as the port's Makefile
 * did (WireGuard/wireguard-freebsd src/Makefile: KMOD if_wg, CFLAGS+= -include compat.h).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileHeader, writeFileAtomic } from '@wgup/codegen';
import type { MatrixInputs } from './inputs';

function copyTree(from: string, to: string): number {
	let n = 0;
	for (const e of fs.readdirSync(from, { withFileTypes: true })) {
		const src = path.join(from, e.name);
		if (e.isDirectory()) n += copyTree(src, path.join(to, e.name));
		else if (e.isFile()) {
			writeFileAtomic(path.join(to, e.name), fs.readFileSync(src));
			n++;
		}
	}
	return n;
}

/** The generated kernel-option and interface headers a bsd.kmod.mk module lists in SRCS. */
const KMOD_GENERATED = ['opt_inet.h', 'opt_inet6.h', 'device_if.h', 'bus_if.h'];

export function compatMakefile(sources: readonly string[], dirs: readonly string[]): string {
	return [
		fileHeader('hash', { generator: 'tools/matrix', inputs: ['freebsd-overlay/', 'packages/shims/src/catalogue.json'], command: 'npx wgup matrix --export DIR' }).trimEnd(),
		'',
		'KMOD=\tif_wg',
		`SRCS=\t${[...KMOD_GENERATED, ...sources].join(' ')}`,
		`.PATH:\t${dirs.map((d) => `\${.CURDIR}/${d}`).join(' ')}`,
		'CFLAGS+=\t-I${.CURDIR} -I${.CURDIR}/sys -include ${.CURDIR}/compat.h',
		'',
		'.include <bsd.kmod.mk>',
		'',
	].join('\n');
}

export function exportTrees(inputs: MatrixInputs, dir: string): string[] {
	const lines: string[] = [];
	const anyRelease = inputs.releases[inputs.releases.length - 1];
	const inTree = inputs.unit('in-tree', anyRelease);
	const sys = inTree.includeDirs[0];
	lines.push(`in-tree: ${copyTree(sys, path.join(dir, 'in-tree', 'sys'))} file(s) from ${sys} -> ${path.join(dir, 'in-tree', 'sys')}`);
	const compat = inputs.unit('compat', anyRelease);
	const [compatDir, overlaySys] = compat.includeDirs;
	const out = path.join(dir, 'compat');
	let n = copyTree(compatDir, out);
	n += copyTree(overlaySys, path.join(out, 'sys'));
	const rel = compat.sources.map((s) => (s.startsWith(overlaySys) ? path.join('sys', path.relative(overlaySys, s)) : path.relative(compatDir, s)));
	const dirs = [...new Set(rel.map((r) => path.dirname(r)))].sort();
	writeFileAtomic(path.join(out, 'Makefile'), compatMakefile(rel.map((r) => path.basename(r)), dirs));
	lines.push(`compat: ${n + 1} file(s) -> ${out} (Makefile: ${rel.length} C source(s))`);
	return lines;
}
