/* What the @wgup/kernel-api model says a kernel at a __FreeBSD_version has (for what a tree cannot show). */
import { hasInterface, interfaceById } from '@wgup/kernel-api';

/** Does a kernel at this version have the kernel-api interface? Unknown ids are an error, not a guess. */
export function kernelHas(id: string, version: number): boolean {
	const k = interfaceById(id);
	if (!k) throw new Error(`@wgup/kernel-api has no interface ${id}`);
	return hasInterface(k, version);
}

/** Where a kernel-api interface exists, in words: `main 1400036, stable/13 1300519`. */
export function availabilityText(id: string): string {
	const a = interfaceById(id)!.availability;
	const merged = Object.entries(a.merged ?? {}).map(([b, v]) => `${b} ${v}`);
	return [`main ${a.main ?? 'never'}`, ...merged].join(', ');
}
