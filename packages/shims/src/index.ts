export * from './types';
export * from './catalogue';
export * from './land';
export * from './probe';
