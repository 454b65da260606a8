/*
 * @wgup/ocf: models of FreeBSD's OpenCrypto Framework as WireGuard's data path uses it — sessions and
 * requests with the checks OCF makes (and the ones it does not), mbuf chains, a cryptosoft-like driver
 * over every buffer type, and the glue (OCF requests, and the chain-walking fallback) that tools/ocf-glue
 * emits as C. Facts and their sources: ../../../shared/facts/ocf.md.
 */
export * from './constants';
export * from './mbuf';
export * from './buffer';
export * from './session';
export * from './request';
export * from './xform';
export * from './cryptosoft';
export * from './glue';
export * from './fallback';
