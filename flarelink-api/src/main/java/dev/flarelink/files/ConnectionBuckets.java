package dev.flarelink.files;

import dev.flarelink.connect.ConnectionView;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One connection and its buckets; when Cloudflare could not be asked, {@code problem} says why and buckets is empty.
 */
public record ConnectionBuckets(
        ConnectionView connection,
        List<BucketView> buckets,
        @Nullable String problem) {

    public ConnectionBuckets {
        buckets = List.copyOf(buckets);
    }
}
