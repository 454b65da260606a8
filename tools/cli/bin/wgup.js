#!/usr/bin/env node
'use strict';
// Runs the CLI from its TypeScript sources through tsx, so `npx wgup` works right after `npm ci` with no
// build step, and @wgup/<name> imports resolve to the workspace sources through tsconfig paths.
const path = require('node:path');

process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || path.join(__dirname, '..', '..', '..', 'tsconfig.json');
require('tsx/cjs');
require('../src/main.ts')
	.main(process.argv)
	.then((code) => {
		process.exitCode = code;
	});
