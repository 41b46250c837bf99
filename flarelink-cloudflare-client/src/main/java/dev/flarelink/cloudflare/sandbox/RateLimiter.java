package dev.flarelink.cloudflare.sandbox;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** A sliding-window request counter per token, as Cloudflare's 1,200 requests / 5 minutes limit behaves. */
final class RateLimiter {

    /** The decision for one request: allowed or not, what remains, and seconds until a slot frees. */
    record Decision(boolean allowed, int limit, int remaining, long retryAfterSeconds) {}

    private final Clock clock;
    private final Map<String, Deque<Long>> windows = new HashMap<>();

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    synchronized Decision acquire(String key, int limit, long windowMillis) {
        long now = clock.millis();
        Deque<Long> hits = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!hits.isEmpty() && hits.peekFirst() <= now - windowMillis) {
            hits.pollFirst();
        }
        if (hits.size() >= limit) {
            long waitMillis = hits.peekFirst() + windowMillis - now;
            return new Decision(false, limit, 0, Math.max(1, (waitMillis + 999) / 1000));
        }
        hits.addLast(now);
        return new Decision(true, limit, limit - hits.size(), 0);
    }

    synchronized void clear() {
        windows.clear();
    }
}
