/*
 * @wgup/peer: the userspace WireGuard peer behind `npx wgup peer`, its interop tests against wireguard-go,
 * the packet fuzzer, the `protocol` bench, and the wg_protocol.h generator.
 */
export * from './header';
export { runPeerCommand, startPeer, parsePeerOptions, UsageError, type PeerConfig, type PeerStatus, type RunningPeer } from './run';
export * from './icmp';
export * from './keys';
export { runProtocolBench, HANDSHAKE_TARGET_PER_SECOND } from './bench';
