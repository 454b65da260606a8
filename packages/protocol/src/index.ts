/*
 * @wgup/protocol: WireGuard as the driver implements it, without I/O. Constants and wire layouts (from
 * which freebsd-overlay/sys/dev/wg/wg_protocol.h is generated), message codecs, the Noise_IKpsk2
 * handshake, cookies, the replay window, TAI64N, and a Device that runs sessions and timers on an
 * injected clock.
 */
export * from './constants';
export * from './layout';
export * from './messages';
export * from './tai64n';
export * from './replay';
export * from './noise';
export * from './cookie';
export * from './ratelimit';
export * from './ip';
export * from './device';
