/*
 * The printer on hand-built trees: precedence and the parentheses gcc's -Wparentheses wants, the
 * dangling else, style(9) function layout, continuation lines.
 */
import { bin, call, cast, id, lit, printDecls, printExpr, printStmts, type CStmt } from '../src';

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
