/*
 * Headless Chromium, used to check that the HTML report renders: --dump-dom gives the DOM after
 * layout and scripts, --screenshot a PNG. The profile is a throwaway directory.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync', '--hide-scrollbars'];

export function chromiumPath(): string | undefined {
	for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
		for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
			const p = path.join(dir, name);
			if (dir && fs.existsSync(p)) return p;
		}
	}
	return undefined;
}

function chromium(args: string[]): Promise<string> {
	const bin = chromiumPath();
	if (!bin) return Promise.reject(new Error('chromium not found on PATH; install it with: apt-get install -y chromium'));
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-chromium-'));
	return new Promise<string>((resolve, reject) => {
		execFile(bin, [...FLAGS, `--user-data-dir=${profile}`, ...args], { maxBuffer: 32 << 20, timeout: 60_000 }, (err, stdout, stderr) => {
			fs.rmSync(profile, { recursive: true, force: true });
			if (err) reject(new Error(`chromium failed: ${err.message}\n${stderr}`));
			else resolve(stdout);
		});
	});
}

/** The DOM of an HTML file after Chromium rendered it. */
export function dumpDom(htmlFile: string): Promise<string> {
	return chromium(['--dump-dom', pathToFileURL(path.resolve(htmlFile)).href]);
}

/** A PNG screenshot of an HTML file. */
export async function screenshot(htmlFile: string, pngFile: string, size = '1200,800'): Promise<void> {
	await chromium([`--screenshot=${path.resolve(pngFile)}`, `--window-size=${size}`, pathToFileURL(path.resolve(htmlFile)).href]);
}
