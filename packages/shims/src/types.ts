/* The shape of the shim catalogue (catalogue.json). */

export type ShimKind = 'macro' | 'function' | 'type' | 'include';

/**
 * support: the interface is not in main yet (the shim goes to support.h, unconditionally);
 * compat: it is in main (and maybe merged to stable branches): the shim goes to compat.h behind a guard
 * derived from `landed`; retired: the driver no longer needs it (kept for history).
 */
export type ShimState = 'support' | 'compat' | 'retired';

/** One landing point: the first __FreeBSD_version with the interface on a branch. */
export interface Landing {
	readonly version: number;
	/** ISO date of the change (or of the version bump that carries it), where known */
	readonly date?: string;
	readonly commit?: string;
}

export interface Landed {
	readonly main: Landing | null;
	/** "stable/13" -> the first version on that branch with the merge */
	readonly merged: Readonly<Record<string, Landing>>;
	/** true when every version above was read in a source */
	readonly verified: boolean;
	readonly evidence: readonly string[];
}

export interface HistoryEvent {
	readonly date: string;
	readonly commit: string;
	readonly url?: string;
	readonly why?: string;
}

export interface Shim {
	readonly id: string;
	readonly kind: ShimKind;
	/** the @wgup/kernel-api interface it stands in for */
	readonly standsFor: string;
	readonly summary: string;
	/** kernel headers its C needs first */
	readonly includes: readonly string[];
	/** the C it contributes; `$LACKS(<kernel-api id>)` is replaced by that interface's derived guard */
	readonly c: string;
	/** how the driver uses the interface (statements for the driver-interface probe) */
	readonly usage: string;
	readonly state: ShimState;
	readonly landed?: Landed;
	/** for support shims: why main still lacks it */
	readonly supportReason?: string;
	readonly history: { readonly added: HistoryEvent; readonly retired?: HistoryEvent };
}

export interface Catalogue {
	readonly schema: 'wgup.shims/v1';
	readonly note?: string;
	readonly shims: readonly Shim[];
}
