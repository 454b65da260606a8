/*
 * The compat port's generated headers as one list. The compat port itself (tools/compat-port) adds the
 * crypto, the overlay's glue and the driver sources, and writes the tree (`wgup compat`).
 */
import type { Catalogue } from '@wgup/shims';
import { composeCompatHeaders, type ComposedFile } from './render';

export function composeCompatPort(c: Catalogue, extra: readonly ComposedFile[] = []): ComposedFile[] {
	return [...composeCompatHeaders(c, 'npx wgup compat --out <dir>'), ...extra];
}
