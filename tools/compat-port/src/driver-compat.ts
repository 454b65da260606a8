/*
 * compat.h's driver section: remedies for kernel interfaces the real driver (FreeBSD main's
 * sys/dev/wg) uses in main's form and that older releases declare differently, beyond what the shim
 * catalogue covers. Each shim's guard is derived (@wgup/releases guardExpression) from the
 * availability of the interface it stands for in @wgup/kernel-api (KERNEL_INTERFACES, else
 * DRIVER_INTERFACES), never typed. The section ends by including support.h, which the driver does
 * not include itself (upstream's build force-included its compat.h, which held COMPAT_NEED_BLAKE2S).
 *
 * (sosockaddr, IFT_WIREGUARD, PRIV_NET_WG, atomic_load_bool and the rest are shims of the catalogue.)
 * Every remedy is a macro over a wg_compat_ name, so a guard that is wrong for some kernel between
 * two known versions gives a module that still compiles against that kernel's own declarations.
 */
import { formatIf, wrapComment } from '@wgup/headers';
import { driverAvailability } from '@wgup/kernel-api';
import { guardExpression } from '@wgup/releases';

export interface DriverShim {
	readonly id: string;
	/** the @wgup/kernel-api interface the shim stands in for; the shim is active where the kernel lacks it */
	readonly standsFor: string;
	readonly summary: string;
	readonly includes: readonly string[];
	/** C; `$LACKS(id)` is replaced by the derived guard of that interface */
	readonly c: string;
}

export const DRIVER_SHIMS: readonly DriverShim[] = [
	{
		id: 'ifc_attach_cloner',
		standsFor: 'if_clone_addreq',
		summary: 'no ifc_attach_cloner(): attach the driver\'s create and destroy functions through if_clone_simple(), which every release has',
		includes: ['sys/param.h', 'sys/systm.h', 'net/if.h', 'net/if_clone.h'],
		c: `struct wg_compat_ifc_data {
	uint32_t	flags;
	uint32_t	unit;
	void		*params;
	struct vnet	*vnet;
};

struct wg_compat_if_clone_addreq {
	uint16_t	version;
	uint16_t	spare;
	uint32_t	flags;
	uint32_t	maxunit;
	void		*match_f;
	int		(*create_f)(struct if_clone *, char *, size_t,
			    struct wg_compat_ifc_data *, struct ifnet **);
	int		(*destroy_f)(struct if_clone *, struct ifnet *,
			    uint32_t);
};

/* One cloner per module: the request and the cloner it made. */
static inline struct wg_compat_if_clone_addreq *
wg_compat_cloner_req(void)
{
	static struct wg_compat_if_clone_addreq req;

	return (&req);
}

static inline struct if_clone **
wg_compat_cloner(void)
{
	static struct if_clone *ifc;

	return (&ifc);
}

static inline int
wg_compat_clone_create(struct if_clone *ifc, int unit, caddr_t params)
{
	struct wg_compat_ifc_data ifd = { 0 };
	struct ifnet *ifp = NULL;
	char name[IFNAMSIZ] = { 0 };

	ifd.unit = unit;
	ifd.params = params;
	return (wg_compat_cloner_req()->create_f(ifc, name, sizeof(name), &ifd,
	    &ifp));
}

static inline void
wg_compat_clone_destroy(struct ifnet *ifp)
{
	(void)wg_compat_cloner_req()->destroy_f(*wg_compat_cloner(), ifp, 0);
}

static inline struct if_clone *
wg_compat_ifc_attach_cloner(const char *name,
    struct wg_compat_if_clone_addreq *req)
{
	*wg_compat_cloner_req() = *req;
	*wg_compat_cloner() = if_clone_simple(name, wg_compat_clone_create,
	    wg_compat_clone_destroy, 0);
	return (*wg_compat_cloner());
}

#define	ifc_data		wg_compat_ifc_data
#define	if_clone_addreq		wg_compat_if_clone_addreq
#define	ifc_attach_cloner(n, r)	wg_compat_ifc_attach_cloner((n), (r))
#define	ifc_detach_cloner(ifc)	if_clone_detach(ifc)
#undef	IFC_F_AUTOUNIT
#define	IFC_F_AUTOUNIT		0x02`,
	},
];

/** The shim's C with each $LACKS(interface) replaced by that interface's derived guard. */
export function driverShimC(s: DriverShim): string {
	return s.c.replace(/\$LACKS\((\w+)\)/g, (_, id: string) => guardExpression(driverAvailability(id)));
}

export function driverShimGuard(s: DriverShim): string {
	return guardExpression(driverAvailability(s.standsFor));
}


/** The driver section of the port's compat.h (before its closing #endif). */
export function renderDriverSection(shims: readonly DriverShim[] = DRIVER_SHIMS): string {
	const blocks = shims.map((s) => {
		const guard = driverShimGuard(s);
		if (guard === '0') return '';
		return [
			wrapComment(`driver shim ${s.id}: ${s.summary}`),
			formatIf(guard),
			...s.includes.map((h) => `#include <${h}>`),
			driverShimC(s),
			'#endif',
			'',
		].join('\n');
	}).filter(Boolean);
	return [
		'/*',
		' * The driver section (tools/compat-port driver-compat.ts): interfaces the',
		' * real driver uses in main\'s form, guarded by where @wgup/kernel-api says',
		' * each landed.  support.h last: what main itself still lacks.',
		' */',
		'',
		...blocks,
		'#include "support.h"',
		'',
	].join('\n');
}

/** compat.h from tools/headers with the driver section inserted before its closing #endif. */
export function withDriverSection(compatH: string, section: string = renderDriverSection()): string {
	// the guard's closing line, however its comment is spelled (/* _WG_COMPAT_H_ */ or /* !_WG_COMPAT_H_ */)
	const ends = [...compatH.matchAll(/^#endif[ \t]*\/\*[ \t]*!?_WG_COMPAT_H_[ \t]*\*\/[ \t]*$/gm)];
	if (!ends.length) throw new Error('compat.h has no closing "#endif /* _WG_COMPAT_H_ */" line to put the driver section before');
	const at = ends[ends.length - 1].index!;
	return `${compatH.slice(0, at)}${section}\n${compatH.slice(at)}`;
}
