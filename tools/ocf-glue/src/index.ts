/*
 * @wgup/ocf-glue: the generator of the WireGuard OCF/mbuf glue, the userspace C harness that proves it,
 * and the `ocf` bench.
 */
export * from './generator';
export * from './harness';
export * from './bench';
