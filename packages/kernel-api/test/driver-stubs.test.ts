import {
	DRIVER_INTERFACES, DRIVER_STUB_PARTS, KERNEL_INTERFACES, driverInterfaceById, driverStubHeaderPaths, hasInterface,
	renderDriverStubHeaders, renderStubHeaders, stubHeaderPaths,
} from '../src';

test('no interface is modelled twice: an id in KERNEL_INTERFACES must leave DRIVER_INTERFACES', () => {
	const ids = new Set(KERNEL_INTERFACES.map((k) => k.id));
	expect(DRIVER_INTERFACES.filter((k) => ids.has(k.id)).map((k) => k.id)).toEqual([]);
	for (const id of Object.keys(DRIVER_STUB_PARTS)) expect([id, !!driverInterfaceById(id)]).toEqual([id, true]);
});

test('the driver stubs provide every header the interface stubs do, and more', () => {
	const paths = driverStubHeaderPaths();
	expect(paths).toEqual(expect.arrayContaining(stubHeaderPaths()));
	expect(paths).toEqual(expect.arrayContaining(['sys/nv.h', 'sys/gtaskqueue.h', 'net/bpf.h', 'net/if_clone.h', 'vm/uma.h', 'sys/counter.h']));
	expect(() => renderDriverStubHeaders(0)).toThrow(/not a __FreeBSD_version/);
});

test.each([1201000, 1300139, 1400097, 1500068, 1600018])('at %i each modelled interface takes the form that version has', (v) => {
	const driver = renderDriverStubHeaders(v);
	const plain = renderStubHeaders(v);
	for (const k of KERNEL_INTERFACES) {
		for (const p of Object.keys(k.stub)) {
			// the same present/absent marker as the interface stubs, with the same superseding
			const marker = (t: string) => (t.match(new RegExp(`/\\* ${k.id}: (present|absent \\(old form\\)) \\*/`)) ?? [])[1];
			expect([k.id, p, marker(driver[p])]).toEqual([k.id, p, marker(plain[p])]);
		}
	}
	const clone = driverInterfaceById('if_clone_addreq')!;
	expect(/ifc_attach_cloner\(/.test(driver['net/if_clone.h'])).toBe(hasInterface(clone, v));
	expect(/\*create_f;/.test(driver['net/if_clone.h'])).toBe(hasInterface(clone, v));
});
