/*
 * Whole C files out of a translated unit: the licence and banner (@wgup/codegen fileHeader), the
 * three kernel includes, the unit's own header, then the body.
 */
import { fileHeader } from '@wgup/codegen';
import type { CDecl } from './c-ast';
import { printDecls } from './c-print';
import { translateUnit, unitBody, type BodyOptions, type Unit, type UnitSpec } from './unit';

/** What every emitted .c includes: nothing else, so it builds in the kernel and against the shim. */
export const KERNEL_INCLUDES = ['<sys/types.h>', '<sys/endian.h>', '<sys/systm.h>'];

export const GENERATOR_NAME = 'tools/ts2c';

export interface CFileOptions extends BodyOptions {
	/** own headers, e.g. '<crypto/chacha20_poly1305.h>' */
	readonly ownHeaders?: readonly string[];
	readonly command?: string;
}

export function renderC(unit: Unit, opts: CFileOptions = {}): string {
	const head = fileHeader('c', { generator: GENERATOR_NAME, inputs: unit.inputs, command: opts.command });
	// errno values live in <sys/errno.h>, which the kernel's <sys/systm.h> does not pull in
	const errno = unit.modules.some((m) => [...m.imports].some(([n, v]) => v === 'prelude' && /^E[A-Z]+$/.test(n))) ? ['<sys/errno.h>'] : [];
	// style(9) order: <sys/types.h> first, the other <sys/...> headers sorted, then a blank line and
	// the file's own headers
	const [first, ...rest] = KERNEL_INCLUDES;
	const sys = [first, ...[...rest, ...errno].sort()];
	const cpp = (text: string): CDecl => ({ k: 'cpp', text });
	const own = opts.ownHeaders?.length ? [cpp(''), ...opts.ownHeaders.map((h) => cpp(`#include ${h}`))] : [];
	return `${head}\n${printDecls([...sys.map((h) => cpp(`#include ${h}`)), ...own, cpp(''), ...unitBody(unit, opts)])}`;
}

/** One module (and its siblings) to one C file, every exported function extern: fixtures and quick looks. */
export function translateToC(spec: UnitSpec, root: string, command?: string): string {
	return renderC(translateUnit(spec, root), { command });
}
