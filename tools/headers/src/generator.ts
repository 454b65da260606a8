/* The overlay's support.h, as a wgup generator (one entry in GENERATORS). */
import type { Generator } from '@wgup/codegen';
import { CATALOGUE, type Catalogue } from '@wgup/shims';
import { HEADER_INPUTS, renderSupportH } from './render';

export const SUPPORT_H_PATH = 'freebsd-overlay/sys/dev/wg/support.h';

export function supportHeaderGenerator(catalogue: Catalogue = CATALOGUE): Generator {
	return {
		name: 'support-h',
		description: 'freebsd-overlay/sys/dev/wg/support.h: what FreeBSD main still lacks, from the shim catalogue',
		plan: () => [{
			path: SUPPORT_H_PATH,
			generator: 'support-h',
			inputs: HEADER_INPUTS,
			render: () => renderSupportH(catalogue),
		}],
	};
}

export const SUPPORT_H_GENERATOR: Generator = supportHeaderGenerator();
