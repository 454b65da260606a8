/*
 * @wgup/c-source: C read with a real parser (tree-sitter's C grammar), never with regular expressions.
 * `loadCParser()` once, then `declarations(text, file)` for what a file declares and defines, and
 * `uses(text)` for the identifiers it uses. tools/kpi compares kernel-api with real headers through it;
 * tools/patch-series asks it whether a base already has an interface.
 */
export * from './types';
export { loadCParser, printType, typeText, blankAttributes } from './parse';
export type { CSourceParser } from './parse';
export { globalDefinitions, asmGlobals } from './symbols';
export type { CSpan, CSpans, CIdentifierSpan, CCallSpan, CItemSpan } from './spans';
