package dev.flarelink.activity.reconcile;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A valid time range to reconcile: {@code since} inclusive, {@code before} exclusive, at most 30 days long and not
 * older than 30 days, because Cloudflare's audit log v2 answers only for the past 30 days.
 */
public record ReconcileRange(Instant since, Instant before) {

    /** Longest range, and how far back Cloudflare's audit log v2 answers. */
    public static final Duration MAX = Duration.ofDays(30);

    /** The range when none is given: the last 24 hours. */
    public static final Duration DEFAULT = Duration.ofHours(24);

    public ReconcileRange {
        if (!since.isBefore(before)) {
            throw new IllegalArgumentException("since must be before before");
        }
    }

    /**
     * The range from optional bounds: a missing end is now, a missing start is 24 hours before the end.
     *
     * @throws InvalidRangeException naming the field at fault and how to fix it
     */
    public static ReconcileRange of(@Nullable Instant since, @Nullable Instant before, Instant now) {
        Instant end = before == null ? now : before;
        Instant start = since == null ? end.minus(DEFAULT) : since;
        if (!start.isBefore(end)) {
            throw new InvalidRangeException("to", "The end must be after the start.");
        }
        if (!start.isBefore(now)) {
            throw new InvalidRangeException("from", "The start is in the future; nothing has happened there yet.");
        }
        if (start.isBefore(now.minus(MAX))) {
            throw new InvalidRangeException(
                    "from", "Cloudflare keeps its audit log for 30 days: choose a start within the last 30 days.");
        }
        return new ReconcileRange(start, end);
    }

    /** A range that Cloudflare or the user got wrong, with the form field it concerns. */
    public static final class InvalidRangeException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final String field;

        InvalidRangeException(String field, String message) {
            super(message);
            this.field = field;
        }

        /** {@code from} or {@code to}. */
        public String field() {
            return field;
        }
    }
}
