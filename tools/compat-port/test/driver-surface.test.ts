/*
 * Every identifier the real driver uses from outside itself is declared by what it is compiled
 * against in the compat port: the driver-wide stub headers of @wgup/kernel-api and the port's own
 * headers (compat.h, support.h, crypto/, opencrypto/). Read with tree-sitter's C grammar
 * (@wgup/c-source), never with regular expressions; the compile in the matrix is the real check,
 * this one names what is missing when a stub falls short.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCParser, type CSourceParser } from '@wgup/c-source';
import { describeWithTree } from '@wgup/freebsd-src';
import { readCatalogue, resolveCataloguePath } from '@wgup/headers';
import { renderDriverStubHeaders } from '@wgup/kernel-api';
import { composePort } from '../src';

const catalogue = readCatalogue(resolveCataloguePath(undefined, {}));

/**
 * Identifiers the parser cannot attribute to a declaration, and why. The test checks that each is
 * still used by the driver and still not found by the parser, so the list cannot hide a real gap.
 */
const UNATTRIBUTABLE: Readonly<Record<string, string>> = {
	INET: 'kernel option, from the build\'s opt_inet.h (tested with #ifdef)',
	INET6: 'kernel option, from the build\'s opt_inet6.h (tested with #ifdef)',
	NUMA: 'kernel option, only tested with #ifdef',
	SELFTESTS: 'the driver\'s own build switch, only tested with #ifdef',
	__LP64__: 'predefined by the compiler',
	M_TEMP: 'declared by MALLOC_DECLARE(M_TEMP), a macro the parser does not expand',
	M_NVLIST: 'declared by MALLOC_DECLARE(M_NVLIST)',
	M_RTABLE: 'declared by MALLOC_DECLARE(M_RTABLE)',
	M_WG: 'defined by the driver through MALLOC_DEFINE',
	M_NOISE: 'defined by the driver through MALLOC_DEFINE',
	G: 'a macro wg_crypto.c defines inside a function body',
	ROUND: 'a macro wg_crypto.c defines inside a function body',
	WG_PACKET_UNCRYPTED: 'an enum constant of an anonymous enum inside a driver struct',
	WG_PACKET_CRYPTED: 'as WG_PACKET_UNCRYPTED',
	WG_PACKET_DEAD: 'as WG_PACKET_UNCRYPTED',
	wg_allowedips_selftest: 'defined in selftest/allowedips.c, built only with SELFTESTS',
	wg_tqg: 'the name TASKQGROUP_DEFINE(wg_tqg, ...) pastes into qgroup_wg_tqg; the parser takes the argument for a type',
	else: 'the parser misreads an `else if` that follows an #ifdef (if_wg.c, wg_cookie.c) as a declaration',
	aip: 'a local variable in the misread `else if (aip->a_af ...)` above',
	sa: 'a parameter in the misread `else if (sa->sa_family ...)` above',
};

interface Known {
	readonly names: Set<string>;
	readonly tags: Set<string>;
	readonly members: Set<string>;
}

function known(c: CSourceParser, files: ReadonlyArray<[string, string]>): Known {
	const k: Known = { names: new Set(), tags: new Set(), members: new Set() };
	for (const [file, text] of files) {
		const d = c.declarations(text, file);
		for (const x of [...d.functions, ...d.variables, ...d.typedefs, ...d.macros]) k.names.add(x.name);
		for (const e of d.enumConstants) {
			k.names.add(e.name);
			if (e.enumName) k.tags.add(e.enumName);
		}
		for (const r of d.records) {
			k.tags.add(r.tag);
			for (const m of r.members) k.members.add(m.name);
		}
		// a tag a header mentions is declared (struct ifnet; as an opaque type)
		for (const t of c.uses(text).tags.keys()) k.tags.add(t);
	}
	return k;
}

/** Identifiers the driver uses and neither it nor `against` declares: "kind name (file:line)". */
function undeclared(c: CSourceParser, driver: ReadonlyArray<[string, string]>, against: Known): string[] {
	const own = known(c, driver);
	const out = new Map<string, string>();
	const declared = (n: string) => own.names.has(n) || against.names.has(n);
	for (const [file, text] of driver) {
		const u = c.uses(text);
		const report = (kind: string, n: string, line: number) => {
			if (!out.has(`${kind} ${n}`)) out.set(`${kind} ${n}`, `${file}:${line}`);
		};
		for (const [n, line] of u.calls) if (!declared(n)) report('call', n, line);
		for (const [n, line] of u.types) if (!declared(n) && !own.tags.has(n) && !against.tags.has(n)) report('type', n, line);
		for (const [n, line] of u.tags) if (!own.tags.has(n) && !against.tags.has(n)) report('tag', n, line);
		for (const [n, line] of u.members) if (!own.members.has(n) && !against.members.has(n) && !declared(n)) report('member', n, line);
		// constants and object-like macros (lower-case names here are the driver's locals)
		for (const [n, line] of u.names) if (/^[A-Z_][A-Z0-9_]*$/.test(n) && !declared(n)) report('name', n, line);
	}
	return [...out].map(([k, where]) => `${k} (${where})`).filter((s) => !(s.split(' ')[1] in UNATTRIBUTABLE)).sort();
}

describeWithTree('the stubs declare the real driver\'s whole kernel surface', (tree) => {
	const wgDir = path.join(tree, 'sys', 'dev', 'wg');
	let c: CSourceParser;
	let driver: Array<[string, string]>;
	beforeAll(async () => {
		c = await loadCParser();
		driver = fs.readdirSync(wgDir).filter((f) => /\.[ch]$/.test(f)).sort()
			.map((f) => [f, fs.readFileSync(path.join(wgDir, f), 'utf8')] as [string, string]);
	});

	const portHeaders = (): Array<[string, string]> => composePort({ catalogue, version: '20261126', driverSrc: wgDir }).files
		.filter((f) => f.origin !== 'driver' && f.path.endsWith('.h')).map((f) => [f.path, String(f.content)]);
	const stubFiles = (v: number): Array<[string, string]> => Object.entries(renderDriverStubHeaders(v));

	test.each([1600018, 1500068, 1400097, 1302001, 1300139, 1201000])('at __FreeBSD_version %i nothing the driver uses is undeclared', (v) => {
		expect(undeclared(c, driver, known(c, [...stubFiles(v), ...portHeaders()]))).toEqual([]);
	});

	test('the check can fail: without sys/nv.h and net/bpf.h the nvlist and bpf calls are reported', () => {
		const without = stubFiles(1600018).filter(([p]) => p !== 'sys/nv.h' && p !== 'net/bpf.h');
		const missing = undeclared(c, driver, known(c, [...without, ...portHeaders()]));
		expect(missing).toEqual(expect.arrayContaining([expect.stringMatching(/^call nvlist_get_binary \(if_wg\.c:\d+\)$/),
			expect.stringMatching(/^call bpfattach \(if_wg\.c:\d+\)$/), expect.stringMatching(/^type nvlist_t /)]));
	});

	test('each unattributable identifier is used by the driver and really not found by the parser', () => {
		const everything = known(c, [...driver, ...stubFiles(1600018), ...portHeaders()]);
		const used = new Set<string>();
		for (const [, text] of driver) {
			const u = c.uses(text);
			for (const m of [u.calls, u.names, u.types, u.members]) for (const n of m.keys()) used.add(n);
		}
		for (const n of Object.keys(UNATTRIBUTABLE)) {
			expect([n, used.has(n)]).toEqual([n, true]);
			expect([n, everything.names.has(n) || everything.members.has(n)]).toEqual([n, false]);
		}
	});
});
