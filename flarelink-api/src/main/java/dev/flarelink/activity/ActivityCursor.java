package dev.flarelink.activity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where the next (older) page starts: the position of the last event shown, in the page's order
 * ({@code occurred_at} descending, then {@code id} descending). Keyset pagination, so no page is ever skipped or
 * repeated while new events arrive.
 */
public record ActivityCursor(Instant occurredAt, long id) {

    /** The cursor as a URL-safe token, {@code <epoch microseconds>_<id>}. */
    public String token() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt) + "_" + id;
    }

    /** Reads a token written by {@link #token()}; throws {@link IllegalArgumentException} for anything else. */
    public static ActivityCursor parse(String token) {
        int separator = token.indexOf('_');
        if (separator <= 0) {
            throw new IllegalArgumentException("Not a page position");
        }
        try {
            long micros = Long.parseLong(token.substring(0, separator));
            long id = Long.parseLong(token.substring(separator + 1));
            return new ActivityCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("Not a page position", e);
        }
    }
}
