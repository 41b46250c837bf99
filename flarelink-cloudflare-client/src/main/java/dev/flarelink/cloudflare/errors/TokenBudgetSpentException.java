package dev.flarelink.cloudflare.errors;

import dev.flarelink.cloudflare.RateLimit;
import dev.flarelink.cloudflare.core.ApiMessage;
import java.time.Duration;
import java.util.List;

/**
 * Refused before sending: the token's client-side budget ({@link RateLimit}) is spent and the calling thread may not
 * wait long enough for it to free up (see {@link dev.flarelink.cloudflare.RateLimitWait}). Nothing reached
 * Cloudflare. {@link #retryAfter()} is when the next request may go.
 */
public class TokenBudgetSpentException extends RateLimitException {

    private static final long serialVersionUID = 1L;

    /** Cloudflare's own code for "rate limited"; reused so code that checks codes treats both alike. */
    static final int CODE = 971;

    private final transient RateLimit budget;

    public TokenBudgetSpentException(RateLimit budget, Duration freesUpIn) {
        super(429, List.of(new ApiMessage(CODE, describe(budget, freesUpIn))), null, roundUp(freesUpIn));
        this.budget = budget;
    }

    /** The budget that was spent. */
    public RateLimit budget() {
        return budget;
    }

    /** The wait until the next request may go, rounded up to a whole second. */
    public Duration freesUpIn() {
        return retryAfter().orElseThrow();
    }

    private static Duration roundUp(Duration wait) {
        long seconds = (wait.toMillis() + 999) / 1000;
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    private static String describe(RateLimit budget, Duration wait) {
        return "the token's budget of " + budget.permits() + " requests per " + human(budget.window())
                + " is spent; the next request may go in " + roundUp(wait).toSeconds() + " s";
    }

    /** "5 minutes", "30 seconds": the window as a reader would say it. */
    public static String human(Duration window) {
        long seconds = window.toSeconds();
        if (seconds % 60 == 0 && seconds >= 60) {
            long minutes = seconds / 60;
            return minutes == 1 ? "minute" : minutes + " minutes";
        }
        return seconds == 1 ? "second" : seconds + " seconds";
    }
}
