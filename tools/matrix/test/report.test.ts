/* The three report views, and the HTML grid as Chromium renders it. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dumpDom, screenshot } from '../src/browser';
import { buildGrid, parseCells, renderHtml, renderJson, renderTable } from '../src/report';
import type { CellResult } from '../src/types';

const cell = (release: string, version: number, target: 'in-tree' | 'compat', cc: 'gcc' | 'clang', ok: boolean, extra: Partial<CellResult> = {}): CellResult =>
	({ release, version, target, cc, ok, seconds: 0.5, log: `${release} ${target} ${cc}\n`, where: 'local', ...extra });

const CELLS: CellResult[] = [
	cell('main', 1600018, 'compat', 'gcc', true),
	cell('12.4', 1204000, 'compat', 'gcc', false, {
		missing: ['sbcreatecontrol_wait_arg'],
		errors: ['probe.c:17:15: error: too few arguments to function <sbcreatecontrol>'],
		reproduce: ['npx wgup matrix --releases 12.4 --target compat --cc gcc'],
	}),
	cell('main', 1600018, 'in-tree', 'gcc', true),
	cell('12.4', 1204000, 'compat', 'clang', true),
	cell('main', 1600018, 'compat', 'clang', true),
];

test('the grid has releases by version as rows and target x compiler as columns', () => {
	const g = buildGrid(CELLS);
	expect(g.rows.map((r) => r.release)).toEqual(['12.4', 'main']);
	expect(g.columns).toEqual(['in-tree gcc', 'compat gcc', 'compat clang']);
	expect(g.cell('12.4', 'in-tree gcc')).toBeUndefined();
});

test('the terminal table shows states and the failing cell\'s errors and reproduce command', () => {
	const t = renderTable(CELLS);
	expect(t.split('\n')[0]).toMatch(/^release\s+in-tree gcc\s+compat gcc\s+compat clang$/);
	expect(t).toMatch(/^12\.4 \(1204000\)\s+-\s+FAIL 0\.5s\s+ok 0\.5s$/m);
	expect(t).toMatch(/4\/5 cells passed/);
	expect(t).toMatch(/FAIL 12\.4 compat gcc — missing interface: sbcreatecontrol_wait_arg\n {4}probe\.c:17:15: error/);
	expect(t).toMatch(/reproduce: npx wgup matrix --releases 12\.4 --target compat --cc gcc/);
});

test('JSON round-trips as one object per cell with the required fields', () => {
	const back = parseCells(renderJson(CELLS), 'x.json');
	expect(back).toEqual(CELLS);
	for (const c of back) expect(Object.keys(c)).toEqual(expect.arrayContaining(['release', 'version', 'target', 'cc', 'ok', 'seconds', 'log']));
	expect(() => parseCells('{"release":"13.5"}', 'cell.json')).toThrow('cell.json: cell 0 lacks version, target, cc, ok, seconds, log');
	expect(() => parseCells('nope', 'cell.json')).toThrow(/cell.json: not JSON/);
});

test('the HTML grid renders in headless Chromium with one coloured cell per result', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-matrix-html-'));
	try {
		const html = path.join(dir, 'matrix.html');
		fs.writeFileSync(html, renderHtml(CELLS));
		const dom = await dumpDom(html);
		const states = [...dom.matchAll(/<td class="cell [a-z]+" data-state="([a-z]+)"(?: data-release="([^"]+)" data-column="([^"]+)")?/g)]
			.map((m) => `${m[2] ?? '-'}|${m[3] ?? '-'}|${m[1]}`);
		expect(states).toEqual([
			'-|-|none', '12.4|compat gcc|fail', '12.4|compat clang|pass',
			'main|in-tree gcc|pass', 'main|compat gcc|pass', 'main|compat clang|pass',
		]);
		expect(dom).toMatch(/data-total="5" data-failed="1"/);
		// the failing cell carries the missing interface and the (escaped) first error
		expect(dom).toMatch(/missing: sbcreatecontrol_wait_arg/);
		expect(dom).toMatch(/too few arguments to function &lt;sbcreatecontrol&gt;/);
		const png = path.join(dir, 'matrix.png');
		await screenshot(html, png, '900,400');
		const bytes = fs.readFileSync(png);
		expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		expect(bytes.length).toBeGreaterThan(2000);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}, 120_000);

test('a cell skipped for a missing compiler is counted as skipped, not failed, in the table and the page', () => {
	const skipped = cell('main', 1600018, 'in-tree', 'clang', false, { skipped: 'clang not found (apt-get install clang)' });
	const t = renderTable([...CELLS, skipped]);
	expect(t).toMatch(/^main \(1600018\)\s+ok 0\.5s\s+skipped\s+ok 0\.5s\s+ok 0\.5s$/m);
	expect(t).toMatch(/^4\/5 cells passed, 1 skipped\nclang not found: 1 cell skipped \(apt-get install clang\)$/m);
	expect(t).not.toMatch(/FAIL main/);
	expect(renderTable([...CELLS, skipped], { skipNotes: false })).not.toMatch(/not found/);
	const page = renderHtml([...CELLS, skipped]);
	expect(page).toMatch(/data-total="6" data-failed="1" data-skipped="1"/);
	expect(page).toMatch(/<td class="cell skipped" data-state="skipped" data-release="main" data-column="in-tree clang"/);
	expect(page).toMatch(/<p class="skip-note">clang not found: 1 cell skipped \(apt-get install clang\)<\/p>/);
});
