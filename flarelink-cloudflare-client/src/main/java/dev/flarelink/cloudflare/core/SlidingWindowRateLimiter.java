package dev.flarelink.cloudflare.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps one token under its request budget: at most {@code permits} acquisitions in any sliding window, waiting
 * with the injected {@link Sleeper} when the budget is spent.
 */
public final class SlidingWindowRateLimiter {

    private final int permits;
    private final long windowMillis;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Deque<Long> granted = new ArrayDeque<>();

    public SlidingWindowRateLimiter(int permits, Duration window, Clock clock, Sleeper sleeper) {
        this.permits = permits;
        this.windowMillis = window.toMillis();
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Blocks until a request may be sent, then records it. */
    public void acquire() throws InterruptedException {
        while (true) {
            Duration wait = tryAcquire();
            if (wait.isZero()) {
                return;
            }
            sleeper.sleep(wait);
        }
    }

    /**
     * Waits at most {@code maxWait} in total for a permit. Returns zero once one is recorded, or, without waiting,
     * the wait still needed when that would exceed what is left of {@code maxWait}.
     */
    public Duration acquireWithin(Duration maxWait) throws InterruptedException {
        long left = maxWait.toMillis();
        while (true) {
            Duration wait = tryAcquire();
            if (wait.isZero()) {
                return Duration.ZERO;
            }
            if (wait.toMillis() > left) {
                return wait;
            }
            sleeper.sleep(wait);
            left -= wait.toMillis();
        }
    }

    /** Records a request and returns zero, or returns how long to wait before a permit frees up. */
    public synchronized Duration tryAcquire() {
        long now = clock.millis();
        while (!granted.isEmpty() && granted.peekFirst() <= now - windowMillis) {
            granted.pollFirst();
        }
        if (granted.size() < permits) {
            granted.addLast(now);
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.max(1, granted.peekFirst() + windowMillis - now));
    }
}
