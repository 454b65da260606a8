import { renderProbe, missingInterfaces } from '../src/probe';
import { parseCompiler, parseTarget, selectCells } from '../src/select';
import { fixtureInputs, FIXTURE_PROBE_USES } from './fixtures/model';

const inputs = fixtureInputs();

test('--all takes every row each target supports, branch heads included', () => {
	const { cells, skipped } = selectCells(inputs, { all: true, cc: 'clang' });
	expect(cells.filter((c) => c.target === 'in-tree').map((c) => c.release.name)).toEqual(['14.3', '15.0', 'stable/14', 'main']);
	expect(cells.filter((c) => c.target === 'compat').map((c) => c.release.name))
		.toEqual(['12.4', '13.2', '13.5', '14.3', '15.0', 'stable/14', 'main']);
	expect(skipped).toEqual(['12.4 in-tree', '13.2 in-tree', '13.5 in-tree']);
	expect(new Set(cells.map((c) => c.cc))).toEqual(new Set(['clang']));
});

test('the default rows, both compilers', () => {
	const { cells } = selectCells(inputs, {});
	expect(cells.length).toBe(2 + 4 + 4);
});

test('bad arguments are named with what would be accepted', () => {
	expect(() => selectCells(inputs, { releases: ['13.9'] })).toThrow('unknown release "13.9"; known: 12.4, 13.2, 13.5, 14.3, 15.0, stable/14, main');
	expect(selectCells(inputs, { releases: ['14.3-RELEASE'], target: 'compat', cc: 'gcc' }).cells).toHaveLength(1);
	expect(() => selectCells(inputs, { releases: ['12.4'], all: true })).toThrow(/either --releases or --all/);
	expect(() => selectCells(inputs, { releases: ['12.4'], target: 'in-tree' })).toThrow(/no cells to run: 12.4 in-tree/);
	expect(() => parseTarget('kmod')).toThrow('unknown target "kmod"; use one of in-tree, compat, both');
	expect(() => parseCompiler('tcc')).toThrow('unknown compiler "tcc"; use one of gcc, clang, both');
});

test('the probe gives each interface its own function and maps error lines back to it', () => {
	const probe = renderProbe(FIXTURE_PROBE_USES);
	expect(probe.text).toMatch(/^#include <sys\/param.h>$/m);
	expect(probe.ranges.map((r) => r.id)).toEqual(FIXTURE_PROBE_USES.map((u) => u.id));
	const r = probe.ranges[1];
	const lines = probe.text.split('\n');
	expect(lines[r.first - 1]).toBe('void');
	expect(lines[r.first]).toBe('probe_taskqgroup_drain_all(void *arg)');
	const clang = `/tmp/x/probe.c:${r.first + 4}:2: error: call to undeclared function 'taskqgroup_drain_all'`;
	expect(missingInterfaces(clang, probe, 'probe.c', FIXTURE_PROBE_USES)).toEqual(['taskqgroup_drain_all']);
	const gccMissingHeader = '/tmp/x/probe.c:6:10: fatal error: crypto/chacha20_poly1305.h: No such file or directory';
	expect(missingInterfaces(gccMissingHeader, probe, 'probe.c', FIXTURE_PROBE_USES)).toEqual(['crypto_chacha20_poly1305_h']);
	expect(() => renderProbe([FIXTURE_PROBE_USES[0], FIXTURE_PROBE_USES[0]])).toThrow(/listed twice/);
});
