/*
 * Stub headers from real declarations: `wgup kpi extract` reads what kernel-api's stubs declare from a
 * real tree; the committed data (packages/kernel-api/src/data/real-declarations.json) is what the
 * snapshot gives, and renderStubHeaders() declares those parts as the tree does, at every version with
 * the same form, citing the tree.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeWithTree, readFreeBSDVersion } from '@wgup/freebsd-src';
import { KERNEL_INTERFACES, REAL_DECLARATIONS, renderStubHeaders, type KernelInterface } from '@wgup/kernel-api';
import { REAL_DECLARATIONS_PATH, extractRealDeclarations, serializeRealDeclarations } from '@wgup/kpi';

test('the stubs carry the extracted text where the form matches, the model\'s elsewhere', () => {
	const part = REAL_DECLARATIONS.parts.find((p) => p.interface === 'sosockaddr')!;
	expect(part).toMatchObject({ form: 'present', header: 'sys/socketvar.h', file: 'sys/sys/socketvar.h' });
	expect(part.cites).toEqual([expect.stringMatching(/^sosockaddr: sys\/sys\/socketvar\.h:\d+$/)]);
	const at = (v: number) => renderStubHeaders(v)['sys/socketvar.h'];
	expect(at(1600018)).toContain(`/* sosockaddr: present, as declared in sys/sys/socketvar.h (${REAL_DECLARATIONS.source}, ${REAL_DECLARATIONS.version}) */\n${part.text}`);
	expect(at(1400097)).not.toContain('sosockaddr');
	// the old pr_sockaddr form has no real declaration in the data (the snapshot has the new one): the model's text
	expect(renderStubHeaders(1400097)['sys/protosw.h']).toMatch(/\/\* pr_sockaddr: present \*\/\nstruct protosw \{\n\tshort\tpr_type;\n\tint\t\(\*pr_sockaddr\)\(struct socket \*, struct sockaddr \*\*\);/);
	expect(renderStubHeaders(1500012)['sys/protosw.h']).toContain('typedef int pr_sockaddr_t(struct socket *, struct sockaddr *);');
	// no part without data: an empty data set leaves every stub as the model writes it
	const empty = { ...REAL_DECLARATIONS, parts: [] };
	expect(renderStubHeaders(1600018, KERNEL_INTERFACES, empty)['sys/priv.h']).toContain('/* priv_net_wg: present */\n#define PRIV_NET_WG 424');
});

describeWithTree('kpi extract from the real tree', (dir) => {
	test('extraction reproduces the committed data for the tree it came from', async () => {
		const r = await extractRealDeclarations(dir, { source: REAL_DECLARATIONS.source });
		expect(r.parts.length).toBeGreaterThanOrEqual(7);
		if (readFreeBSDVersion(dir) === REAL_DECLARATIONS.version) {
			expect(serializeRealDeclarations(r)).toBe(fs.readFileSync(REAL_DECLARATIONS_PATH, 'utf8'));
		}
		// every part's declarations are cited at a line of the tree file that names them (a definition's name
		// may stand on the line after its return type, as style(9) writes it)
		for (const p of r.parts) {
			const lines = fs.readFileSync(path.join(dir, p.file), 'latin1').split('\n');
			for (const c of p.cites.filter((x) => !x.includes("the model's"))) {
				const [names, where] = c.split(': ');
				const nums = where.split(':')[1].split(',').map(Number);
				names.split(', ').forEach((n, i) => {
					const at = nums[Math.min(i, nums.length - 1)];
					expect({ c, line: `${lines[at - 1]} ${lines[at]}` }).toEqual({ c, line: expect.stringContaining(n) });
				});
			}
		}
	});

	test('extraction refuses while the model differs from the tree', async () => {
		const wrong: KernelInterface[] = KERNEL_INTERFACES.map((k) => (k.id === 'priv_net_wg'
			? { ...k, stub: { 'sys/priv.h': { present: '#define\tPRIV_NET_WG\t421' } } } : k));
		await expect(extractRealDeclarations(dir, { interfaces: wrong })).rejects.toThrow(/differs from .* in 1 declaration/);
	});
});
