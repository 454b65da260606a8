/*
 * git through simple-git, with an environment that makes its output depend only on our inputs: fixed
 * identity and dates, no user or system configuration (a user's format.signature or diff.noprefix would
 * otherwise change the patches), UTC, C locale.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

export interface Identity {
	readonly name: string;
	readonly email: string;
	/** ISO 8601, e.g. 2026-11-26T00:00:00Z */
	readonly date: string;
}

/** An empty HOME, so no user ~/.gitconfig or XDG git config applies. */
const EMPTY_HOME = path.join(os.tmpdir(), 'wgup-patch-series-home');

export function gitEnv(id: Identity): Record<string, string> {
	fs.mkdirSync(EMPTY_HOME, { recursive: true });
	return {
		PATH: process.env.PATH ?? '/usr/bin:/bin',
		HOME: EMPTY_HOME,
		XDG_CONFIG_HOME: EMPTY_HOME,
		LANG: 'C',
		LC_ALL: 'C',
		TZ: 'UTC',
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_AUTHOR_NAME: id.name,
		GIT_AUTHOR_EMAIL: id.email,
		GIT_AUTHOR_DATE: id.date,
		GIT_COMMITTER_NAME: id.name,
		GIT_COMMITTER_EMAIL: id.email,
		GIT_COMMITTER_DATE: id.date,
		GIT_TERMINAL_PROMPT: '0',
	};
}

export function git(dir: string, id: Identity): SimpleGit {
	const env = gitEnv(id);
	// simple-git guards GIT_* variables; these are ours and deliberate
	return simpleGit({ baseDir: dir, maxConcurrentProcesses: 1, allowEnvironment: Object.keys(env) }).env(env);
}

/** Paths the series reads or writes; a clone of a full FreeBSD tree checks out only these. */
export const SPARSE_PATTERNS = [
	'/sys/sys/',
	'/sys/conf/files',
	'/sys/modules/Makefile',
	'/sys/modules/if_wg/',
	'/sys/modules/wg/',
	'/sys/modules/crypto/',
	'/sys/opencrypto/',
	'/sys/dev/wg/',
	'/sys/crypto/',
	'/sys/net/if_types.h',
	'/sys/kern/uipc_socket.c',
	'/sys/kern/kern_jail.c',
	'/sys/contrib/ck/include/',
];

/**
 * A private clone of the base at its HEAD, sharing its objects (nothing is written into the base's
 * repository) and checking out only the paths the series touches.
 */
export async function sparseClone(base: string, dest: string, id: Identity): Promise<SimpleGit> {
	await git(path.dirname(dest), id).raw(['clone', '--quiet', '--shared', '--no-checkout', base, dest]);
	const g = git(dest, id);
	await g.raw(['config', 'core.sparseCheckout', 'true']);
	fs.writeFileSync(path.join(dest, '.git', 'info', 'sparse-checkout'), `${SPARSE_PATTERNS.join('\n')}\n`);
	await g.raw(['checkout', '--quiet', '-B', 'wgup-series', 'HEAD']);
	return g;
}
