/*
 * @wgup/peer: the userspace WireGuard peer behind `npx wgup peer`, its interop tests against wireguard-go,
 * the packet fuzzer, the `protocol` bench, and the wg_protocol.h generator.
 */
export * from './header';
