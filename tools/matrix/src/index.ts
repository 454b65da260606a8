export * from './types';
export * from './inputs';
export * from './probe';
export * from './cell';
export * from './select';
export * from './report';
export * from './run';
export { shellQuote, shellCommand } from './exec';
