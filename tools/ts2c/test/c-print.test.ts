/*
 * The printer on hand-built trees: precedence and the parentheses gcc's -Wparentheses wants, the
 * dangling else, style(9) function layout, continuation lines.
 */
import { bin, call, cast, fitCommentText, id, lit, noCallsInInitializers, printComment, printDecls, printExpr, printStmts, type CStmt } from '../src';

describe('expressions', () => {
	it('parenthesises by precedence only where needed', () => {
		expect(printExpr(bin('+', bin('*', id('a'), id('b')), id('c')))).toBe('a * b + c');
		expect(printExpr(bin('*', bin('+', id('a'), id('b')), id('c')))).toBe('(a + b) * c');
		expect(printExpr(bin('-', id('a'), bin('-', id('b'), id('c'))))).toBe('a - (b - c)');
		expect(printExpr(bin('+', id('a'), bin('+', id('b'), id('c'))))).toBe('a + b + c');
	});

	it('adds the parentheses -Wparentheses asks for around mixed bit operations', () => {
		expect(printExpr(bin('|', bin('<<', id('x'), lit('7')), bin('>>', id('x'), lit('25'))))).toBe('(x << 7) | (x >> 25)');
		expect(printExpr(bin('<<', bin('+', id('a'), id('b')), lit('2')))).toBe('(a + b) << 2');
		expect(printExpr(bin('&', bin('^', id('a'), id('b')), id('m')))).toBe('(a ^ b) & m');
		expect(printExpr(bin('||', bin('&&', id('a'), id('b')), id('c')))).toBe('(a && b) || c');
		expect(printExpr(bin('^', bin('^', id('a'), id('b')), id('c')))).toBe('a ^ b ^ c');
	});

	it('prints casts, calls, members and unary operators', () => {
		expect(printExpr(bin('*', cast('uint128_t', id('a')), id('b')))).toBe('(uint128_t)a * b');
		expect(printExpr(cast('uint64_t', bin('>>', id('d'), lit('44'))))).toBe('(uint64_t)(d >> 44)');
		expect(printExpr(call('le32dec', bin('+', id('p'), lit('4'))))).toBe('le32dec(p + 4)');
		expect(printExpr({ k: 'unary', op: '-', e: { k: 'unary', op: '-', e: id('x') } })).toBe('-(-x)');
		expect(printExpr({ k: 'index', e: { k: 'member', e: id('s'), name: 'h', arrow: true }, i: lit('0') })).toBe('s->h[0]');
	});
});

describe('statements', () => {
	const x = (name: string): CStmt => ({ k: 'expr', e: { k: 'postfix', op: '++', e: id(name) } });

	it('resolves the dangling else with braces', () => {
		const inner: CStmt = { k: 'if', c: id('b'), then: [x('y')] };
		const out = printStmts([{ k: 'if', c: id('a'), then: [inner], else: [x('z')] }]);
		expect(out).toBe('if (a) {\n\tif (b)\n\t\ty++;\n} else {\n\tz++;\n}\n');
	});

	it('leaves single simple bodies bare and chains else if', () => {
		expect(printStmts([{ k: 'if', c: id('a'), then: [x('y')], else: [x('z')] }])).toBe('if (a)\n\ty++;\nelse\n\tz++;\n');
		const chain = printStmts([{ k: 'if', c: id('a'), then: [x('y')], else: [{ k: 'if', c: id('b'), then: [x('z')] }] }]);
		expect(chain).toBe('if (a) {\n\ty++;\n} else if (b) {\n\tz++;\n}\n');
		expect(printStmts([{ k: 'return', e: id('x') }])).toBe('return (x);\n');
	});
});

describe('declarations', () => {
	it('prints a function in style(9): return type alone, wrapped parameters, blank line after declarations', () => {
		const out = printDecls([
			{
				k: 'func',
				comment: 'a.ts: f()',
				storage: 'static',
				ret: { base: 'uint32_t' },
				name: 'f',
				params: ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'].map((n) => ({ name: n, type: { base: 'uint8_t', pointer: true, constRef: { value: true } } })),
				body: [{ k: 'decl', type: { base: 'uint32_t', arraySize: '16' }, name: 'x', init: 'zero' }, { k: 'return', e: lit('0') }],
			},
		]);
		expect(out).toBe(
			'/* a.ts: f() */\nstatic uint32_t\nf(const uint8_t *alpha, const uint8_t *beta, const uint8_t *gamma,\n    const uint8_t *delta, const uint8_t *epsilon, const uint8_t *zeta)\n{\n\tuint32_t x[16] = { 0 };\n\n\treturn (0);\n}\n',
		);
	});

	it('prints #defines with tabs and tables as static const arrays', () => {
		expect(printDecls([{ k: 'define', name: 'ROUNDS', value: '20' }])).toBe('#define\tROUNDS\t20\n');
		expect(printDecls([{ k: 'table', elem: 'uint32_t', name: 'T', values: ['1', '2', '3'], perLine: 2 }])).toBe('static const uint32_t T[3] = {\n\t1, 2,\n\t3,\n};\n');
	});
});

/* ---- style(9) for checkstyle9.pl: 80 columns, comments, initialisers, inlining ---- */

const width = (l: string): number => [...l].reduce((c, ch) => (ch === '\t' ? c + 8 - (c % 8) : c + 1), 0);
const sum = (terms: string[]) => terms.map((t) => bin('*', cast('uint64_t', id(`f${t}`)), id(`g${t}_19`))).reduce((a, b) => bin('+', a, b));

