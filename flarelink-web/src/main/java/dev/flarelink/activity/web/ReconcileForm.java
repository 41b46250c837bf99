package dev.flarelink.activity.web;

import dev.flarelink.activity.reconcile.ReconcileRange;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.Errors;

/** The reconciliation form as typed: a connection and an optional UTC time range, each checked next to its field. */
final class ReconcileForm {

    private @Nullable String connection;
    private @Nullable String from;
    private @Nullable String to;

    /** Whether the form was submitted (a connection was chosen) rather than just opened. */
    boolean submitted() {
        return connection != null;
    }

    @Nullable
    UUID connectionId(Errors errors) {
        try {
            return UUID.fromString(connection == null ? "" : connection.strip());
        } catch (IllegalArgumentException e) {
            errors.rejectValue("connection", "invalid", "Choose one of your connections.");
            return null;
        }
    }

    @Nullable
    ReconcileRange range(Instant now, Errors errors) {
        Instant since = UtcTimeField.parse("from", from, errors);
        Instant before = UtcTimeField.parse("to", to, errors);
        if (errors.hasFieldErrors("from") || errors.hasFieldErrors("to")) {
            return null;
        }
        try {
            return ReconcileRange.of(since, before, now);
        } catch (ReconcileRange.InvalidRangeException e) {
            errors.rejectValue(e.field(), "range", e.getMessage());
            return null;
        }
    }

    /** Shows the range actually compared in the fields, so the defaults are visible. */
    void show(ReconcileRange range) {
        from = text(range.since());
        to = text(range.before());
    }

    private static String text(Instant time) {
        return LocalDateTime.ofInstant(time.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC)
                .toString();
    }

    public @Nullable String getConnection() {
        return connection;
    }

    public void setConnection(@Nullable String connection) {
        this.connection = connection;
    }

    public @Nullable String getFrom() {
        return from;
    }

    public void setFrom(@Nullable String from) {
        this.from = from;
    }

    public @Nullable String getTo() {
        return to;
    }

    public void setTo(@Nullable String to) {
        this.to = to;
    }
}
