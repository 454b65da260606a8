export * from './tarball';
export * from './port';
export * from './compose';
export * from './write';
export * from './run';
