/**
 * Encryption of the stored Cloudflare API token: AES-256-GCM with a fresh 96-bit nonce per encryption, a versioned
 * text format whose header (version and key id) is authenticated, mandatory associated data that binds a ciphertext
 * to its owner and purpose, and a {@link dev.flarelink.crypto.Keyring} of one primary key and older decrypt-only
 * keys for rotation. Plain Java and BouncyCastle: the module never reads the environment; callers hand it key specs
 * or key file paths.
 */
@org.jspecify.annotations.NullMarked
package dev.flarelink.crypto;
