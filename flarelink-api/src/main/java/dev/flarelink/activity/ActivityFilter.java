package dev.flarelink.activity;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which events of a user to show or export; every field is optional and the fields narrow together.
 *
 * @param projectId only events of this project
 * @param action only this action name, exactly (e.g. {@code d1.query})
 * @param outcome only this outcome ({@code ok}, {@code client_error}, ...)
 * @param from only events at or after this instant
 * @param to only events before this instant
 * @param text only events whose action, path, resource ids and names, detail or cf-ray contains this text, ignoring
 *     case
 * @param kind only events of this kind of resource (by action-name prefix)
 * @param resource only events whose resource ids or names (a bucket, database id, table) contain this, ignoring case
 */
public record ActivityFilter(
        @Nullable UUID projectId,
        @Nullable String action,
        @Nullable String outcome,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable String text,
        @Nullable ActivityKind kind,
        @Nullable String resource) {

    /** The outcomes an event can have, in the order a filter offers them. */
    public static final java.util.List<String> OUTCOMES =
            java.util.List.of("ok", "client_error", "server_error", "conn_error", "failed");

    public ActivityFilter {
        action = blankToNull(action);
        outcome = blankToNull(outcome);
        text = blankToNull(text);
        resource = blankToNull(resource);
    }

    /** A filter without kind or resource. */
    public ActivityFilter(
            @Nullable UUID projectId,
            @Nullable String action,
            @Nullable String outcome,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable String text) {
        this(projectId, action, outcome, from, to, text, null, null);
    }

    /** Every event of the user. */
    public static ActivityFilter none() {
        return new ActivityFilter(null, null, null, null, null, null, null, null);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
