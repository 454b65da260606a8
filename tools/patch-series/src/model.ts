/*
 * The shape of the series model: an ordered list of logical changes, each what a FreeBSD committer
 * would review as one commit. A change brings whole files from freebsd-overlay/ (claimed by path, so a
 * file a generator starts emitting flows into the change that owns its path) and edits to files the base
 * already has, expressed semantically (edits.ts). Whether the base already has a change is decided at
 * the interface level: the header declares the functions, the driver includes and calls them; identical
 * bytes are not required.
 */
import type { CSourceParser } from '@wgup/c-source';
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
	/** the tree cannot tell (a sparse tree lacks the file): neither in the series nor claimed present */
	readonly unknown?: boolean;
	/** the change has nothing to do in this tree (the item it lands is not held by the base's support.h) */
	readonly unneeded?: boolean;
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
	/** the C parser: presence is read from declarations, never matched with regular expressions */
	readonly c: CSourceParser;
}

export interface ChangePlan {
	/** new files (FreeBSD path -> text): refused when the base already has the path */
	readonly creates?: ReadonlyArray<readonly [string, string]>;
	/** new contents of files the tree has (FreeBSD path -> text) */
	readonly writes: ReadonlyArray<readonly [string, string]>;
	readonly edits: readonly TextEdit[];
	readonly deletes: readonly string[];
	/** edits to files this (possibly sparse) tree lacks: named in the output and cover letter, never invented */
	readonly byHand?: readonly string[];
	/** what the change does, one line each, for the log */
	readonly notes?: readonly string[];
	/** subject and body when they depend on the tree (a support.h item landed vs. dropped as unused) */
	readonly subject?: string;
	readonly body?: readonly string[];
}

export interface Change {
	/** stable id, used in the cover letter and as the change-id seed */
	readonly id: string;
	/** FreeBSD style: `area: what`, imperative, no full stop */
	readonly subject: string;
	/** why the change is wanted, wrapped at 72 columns by the renderer */
	readonly body: readonly string[];
	/** one sentence for the cover letter: why main needs it */
	readonly why: string;
	/** ratios of `npx wgup bench kernel --json` the cover letter cites for this change (it replaces code) */
	readonly bench?: readonly string[];
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
	/**
	 * is the change already in the tree (interface level)? `unknown`: the (sparse) tree lacks the file
	 * that would tell, named in the evidence
	 */
	present(ctx: ChangeContext): Presence;
	plan(ctx: ChangeContext): ChangePlan | Promise<ChangePlan>;
}
