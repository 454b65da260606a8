/*
 * One cell: a release x target x compiler. It writes nothing but its stub headers (once per release)
 * and its self-test binary (once per distinct configuration), compiles every source of the target and
 * the probe against that release's stub headers, evaluates the target's compat header with the
 * release's __FreeBSD_version to learn its COMPAT_NEED_* set, then builds and runs the crypto self-test
 * with that set. Every step records the exact command that reruns it alone.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, shellCommand, type ExecResult } from './exec';
import type { MatrixInputs } from './inputs';
import { missingInterfaces, renderProbe, type RenderedProbe } from './probe';
import type { CellResult, CellSpec, Compiler, MatrixRelease, StepResult, Target } from './types';

/**
 * Kernel compile flags: what sys/conf/kern.mk gives a module (gnu99, freestanding, no builtins, no
 * common symbols) plus the warnings the house rules demand. -O2 because some warnings
 * (maybe-uninitialized) only exist with optimisation, as in a real kernel build.
 */
export const KERNEL_CFLAGS = ['-std=gnu99', '-O2', '-nostdinc', '-ffreestanding', '-fno-builtin', '-fno-common',
	'-D_KERNEL', '-Wall', '-Wextra', '-Werror'] as const;

/** Per-compiler additions: clang stops after 20 errors by default, which would hide missing interfaces. */
export function kernelCflags(cc: Compiler): string[] {
	return [...KERNEL_CFLAGS, ...(cc === 'clang' ? ['-ferror-limit=0'] : [])];
}

/**
 * FreeBSD's own driver files are compiled as a kernel module build compiles them: sys/conf/kern.mk's
 * CWARNFLAGS and, per compiler, its CWARNEXTRA (warnings the kernel build keeps but does not make
 * errors). The house flags (-Wextra) are wgup's rule for the C it emits, not FreeBSD's for its driver.
 */
export const KMOD_WARNFLAGS = ['-Wall', '-Wredundant-decls', '-Wnested-externs', '-Wstrict-prototypes', '-Wmissing-prototypes',
	'-Wpointer-arith', '-Wcast-qual', '-Wundef', '-Wno-pointer-sign', '-Wmissing-include-dirs', '-Wno-unknown-pragmas', '-Werror'] as const;
export const KMOD_CWARNEXTRA: Readonly<Record<Compiler, readonly string[]>> = {
	gcc: ['-Wno-error=address', '-Wno-error=array-bounds', '-Wno-error=attributes', '-Wno-error=cast-qual', '-Wno-error=enum-conversion',
		'-Wno-error=maybe-uninitialized', '-Wno-error=misleading-indentation', '-Wno-error=nonnull-compare', '-Wno-error=overflow',
		'-Wno-error=sequence-point', '-Wno-error=shift-overflow', '-Wno-error=tautological-compare', '-Wno-error=unused-function'],
	clang: ['-Wno-error=tautological-compare', '-Wno-error=empty-body', '-Wno-error=parentheses-equality', '-Wno-error=unused-function',
		'-Wno-error=pointer-sign', '-Wno-error=shift-negative-value', '-Wno-address-of-packed-member', '-Wno-format-zero-length'],
};

export function kmodCflags(cc: Compiler): string[] {
	return ['-std=gnu99', '-O2', '-nostdinc', '-ffreestanding', '-fno-builtin', '-fno-common', '-D_KERNEL', '-DKLD_MODULE',
		...KMOD_WARNFLAGS, ...KMOD_CWARNEXTRA[cc], ...(cc === 'clang' ? ['-ferror-limit=0'] : [])];
}

/** The self-test is an ordinary userland program around the emitted crypto. */
export const SELFTEST_CFLAGS = ['-std=c99', '-O2', '-Wall', '-Wextra', '-Werror'] as const;

/** How many error lines a failing step shows in the cell log and the reports. */
export const FIRST_ERROR_LINES = 12;

export interface CellContext {
	readonly inputs: MatrixInputs;
	/** scratch directory for stub headers, the probe and self-test binaries */
	readonly workDir: string;
	/** repository root: paths in logs are shown relative to it */
	readonly root: string;
	readonly probe: RenderedProbe;
	readonly probePath: string;
	stubDir(release: MatrixRelease): string;
	/** self-test build+run, shared by every cell with the same compiler, self-test sources and COMPAT_NEED_* set */
	readonly selftests: Map<string, Promise<StepResult[]>>;
	/** compiles keyed by compiler, flags and preprocessed input (see compileShared) */
	readonly compiles: Map<string, Promise<ExecResult>>;
}

