package dev.flarelink.cloudflare.d1;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A D1 database.
 *
 * @param uuid database id
 * @param name database name (unique per account)
 * @param createdAt creation time
 * @param version {@code production} or an older storage version
 * @param numTables number of tables (get only)
 * @param fileSize size in bytes (get only)
 * @param jurisdiction data jurisdiction, if any
 * @param runningInRegion current primary region, if reported
 */
public record D1Database(
        String uuid,
        String name,
        @Nullable Instant createdAt,
        @Nullable String version,
        @Nullable Integer numTables,
        @Nullable Long fileSize,
        @Nullable String jurisdiction,
        @Nullable String runningInRegion) {}
