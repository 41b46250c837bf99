package dev.flarelink.cloudflare.core;

import dev.flarelink.cloudflare.errors.CloudflareApiException;
import dev.flarelink.cloudflare.errors.CloudflareConnectionException;
import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.cloudflare.errors.RateLimitException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a failed attempt is retried and how long to wait first.
 *
 * <p>Retried: connection errors, 408, 429 and 5xx, within {@code maxAttempts}. A call that is not idempotent (a
 * POST create, a token roll) is retried only when the server certainly did not process it: on 429, and on a
 * connection failure that happened before the request was sent. Waits are exponential with up to 25 % negative
 * jitter (0.5 s, 1 s, 2 s … capped at 8 s) and never shorter than {@code Retry-After}.
 */
public final class RetryPolicy {

    static final Duration BASE_DELAY = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    private final int maxAttempts;
    private final Duration maxRetryWait;
    private final DoubleSupplier random;

    public RetryPolicy(int maxAttempts, Duration maxRetryWait) {
        this(maxAttempts, maxRetryWait, () -> ThreadLocalRandom.current().nextDouble());
    }

    RetryPolicy(int maxAttempts, Duration maxRetryWait, DoubleSupplier random) {
        this.maxAttempts = maxAttempts;
        this.maxRetryWait = maxRetryWait;
        this.random = random;
    }

    /** The wait before the next attempt, or {@code null} when {@code failure} must be thrown now. */
    public @Nullable Duration retryDelay(
            CloudflareException failure, int attempt, boolean idempotent, boolean sentBeforeFailure) {
        if (attempt >= maxAttempts || !retryable(failure, idempotent, sentBeforeFailure)) {
            return null;
        }
        Duration backoff = backoff(attempt);
        if (failure instanceof RateLimitException rateLimit
                && rateLimit.retryAfter().isPresent()) {
            Duration retryAfter = rateLimit.retryAfter().get();
            if (retryAfter.compareTo(maxRetryWait) > 0) {
                // Fail fast instead of parking a request thread for Cloudflare's five-minute block.
                return null;
            }
            return retryAfter.compareTo(backoff) >= 0 ? retryAfter : backoff;
        }
        return backoff;
    }

    private static boolean retryable(CloudflareException failure, boolean idempotent, boolean sent) {
        if (failure instanceof CloudflareConnectionException) {
            return idempotent || !sent;
        }
        if (failure instanceof CloudflareApiException api) {
            int status = api.status();
            if (status == 429 || failure instanceof RateLimitException) {
                return true;
            }
            return idempotent && (status == 408 || status >= 500);
        }
        return false;
    }

    /** Exponential backoff for the wait after attempt {@code attempt} (1-based). */
    Duration backoff(int attempt) {
        long exponential = BASE_DELAY.toMillis() << Math.min(attempt - 1, 10);
        long capped = Math.min(exponential, MAX_BACKOFF.toMillis());
        return Duration.ofMillis(Math.round(capped * (1 - random.getAsDouble() * 0.25)));
    }
}
