/*
 * Diagnostics: every construct outside the C-able subset is reported with a stable code, the file,
 * line and column, the source line with a caret under the construct, and a suggestion of what to
 * write instead (AssemblyScript's numbered messages, pxt's "unhandled ... try ..."). Translation
 * never prints C for a module that has errors.
 */
import type { Node } from 'ts-morph';

export const DIAGNOSTICS = {
	TS2C1001: { message: 'statement not in the C-able subset: {0}', suggestion: 'use const/let, for, while, if/else, return or an expression statement' },
	TS2C1002: { message: 'expression not in the C-able subset: {0}', suggestion: 'use integer operators, typed-array indexing and calls to subset functions' },
	TS2C1003: { message: 'closures ({0}) have no C translation', suggestion: 'write a top-level function and pass its state as parameters' },
	TS2C1004: { message: 'class "{0}" has methods or a constructor; only field-only classes become C structs', suggestion: 'keep the fields in the class and write the methods as top-level functions taking the struct first' },
	TS2C1005: { message: 'exceptions ({0}) have no C translation', suggestion: 'return an errno_t or a bool and let the caller check it' },
	TS2C1006: { message: 'object literals have no C translation', suggestion: 'declare a field-only class (a struct) and create it with new' },
	TS2C1007: { message: 'spread syntax has no C translation', suggestion: 'pass the elements or the typed array itself' },
	TS2C1008: { message: 'destructuring has no C translation', suggestion: 'index the state (v[i]) or declare one variable per value' },
	TS2C1009: { message: 'optional chaining has no C translation', suggestion: 'the subset has no null values; pass a valid array' },
	TS2C1010: { message: 'template strings have no C translation', suggestion: 'the subset works on bytes, not strings' },
	TS2C1011: { message: 'type "{0}" is not a C type of the subset', suggestion: 'use u8/u16/u32/i32/size_t/u64/u128/boolean/errno_t, Uint8Array/Uint32Array/BigUint64Array or a field-only class' },
	TS2C1012: { message: 'array method "{0}" has no C translation', suggestion: 'use a for loop, or the prelude helpers memcpy/memzero/explicit_bzero' },
	TS2C1013: { message: 'allocation inside a loop', suggestion: 'declare the array once before the loop and reuse it' },
	TS2C1014: { message: 'recursive call to "{0}"', suggestion: 'kernel stacks are small; write the recursion as a loop' },
	TS2C1015: { message: 'floating-point arithmetic ({0})', suggestion: 'use integer operators: >>> n for a division by 2^n, Math.floor(a / b) for an integer quotient, & (2^n - 1) for a remainder' },
	TS2C1016: { message: 'equality "{0}" is not an integer comparison', suggestion: 'use === or !== on integers or booleans' },
	TS2C1017: { message: 'import from "{0}": only @wgup/prelude and sibling modules are C-able', suggestion: 'move the code into a sibling module or a prelude helper with a C spelling' },
	TS2C1018: { message: 'unknown name "{0}"', suggestion: 'declare it in this module, a sibling module or import it from @wgup/prelude' },
	TS2C1019: { message: 'result is not closed: {0}', suggestion: 'close it with `>>> 0` (or `| 0` for i32), a mask or a prelude helper (add32, rotl32, ...) so the TS value is the C value' },
	TS2C1020: { message: 'signed shift `>>` on an unsigned value', suggestion: 'use `>>>` (logical shift) for u32, or `>>` on a bigint' },
	TS2C1021: { message: 'call to "{0}" which has no C translation', suggestion: 'call a subset function, a prelude helper, Math.imul, Math.floor, BigInt or Number' },
	TS2C1022: { message: 'cannot infer the C type of "{0}"', suggestion: 'annotate it, e.g. `let x: u32 = ...`' },
	TS2C1023: { message: 'missing type annotation on {0}', suggestion: 'annotate parameters, return types and struct fields with subset types' },
	TS2C1024: { message: 'literal {0} does not fit in 64 bits', suggestion: 'build it from two u64 halves' },
	TS2C1025: { message: 'array size is not a constant', suggestion: 'use an integer literal or a module-level const' },
	TS2C1026: { message: 'integer arithmetic may exceed 2^53 in TypeScript: {0}', suggestion: 'use Math.imul(a, b) >>> 0 for a 32-bit product, mul32x32 / mul64x64 for a wide one' },
	TS2C1027: { message: 'write to a read-only table "{0}"', suggestion: 'copy the table into a local array first' },
	TS2C1028: { message: '"{0}" is not a module-level declaration of the subset', suggestion: 'use export function, const numbers/bigints, const typed-array tables and field-only classes' },
	TS2C1029: { message: 'this value cannot be {0}', suggestion: 'typed arrays are passed to functions, indexed or narrowed with subarray(off); structs are passed or their fields used' },
	TS2C1030: { message: '"{0}" is a C keyword or reserved name', suggestion: 'rename it' },
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

export interface Diagnostic {
	readonly code: DiagnosticCode;
	readonly file: string;
	/** 1-based */
	readonly line: number;
	/** 1-based */
	readonly col: number;
	readonly length: number;
	readonly message: string;
	readonly suggestion: string;
	/** the source line, for the caret */
	readonly sourceLine: string;
}

export function makeDiagnostic(node: Node, code: DiagnosticCode, file: string, ...args: string[]): Diagnostic {
	const sf = node.getSourceFile();
	const start = node.getStart();
	const { line, column } = sf.getLineAndColumnAtPos(start);
	const text = sf.getFullText();
	const lineStart = start - (column - 1);
	let lineEnd = text.indexOf('\n', lineStart);
	if (lineEnd < 0) lineEnd = text.length;
	const def = DIAGNOSTICS[code];
	const message = def.message.replace(/\{(\d)\}/g, (_m, i: string) => args[Number(i)] ?? '');
	return {
		code,
		file,
		line,
		col: column,
		length: Math.max(1, Math.min(node.getEnd(), lineEnd) - start),
		message,
		suggestion: def.suggestion,
		sourceLine: text.slice(lineStart, lineEnd),
	};
}

/** `file:line:col - error CODE: message`, the source line, a caret, the suggestion. */
export function formatDiagnostic(d: Diagnostic): string {
	const num = String(d.line);
	const pad = ' '.repeat(num.length);
	const prefix = d.sourceLine.slice(0, d.col - 1).replace(/[^\t]/g, ' ');
	return [
		`${d.file}:${d.line}:${d.col} - error ${d.code}: ${d.message}`,
		`  ${num} | ${d.sourceLine}`,
		`  ${pad} | ${prefix}${'^'.repeat(d.length)}`,
		`  suggestion: ${d.suggestion}`,
	].join('\n');
}

export class TranslationError extends Error {
	constructor(readonly diagnostics: readonly Diagnostic[]) {
		super(`ts2c: ${diagnostics.length} error(s)\n${diagnostics.map(formatDiagnostic).join('\n')}`);
	}
}
