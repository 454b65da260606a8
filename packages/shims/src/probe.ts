/*
 * The driver-interface probe: one C function that uses every shimmed interface the way the driver does
 * (the 5-argument sbcreatecontrol, NET_EPOCH_ENTER(et), taskqgroup_drain_all, ...). Compiled against a
 * release's stub headers with the generated compat.h (-include, as the port's Makefile does) and
 * support.h, it proves the headers give the driver what it calls on that release.
 */
import { stubHeaderPaths } from '@wgup/kernel-api';
import type { Catalogue } from './types';

export function renderDriverProbe(c: Catalogue): string {
	const uses = c.shims.filter((s) => s.state !== 'retired' && s.usage.trim() !== '');
	return [
		'/* wgup driver-interface probe: generated from the shim catalogue (@wgup/shims renderDriverProbe). */',
		...stubHeaderPaths().map((p) => `#include <${p}>`),
		'#include "support.h"',
		'',
		'struct cryptop;',
		'struct taskqgroup;',
		'',
		'int\twgup_driver_probe(struct socket *, struct taskqgroup *, struct grouptask *, struct cryptop *,',
		'\t    struct mbuf *);',
		'',
		'int',
		'wgup_driver_probe(struct socket *so, struct taskqgroup *tqg, struct grouptask *gt, struct cryptop *crp,',
		'    struct mbuf *m)',
		'{',
		'\tstruct epoch_tracker et;',
		'\tstruct sockaddr *sa;',
		'\tstruct mbuf *mp;',
		'\tcallout_func_t *fn;',
		'\tuint8_t buf[64];',
		'\tbool flag;',
		'\tint n;',
		'',
		'\t(void)so; (void)tqg; (void)gt; (void)crp; (void)et; (void)sa; (void)buf;',
		'\tmp = m;',
		'\tfn = NULL;',
		'\tflag = false;',
		'\tn = 0;',
		...uses.flatMap((s) => [`\t/* ${s.id} */`, s.usage]),
		'\treturn (n + (fn != NULL) + (int)flag + (mp != NULL));',
		'}',
		'',
	].join('\n');
}
