/*
 * @wgup/freebsd-src: the real FreeBSD src tree commands check against, and what can be read from it.
 * Tests take their tree from `testTree()` / `describeWithTree()` (src/testing.ts).
 */
export * from './tree';
export { SNAPSHOT_DIR, testTree, describeWithTree, gitRepoOf } from './testing';
export type { TestTree } from './testing';
export * from './fetch';
