package dev.flarelink.cloudflare.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Filters of an audit log v2 listing; {@code since} and {@code before} are required by Cloudflare.
 *
 * @param since start of the time range (inclusive)
 * @param before end of the time range (exclusive)
 * @param actorTokenId only actions done with this API token id
 * @param actorEmail only actions of this user
 * @param rawCfRayId only the entry for this ray id (colo suffix stripped automatically)
 * @param direction {@code desc} (default) or {@code asc}
 * @param limit page size (Cloudflare default 100)
 */
public record AuditLogQuery(
        Instant since,
        Instant before,
        @Nullable String actorTokenId,
        @Nullable String actorEmail,
        @Nullable String rawCfRayId,
        @Nullable String direction,
        int limit) {

    public AuditLogQuery {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(before, "before");
        if (!since.isBefore(before)) {
            throw new IllegalArgumentException("since must be before before");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        if (rawCfRayId != null && rawCfRayId.contains("-")) {
            // Audit logs store the ray id without the "-<colo>" suffix the response header carries.
            rawCfRayId = rawCfRayId.substring(0, rawCfRayId.indexOf('-'));
        }
    }

    /** All entries in a time range, 100 per page, newest first. */
    public static AuditLogQuery between(Instant since, Instant before) {
        return new AuditLogQuery(since, before, null, null, null, null, 100);
    }

    public AuditLogQuery byToken(String tokenId) {
        return new AuditLogQuery(since, before, tokenId, actorEmail, rawCfRayId, direction, limit);
    }

    public AuditLogQuery byActorEmail(String email) {
        return new AuditLogQuery(since, before, actorTokenId, email, rawCfRayId, direction, limit);
    }

    public AuditLogQuery byRay(String cfRay) {
        return new AuditLogQuery(since, before, actorTokenId, actorEmail, cfRay, direction, limit);
    }

    public AuditLogQuery withLimit(int limit) {
        return new AuditLogQuery(since, before, actorTokenId, actorEmail, rawCfRayId, direction, limit);
    }

    String sinceParam() {
        return since.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    String beforeParam() {
        return before.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
