package dev.flarelink.files;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code r2_key}: what identifies a minted key, never its secret. */
record R2KeyRecord(
        UUID id,
        UUID userId,
        UUID connectionId,
        String tokenId,
        String name,
        List<String> buckets,
        Instant createdAt,
        @Nullable Instant revokedAt) {}
