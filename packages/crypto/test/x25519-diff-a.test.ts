/* X25519 reference vs OpenSSL, first half of the 10,000 cases (500,000 with WGUP_LONG=1). */
import { LONG } from './helpers';
import { x25519Differential } from './x25519-diff.shared';

jest.setTimeout(LONG ? 24 * 3600e3 : 600e3);

test('x25519: reference = OpenSSL = fast backend, random scalars and points (part A)', () => {
	x25519Differential('x25519 differential A', LONG ? 500_000 : 5_000);
});
