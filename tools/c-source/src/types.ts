/*
 * What a C file declares, as read by tree-sitter's C grammar. Types are kept as structures and
 * printed in one canonical spelling (see printType), so "struct sockaddr **" in one header and
 * "struct sockaddr**" in a clang-formatted copy compare equal, and a function type never equals
 * a pointer to one.
 */

export type CType =
	| { readonly kind: 'base'; readonly text: string }
	| { readonly kind: 'pointer'; readonly to: CType; readonly qualifiers: string }
	| { readonly kind: 'function'; readonly returns: CType; readonly params: readonly CParam[]; readonly variadic: boolean }
	| { readonly kind: 'array'; readonly of: CType; readonly size: string };

export interface CParam {
	/** empty when the prototype names no parameter */
	readonly name: string;
	readonly type: CType;
}

/** Where a declaration sits: 1-based line, and the #if conditions around it, outermost first. */
export interface CPlace {
	readonly file: string;
	readonly line: number;
	readonly conditions: readonly string[];
}

export interface CFunction extends CPlace {
	readonly name: string;
	/** always kind 'function' */
	readonly type: CType & { kind: 'function' };
	readonly storage: 'static' | 'extern' | '';
	readonly inline: boolean;
	/** true for a definition (a body), false for a prototype */
	readonly definition: boolean;
}

export interface CVariable extends CPlace {
	readonly name: string;
	readonly type: CType;
	readonly storage: 'static' | 'extern' | '';
	/** a file-scope declaration without extern is a (tentative) definition */
	readonly definition: boolean;
}

export interface CTypedef extends CPlace {
	readonly name: string;
	readonly type: CType;
}

export interface CMember {
	readonly name: string;
	readonly type: CType;
}

export interface CRecord extends CPlace {
	readonly kind: 'struct' | 'union';
	readonly tag: string;
	readonly members: readonly CMember[];
}

export interface CEnumConstant extends CPlace {
	readonly name: string;
	/** the initialiser as written (whitespace normalised), or '' when implicit */
	readonly value: string;
	/** the enum's tag or typedef name, '' when anonymous and untyped */
	readonly enumName: string;
}

export interface CMacro extends CPlace {
	readonly name: string;
	/** null for an object-like macro */
	readonly params: readonly string[] | null;
	/** the replacement list, comments removed, whitespace normalised */
	readonly body: string;
}

export interface CDeclarations {
	readonly file: string;
	readonly functions: readonly CFunction[];
	readonly variables: readonly CVariable[];
	readonly typedefs: readonly CTypedef[];
	readonly records: readonly CRecord[];
	readonly enumConstants: readonly CEnumConstant[];
	readonly macros: readonly CMacro[];
	/** parse errors tree-sitter recovered from (usually macro-built declarations it cannot know) */
	readonly errorLines: readonly number[];
}

/** Identifiers a file uses, each with the first line it appears on. */
export interface CUses {
	/** names called as functions (or function-like macros) */
	readonly calls: ReadonlyMap<string, number>;
	/** typedef names used as types */
	readonly types: ReadonlyMap<string, number>;
	/** struct/union/enum tags named (`struct ifnet` gives "ifnet") */
	readonly tags: ReadonlyMap<string, number>;
	/** member names after . or -> */
	readonly members: ReadonlyMap<string, number>;
	/** other identifiers in expressions: constants, object-like macros, variables */
	readonly names: ReadonlyMap<string, number>;
	/**
	 * identifiers the file itself declares at any scope (locals, parameters, file-scope names, macro
	 * parameters): a subset of `names`, so `names` minus `declared` is what the file takes from elsewhere
	 */
	readonly declared: ReadonlyMap<string, number>;
}
