// Shared jest settings for every project in the monorepo. Each project's jest.config.js is
// `module.exports = require('../../jest.preset')(__dirname);`
// TypeScript is compiled by @swc/jest (type checking is `npm run typecheck` / nx typecheck),
// and @wgup/<name> resolves to the workspace source so tests never need a build first.
const fs = require('node:fs');
const path = require('node:path');

const root = __dirname;

function workspaceModuleMap() {
  const map = {};
  for (const dir of ['packages', 'tools']) {
    const abs = path.join(root, dir);
    if (!fs.existsSync(abs)) continue;
    for (const name of fs.readdirSync(abs).sort()) {
      const index = path.join(abs, name, 'src', 'index.ts');
      if (fs.existsSync(index)) map[`^@wgup/${name}$`] = index;
    }
  }
  return map;
}

module.exports = function preset(projectDir) {
  return {
    displayName: path.relative(root, projectDir),
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/src/**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/', '/fixtures/'],
    transform: {
      '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' }, sourceMaps: 'inline' }],
    },
    moduleNameMapper: workspaceModuleMap(),
    moduleFileExtensions: ['ts', 'js', 'json'],
  };
};
