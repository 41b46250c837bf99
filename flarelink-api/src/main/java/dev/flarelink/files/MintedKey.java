package dev.flarelink.files;

/**
 * A key just minted: its listing and the keypair, to be shown once and then forgotten (Flarelink keeps no copy).
 *
 * @param storedIn the project whose flarelink_config now holds the keypair, and whether its Worker reloaded; null
 *     when the bucket belongs to no project
 */
public record MintedKey(
        R2KeyView key,
        S3Keypair keypair,
        @org.jspecify.annotations.Nullable StoredKey storedIn) {}
