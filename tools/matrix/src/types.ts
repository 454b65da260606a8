/*
 * The matrix's vocabulary. A cell is one release x target x compiler; what a cell compiles is not
 * listed here but discovered from the trees the generators emit (see inputs.ts), so a new C file in
 * the overlay or the compat port joins every cell without a change to the matrix.
 */

export const TARGETS = ['in-tree', 'compat'] as const;
export type Target = (typeof TARGETS)[number];

export const COMPILERS = ['gcc', 'clang'] as const;
export type Compiler = (typeof COMPILERS)[number];

/** One row of the matrix: a release, or a branch at its newest version. */
export interface MatrixRelease {
	/** the name the user types: "13.5", "stable/14", "main" */
	readonly name: string;
	/** __FreeBSD_version the cell compiles against */
	readonly version: number;
	/** "stable/13", "main" */
	readonly branch: string;
	/** a shipped release, or a branch head (stable/N, main) at its newest known version */
	readonly kind: 'release' | 'branch';
	/** the targets this row is built for by `--all` (compat: releases the port claims; in-tree: branches carrying the driver) */
	readonly targets: readonly Target[];
	/** a word on where the version comes from when it is not verified (shown in reports) */
	readonly note?: string;
}

/** The C files and flags one target compiles for one release. */
export interface CompileUnit {
	/** absolute paths of the C files, sorted */
	readonly sources: readonly string[];
	/** -I directories, searched before the stub headers */
	readonly includeDirs: readonly string[];
	/** -include files (the port's Makefile force-includes compat.h) */
	readonly forceIncludes: readonly string[];
	/** -D macros (name -> value, or null for a bare -Dname) */
	readonly defines: Readonly<Record<string, string | null>>;
	/**
	 * sources that are FreeBSD's driver as it ships (absolute paths, a subset of sources): compiled with
	 * the kernel's own module warning flags (sys/conf/kern.mk), not the house flags wgup's C meets
	 */
	readonly upstream?: readonly string[];
}

/** One interface the driver uses, written the way current main spells it (one function of the probe). */
export interface ProbeUse {
	/** the interface's id in the kernel-API model, e.g. "sbcreatecontrol_wait_arg" */
	readonly id: string;
	/** headers (as in `#include <...>`) the use needs */
	readonly headers: readonly string[];
	/** C statements of a function body that uses the interface; `arg` is a `void *` parameter to hang values on */
	readonly body: string;
	/** a COMPAT_NEED_* macro under which the driver does without the interface (the use is then skipped) */
	readonly fallback?: string;
}

/** The crypto self-test binary of one target: emitted crypto + the TS-computed vector tables + a main(). */
export interface SelftestUnit {
	readonly sources: readonly string[];
	readonly includeDirs: readonly string[];
	readonly defines: Readonly<Record<string, string | null>>;
}

export interface CellSpec {
	readonly release: MatrixRelease;
	readonly target: Target;
	readonly cc: Compiler;
}

export type StepKind = 'compile' | 'probe' | 'compat-eval' | 'selftest-build' | 'selftest-run';

export interface StepResult {
	readonly kind: StepKind;
	/** the file compiled, or the binary run (repository-relative where it can be) */
	readonly subject: string;
	readonly ok: boolean;
	/** the exact command, shell-quoted, to run this step alone */
	readonly command: string;
	readonly output: string;
}

/** One cell of the report; the JSON cell format the VM jobs write too. */
export interface CellResult {
	readonly release: string;
	readonly version: number;
	readonly target: Target;
	readonly cc: Compiler;
	readonly ok: boolean;
	readonly seconds: number;
	/** what the cell did, then the first errors of a failing step and how to reproduce it */
	readonly log: string;
	/** a VM job that could only build (12.4: no packages, so no smoke battery) */
	readonly buildOnly?: boolean;
	/** "local", "vm:amd64", "vm:aarch64" */
	readonly where?: string;
	/** for a failing cell: the interfaces the probe found missing */
	readonly missing?: readonly string[];
	/** for a failing cell: the compiler's first error lines */
	readonly errors?: readonly string[];
	/** for a failing cell: commands to reproduce it alone */
	readonly reproduce?: readonly string[];
	/**
	 * a cell that did not run, and why: "clang not found (apt-get install clang)". Such a cell has ok false
	 * but is counted as skipped, not failed, by every report (only --strict fails on it).
	 */
	readonly skipped?: string;
}
