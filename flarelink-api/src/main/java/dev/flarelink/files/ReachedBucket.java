package dev.flarelink.files;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A bucket an R2 key reaches, as written into the project's {@code R2_BUCKETS}: its name and, when Cloudflare said,
 * when it was created.
 */
record ReachedBucket(String name, @Nullable Instant createdAt) {}
