package dev.flarelink.cloudflare;

import java.time.Duration;

/**
 * A client-side request budget per API token: at most {@code permits} requests in any window of {@code window}.
 *
 * @param permits requests allowed per window
 * @param window the sliding window length
 */
public record RateLimit(int permits, Duration window) {

    /** Cloudflare's documented global limit: 1,200 requests per 5 minutes per token. */
    public static final RateLimit CLOUDFLARE_DEFAULT = new RateLimit(1200, Duration.ofMinutes(5));

    public RateLimit {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1");
        }
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be positive");
        }
    }
}
