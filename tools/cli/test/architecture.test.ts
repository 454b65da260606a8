/*
 * The module-boundary rules of DESIGN.md, checked over the sources: models (packages/) import no tools
 * and do no I/O; every project has the nx targets and tags it should.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '@wgup/codegen';

function sources(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) return e.name === 'fixtures' ? [] : sources(p);
		return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
	});
}

const projects = (kind: 'packages' | 'tools') =>
	fs.readdirSync(path.join(REPO_ROOT, kind)).filter((n) => fs.existsSync(path.join(REPO_ROOT, kind, n, 'project.json')));

const IO_MODULES = /from '(node:)?(fs|fs\/promises|child_process|net|dgram|http|https|os|worker_threads)'/;

test('models import no tools and do no I/O', () => {
	const tools = new Set(projects('tools'));
	const offences: string[] = [];
	for (const pkg of projects('packages')) {
		for (const file of sources(path.join(REPO_ROOT, 'packages', pkg, 'src'))) {
			const text = fs.readFileSync(file, 'utf8');
			for (const m of text.matchAll(/from '@wgup\/([\w-]+)'/g)) {
				if (tools.has(m[1])) offences.push(`${path.relative(REPO_ROOT, file)} imports tool @wgup/${m[1]}`);
			}
			if (IO_MODULES.test(text)) offences.push(`${path.relative(REPO_ROOT, file)} does I/O (${text.match(IO_MODULES)![0]})`);
		}
	}
	expect(offences).toEqual([]);
});

test('every project is tagged by layer and has build and test targets', () => {
	for (const kind of ['packages', 'tools'] as const) {
		for (const name of projects(kind)) {
			const pj = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, kind, name, 'project.json'), 'utf8'));
			expect({ name, tags: pj.tags }).toEqual({ name, tags: expect.arrayContaining([kind === 'packages' ? 'layer:model' : 'layer:tool']) });
			expect(Object.keys(pj.targets)).toEqual(expect.arrayContaining(['build', 'test']));
			const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, kind, name, 'package.json'), 'utf8'));
			expect(pkg.name).toBe(`@wgup/${name}`);
		}
	}
});
