export * from './banner';
export * from './generator';
export * from './templates';
export * from './write';
export * from './fs-safety';
