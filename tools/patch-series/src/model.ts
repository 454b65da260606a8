/*
 * The shape of the series model: an ordered list of logical changes, each what a FreeBSD committer
 * would review as one commit. A change brings whole files from freebsd-overlay/ (claimed by path, so a
 * file a generator starts emitting flows into the change that owns its path) and edits to files the base
 * already has, expressed semantically (edits.ts). Whether the base already has a change is decided at
 * the interface level: the header declares the functions, the driver includes and calls them; identical
 * bytes are not required.
 */
import type { TextEdit } from './edits';
import type { Tree } from './tree';

/** A file from freebsd-overlay/, at its FreeBSD path, already transformed for upstream. */
export interface OverlayFile {
	/** path in the FreeBSD tree, e.g. sys/crypto/chacha20_poly1305.c */
	readonly path: string;
	/** repository-relative path in wgup, e.g. freebsd-overlay/sys/crypto/chacha20_poly1305.c */
	readonly source: string;
	readonly text: string;
}

export interface Presence {
	readonly present: boolean;
	/** why: what the base declares, or what it lacks */
	readonly evidence: string;
}

/** What a change has to work with when it is planned against the tree as the series left it. */
export interface ChangeContext {
	/** the base with every earlier change of the series applied */
	readonly tree: Tree;
	/** __FreeBSD_version of the base */
	readonly version: number;
	/** the overlay files this change claimed */
	readonly files: readonly OverlayFile[];
	/** every overlay file, by FreeBSD path (a change may read another's, e.g. a header's name) */
	readonly overlay: ReadonlyMap<string, OverlayFile>;
}

export interface ChangePlan {
	/** whole files to write (FreeBSD path -> text) */
	readonly writes: ReadonlyArray<readonly [string, string]>;
	readonly edits: readonly TextEdit[];
	readonly deletes: readonly string[];
}

export interface Change {
	/** stable id, used in the cover letter and as the change-id seed */
	readonly id: string;
	/** FreeBSD style: `area: what`, imperative, no full stop */
	readonly subject: string;
	/** why the change is wanted, wrapped at 72 columns by the renderer */
	readonly body: readonly string[];
	/** value of `MFC after:`, or undefined when the change is not for stable branches */
	readonly mfcAfter?: string;
	/** overlay files this change takes, by FreeBSD path */
	claims?(path: string): boolean;
	/** true when the change is made of overlay files and cannot be built before a generator emits them */
	readonly needsOverlay?: boolean;
	/** the base's kernel must have this @wgup/kernel-api interface at its __FreeBSD_version (with the reason) */
	readonly requires?: { readonly kernelInterface: string; readonly why: string };
	/** changes that must be in the base or earlier in the series first (ids) */
	readonly after?: readonly string[];
	/** is the change already in the tree (interface level)? */
	present(ctx: ChangeContext): Presence;
	plan(ctx: ChangeContext): ChangePlan;
}
