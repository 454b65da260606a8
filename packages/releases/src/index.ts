export * from './types';
export * from './releases';
export * from './algebra';
export { RELEASE_DATA } from './release-data';
export { BRANCH_DATA, type RawBranch } from './branch-data';
export * from './handbook';
export * from './evidence';
