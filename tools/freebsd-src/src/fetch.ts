/*
 * `wgup src fetch`: a shallow, sparse git checkout of freebsd-src holding only the paths wgup reads, in
 * the cache directory resolveTree() looks in (or --dir). git does the work: clone --depth 1
 * --filter=blob:none --no-checkout, sparse-checkout set --no-cone <paths>, checkout. Progress goes to
 * the caller's log, one line per step.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fetchCacheDir, openTree, TreeError, type FreeBSDTree } from './tree';

export const FREEBSD_SRC_URL = 'https://git.freebsd.org/src.git';

/** The paths wgup reads: the KPI headers, the crypto the driver uses, the driver, the module build. */
export const SPARSE_PATHS: readonly string[] = [
	'/sys/sys/', '/sys/net/', '/sys/netinet/', '/sys/netinet6/', '/sys/opencrypto/', '/sys/crypto/', '/sys/dev/wg/',
	'/sys/contrib/ck/include/', '/sys/conf/', '/sys/modules/wg/', '/sys/modules/crypto/', '/sys/amd64/include/',
	'/sys/x86/include/', '/sys/vm/', '/sys/kern/uipc_socket.c', '/sys/kern/kern_priv.c', '/sys/security/mac/',
	'/sys/libkern/', '/COPYRIGHT',
];

export interface FetchOptions {
	/** branch or tag: main, stable/14, releng/14.3 (default main) */
	readonly ref?: string;
	/** checkout directory (default: <cache>/<ref with / as _>) */
	readonly dir?: string;
	/** repository URL (default the FreeBSD project's; tests pass a file:// URL) */
	readonly url?: string;
	readonly paths?: readonly string[];
}

export interface FetchResult {
	readonly tree: FreeBSDTree;
	readonly commit: string;
	readonly ref: string;
}

function git(args: string[], cwd: string | undefined): string {
	const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
	if (r.error) throw new TreeError(`git ${args[0]}: ${r.error.message}`);
	if (r.status !== 0) throw new TreeError(`git ${args.join(' ')} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim()}`);
	return r.stdout.trim();
}

/** A ref as a directory name: releng/14.3 -> releng_14.3. */
export const refDirName = (ref: string): string => ref.replace(/[^A-Za-z0-9._-]/g, '_');

export function fetchTree(opts: FetchOptions, log: (line: string) => void): FetchResult {
	const ref = opts.ref ?? 'main';
	if (!/^[A-Za-z0-9._/-]+$/.test(ref) || ref.includes('..')) throw new TreeError(`--ref ${JSON.stringify(ref)} is not a branch or tag name`);
	const url = opts.url ?? FREEBSD_SRC_URL;
	const dir = path.resolve(opts.dir ?? path.join(fetchCacheDir(), refDirName(ref)));
	const paths = opts.paths ?? SPARSE_PATHS;
	if (fs.existsSync(path.join(dir, '.git'))) {
		log(`updating ${dir} (${ref})`);
		git(['fetch', '--depth', '1', '--filter=blob:none', 'origin', ref], dir);
		git(['sparse-checkout', 'set', '--no-cone', ...paths], dir);
		git(['checkout', '--detach', '-q', 'FETCH_HEAD'], dir);
	} else {
		if (fs.existsSync(dir) && fs.readdirSync(dir).length) throw new TreeError(`${dir} exists and is not a wgup checkout; give another --dir`);
		fs.mkdirSync(path.dirname(dir), { recursive: true });
		log(`cloning ${url} ${ref} (shallow, blobs on demand) into ${dir}`);
		git(['clone', '-q', '--depth', '1', '--filter=blob:none', '--no-checkout', '--branch', ref, url, dir], undefined);
		log(`sparse checkout of ${paths.length} paths: ${paths.join(' ')}`);
		git(['sparse-checkout', 'set', '--no-cone', ...paths], dir);
		git(['checkout', '-q'], dir);
	}
	const commit = git(['rev-parse', 'HEAD'], dir);
	const tree = openTree(dir, 'cache');
	log(`${dir}: ${ref} at ${commit.slice(0, 12)}, __FreeBSD_version ${tree.version}`);
	return { tree, commit, ref };
}
