/*
 * Tests that need permissions to bite run a program as nobody (uid 65534), since they do not stop root.
 * Such a program must be readable by nobody, and a checkout need not be: CI clones into a fresh mode-0700
 * temporary directory. Then it runs from a hard-linked copy of the checkout (every file root's and
 * read-only to nobody, so nothing nobody does can reach the real files), made once per test file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const NOBODY = 65534;
export const AS_NOBODY = ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'];

let copy: string | undefined;

/* the copy goes with the test file that made it (this module is imported at the top of test files) */
afterAll(() => {
	if (copy) fs.rmSync(copy, { recursive: true, force: true });
	copy = undefined;
});

function nobodyCanRead(repo: string): boolean {
	const probe = path.join(repo, 'tools', 'cli', 'bin', 'wgup.js');
	return spawnSync(AS_NOBODY[0], [...AS_NOBODY.slice(1), 'test', '-r', probe]).status === 0;
}

/** The checkout as nobody can read it: the checkout itself, or a hard-linked copy beside it in TMPDIR. */
export function repoForNobody(): string {
	if (nobodyCanRead(REPO)) return REPO;
	if (!copy) {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-checkout-for-nobody-'));
		fs.chmodSync(dir, 0o755);
		for (const e of fs.readdirSync(REPO)) if (e !== '.git') execFileSync('cp', ['-al', path.join(REPO, e), dir]);
		copy = dir;
	}
	return copy;
}
