package dev.flarelink.files;

/**
 * A key just minted: its listing and the keypair, to be shown once and then forgotten (Flarelink keeps no copy).
 */
public record MintedKey(R2KeyView key, S3Keypair keypair) {}
