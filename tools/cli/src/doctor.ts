/*
 * `wgup doctor`: every external tool wgup and its tests use (tools/cli/external-tools.json, the list
 * `npm run setup` installs), found or missing, with what needs it and the Debian package to install.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { onPath } from '@wgup/matrix';
import { formatTable } from '@wgup/table';

export interface ExternalTool {
	readonly name: string;
	/** an executable looked up on PATH */
	readonly command?: string;
	/** or a file whose presence shows the library is installed */
	readonly file?: string;
	/** Debian package(s), space-separated */
	readonly package: string;
	readonly neededBy: string;
	/** the main job (`npx wgup all`) needs it, not only the tests */
	readonly main?: boolean;
}

export const EXTERNAL_TOOLS_FILE = path.join(__dirname, '..', 'external-tools.json');

export function externalTools(file = EXTERNAL_TOOLS_FILE): ExternalTool[] {
	return (JSON.parse(fs.readFileSync(file, 'utf8')) as { tools: ExternalTool[] }).tools;
}

export interface ToolStatus extends ExternalTool {
	/** where it was found, or undefined */
	readonly found?: string;
}

export function checkTools(tools: readonly ExternalTool[] = externalTools(), envPath = process.env.PATH ?? ''): ToolStatus[] {
	return tools.map((t) => ({ ...t, found: t.command ? onPath(t.command, envPath) : t.file && fs.existsSync(t.file) ? t.file : undefined }));
}

/** The doctor's report and its exit code (1 when something is missing). */
export function formatDoctor(status: readonly ToolStatus[]): { text: string; code: number } {
	const rows = status.map((t) => [t.name, t.found ? 'found' : 'MISSING', t.found ?? `apt-get install ${t.package}`, `${t.main ? '[wgup all] ' : ''}${t.neededBy}`]);
	const missing = status.filter((t) => !t.found);
	const out = formatTable(['tool', 'state', 'where / how to install', 'needed by'], rows, { rule: true });
	out.push('');
	if (missing.length) {
		const pkgs = [...new Set(missing.flatMap((t) => t.package.split(' ')))];
		out.push(`${missing.length} of ${status.length} missing; as root: apt-get install -y --no-install-recommends ${pkgs.join(' ')} (or: npm run setup)`);
	} else {
		out.push(`all ${status.length} found`);
	}
	return { text: `${out.join('\n')}\n`, code: missing.length ? 1 : 0 };
}
