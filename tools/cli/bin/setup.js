#!/usr/bin/env node
'use strict';
/*
 * `npm run setup`: installs what wgup and its tests need on Debian, then the npm dependencies. Safe to run
 * again: it installs only missing Debian packages and runs `npm ci` only when node_modules is not what
 * package-lock.json says. It says what it installs. Not root: it prints the exact apt-get line to run.
 * Plain Node, no dependencies: it runs before node_modules exists. The list: tools/cli/external-tools.json.
 *   --check   only report; install nothing (exit 1 when something is missing)
 *   --no-npm  skip npm ci
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const args = new Set(process.argv.slice(2));
const say = (line) => process.stdout.write(`setup: ${line}\n`);

function debianPackages() {
	const data = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'external-tools.json'), 'utf8'));
	return [...new Set(data.tools.flatMap((t) => t.package.split(' ')))].sort();
}

/** The packages dpkg does not have installed (all of them when dpkg-query is missing). */
function missingPackages(pkgs) {
	const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...pkgs], { encoding: 'utf8' });
	if (r.error) return null;
	const installed = new Set(r.stdout.split('\n').filter((l) => / install ok installed$/.test(l)).map((l) => l.split(' ')[0]));
	return pkgs.filter((p) => !installed.has(p));
}

function run(cmd, argv, env) {
	say(`$ ${[cmd, ...argv].join(' ')}`);
	const r = spawnSync(cmd, argv, { stdio: 'inherit', cwd: ROOT, env: { ...process.env, ...env } });
	if (r.status !== 0) {
		say(`${cmd} failed (${r.error ? r.error.message : `exit ${r.status}`})`);
		process.exit(1);
	}
}

function npmUpToDate() {
	const hidden = path.join(ROOT, 'node_modules', '.package-lock.json');
	const lock = path.join(ROOT, 'package-lock.json');
	if (!fs.existsSync(hidden)) return false;
	const t = fs.statSync(hidden).mtimeMs;
	return t >= fs.statSync(lock).mtimeMs && t >= fs.statSync(path.join(ROOT, 'package.json')).mtimeMs;
}

function main() {
	const pkgs = debianPackages();
	const missing = missingPackages(pkgs);
	let ok = true;
	if (missing === null) {
		say(`not a Debian system (no dpkg-query): install the equivalents of these Debian packages yourself: ${pkgs.join(' ')}`);
		ok = false;
	} else if (missing.length === 0) {
		say(`all ${pkgs.length} Debian packages present (${pkgs.join(' ')})`);
	} else if (args.has('--check')) {
		say(`missing Debian packages: ${missing.join(' ')}`);
		ok = false;
	} else if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		say(`missing Debian packages: ${missing.join(' ')}`);
		say('not root, so not installing them; run:');
		process.stdout.write(`  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}\n`);
		ok = false;
	} else {
		say(`installing ${missing.length} Debian package(s): ${missing.join(' ')}`);
		run('apt-get', ['update', '-qq'], { DEBIAN_FRONTEND: 'noninteractive' });
		run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { DEBIAN_FRONTEND: 'noninteractive' });
		const still = missingPackages(missing);
		if (still && still.length) {
			say(`still missing after apt-get: ${still.join(' ')}`);
			ok = false;
		}
	}
	if (args.has('--no-npm') || args.has('--check')) {
		if (args.has('--check')) say(npmUpToDate() ? 'node_modules matches package-lock.json' : 'node_modules is missing or older than package-lock.json: npm ci needed');
	} else if (npmUpToDate()) {
		say('node_modules matches package-lock.json: npm ci skipped');
	} else {
		say('installing the npm dependencies (npm ci)');
		run('npm', ['ci', '--no-audit', '--no-fund']);
	}
	if (!ok) process.exit(1);
	say('done; `npx wgup doctor` lists every tool and what needs it');
}

main();
