/*
 * The reference's C API, for code that runs the reference as the C would be run (self-test vectors,
 * differential tests). tools/ts2c reads the modules themselves; this index is not translated.
 */
export { blake2s_hash, blake2s_hmac, blake2s_hkdf } from './blake2s';
export { chacha20_poly1305_encrypt, chacha20_poly1305_decrypt, xchacha20_poly1305_encrypt, xchacha20_poly1305_decrypt } from './chacha20_poly1305';
export { curve25519, curve25519_generate_public, curve25519_clamp_secret } from './x25519';
