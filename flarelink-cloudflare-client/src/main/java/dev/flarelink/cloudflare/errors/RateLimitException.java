package dev.flarelink.cloudflare.errors;

import dev.flarelink.cloudflare.core.ApiMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Cloudflare's rate limit was hit (HTTP 429 or code 971); {@link #retryAfter()} says how long to wait. */
public class RateLimitException extends CloudflareApiException {

    private static final long serialVersionUID = 1L;

    private final @Nullable Duration retryAfter;

    public RateLimitException(
            int status, List<ApiMessage> errors, @Nullable String cfRay, @Nullable Duration retryAfter) {
        super(status, errors, cfRay);
        this.retryAfter = retryAfter;
    }

    /** The server's {@code Retry-After}, if it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
