/*
 * @wgup/freebsd-src: the real FreeBSD src tree commands check against, and what can be read from it.
 * Tests take their tree from `testTree()` / `describeWithTree()` (src/testing.ts).
 */
export * from './tree';
export { SNAPSHOT_DIR, testTree, describeWithTree, gitRepoOf, CHECKSTYLE9, checkstyle9, checkstyle9Missing, describeWithCheckstyle9 } from './testing';
export type { TestTree } from './testing';
export * from './fetch';
