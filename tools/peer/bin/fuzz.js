#!/usr/bin/env node
'use strict';
// Throws random and mutated WireGuard datagrams at a UDP port (tools/peer/src/fuzz.ts); prints a JSON report.
//   node tools/peer/bin/fuzz.js --host 127.0.0.1 --port N --count 100000 --target PUBKEY [--known-key FILE] [--seed N]
const path = require('node:path');

process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || path.join(__dirname, '..', '..', '..', 'tsconfig.json');
require('tsx/cjs');
const { fuzz } = require('../src/fuzz.ts');
const { parseKey, readKeyFile } = require('../src/keys.ts');

const args = process.argv.slice(2);
const opt = (name) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
};
if (!opt('port') || !opt('target')) {
	process.stderr.write('usage: fuzz.js --host H --port N --count N --target PUBKEY [--known-key FILE] [--seed N] [--pace BYTES]\n');
	process.exit(2);
}
fuzz({
	host: opt('host') || '127.0.0.1',
	port: Number(opt('port')),
	count: Number(opt('count') || 100000),
	targetPublicKey: parseKey(opt('target'), '--target'),
	knownPrivateKey: opt('known-key') ? readKeyFile(opt('known-key'), '--known-key') : undefined,
	seed: opt('seed') ? Number(opt('seed')) : undefined,
	paceQueueBytes: opt('pace') ? Number(opt('pace')) : 0,
}).then((report) => process.stdout.write(`${JSON.stringify(report)}\n`), (err) => {
	process.stderr.write(`fuzz: ${err.message}\n`);
	process.exit(1);
});
