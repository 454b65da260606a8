import { runProtocolBench } from '../src/bench';

test('bench protocol --quick measures both backends and reports the ratios the convention asks for', async () => {
	const log: string[] = [];
	const r = await runProtocolBench({ quick: true, log: (l) => log.push(l) });
	expect(r.bench).toBe('protocol');
	expect(Object.keys(r.ratios).sort()).toEqual(['handshake_fast_vs_reference', 'handshake_fast_vs_target', 'transport_fast_vs_reference']);
	/* what --json prints survives JSON (a NaN or Infinity would not), and each ratio is what raw says it is */
	const json = JSON.parse(JSON.stringify({ bench: r.bench, ratios: r.ratios, raw: r.raw }));
	expect(Object.keys(json)).toEqual(['bench', 'ratios', 'raw']);
	for (const v of Object.values(json.ratios)) expect(v).toEqual(expect.any(Number));
	for (const k of ['handshakes_per_cpu_s_fast', 'handshakes_per_cpu_s_reference', 'transport_seal_open_per_cpu_s_fast',
		'transport_seal_open_per_cpu_s_reference', 'x25519_per_cpu_s_reference']) {
		expect({ k, v: json.raw[k] }).toEqual({ k, v: expect.any(Number) });
	}
	expect(json.ratios.handshake_fast_vs_reference).toBeCloseTo(json.raw.handshakes_per_cpu_s_fast / json.raw.handshakes_per_cpu_s_reference, 6);
	expect(json.ratios.transport_fast_vs_reference).toBeCloseTo(json.raw.transport_seal_open_per_cpu_s_fast / json.raw.transport_seal_open_per_cpu_s_reference, 6);
	expect(json.ratios.handshake_fast_vs_target).toBeCloseTo(json.raw.handshakes_per_cpu_s_fast / 1000, 6);
	expect(r.table).toMatch(/full handshakes \/ CPU s/);
	expect(r.table).toMatch(/target: >= 1000 handshakes\/s on the fast backend: (met|NOT met)/);
	expect(log).toContain('protocol: reference: handshakes...');
}, 60_000);
