package dev.flarelink.apikey;

/**
 * Whether a key's request fits in its per-minute window.
 *
 * @param retryAfterSeconds when refused, seconds until the window ends (at least 1)
 */
public record RateDecision(boolean allowed, int limit, int used, long retryAfterSeconds) {}
