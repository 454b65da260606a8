/*
 * The FreeBSD script cannot boot a jail here, but its plumbing can run: FreeBSD's commands (jail, jexec,
 * ifconfig, kldload, route, sysctl, ping, ping6) are replaced by stand-ins on PATH that record each call
 * and answer as FreeBSD does (`ifconfig epair create` prints the a-end, `ifconfig wg create` prints wg0).
 * wg(8) is the real one for keys and a recorder for the rest. This proves the emitted script's setup,
 * step and teardown run under `set -u` in the right order and undo what they made — not that the
 * driver works: that is for a FreeBSD VM.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { SCRIPT_PATHS, STEPS } from '../src';

const STANDINS: Record<string, string> = {
	kldload: 'exit 0',
	sysctl: 'exit 0',
	route: 'exit 0',
	ping: 'exit 0',
	ping6: 'exit 0',
	jail: 'exit 0',
	iperf3: 'exit 0',
	sleep: 'exit 0',
	sockstat: 'echo "root iperf3 1 3 tcp4 10.241.0.2:5201 *:*"',
	netstat: 'printf "Name Mtu Network Address Ipkts Ierrs Idrop Opkts Oerrs Coll\\nepair1a 1500 <Link#3> 02:00:00:00:00:0a 1 0 0 7 0 0\\n"',
	// jexec JAIL CMD...: run CMD here (its stand-in, if it has one)
	jexec: 'shift; exec "$@"',
	ifconfig: [
		'case "$*" in',
		'"epair create") n=$(cat "$STANDIN_DIR/epairs" 2>/dev/null || echo 0); echo $((n + 1)) >"$STANDIN_DIR/epairs"; echo "epair${n}a" ;;',
		'"wg create") echo wg0 ;;',
		'esac',
		'exit 0',
	].join('\n'),
	wg: [
		'case "$1" in',
		'genkey | genpsk | pubkey) exec /usr/bin/wg "$@" ;;',
		'esac',
		'exit 0',
	].join('\n'),
};

function standins(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-bsd-standin-'));
	for (const [name, body] of Object.entries(STANDINS)) {
		fs.writeFileSync(path.join(dir, name), `#!/usr/bin/env bash\necho "${name} $*" >>"$STANDIN_DIR/calls.log"\n${body}\n`, { mode: 0o755 });
	}
	return dir;
}

test('the FreeBSD script sets up jails, epairs and if_wg interfaces, runs a step, and tears everything down', () => {
	const dir = standins();
	try {
		const log = path.join(dir, 'calls.log');
		const r = spawnSync('bash', [path.join(REPO_ROOT, SCRIPT_PATHS.freebsd), '--run-id', 'bsd1', 'ping4'], {
			encoding: 'utf8',
			env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, STANDIN_DIR: dir },
		});
		expect({ status: r.status, tail: r.stdout.split('\n').slice(-4) }).toEqual({
			status: 0, tail: ['battery on Linux: 1 passed, 0 failed', '1 passed, 0 failed', '=== teardown', ''],
		});
		const calls = fs.readFileSync(log, 'utf8').trim().split('\n');
		const first = (prefix: string) => calls.findIndex((c) => c.startsWith(prefix));
		// setup, in order: keys, modules, three VNET jails, the links moved into them, wg interfaces made inside and renamed
		expect(calls.slice(0, 3)).toEqual(['wg genkey', 'wg pubkey', 'wg genkey']);
		expect(calls.filter((c) => !c.startsWith('wg '))[0]).toBe('kldload -n if_wg if_epair');
		expect(calls.filter((c) => c.startsWith('jail -c'))).toEqual(['router', '1', '2'].map((h) =>
			`jail -c name=wgbbsd1${h === 'router' ? 'r' : h} path=/ vnet=new persist allow.raw_sockets`));
		expect(calls).toContain('ifconfig epair0a vnet wgbbsd1r');
		expect(calls).toContain('ifconfig epair0b vnet wgbbsd11');
		expect(calls).toContain('ifconfig epair1b vnet wgbbsd12');
		expect(calls).toContain('jexec wgbbsd11 ifconfig wg0 name wg1');
		expect(calls).toContain('jexec wgbbsd1r ifconfig wg0 name wg3');
		expect(calls.some((c) => /^wg set wg1 peer \S{44} preshared-key \/tmp\/wgup-battery-bsd1\/psk endpoint 198\.18\.2\.2:51822 /.test(c))).toBe(true);
		// the step ran in the jails
		expect(calls).toContain('jexec wgbbsd11 timeout 6 ping -n -c 3 -i 0.2 10.241.0.2');
		// teardown: interfaces destroyed, jails removed, then the epairs they handed back
		expect(first('jexec wgbbsd11 ifconfig wg1 destroy')).toBeGreaterThan(first('jexec wgbbsd11 timeout'));
		expect(calls.filter((c) => c.startsWith('jail -r'))).toEqual(['jail -r wgbbsd1r', 'jail -r wgbbsd11', 'jail -r wgbbsd12']);
		expect(first('ifconfig epair0a destroy')).toBeGreaterThan(first('jail -r wgbbsd12'));
		expect(calls).toContain('ifconfig epair1a destroy');
		expect(fs.existsSync('/tmp/wgup-battery-bsd1')).toBe(false);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
		fs.rmSync('/tmp/wgup-battery-bsd1', { recursive: true, force: true });
	}
});

test('every FreeBSD step runs to its end marker without a shell error (the stand-ins make its checks meaningless)', () => {
	const dir = standins();
	try {
		const r = spawnSync('bash', [path.join(REPO_ROOT, SCRIPT_PATHS.freebsd), '--run-id', 'bsd2'], {
			encoding: 'utf8',
			env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, STANDIN_DIR: dir },
		});
		expect(r.stdout).not.toMatch(/unbound variable|command not found|syntax error|bad substitution|No such file/);
		const ends = r.stdout.split('\n').filter((l) => /^--- (ok|FAIL) /.test(l)).map((l) => l.split(' ')[2]);
		expect(ends).toEqual(['setup', ...STEPS.map((s) => s.name)]);
		expect(r.stdout).toMatch(/\n=== teardown\n/);
		expect(fs.existsSync('/tmp/wgup-battery-bsd2')).toBe(false);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
		fs.rmSync('/tmp/wgup-battery-bsd2', { recursive: true, force: true });
	}
});
