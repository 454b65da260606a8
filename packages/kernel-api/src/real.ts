/*
 * Real declarations behind the stubs: stub parts as a real FreeBSD tree declares them, read with the C
 * parser by `wgup kpi extract` and stored as data (src/data/real-declarations.json) with the tree and
 * file:line of each declaration. renderStubHeaders() declares a part this way at every version that has
 * the same form of the interface as the tree had; elsewhere the model's own text stands.
 */
import REAL_JSON from './data/real-declarations.json';

export interface RealStubPart {
	readonly interface: string;
	/** the interface's form at the tree's version */
	readonly form: 'present' | 'absent';
	/** include path of the stub header */
	readonly header: string;
	/** the tree file it was read from */
	readonly file: string;
	/** the declarations, one per line (a struct or enum over several), in the model's order */
	readonly text: string;
	/** "name: file:line" for each declaration */
	readonly cites: readonly string[];
}

export interface RealDeclarations {
	readonly schema: 'wgup.real-declarations/v1';
	readonly note: string;
	/** the tree: "owner/repo@commit" */
	readonly source: string;
	readonly version: number;
	readonly parts: readonly RealStubPart[];
}

export const REAL_DECLARATIONS: RealDeclarations = REAL_JSON as unknown as RealDeclarations;

/** The real part for an interface's form in a header, if a tree gave one. */
export function realPart(id: string, form: 'present' | 'absent', header: string, real: RealDeclarations = REAL_DECLARATIONS): RealStubPart | undefined {
	return real.parts.find((p) => p.interface === id && p.form === form && p.header === header);
}
