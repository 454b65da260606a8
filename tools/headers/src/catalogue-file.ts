/*
 * The catalogue file on disk. Its path is injectable (--catalogue, or WGUP_CATALOGUE) so tests run
 * `wgup land` on a copy; writes are atomic (temp file + rename), so a reader sees the old catalogue or
 * the new one, never a mix.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXIT, REPO_ROOT, WgupError, writeUserFile } from '@wgup/codegen';
import { parseCatalogue, serializeCatalogue, type Catalogue } from '@wgup/shims';

export const DEFAULT_CATALOGUE_PATH = path.join(REPO_ROOT, 'packages', 'shims', 'src', 'catalogue.json');

/** --catalogue, else $WGUP_CATALOGUE, else the repository's packages/shims/src/catalogue.json. */
export function resolveCataloguePath(option?: string, env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(option ?? env.WGUP_CATALOGUE ?? DEFAULT_CATALOGUE_PATH);
}

export function readCatalogue(file: string): Catalogue {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (err) {
		throw new WgupError(`cannot read the shim catalogue ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); give --catalogue an existing file`, EXIT.usage);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (err) {
		throw new WgupError(`${file} is not JSON (${(err as Error).message}); restore the file from git`);
	}
	try {
		return parseCatalogue(json);
	} catch (err) {
		throw new WgupError(`${file}: ${(err as Error).message.replace(/^shim catalogue: /, '')}; fix that record (or restore the file from git)`);
	}
}

/** Validate, then replace the file atomically. */
export function writeCatalogue(file: string, c: Catalogue): void {
	const text = serializeCatalogue(c);
	parseCatalogue(JSON.parse(text));
	writeUserFile(file, text);
}
