/*
 * Per-version stub kernel headers: for a __FreeBSD_version, every header the driver, the compat headers
 * and the emitted sys/crypto C include, each declaring every modelled interface the way that version has
 * it. Pure: the caller writes the map to a directory and compiles with
 *   cc -ffreestanding -nostdinc -I<stubdir> -D_KERNEL -D__FreeBSD_version=N ...
 */
import { lacks } from '@wgup/releases';
import { KERNEL_INTERFACES, type KernelInterface } from './interfaces';
import { STUB_BASE, STUB_TRAILERS } from './stub-base';
import { REAL_DECLARATIONS, realPart, type RealDeclarations } from './real';

function guardName(path: string): string {
	return `_WGUP_STUB_${path.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}_`;
}

/** Does a kernel at version v have the interface in its current form? */
export function hasInterface(k: KernelInterface, v: number): boolean {
	return !lacks(k.availability, v);
}

/**
 * Is k's current form replaced at v by a later change to the same declarations (an interface that
 * `supersedes` k and is present at v)? Then only the later form is declared.
 */
export function supersededAt(k: KernelInterface, v: number, interfaces: readonly KernelInterface[] = KERNEL_INTERFACES): boolean {
	return interfaces.some((x) => x.supersedes === k.id && hasInterface(x, v));
}

/** Every header path the stubs provide, sorted. */
export function stubHeaderPaths(): string[] {
	const paths = new Set<string>(Object.keys(STUB_BASE));
	for (const k of KERNEL_INTERFACES) for (const p of Object.keys(k.stub)) paths.add(p);
	return [...paths].sort();
}

/**
 * The stub headers for one __FreeBSD_version: include path (e.g. 'sys/mbuf.h') -> file content.
 * sys/param.h defines __FreeBSD_version itself unless the compiler command line already does.
 */
export function renderStubHeaders(version: number, interfaces: readonly KernelInterface[] = KERNEL_INTERFACES,
	real: RealDeclarations = REAL_DECLARATIONS): Record<string, string> {
	if (!Number.isInteger(version) || version <= 0) throw new Error(`renderStubHeaders: ${version} is not a __FreeBSD_version`);
	const out: Record<string, string> = {};
	for (const path of stubHeaderPaths()) {
		const g = guardName(path);
		const parts: string[] = [
			'/* wgup stub kernel header (@wgup/kernel-api renderStubHeaders); declarations only. */',
			`#ifndef ${g}`,
			`#define\t${g}`,
		];
		if (path === 'sys/param.h') parts.push('#ifndef __FreeBSD_version', `#define\t__FreeBSD_version\t${version}`, '#endif');
		if (STUB_BASE[path]) parts.push(STUB_BASE[path]);
		for (const k of interfaces) {
			const s = k.stub[path];
			if (!s) continue;
			if (supersededAt(k, version, interfaces)) continue;
			const form = hasInterface(k, version) ? 'present' : 'absent';
			const text = form === 'present' ? s.present : s.absent;
			if (!text) continue;
			const r = realPart(k.id, form, path, real);
			if (r) parts.push(`/* ${k.id}: ${form === 'present' ? 'present' : 'absent (old form)'}, as declared in ${r.file} (${real.source}, ${real.version}) */`, r.text);
			else parts.push(`/* ${k.id}: ${form === 'present' ? 'present' : 'absent (old form)'} */`, text);
		}
		if (STUB_TRAILERS[path]) parts.push(STUB_TRAILERS[path]);
		parts.push(`#endif /* ${g} */`, '');
		out[path] = parts.join('\n');
	}
	return out;
}
