/*
 * Global symbols a translation unit defines: what the linker would see. Used to refuse a series
 * whose new C defines a name the base already defines (a duplicate strong symbol breaks the kernel
 * link, as ossl(4)'s `.globl poly1305_init` showed).
 */
import type { CDeclarations } from './types';

/** Functions with a body and file-scope objects that are neither static nor extern. */
export function globalDefinitions(d: CDeclarations): string[] {
	const out = new Set<string>();
	for (const f of d.functions) if (f.definition && f.storage !== 'static') out.add(f.name);
	for (const v of d.variables) if (v.definition && v.storage === '') out.add(v.name);
	return [...out].sort();
}

/**
 * Names an assembler file makes global (`.globl NAME` / `.global NAME`, several per line allowed).
 * Assembly is not C: this reads directives line by line, which is how the assembler reads them.
 */
export function asmGlobals(text: string): string[] {
	const out = new Set<string>();
	for (const raw of text.split('\n')) {
		const line = raw.replace(/#.*$/, '').replace(/\/\*.*?\*\//g, '').trim();
		const m = /^\.glob(?:a)?l\s+(.+)$/.exec(line);
		if (!m) continue;
		for (const name of m[1].split(',')) if (name.trim()) out.add(name.trim());
	}
	return [...out].sort();
}
