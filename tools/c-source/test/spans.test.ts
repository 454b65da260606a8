import { loadCParser } from '../src';

const text = [
	'/* blake2s_init in a comment é */',
	'enum blake2s_lengths {',
	'\tBLAKE2S_BLOCK_SIZE = 64',
	'};',
	'#ifdef X',
	'struct blake2s_state { int h; };',
	'#endif',
	'static void',
	'f(void)',
	'{',
	'\tstruct blake2s_state s;',
	'\tconst char *m = "blake2s_init";',
	'\tblake2s_init(&s, g(1, 2));',
	'}',
	'',
].join('\n');

test('identifiers, calls and file-scope items come with string offsets, comments and strings left out', async () => {
	const c = await loadCParser();
	const s = c.spans(text);
	const at = (x: { start: number; end: number }) => text.slice(x.start, x.end);
	expect(s.identifiers.filter((i) => i.name === 'blake2s_init').map((i) => i.role)).toEqual(['call']);
	expect(s.identifiers.filter((i) => i.name === 'blake2s_state').map((i) => i.role)).toEqual(['tag', 'tag']);
	const call = s.calls.find((x) => x.name === 'blake2s_init')!;
	expect(at(call)).toBe('blake2s_init(&s, g(1, 2))');
	expect(call.args.map((a) => a.text)).toEqual(['&s', 'g(1, 2)']);
	expect(call.args.map(at)).toEqual(['&s', 'g(1, 2)']);
	const items = s.items.map((i) => [i.type, i.tag, i.line]);
	expect(items).toEqual([
		['enum_specifier', 'blake2s_lengths', 2],
		['preproc_ifdef', '', 5],
		['struct_specifier', 'blake2s_state', 6],
		['function_definition', '', 8],
	]);
	expect(at(s.items[1])).toBe('#ifdef X\nstruct blake2s_state { int h; };\n#endif');
	expect(at(s.items[0])).toBe('enum blake2s_lengths {\n\tBLAKE2S_BLOCK_SIZE = 64\n};');
});
