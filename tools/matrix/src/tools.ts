/* Which external programs are on PATH; the matrix skips the cells of a compiler that is not. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The absolute path of an executable named `name` on PATH, or undefined. */
export function onPath(name: string, envPath = process.env.PATH ?? ''): string | undefined {
	for (const dir of envPath.split(path.delimiter)) {
		if (!dir) continue;
		const p = path.join(dir, name);
		try {
			fs.accessSync(p, fs.constants.X_OK);
			if (fs.statSync(p).isFile()) return p;
		} catch {
			/* not here */
		}
	}
	return undefined;
}

/** The Debian package that provides each compiler the matrix runs. */
export const COMPILER_PACKAGES: Readonly<Record<string, string>> = { gcc: 'gcc', clang: 'clang' };

/** "clang not found (apt-get install clang)", or undefined when the compiler is on PATH. */
export function missingCompiler(cc: string, envPath?: string): string | undefined {
	return onPath(cc, envPath) ? undefined : `${cc} not found (apt-get install ${COMPILER_PACKAGES[cc] ?? cc})`;
}
