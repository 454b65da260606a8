import { formatTable } from '../src';

test('plain: columns as wide as their widest cell, two spaces apart, a rule, no trailing blanks', () => {
	expect(formatTable(['release', 'gcc'], [['13.5 (1305000)', 'ok'], ['main', 'FAIL 1.0s']], { rule: true })).toEqual([
		'release         gcc',
		'--------------  ---------',
		'13.5 (1305000)  ok',
		'main            FAIL 1.0s',
	]);
});

test('right-aligned columns, no head', () => {
	expect(formatTable(null, [['x', '1.5x'], ['blake2s', '34.0x']], { align: ['left', 'right'] })).toEqual([
		'x         1.5x',
		'blake2s  34.0x',
	]);
});

test('markdown: a GitHub table with the alignment in its rule', () => {
	expect(formatTable(['measure', 'fast'], [['handshakes', '12']], { style: 'markdown', align: ['left', 'right'] })).toEqual([
		'| measure    | fast |',
		'| ---------- | ---: |',
		'| handshakes |   12 |',
	]);
});

test('a row with the wrong number of cells is refused', () => {
	expect(() => formatTable(['a', 'b'], [['1']])).toThrow('table row 1 has 1 cells, the first has 2');
	expect(formatTable(null, [])).toEqual([]);
});
