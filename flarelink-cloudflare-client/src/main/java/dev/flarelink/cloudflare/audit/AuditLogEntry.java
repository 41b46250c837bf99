package dev.flarelink.cloudflare.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An audit log v2 entry; {@code raw.cfRayId} joins it to the {@code cf-ray} of a Flarelink call.
 *
 * @param id audit log id
 * @param account the account
 * @param action what happened
 * @param actor who did it (with the API token id for token calls)
 * @param raw the HTTP request behind it
 * @param resource the affected resource
 * @param zone the zone, for zone-level actions
 */
public record AuditLogEntry(
        String id,
        @Nullable Account account,
        @Nullable Action action,
        @Nullable Actor actor,
        @Nullable Raw raw,
        @Nullable Resource resource,
        @Nullable Zone zone) {

    /** @param id account id @param name account name */
    public record Account(@Nullable String id, @Nullable String name) {}

    /**
     * @param type {@code create|delete|view|update}
     * @param description human-readable action
     * @param result {@code success|failure}
     * @param time when it happened
     */
    public record Action(
            @Nullable String type,
            @Nullable String description,
            @Nullable String result,
            @Nullable Instant time) {}

    /**
     * @param id user id
     * @param type {@code account|cloudflare_admin|system|user}
     * @param context {@code api_key|api_token|dash|oauth|origin_ca_key}
     * @param email actor email
     * @param ipAddress source IP
     * @param tokenId API token id (token calls)
     * @param tokenName API token name
     */
    public record Actor(
            @Nullable String id,
            @Nullable String type,
            @Nullable String context,
            @Nullable String email,
            @Nullable String ipAddress,
            @Nullable String tokenId,
            @Nullable String tokenName) {}

    /**
     * @param cfRayId ray id without the colo suffix
     * @param method HTTP method
     * @param statusCode HTTP status
     * @param uri request path
     * @param userAgent user agent (Flarelink sends {@code flarelink/<version>})
     */
    public record Raw(
            @Nullable String cfRayId,
            @Nullable String method,
            @Nullable Integer statusCode,
            @Nullable String uri,
            @Nullable String userAgent) {}

    /** @param id resource id @param product product, e.g. workers @param type resource type */
    public record Resource(
            @Nullable String id,
            @Nullable String product,
            @Nullable String type) {}

    /** @param id zone id @param name zone name */
    public record Zone(@Nullable String id, @Nullable String name) {}
}
