/*
 * The committed freebsd-overlay/sys/dev/wg/wg_crypto_ocf.{c,h} are what the generator renders now. The harness
 * tests compile the rendered template, so this is the test that fails when someone edits the committed copy.
 */
import { REPO_ROOT, writePlanned } from '@wgup/codegen';
import { ocfGlueGenerator } from '../src';

test('the committed glue is the generator\'s output (regenerate with `npx wgup generate`)', () => {
	const { drift, unchanged } = writePlanned(REPO_ROOT, ocfGlueGenerator.plan(), { check: true });
	expect(drift).toEqual([]);
	expect(unchanged).toEqual(ocfGlueGenerator.plan().map((f) => f.path));
});
