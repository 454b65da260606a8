/*
 * The real tree for tests: $WGUP_FREEBSD_SRC, else ../shared/freebsd-main-snapshot beside the
 * repository (real FreeBSD main files at one commit; never copied into the repository). When neither
 * exists, suites that need a tree are skipped with the reason, so they can never pass silently.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** tools/freebsd-src/src (or dist) -> the repository root */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SNAPSHOT_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'freebsd-main-snapshot');

/* jest's globals, as this module uses them (it is only called from test files) */
declare const describe: { (name: string, fn: () => void): void; skip(name: string, fn: () => void): void };

export interface TestTree {
	readonly dir: string | null;
	/** why there is no tree, for the skip message */
	readonly reason: string;
}

export function testTree(env: NodeJS.ProcessEnv = process.env): TestTree {
	if (env.WGUP_FREEBSD_SRC) return { dir: path.resolve(env.WGUP_FREEBSD_SRC), reason: '' };
	if (fs.existsSync(path.join(SNAPSHOT_DIR, 'sys', 'sys', 'param.h'))) return { dir: SNAPSHOT_DIR, reason: '' };
	return {
		dir: null,
		reason: `no real FreeBSD tree: set WGUP_FREEBSD_SRC or put the snapshot at ${SNAPSHOT_DIR}`,
	};
}

/*
 * A suite registered as skipped, the reason in its name, and said on stderr as well: jest's default
 * output for a whole run lists only counts ("66 skipped"), not the names of skipped suites.
 */
function describeSkipped(name: string, reason: string, body: () => void): void {
	process.stderr.write(`skipped: ${name} (${reason})\n`);
	describe.skip(`${name} [skipped: ${reason}]`, body);
}

/**
 * jest's describe for suites that need a real tree: runs them when one resolves, otherwise registers
 * them as skipped with the reason (describeSkipped).
 */
export function describeWithTree(name: string, body: (dir: string) => void): void {
	const t = testTree();
	if (t.dir) {
		const dir = t.dir;
		describe(name, () => body(dir));
	} else {
		describeSkipped(name, t.reason, () => body(''));
	}
}

/**
 * A git repository holding a copy of `src` (one commit), in a new temporary directory: what
 * `wgup patches --base` needs, made from a plain directory such as the snapshot.
 */
export function gitRepoOf(src: string, prefix = 'wgup-tree-'): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	fs.cpSync(src, dir, { recursive: true });
	const git = (...args: string[]) =>
		execFileSync('git', args, {
			cwd: dir,
			stdio: 'pipe',
			env: { ...process.env, GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z' },
		});
	git('init', '-q', '-b', 'main');
	git('add', '-A');
	git('-c', 'user.name=wgup test', '-c', 'user.email=test@wgup.invalid', 'commit', '-q', '-m', `import ${path.basename(src)}`);
	return dir;
}

/*
 * FreeBSD's own style(9) checker, tools/build/checkstyle9.pl (GPLv2: used as a tool from ../shared/tools,
 * never vendored; WGUP_CHECKSTYLE9 names another copy). Suites that need it are skipped, with the reason,
 * where it or perl is missing.
 */
export const CHECKSTYLE9 = process.env.WGUP_CHECKSTYLE9 ?? path.resolve(REPO_ROOT, '..', 'shared', 'tools', 'checkstyle9.pl');

export function checkstyle9Missing(): string {
	if (!fs.existsSync(CHECKSTYLE9) || !fs.statSync(CHECKSTYLE9).isFile()) return `${CHECKSTYLE9} not found (set WGUP_CHECKSTYLE9 or provide ../shared/tools)`;
	if (spawnSync('perl', ['-e', '1']).status !== 0) return 'no perl';
	return '';
}

export function describeWithCheckstyle9(name: string, body: () => void): void {
	const missing = checkstyle9Missing();
	if (missing) describeSkipped(name, missing, body);
	else describe(name, body);
}

/** One checker run: `total: N errors, M warnings, L lines checked` and the findings (--emacs lines). */
export function checkstyle9(file: string): { errors: number; warnings: number; lines: number; findings: string[] } {
	const r = spawnSync('perl', [CHECKSTYLE9, '--no-color', '--emacs', '-f', file], { encoding: 'utf8' });
	const total = /^total: (\d+) errors, (\d+) warnings, (\d+) lines checked$/m.exec(r.stdout);
	if (!total) throw new Error(`checkstyle9.pl printed no total for ${file}: ${r.stdout}${r.stderr}`);
	const findings = r.stdout.split('\n').filter((l) => /^\S+:\d+: (ERROR|WARNING): /.test(l));
	return { errors: Number(total[1]), warnings: Number(total[2]), lines: Number(total[3]), findings };
}
