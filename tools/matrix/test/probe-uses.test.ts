/*
 * The probe against the real kernel-API model: at every version where some interface changes, the
 * probe compiled against that version's stub headers fails in exactly the functions of the interfaces
 * the version lacks, so each missing interface is named and nothing else is blamed.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KERNEL_INTERFACES, hasInterface, renderStubHeaders } from '@wgup/kernel-api';
import { availableIntervals } from '@wgup/releases';
import { CATALOGUE } from '@wgup/shims';
import { kernelCflags } from '../src/cell';
import { missingInterfaces, renderProbe } from '../src/probe';
import { NOT_PROBED, PROBE_USES } from '../src/probe-uses';

// real compilers on a shared 2-core machine: generous per-test time
jest.setTimeout(120_000);

test('every interface of the kernel-API model is probed or has a reason not to be', () => {
	const ids = KERNEL_INTERFACES.map((k) => k.id).sort();
	expect([...PROBE_USES.map((u) => u.id), ...Object.keys(NOT_PROBED)].sort()).toEqual(ids);
	for (const id of Object.keys(NOT_PROBED)) {
		const k = KERNEL_INTERFACES.find((x) => x.id === id)!;
		// only interfaces main lacks, with nothing declared, or that the catalogue says the driver no longer
		// calls directly (retired, or wrapped by a support shim) go unprobed
		const shim = CATALOGUE.shims.find((x) => x.standsFor === id);
		// (or whose current form declares nothing, like an opaque struct: no use compiles only against it)
		const declaresNothing = Object.values(k.stub).every((p) => !p.present);
		// or that the driver reaches only through a compat.h shim of another interface
		const viaShim = /^the driver reaches it only through \w+\(\) \(compat\.h shim (\w+)/.exec(NOT_PROBED[id]);
		const wrapped = !!viaShim && CATALOGUE.shims.some((s) => s.id === viaShim[1] && s.state === 'compat');
		// known gaps, named here so they cannot grow unnoticed: the compat port lacks a shim for them
		const open = ['if_clone_addreq'].includes(id) && /^OPEN: /.test(NOT_PROBED[id]);
		// a typedef change no driver use can tell apart (checked against real headers by kpi verify instead)
		const typeOnly = id === 'udp_tun_func_type' && /kpi verify checks the typedef itself/.test(NOT_PROBED[id]);
		expect({ id, ok: k.availability.main === null || declaresNothing || shim?.state === 'retired' || /support\.h/.test(NOT_PROBED[id]) ||
			wrapped || open || typeOnly })
			.toEqual({ id, ok: true });
	}
});

describe.each(['gcc', 'clang'])('%s', (cc) => {
	let dir: string;
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-probe-'));
		fs.writeFileSync(path.join(dir, 'probe.c'), renderProbe(PROBE_USES).text);
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	const probed = KERNEL_INTERFACES.filter((k) => PROBE_USES.some((u) => u.id === k.id));
	// where an interface appears or goes: the version there and the one just before; the normal run takes
	// every such version under gcc and a sample under clang, WGUP_LONG=1 all of them under both
	const edges = probed.flatMap((k) => availableIntervals(k.availability)).flatMap((i) => [i.lo, i.hi]).filter((p) => Number.isFinite(p) && p > 1200000);
	const all = [...new Set(edges.flatMap((p) => [p - 1, p]))].sort((a, b) => a - b);
	const versions = cc === 'gcc' || process.env.WGUP_LONG ? all : all.filter((_, i) => i % 4 === 0);

	test.each(versions)('at %i the probe names exactly the interfaces the version lacks', (v) => {
		const stubs = path.join(dir, String(v));
		for (const [rel, text] of Object.entries(renderStubHeaders(v))) {
			fs.mkdirSync(path.dirname(path.join(stubs, rel)), { recursive: true });
			fs.writeFileSync(path.join(stubs, rel), text);
		}
		let out = '';
		try {
			execFileSync(cc, [...kernelCflags(cc as 'gcc' | 'clang'), `-D__FreeBSD_version=${v}`, `-I${stubs}`, '-c', path.join(dir, 'probe.c'), '-o', '/dev/null'], { stdio: 'pipe' });
		} catch (e) {
			out = String((e as { stderr: Buffer }).stderr);
		}
		const lacking = probed.filter((k) => !hasInterface(k, v)).map((k) => k.id);
		const probe = renderProbe(PROBE_USES);
		expect(missingInterfaces(out, probe, 'probe.c', PROBE_USES).sort()).toEqual(lacking.sort());
		expect(out === '').toBe(lacking.length === 0);
	});
});
