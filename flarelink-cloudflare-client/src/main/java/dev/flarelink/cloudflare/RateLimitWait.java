package dev.flarelink.cloudflare;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How long the calling thread may wait for its token's request budget. Unset, a call waits as long as the budget
 * needs (background work: provisioning, re-verification). A page request sets a short limit so that no request
 * thread is parked for minutes: past it the call fails at once with a {@link
 * dev.flarelink.cloudflare.errors.TokenBudgetSpentException} that says when the budget frees up.
 *
 * <p>Thread-bound on purpose: work handed to another thread (a provisioning run started by a page) keeps the
 * unlimited default.
 */
public final class RateLimitWait {

    private static final ThreadLocal<Duration> LIMIT = new ThreadLocal<>();

    private RateLimitWait() {}

    /** Limits the current thread's waits to {@code max} until the returned scope is closed. */
    public static Scope limitTo(Duration max) {
        Duration previous = LIMIT.get();
        LIMIT.set(max);
        return () -> restore(previous);
    }

    /** The current thread's limit, if it has one. */
    public static Optional<Duration> current() {
        return Optional.ofNullable(LIMIT.get());
    }

    private static void restore(@Nullable Duration previous) {
        if (previous == null) {
            LIMIT.remove();
        } else {
            LIMIT.set(previous);
        }
    }

    /** Restores the previous limit when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
