export * from './tarball';
export * from './port';
export * from './compose';
export * from './write';
export * from './run';
export * from './driver-compat';
export * from './ocf-standin';
export * from './driver-edits';
