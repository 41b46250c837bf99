package dev.flarelink.files;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A bucket as the Files page shows it.
 *
 * @param location Cloudflare's location (hint), when it reports one
 * @param createdAt creation time, when reported
 */
public record BucketView(
        String name, @Nullable String location, @Nullable Instant createdAt) {}
