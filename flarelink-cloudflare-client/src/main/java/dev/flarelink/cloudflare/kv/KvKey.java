package dev.flarelink.cloudflare.kv;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A key listed in a namespace.
 *
 * @param name key name
 * @param expiration expiry in Unix seconds, absent for keys that never expire
 * @param metadata metadata stored with the key, if any
 */
public record KvKey(
        String name, @Nullable Long expiration, @Nullable Object metadata) {

    /** The expiry as an instant, if the key expires. */
    public @Nullable Instant expiresAt() {
        return expiration == null ? null : Instant.ofEpochSecond(expiration);
    }
}
