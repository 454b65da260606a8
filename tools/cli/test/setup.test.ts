/*
 * `npm run setup` (tools/cli/bin/setup.js) and `wgup doctor`, against stand-in dpkg-query and apt-get on PATH:
 * it installs exactly the missing Debian packages and says so, does nothing the second time, prints the exact
 * apt-get line to a non-root user; the doctor names each missing tool, what needs it and the package.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkTools, externalTools, formatDoctor } from '../src/doctor';
import { repoForNobody } from './nobody';

const SETUP = path.join(__dirname, '..', 'bin', 'setup.js');
const ALL = [...new Set(externalTools().flatMap((t) => t.package.split(' ')))].sort();

let tmp: string;
beforeAll(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-setup-'));
	fs.chmodSync(tmp, 0o755);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A bin dir whose dpkg-query says `installed` are installed and whose apt-get logs its arguments (and installs). */
function standIns(name: string, installed: readonly string[]): { bin: string; log: string } {
	const bin = path.join(tmp, name);
	fs.mkdirSync(bin, { recursive: true });
	const state = path.join(bin, 'installed');
	const log = path.join(bin, 'apt.log');
	fs.writeFileSync(state, installed.map((p) => `${p}\n`).join(''));
	fs.writeFileSync(log, '');
	fs.writeFileSync(path.join(bin, 'dpkg-query'), `#!/bin/sh
shift 2
for p in "$@"; do
	if grep -qx "$p" ${state}; then echo "$p install ok installed"; else echo "$p unknown ok not-installed"; fi
done
`, { mode: 0o755 });
	fs.writeFileSync(path.join(bin, 'apt-get'), `#!/bin/sh
echo "$*" >> ${log}
if [ "$1" = install ]; then for p in "$@"; do case "$p" in -*|install) ;; *) echo "$p" >> ${state} ;; esac; done; fi
`, { mode: 0o755 });
	for (const f of [state, log]) fs.chmodSync(f, 0o666);
	return { bin, log };
}

function setup(bin: string, args: string[], uid?: number) {
	const script = uid === undefined ? SETUP : path.join(repoForNobody(), 'tools', 'cli', 'bin', 'setup.js');
	const r = spawnSync(process.execPath, [script, ...args], {
		encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, ...(uid === undefined ? {} : { uid, gid: uid }),
	});
	return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('as root it installs exactly the missing packages, says which, and the second run installs nothing', () => {
	const { bin, log } = standIns('root', ALL.filter((p) => p !== 'clang' && p !== 'unifdef'));
	const first = setup(bin, ['--no-npm']);
	expect(first.out).toMatch(/^setup: installing 2 Debian package\(s\): clang unifdef$/m);
	expect(fs.readFileSync(log, 'utf8')).toBe('update -qq\ninstall -y -qq --no-install-recommends clang unifdef\n');
	expect(first.status).toBe(0);
	const second = setup(bin, ['--no-npm']);
	expect(second.out).toMatch(new RegExp(`^setup: all ${ALL.length} Debian packages present`, 'm'));
	expect(fs.readFileSync(log, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
	expect(second.status).toBe(0);
});

/* runs setup as nobody (uid 65534): like the netns suites, this needs the test run to be root */
test('a non-root user is told the exact apt-get line, and nothing is installed', () => {
	const { bin, log } = standIns('user', ALL.filter((p) => p !== 'valgrind'));
	const r = setup(bin, ['--no-npm'], 65534);
	expect(r.out).toContain('  sudo apt-get update && sudo apt-get install -y --no-install-recommends valgrind\n');
	expect(fs.readFileSync(log, 'utf8')).toBe('');
	expect(r.status).toBe(1);
});

test('doctor: a tool not on PATH is MISSING with what needs it and its package; exit 1', () => {
	const empty = path.join(tmp, 'empty-bin');
	fs.mkdirSync(empty, { recursive: true });
	const tools = externalTools().filter((t) => ['clang', 'wireguard-go', 'unifdef'].includes(t.name));
	const { text, code } = formatDoctor(checkTools(tools, empty));
	expect(text).toMatch(/^clang\s+MISSING\s+apt-get install clang\s+\[wgup all\] wgup matrix \(clang cells\)/m);
	expect(text).toMatch(/^wireguard-go\s+MISSING\s+apt-get install wireguard-go\s+wgup battery --linux/m);
	expect(text).toMatch(/3 of 3 missing; as root: apt-get install -y --no-install-recommends clang unifdef wireguard-go \(or: npm run setup\)$/m);
	expect(code).toBe(1);
	const found = formatDoctor(checkTools(tools.filter((t) => t.name === 'clang'), process.env.PATH));
	expect(found.text).toMatch(/^clang\s+found\s+\/\S+\/clang\s/m);
	expect(found.code).toBe(0);
});

test('the list names every tool the issue asks the doctor for, and .ci/run installs through it', () => {
	const names = externalTools().map((t) => t.command ?? t.name);
	for (const t of ['gcc', 'clang', 'valgrind', 'wireguard-go', 'wg', 'shellcheck', 'chromium', 'unifdef', 'perl']) expect(names).toContain(t);
	const ci = fs.readFileSync(path.join(__dirname, '..', '..', '..', '.ci', 'run'), 'utf8');
	expect(ci).toMatch(/^npm run setup && npx wgup all$/m);
	expect(ci).toMatch(/^npm test$/m);
});
