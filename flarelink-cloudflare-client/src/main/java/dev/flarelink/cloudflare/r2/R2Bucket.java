package dev.flarelink.cloudflare.r2;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An R2 bucket (fields may be absent: don't depend on them, reference §7.1).
 *
 * @param name bucket name
 * @param creationDate creation time
 * @param location location hint/region
 * @param storageClass default storage class
 * @param jurisdiction {@code default}, {@code eu}, {@code fedramp}
 */
public record R2Bucket(
        String name,
        @Nullable Instant creationDate,
        @Nullable String location,
        @Nullable String storageClass,
        @Nullable String jurisdiction) {}
