export * from './c-ast';
export * from './c-print';
export * from './diagnostics';
export * from './emit';
export * from './types';
export * from './unit';
export { PRELUDE_HELPERS } from './prelude-map';
export * from './crypto';
export * from './cbuild';