export function createCellContext(inputs: MatrixInputs, workDir: string, root: string): CellContext {
	fs.mkdirSync(workDir, { recursive: true });
	const probe = renderProbe(inputs.probeUses);
	const probePath = path.join(workDir, 'probe.c');
	fs.writeFileSync(probePath, probe.text);
	const stubDirs = new Map<number, string>();
	return {
		inputs, workDir, root, probe, probePath,
		selftests: new Map(),
		compiles: new Map(),
		stubDir(release) {
			let dir = stubDirs.get(release.version);
			if (dir) return dir;
			dir = path.join(workDir, 'stubs', String(release.version));
			for (const [rel, text] of Object.entries(inputs.stubHeaders(release))) {
				const file = path.join(dir, rel);
				fs.mkdirSync(path.dirname(file), { recursive: true });
				fs.writeFileSync(file, text);
			}
			fs.mkdirSync(dir, { recursive: true });
			stubDirs.set(release.version, dir);
			return dir;
		},
	};
}

const defineFlags = (defines: Readonly<Record<string, string | null>>) =>
	Object.keys(defines).sort().map((k) => (defines[k] === null ? `-D${k}` : `-D${k}=${defines[k]}`));

/** The compiler's first error lines: from the first line mentioning an error, a few lines on. */
export function firstErrors(output: string, max = FIRST_ERROR_LINES): string[] {
	const lines = output.split('\n').filter((l) => l.length);
	const i = lines.findIndex((l) => /\berror\b|FAIL|mismatch/i.test(l));
	return lines.slice(i < 0 ? 0 : i, (i < 0 ? 0 : i) + max);
}

/** The compiler and flags of a kernel compile of this cell, before the -include files and the input. */
function kernelFlags(ctx: CellContext, spec: CellSpec, file?: string): string[] {
	const unit = ctx.inputs.unit(spec.target, spec.release);
	const cflags = file !== undefined && unit.upstream?.includes(file) ? kmodCflags(spec.cc) : kernelCflags(spec.cc);
	return [spec.cc, ...cflags, `-D__FreeBSD_version=${spec.release.version}`, ...defineFlags(unit.defines),
		...unit.includeDirs.map((d) => `-I${d}`), `-I${ctx.stubDir(spec.release)}`];
}

function kernelArgv(ctx: CellContext, spec: CellSpec, file: string): string[] {
	const unit = ctx.inputs.unit(spec.target, spec.release);
	return [...kernelFlags(ctx, spec, file), ...unit.forceIncludes.flatMap((f) => ['-include', f]), '-c', file, '-o', '/dev/null'];
}

