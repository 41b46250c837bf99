package dev.flarelink.files;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A minted R2 key as listed: never its secret.
 *
 * @param accessKeyId the S3 access key id (the Cloudflare token id; not a secret)
 * @param inCloudflare what Cloudflare says now: {@code active}, {@code missing} (deleted there), {@code unknown}
 *     (could not ask) or {@code revoked} (revoked from Flarelink)
 */
public record R2KeyView(
        UUID id,
        String name,
        String accessKeyId,
        List<String> buckets,
        Instant createdAt,
        @Nullable Instant revokedAt,
        String inCloudflare) {

    public R2KeyView {
        buckets = List.copyOf(buckets);
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
