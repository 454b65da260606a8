/*
 * Facts as data, checked: every availability value of every interface in src/data/interfaces.json is
 * one its evidence records state (a version a source gives, the first handbook row a record cites, a
 * bracket's upper end), verified values by verified records; every cited handbook row exists in the
 * vendored table; every version a real tree showed with the current form has it in the model. A landing
 * point changed by one fails here (the mutations below are the proof).
 */
import { KERNEL_INTERFACES, hasInterface, type KernelInterface } from '@wgup/kernel-api';
import { handbookProblems, type Evidence } from '@wgup/releases';

function attested(evidence: readonly Evidence[], verifiedOnly: boolean): Set<number> {
	const out = new Set<number>();
	for (const e of evidence) {
		if (verifiedOnly && !e.verified) continue;
		if (e.value !== undefined) out.add(e.value);
		if (e.handbook?.length) out.add(e.handbook[0]);
		if (e.bracket) out.add(e.bracket.by);
	}
	return out;
}

function interfaceProblems(k: KernelInterface): string[] {
	const out = k.evidence.flatMap((e) => handbookProblems(e).map((p) => `${k.id}: ${p}`));
	const values: [string, number][] = [];
	if (k.availability.main) values.push(['main', k.availability.main]);
	for (const [b, v] of Object.entries(k.availability.merged ?? {})) values.push([b, v]);
	const all = attested(k.evidence, false);
	const verified = attested(k.evidence, true);
	for (const [where, v] of values) {
		if (!all.has(v)) out.push(`${k.id}: ${where} ${v} is stated by none of its evidence (they state ${[...all].sort().join(', ') || 'nothing'})`);
		else if (k.verified && !verified.has(v)) out.push(`${k.id}: ${where} ${v} is marked verified, but no verified record states it`);
	}
	for (const e of k.evidence) {
		if (e.bracket && k.availability.main && !(e.bracket.after < k.availability.main && k.availability.main <= e.bracket.by)) {
			out.push(`${k.id}: main ${k.availability.main} lies outside its bracket ${e.bracket.after} < change <= ${e.bracket.by}`);
		}
		if (e.presentAt !== undefined && !hasInterface(k, e.presentAt)) {
			out.push(`${k.id}: ${e.source} shows the current form at ${e.presentAt}, but the model says ${e.presentAt} lacks it`);
		}
	}
	return out;
}

test.each(KERNEL_INTERFACES.map((k) => [k.id, k] as const))('%s: every value against its evidence', (_id, k) => {
	expect(interfaceProblems(k)).toEqual([]);
});

test('mutations: a landing point by one, a stable/13 merge by one, a bracketed value past its tree', () => {
	const k = (id: string) => KERNEL_INTERFACES.find((x) => x.id === id)!;
	const sb = k('sbcreatecontrol_wait_arg');
	expect(interfaceProblems({ ...sb, availability: { main: 1400060 } }))
		.toEqual(['sbcreatecontrol_wait_arg: main 1400060 is stated by none of its evidence (they state 1400059)']);
	const ocf = k('ocf_chacha20_poly1305_mbuf');
	expect(interfaceProblems({ ...ocf, availability: { main: 1400036, merged: { 'stable/13': 1300518 } } }).join('\n'))
		.toMatch(/stable\/13 1300518 is stated by none of its evidence/);
	const so = k('sosockaddr');
	expect(interfaceProblems({ ...so, availability: { main: 1500013 } }).join('\n'))
		.toMatch(/shows the current form at 1500012, but the model says 1500012 lacks it/);
	const priv = k('priv_net_wg');
	expect(interfaceProblems({ ...priv, availability: { main: null } }).join('\n')).toMatch(/the model says 1500012 lacks it/);
});
