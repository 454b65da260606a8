/*
 * Where things are in a C file, as string offsets (JavaScript string indices, what String.slice takes),
 * for tools that edit C by meaning: rename an identifier where the grammar sees one (never inside a
 * comment or a string), rewrite a call's arguments, remove a file-scope declaration whole.
 */
import type { Node } from 'web-tree-sitter';

export interface CSpan {
	readonly start: number;
	readonly end: number;
}

export interface CIdentifierSpan extends CSpan {
	readonly name: string;
	/** call: a called name; type: a typedef name; tag: struct/union/enum tag; member: after . or ->; name: any other */
	readonly role: 'call' | 'type' | 'tag' | 'member' | 'name';
}

export interface CCallSpan extends CSpan {
	readonly name: string;
	/** each argument's span and text, in order */
	readonly args: ReadonlyArray<CSpan & { readonly text: string }>;
}

export interface CItemSpan extends CSpan {
	/**
	 * tree-sitter node type: declaration, function_definition, enum_specifier, struct_specifier, preproc_def,
	 * preproc_include, ...; preproc_if/preproc_ifdef for a whole conditional (#if through #endif), whose
	 * contents are items of their own
	 */
	readonly type: string;
	/** the struct/union/enum tag this item declares or defines, '' when none */
	readonly tag: string;
	/** 1-based first line */
	readonly line: number;
}

export interface CSpans {
	readonly identifiers: readonly CIdentifierSpan[];
	readonly calls: readonly CCallSpan[];
	/** file-scope items, also those inside #if blocks (the grammar does not run the preprocessor) */
	readonly items: readonly CItemSpan[];
}

function tagOf(n: Node): string {
	const spec = /^(struct|union|enum)_specifier$/.test(n.type) ? n : n.childForFieldName('type');
	if (!spec || !/^(struct|union|enum)_specifier$/.test(spec.type)) return '';
	return spec.childForFieldName('name')?.text ?? '';
}

export function readSpans(root: Node): CSpans {
	const identifiers: CIdentifierSpan[] = [];
	const calls: CCallSpan[] = [];
	const items: CItemSpan[] = [];
	const id = (n: Node, role: CIdentifierSpan['role']) => identifiers.push({ name: n.text, role, start: n.startIndex, end: n.endIndex });
	const visit = (n: Node) => {
		switch (n.type) {
			case 'call_expression': {
				const f = n.childForFieldName('function');
				const a = n.childForFieldName('arguments');
				if (f?.type === 'identifier' && a) {
					const args = a.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
					calls.push({ name: f.text, start: n.startIndex, end: n.endIndex, args: args.map((c) => ({ start: c.startIndex, end: c.endIndex, text: c.text })) });
				}
				break;
			}
			case 'type_identifier':
				id(n, n.parent && /^(struct|union|enum)_specifier$/.test(n.parent.type) ? 'tag' : 'type');
				break;
			case 'field_identifier':
				if (n.parent?.type === 'field_expression') id(n, 'member');
				break;
			case 'identifier': {
				const p = n.parent;
				id(n, p?.type === 'call_expression' && p.childForFieldName('function')?.id === n.id ? 'call' : 'name');
				break;
			}
			default:
				break;
		}
		for (const c of n.namedChildren) if (c) visit(c);
	};
	const fileScope = (n: Node) => {
		const kids = n.children.filter((c): c is Node => !!c);
		kids.forEach((c, i) => {
			if (/^preproc_(if|ifdef)$/.test(c.type)) {
				// the conditional itself (through its #endif), then what it holds
				items.push({ type: c.type, tag: '', start: c.startIndex, end: c.endIndex, line: c.startPosition.row + 1 });
				fileScope(c);
				return;
			}
			if (/^preproc_(else|elif|elifdef)$/.test(c.type)) {
				fileScope(c);
				return;
			}
			if (!c.isNamed || c.type === 'comment' || /^(identifier|preproc_defined|binary_expression|unary_expression|parenthesized_expression|number_literal)$/.test(c.type)) return;
			// `enum x { ... };` at file scope: the grammar leaves the `;` outside the specifier
			const semi = kids[i + 1]?.type === ';' ? kids[i + 1] : undefined;
			items.push({ type: c.type, tag: tagOf(c), start: c.startIndex, end: (semi ?? c).endIndex, line: c.startPosition.row + 1 });
		});
	};
	visit(root);
	fileScope(root);
	return { identifiers, calls, items };
}
