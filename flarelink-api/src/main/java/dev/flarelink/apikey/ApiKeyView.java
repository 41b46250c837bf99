package dev.flarelink.apikey;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What may be shown of a key: never the key itself, nor its hash.
 *
 * @param prefix the key's first characters ({@code flk_} and 8 more), enough to recognise it
 */
public record ApiKeyView(
        UUID id,
        String name,
        String prefix,
        ApiKeyScope scope,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt) {

    /** {@code revoked}, {@code expired} or {@code active} at {@code now}. */
    public String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return "expired";
        }
        return "active";
    }
}