/** The COMPAT_NEED_* macros the target's compat header defines for this release (cpp -dM). */
async function compatNeeds(ctx: CellContext, spec: CellSpec): Promise<{ step?: StepResult; needs: string[] }> {
	const header = ctx.inputs.compatHeader(spec.target);
	if (!header) return { needs: [] };
	const argv = [...kernelFlags(ctx, spec), '-include', header, '-E', '-dM', '-x', 'c', '/dev/null'];
	const r = await run(argv);
	const needs = r.ok ? [...r.output.matchAll(/^#define (COMPAT_NEED_\w+)/gm)].map((m) => m[1]).sort() : [];
	return { step: { kind: 'compat-eval', subject: rel(ctx, header), ok: r.ok, command: shellCommand(argv), output: r.ok ? needs.join(' ') : r.output }, needs };
}

function rel(ctx: CellContext, p: string): string {
	const r = path.relative(ctx.root, p);
	return r.startsWith('..') ? p : r;
}

async function selftest(ctx: CellContext, cc: Compiler, target: Target, needs: readonly string[]): Promise<StepResult[]> {
	const unit = ctx.inputs.selftest(target);
	if (!unit) return [];
	// keyed by what the binary is made of, so targets sharing the same self-test share one build
	const key = `${cc}-${createHash('sha256').update(JSON.stringify([unit.sources, unit.includeDirs, unit.defines])).digest('hex').slice(0, 12)}-${needs.join(',') || 'none'}`;
	let pending = ctx.selftests.get(key);
	if (!pending) {
		pending = (async () => {
			const bin = path.join(ctx.workDir, 'selftest', key.replace(/[^\w.-]/g, '_'));
			fs.mkdirSync(path.dirname(bin), { recursive: true });
			const defines = { ...unit.defines, ...Object.fromEntries(needs.map((n) => [n, null])) };
			const build = [cc, ...SELFTEST_CFLAGS, ...defineFlags(defines), ...unit.includeDirs.map((d) => `-I${d}`),
				...unit.sources, '-o', bin];
			const b = await run(build);
			const steps: StepResult[] = [{ kind: 'selftest-build', subject: `selftest (${needs.join(' ') || 'no COMPAT_NEED'})`, ok: b.ok, command: shellCommand(build), output: b.output }];
			if (!b.ok) return steps;
			const r = await run([bin]);
			steps.push({ kind: 'selftest-run', subject: rel(ctx, bin), ok: r.ok, command: shellCommand([bin]), output: r.output });
			return steps;
		})();
		ctx.selftests.set(key, pending);
	}
	return pending;
}

/**
 * Compile one file, once per distinct input. Most files preprocess to the same text on many releases
 * (a header differs only where an interface changed), and the same compiler with the same flags on the
 * same preprocessed text gives the same diagnostics, so the cell reuses the first result. The key is
 * the compiler, the flags other than __FreeBSD_version and the stub directory (both consumed by the
 * preprocessor), and the preprocessed text with the stub directory's path taken out.
 */
async function compileShared(ctx: CellContext, spec: CellSpec, argv: readonly string[], file: string): Promise<ExecResult> {
	const stubDir = ctx.stubDir(spec.release);
	const flags = argv.slice(0, -4);
	const pre = await run([...flags, '-E', file]);
	if (!pre.ok) return run(argv);
	const h = createHash('sha256');
	h.update(flags.filter((f) => f !== `-I${stubDir}` && !f.startsWith('-D__FreeBSD_version=')).join('\0'));
	h.update('\0');
	h.update(pre.output.split(stubDir).join('@STUBS@'));
	const key = h.digest('hex');
	let pending = ctx.compiles.get(key);
	if (!pending) {
		pending = run(argv);
		ctx.compiles.set(key, pending);
	}
	return pending;
}

export function cellId(spec: CellSpec): string {
	return `${spec.release.name} ${spec.target} ${spec.cc}`;
}

export async function runCell(ctx: CellContext, spec: CellSpec): Promise<CellResult> {
	const started = process.hrtime.bigint();
	const steps: StepResult[] = [];
	const unit = ctx.inputs.unit(spec.target, spec.release);
	let missing: string[] = [];

	const eval_ = await compatNeeds(ctx, spec);
	if (eval_.step) steps.push(eval_.step);
	for (const file of unit.sources) {
		const argv = kernelArgv(ctx, spec, file);
		const r = await compileShared(ctx, spec, argv, file);
		steps.push({ kind: 'compile', subject: rel(ctx, file), ok: r.ok, command: shellCommand(argv), output: r.output });
	}
	// the probe sees the target's compat header, so a use the driver does without (COMPAT_NEED_*) is skipped
	const compatHeader = ctx.inputs.compatHeader(spec.target);
	const probeArgv = compatHeader && !unit.forceIncludes.includes(compatHeader)
		? [...kernelFlags(ctx, spec), ...unit.forceIncludes.flatMap((f) => ['-include', f]), '-include', compatHeader, '-c', ctx.probePath, '-o', '/dev/null']
		: kernelArgv(ctx, spec, ctx.probePath);
	const p = await compileShared(ctx, spec, probeArgv, ctx.probePath);
	if (!p.ok) missing = missingInterfaces(p.output, ctx.probe, path.basename(ctx.probePath), ctx.inputs.probeUses);
	steps.push({ kind: 'probe', subject: `probe (${ctx.inputs.probeUses.length} interfaces)`, ok: p.ok, command: shellCommand(probeArgv), output: p.output });
	if (!eval_.step || eval_.step.ok) steps.push(...await selftest(ctx, spec.cc, spec.target, eval_.needs));

	const ok = steps.every((s) => s.ok) && unit.sources.length > 0;
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const log: string[] = [`${cellId(spec)} (__FreeBSD_version ${spec.release.version})`];
	if (!unit.sources.length) log.push(`FAIL no C sources found for target ${spec.target}`);
	const failed = steps.filter((s) => !s.ok);
	for (const s of steps) {
		const extra = s.kind === 'compat-eval' && s.ok ? `: ${s.output || 'no COMPAT_NEED_*'}`
			: s.kind === 'probe' && missing.length ? ` (missing: ${missing.join(', ')})` : '';
		log.push(`${s.ok ? 'ok  ' : 'FAIL'} ${s.kind} ${s.subject}${extra}`);
		if (!s.ok) {
			for (const l of firstErrors(s.output)) log.push(`       ${l}`);
			log.push(`     reproduce: ${s.command}`);
		}
	}
	const result: CellResult = {
		release: spec.release.name, version: spec.release.version, target: spec.target, cc: spec.cc, ok,
		seconds: Math.round(seconds * 1000) / 1000, log: `${log.join('\n')}\n`, where: 'local',
	};
	if (ok) return result;
	return {
		...result,
		missing,
		errors: failed.length ? firstErrors(failed[0].output) : ['no C sources found'],
		reproduce: [`npx wgup matrix --releases ${spec.release.name} --target ${spec.target} --cc ${spec.cc}`, ...failed.map((s) => s.command)],
	};
}
