/*
 * Golden tests: fixtures/<case>.ts translates to fixtures/<case>.c, or is rejected with exactly the
 * diagnostics in fixtures/<case>.diag.json (code, line, col). WGUP_UPDATE_GOLDEN=1 rewrites them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';
import { TranslationError, translateToC, formatDiagnostic } from '../src';

const dir = path.join(__dirname, 'fixtures');
const cases = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
const update = process.env.WGUP_UPDATE_GOLDEN === '1';

function run(name: string): { c?: string; diags?: { code: string; line: number; col: number; message: string }[]; text?: string } {
	const rel = path.relative(REPO_ROOT, path.join(dir, `${name}.ts`));
	try {
		return { c: translateToC({ modules: [rel] }, REPO_ROOT) };
	} catch (e) {
		if (!(e instanceof TranslationError)) throw e;
		return {
			diags: e.diagnostics.map((d) => ({ code: d.code, line: d.line, col: d.col, message: d.message })),
			text: e.diagnostics.map(formatDiagnostic).join('\n'),
		};
	}
}

describe('golden fixtures', () => {
	it('has accepted and rejected cases', () => {
		expect(cases.some((c) => c.startsWith('reject_'))).toBe(true);
		expect(cases.some((c) => !c.startsWith('reject_'))).toBe(true);
	});

	it.each(cases)('%s', (name) => {
		const got = run(name);
		const cFile = path.join(dir, `${name}.c`);
		const dFile = path.join(dir, `${name}.diag.json`);
		if (update) {
			if (got.c !== undefined) fs.writeFileSync(cFile, got.c);
			else fs.writeFileSync(dFile, JSON.stringify(got.diags, null, '\t') + '\n');
		}
		if (name.startsWith('reject_')) {
			expect(got.c).toBeUndefined();
			expect(got.diags).toEqual(JSON.parse(fs.readFileSync(dFile, 'utf8')));
		} else {
			expect(got.text).toBeUndefined();
			expect(got.c).toBe(fs.readFileSync(cFile, 'utf8'));
		}
	});

	it('prints the same bytes twice', () => {
		const rel = path.relative(REPO_ROOT, path.join(dir, 'quarter_round.ts'));
		expect(translateToC({ modules: [rel] }, REPO_ROOT)).toBe(translateToC({ modules: [rel] }, REPO_ROOT));
	});

	it('formats a diagnostic with file:line:col, the line, a caret and a suggestion', () => {
		const got = run('reject_closure');
		const first = got.text!.split('\n').slice(0, 4);
		expect(first[0]).toMatch(/^tools\/ts2c\/test\/fixtures\/reject_closure\.ts:4:17 - error TS2C1019: /);
		expect(first[1]).toBe('  4 | \tconst s: u32 = a + b;');
		expect(first[2]).toBe('    | \t               ^^^^^');
		expect(first[3]).toMatch(/^  suggestion: close it with `>>> 0`/);
	});
});
