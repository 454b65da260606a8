import { runProtocolBench } from '../src/bench';

test('bench protocol --quick measures both backends and reports the ratios the convention asks for', async () => {
	const log: string[] = [];
	const r = await runProtocolBench({ quick: true, log: (l) => log.push(l) });
	expect(r.bench).toBe('protocol');
	expect(Object.keys(r.ratios).sort()).toEqual(['handshake_fast_vs_reference', 'handshake_fast_vs_target', 'transport_fast_vs_reference']);
	for (const v of Object.values(r.ratios)) expect(v).toBeGreaterThan(0);
	for (const k of ['handshakes_per_cpu_s_fast', 'handshakes_per_cpu_s_reference', 'transport_seal_open_per_cpu_s_fast', 'x25519_per_cpu_s_reference']) {
		expect(r.raw[k]).toEqual(expect.any(Number));
	}
	expect(r.table).toMatch(/full handshakes \/ CPU s/);
	expect(r.table).toMatch(/target: >= 1000 handshakes\/s on the fast backend: (met|NOT met)/);
	expect(log).toContain('protocol: reference: handshakes...');
}, 60_000);
