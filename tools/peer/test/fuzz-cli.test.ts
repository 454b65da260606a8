/* fuzz.js's command line (commander): bad usage is refused with the reason and exit status 2, before any datagram. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const FUZZ = path.join(__dirname, '..', 'bin', 'fuzz.js');
const KEY = 'HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=';
const fuzz = (...args: string[]) => spawnSync(process.execPath, [FUZZ, ...args], { encoding: 'utf8', timeout: 60_000 });

test.each([
	[['--port', '51820', '--target', KEY, '--count', 'abc'], /option '--count <n>' argument 'abc' is invalid\. not a whole number/],
	[['--port', '51820', '--target', KEY, '--count', '-5'], /--count/],
	[['--port', 'x', '--target', KEY], /option '--port <n>' argument 'x' is invalid/],
	[['--port', '70000', '--target', KEY], /not a whole number from 1 to 65535/],
	[['--target', KEY], /required option '--port <n>' not specified/],
	[['--port', '51820'], /required option '--target <pubkey>' not specified/],
	[['--port', '51820', '--target', 'nope'], /--target is not a WireGuard key/],
	[['--port', '51820', '--target', KEY, '--bogus'], /unknown option '--bogus'/],
])('%j is refused: exit 2 and the reason', (args, reason) => {
	const r = fuzz(...args);
	expect({ status: r.status, stderr: r.stderr, stdout: r.stdout }).toEqual({ status: 2, stderr: expect.stringMatching(reason), stdout: '' });
});

test('--help lists the options and exits 0', () => {
	const r = fuzz('--help');
	expect(r.status).toBe(0);
	expect(r.stdout).toMatch(/--count <n>\s+datagrams to send \(default: 100000\)/);
});
