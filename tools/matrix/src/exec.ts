/* Running the compilers and binaries a cell needs, and printing their commands so a person can rerun one. */
import { execFile } from 'node:child_process';

export interface ExecResult {
	readonly ok: boolean;
	readonly code: number | null;
	readonly output: string;
}

/** Run argv[0] with the rest as arguments; never throws for a failing process. */
export function run(argv: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<ExecResult> {
	return new Promise((resolve) => {
		execFile(argv[0], argv.slice(1), { cwd: options.cwd, timeout: options.timeoutMs ?? 120_000, maxBuffer: 16 << 20 },
			(err, stdout, stderr) => {
				const output = `${stdout}${stderr}`;
				if (!err) return resolve({ ok: true, code: 0, output });
				const e = err as NodeJS.ErrnoException & { code?: unknown; killed?: boolean; signal?: string };
				const why = typeof e.code === 'string' ? `${argv[0]}: ${e.code}` : e.killed ? `killed (${e.signal ?? 'timeout'})` : '';
				resolve({ ok: false, code: typeof e.code === 'number' ? e.code : null, output: why ? `${output}${why}\n` : output });
			});
	});
}

const SAFE = /^[A-Za-z0-9_\-+=.,/:@%]+$/;

/** POSIX shell quoting of one word. */
export function shellQuote(word: string): string {
	return SAFE.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function shellCommand(argv: readonly string[]): string {
	return argv.map(shellQuote).join(' ');
}
