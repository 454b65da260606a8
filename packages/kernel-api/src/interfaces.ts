/*
 * The kernel interfaces the WireGuard driver relies on and how each changed: the first __FreeBSD_version
 * on main with the current form, where it was merged to stable branches, and the evidence. Loaded from
 * src/data/interfaces.json (transcribed from ../shared/facts/kpi-changes.json and corrections-2026-12.md,
 * checked by `wgup kpi verify` against a real tree). Where no source gave the version, the value is the
 * port's own guard, a handbook bracket's upper end or the estimate named in `note`, and `verified` is
 * false: `wgup status` lists those with their evidence or bracket.
 *
 * `stub` says how a kernel declares the interface, per header: `present` when the kernel has the current
 * form, `absent` (the old form, or nothing) when it lacks it. renderStubHeaders() assembles them.
 */
import type { Availability, Evidence } from '@wgup/releases';
import INTERFACES_JSON from './data/interfaces.json';

export type InterfaceKind = 'presence' | 'signature';

export interface StubPart {
	/** declared by kernels that have the interface (in its current form) */
	readonly present?: string;
	/** declared by kernels that lack it: the old form, if there was one */
	readonly absent?: string;
}

export interface KernelInterface {
	readonly id: string;
	readonly what: string;
	/** 'presence': it exists or not; 'signature': it exists in an old and a new form */
	readonly kind: InterfaceKind;
	/** where the current form of the interface is declared */
	readonly header: string;
	/** where the current form exists */
	readonly availability: Availability;
	/** true only when every version in `availability` was read in a source */
	readonly verified: boolean;
	readonly evidence: readonly Evidence[];
	readonly note?: string;
	/** FreeBSD commit that made the change, where known */
	readonly commit?: string;
	/** header path -> declarations */
	readonly stub: Readonly<Record<string, StubPart>>;
	/**
	 * a later change to the same declarations: where this interface is present, the superseded one's
	 * stub is not emitted (its `present` form is no longer what the kernel has)
	 */
	readonly supersedes?: string;
}

interface InterfaceData {
	readonly schema: 'wgup.kernel-api/v1';
	readonly source: string;
	readonly interfaces: KernelInterface[];
	readonly handbookReviewed: Record<string, string>;
}
const DATA = INTERFACES_JSON as unknown as InterfaceData;

export const KERNEL_INTERFACES: readonly KernelInterface[] = DATA.interfaces;

export function interfaceById(id: string): KernelInterface | undefined {
	return KERNEL_INTERFACES.find((k) => k.id === id);
}

/**
 * Handbook __FreeBSD_version bumps whose text names a kernel identifier the in-tree driver uses but that
 * change nothing the driver relies on (value -> why). `wgup kpi verify` requires every other such bump
 * to be a change point of an interface.
 */
export const HANDBOOK_REVIEWED: Readonly<Record<string, string>> = DATA.handbookReviewed;
