package dev.flarelink.activity.reconcile;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One call that only one side recorded, as the reconciliation page lists it.
 *
 * @param time when it happened (UTC)
 * @param method HTTP method
 * @param path the request path (Cloudflare's URI, or Flarelink's path with its ids filled in)
 * @param status HTTP status, when known
 * @param cfRay the ray id without the colo suffix, when known
 * @param seq the Activity event's sequence number (Flarelink side only)
 * @param source for a Cloudflare entry: token name, user agent and IP address as Cloudflare saw them
 */
public record ReconciledCall(
        Instant time,
        String method,
        String path,
        @Nullable Integer status,
        @Nullable String cfRay,
        @Nullable Long seq,
        @Nullable String source) {}
