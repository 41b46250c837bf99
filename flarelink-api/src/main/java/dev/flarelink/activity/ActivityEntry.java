package dev.flarelink.activity;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One event as it is chained and stored. Never holds a token, key, secret or password; {@code detail} is the SQL
 * statement of a D1 call (bound values left out) or a short description of an action.
 *
 * @param seq 1-based position in the user's chain
 * @param kind {@code call} for a Cloudflare HTTP attempt, {@code action} for a dashboard action
 * @param resourceIds the ids in the path, as {@code name=value} pairs joined by {@code ,}
 * @param errorCodes Cloudflare error codes joined by {@code ,}
 * @param outcome {@code ok}, {@code client_error}, {@code server_error}, {@code conn_error} or {@code failed}
 */
public record ActivityEntry(
        UUID userId,
        long seq,
        Instant occurredAt,
        String kind,
        String action,
        @Nullable UUID connectionId,
        @Nullable UUID projectId,
        @Nullable String method,
        @Nullable String path,
        @Nullable String resourceIds,
        @Nullable Integer status,
        @Nullable String errorCodes,
        @Nullable String cfRay,
        @Nullable Integer durationMs,
        @Nullable Integer attempt,
        String outcome,
        @Nullable String detail) {

    /** Longest statement text kept for a D1 call (4 KB, as documented). */
    public static final int MAX_DETAIL = 4096;

    public ActivityEntry {
        if (detail != null && detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL);
        }
    }

    /** A dashboard action (connected, project provisioned, row inserted...), not yet placed in the chain. */
    public static ActivityEntry action(
            UUID userId,
            String action,
            @Nullable UUID connectionId,
            @Nullable UUID projectId,
            String outcome,
            @Nullable String detail) {
        return new ActivityEntry(
                userId,
                0,
                Instant.EPOCH,
                "action",
                action,
                connectionId,
                projectId,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                outcome,
                detail);
    }

    /**
     * This action naming the resources it concerns ({@code name=value} pairs joined by {@code ,}, as calls carry the
     * ids in their path), so the Activity resource filter finds actions and calls alike.
     */
    public ActivityEntry withResources(String ids) {
        return new ActivityEntry(
                userId,
                seq,
                occurredAt,
                kind,
                action,
                connectionId,
                projectId,
                method,
                path,
                ids,
                status,
                errorCodes,
                cfRay,
                durationMs,
                attempt,
                outcome,
                detail);
    }

    ActivityEntry placedAt(long newSeq, Instant when) {
        return new ActivityEntry(
                userId,
                newSeq,
                when,
                kind,
                action,
                connectionId,
                projectId,
                method,
                path,
                resourceIds,
                status,
                errorCodes,
                cfRay,
                durationMs,
                attempt,
                outcome,
                detail);
    }
}
