export * from './tarball';
export * from './port';
