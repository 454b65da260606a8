export * from './render';
export * from './generator';
export * from './catalogue-file';
export * from './status';
export * from './land';