describe('80 columns', () => {
	it('breaks a long sum after its outermost operators, 4-space continuation, the text unchanged', () => {
		const e = { k: 'assign', op: '=', l: { k: 'index', e: id('r'), i: lit('0') }, r: sum(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) } as const;
		const out = printStmts([{ k: 'expr', e }], '\t');
		const lines = out.trimEnd().split('\n');
		expect(lines.length).toBeGreaterThan(1);
		for (const l of lines) expect(width(l)).toBeLessThanOrEqual(80);
		expect(lines[0]).toMatch(/^\tr\[0\] = \(uint64_t\)f0 \* g0_19 \+ .* \+$/);
		for (const l of lines.slice(1)) expect(l).toMatch(/^\t {4}\(uint64_t\)f\d/);
		// never inside a product: every line break follows a +
		for (const l of lines.slice(0, -1)) expect(l.endsWith(' +')).toBe(true);
		expect(lines.map((l) => l.trim()).join(' ')).toBe(`${printExpr(e)};`);
	});

	it('keeps a statement that fits on one line as it was', () => {
		expect(printStmts([{ k: 'expr', e: call('f', id('a'), id('b')) }], '\t')).toBe('\tf(a, b);\n');
	});

	it('wraps a long if condition and puts the brace on its last line', () => {
		const c = bin('||', bin('||', bin('<', id('outlen'), lit('1')), bin('>', id('outlen'), id('BLAKE2S_HASH_SIZE'))), bin('>', id('keylen'), id('BLAKE2S_KEY_SIZE_LONG_NAME')));
		const out = printStmts([{ k: 'if', c, then: [{ k: 'expr', e: call('f') }, { k: 'return', e: id('EINVAL') }] }], '\t');
		const lines = out.trimEnd().split('\n');
		for (const l of lines) expect(width(l)).toBeLessThanOrEqual(80);
		expect(lines[0]).toMatch(/^\tif \(outlen < 1 \|\| .* \|\|$/);
		expect(lines[1]).toMatch(/^\t {4}keylen > BLAKE2S_KEY_SIZE_LONG_NAME\) \{$/);
	});

	it('wraps call arguments at commas, and a return value', () => {
		const args = ['ctx', 'ZERO_PAD', 'POLY1305_BLOCK_SIZE_xxxxxxxx', 'aad_len_xxxxxxxxxxxxxxxxx', 'more_arguments'].map(id);
		const lines = printStmts([{ k: 'expr', e: call('poly1305_update_long_name', ...args) }], '\t').trimEnd().split('\n');
		expect(lines).toEqual(['\tpoly1305_update_long_name(ctx, ZERO_PAD, POLY1305_BLOCK_SIZE_xxxxxxxx,', '\t    aad_len_xxxxxxxxxxxxxxxxx, more_arguments);']);
		const ret = printStmts([{ k: 'return', e: sum(['0', '1', '2', '3', '4']) }], '\t').trimEnd().split('\n');
		expect(ret[0]).toMatch(/^\treturn \(/);
		expect(ret[ret.length - 1]).toMatch(/\);$/);
		for (const l of ret) expect(width(l)).toBeLessThanOrEqual(80);
	});
});

describe('comments', () => {
	it('refills a paragraph that is too long, and leaves one that fits as written', () => {
		const long = `${'word '.repeat(30).trim()}\n\nshort line\nanother short line`;
		const lines = printComment(long, '\t');
		for (const l of lines) expect(width(l)).toBeLessThanOrEqual(80);
		expect(lines).toContain('\t * short line');
		expect(lines).toContain('\t * another short line');
		expect(lines.filter((l) => /word/.test(l)).join(' ').match(/word/g)).toHaveLength(30);
	});

	it('keeps list items with a hanging indent, and does not take "(u32)" for an item', () => {
		const text = `- ${'item '.repeat(20).trim()}\n(u32) ${'x '.repeat(40).trim()}`;
		const out = fitCommentText(text, 60);
		expect(out[0].startsWith('- item')).toBe(true);
		expect(out[1].startsWith('  item')).toBe(true);
		const u = out.findIndex((l) => l.startsWith('(u32)'));
		expect(u).toBeGreaterThan(0);
		expect(out[u + 1].startsWith('x ')).toBe(true);
	});

	it('is one line when it fits, boxed otherwise', () => {
		expect(printComment('short', '')).toEqual(['/* short */']);
		expect(printComment('x'.repeat(76), '')[0]).toBe('/*');
	});
});

describe('initialisers', () => {
	it('moves a call initialiser, and the ones after it, below the declarations (style(9))', () => {
		const u32 = { base: 'uint32_t' };
		const body: CStmt[] = [
			{ k: 'decl', type: u32, name: 'a', init: id('b0') },
			{ k: 'decl', type: u32, name: 'x', init: call('le32dec', id('key')) },
			{ k: 'decl', type: u32, name: 'y', init: bin('+', id('x'), lit('1')) },
			{ k: 'decl', type: { base: 'uint8_t', arraySize: '4' }, name: 'z', init: 'zero' },
			{ k: 'return', e: id('y') },
		];
		expect(printStmts(noCallsInInitializers(body), '\t')).toBe(
			'\tuint32_t a = b0;\n\tuint32_t x;\n\tuint32_t y;\n\tuint8_t z[4] = { 0 };\n\tx = le32dec(key);\n\ty = x + 1;\n\treturn (y);\n');
		// without a call nothing moves
		expect(noCallsInInitializers([body[0], body[4]])).toEqual([body[0], body[4]]);
	});
});

describe('inlining', () => {
	it('spells a forced inline with sys/cdefs.h\'s __always_inline, never the attribute', () => {
		const out = printDecls([{ k: 'func', storage: 'static always_inline', ret: { base: 'void' }, name: 'g', params: [], body: [] }]);
		expect(out.split('\n')[0]).toBe('static __inline __always_inline void');
		expect(out).not.toMatch(/__attribute__/);
	});
});
