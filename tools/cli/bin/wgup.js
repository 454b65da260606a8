#!/usr/bin/env node
'use strict';
// Runs the CLI from its TypeScript sources through tsx, so `npx wgup` works right after `npm ci` with no
// build step, and @wgup/<name> imports resolve to the workspace sources through tsconfig paths.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// tsx keeps its cache in the temporary directory: an unusable one would end in a stack trace of
// minified tsx source, so it is checked first and named.
const tmp = os.tmpdir();
try {
	if (!fs.statSync(tmp).isDirectory()) throw new Error('not a directory');
	fs.accessSync(tmp, fs.constants.W_OK | fs.constants.X_OK);
} catch (e) {
	process.stderr.write(`wgup: the temporary directory ${tmp} is not usable (${e.code || e.message}); set TMPDIR to a writable directory\n`);
	process.exit(1);
}

// a closed stdout (`wgup ... | head`) ends the output, not with a stack trace
process.stdout.on('error', (e) => {
	if (e.code === 'EPIPE') process.exit(process.exitCode || 0);
	throw e;
});

process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || path.join(__dirname, '..', '..', '..', 'tsconfig.json');
try {
	require('tsx/cjs');
} catch (e) {
	process.stderr.write(`wgup: cannot load the TypeScript runner tsx (${String(e && e.message).split('\n')[0]}); run \`npm ci\`\n`);
	if (process.env.WGUP_DEBUG) process.stderr.write(`${e && e.stack}\n`);
	process.exit(1);
}
require('../src/main.ts')
	.main(process.argv)
	.then((code) => {
		process.exitCode = code;
	});
