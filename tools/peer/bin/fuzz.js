#!/usr/bin/env node
'use strict';
// Throws random and mutated WireGuard datagrams at a UDP port (tools/peer/src/fuzz.ts); prints a JSON report.
//   node tools/peer/bin/fuzz.js --port N --target PUBKEY [--host H] [--count N] [--known-key FILE] [--seed N] [--pace BYTES]
// Bad usage (a missing option, a count that is not a number ...) exits 2 with the reason.
const path = require('node:path');
const { Command, InvalidArgumentError, CommanderError } = require('commander');

process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || path.join(__dirname, '..', '..', '..', 'tsconfig.json');

/** a whole number in [min, max], or commander's "invalid argument" naming the option */
const integer = (min, max) => (text) => {
	if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
		throw new InvalidArgumentError(`not a whole number from ${min} to ${max}`);
	}
	return Number(text);
};

const program = new Command('fuzz.js')
	.description('throw random and mutated WireGuard datagrams at a UDP port and print a JSON report')
	.requiredOption('--port <n>', 'UDP port of the target', integer(1, 65535))
	.requiredOption('--target <pubkey>', "the target's public key (base64)")
	.option('--host <host>', 'address of the target', '127.0.0.1')
	.option('--count <n>', 'datagrams to send', integer(1, 100_000_000), 100000)
	.option('--known-key <file>', 'a private key the target knows as a peer (for valid-looking initiations)')
	.option('--seed <n>', 'PRNG seed', integer(0, 0xffffffff))
	.option('--pace <bytes>', "wait while the socket's send queue holds more than this many bytes (0: no pacing)", integer(0, 1 << 30), 0)
	.exitOverride()
	.configureOutput({ writeErr: (s) => process.stderr.write(s) });

try {
	program.parse(process.argv);
} catch (err) {
	if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
	throw err;
}
const o = program.opts();

require('tsx/cjs');
const { fuzz } = require('../src/fuzz.ts');
const { parseKey, readKeyFile } = require('../src/keys.ts');

let options;
try {
	options = {
		host: o.host,
		port: o.port,
		count: o.count,
		targetPublicKey: parseKey(o.target, '--target'),
		knownPrivateKey: o.knownKey ? readKeyFile(o.knownKey, '--known-key') : undefined,
		seed: o.seed,
		paceQueueBytes: o.pace,
	};
} catch (err) {
	process.stderr.write(`fuzz.js: ${err.message}\n`);
	process.exit(2);
}
fuzz(options).then((report) => process.stdout.write(`${JSON.stringify(report)}\n`), (err) => {
	process.stderr.write(`fuzz: ${err.message}\n`);
	process.exit(1);
});
