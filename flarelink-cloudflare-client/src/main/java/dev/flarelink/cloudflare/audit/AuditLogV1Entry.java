package dev.flarelink.cloudflare.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An audit log v1 entry (no token id: correlate by actor email, time and resource).
 *
 * @param id entry id
 * @param when time of the action
 * @param action type and result
 * @param actor who acted
 * @param interfaceName where the action came from ({@code interface} in JSON)
 * @param resource the affected resource
 * @param newValue new value, if reported
 * @param oldValue old value, if reported
 */
public record AuditLogV1Entry(
        String id,
        @Nullable Instant when,
        @Nullable Action action,
        @Nullable Actor actor,
        @JsonProperty("interface") @Nullable String interfaceName,
        @Nullable Resource resource,
        @JsonProperty("newValue") @Nullable String newValue,
        @JsonProperty("oldValue") @Nullable String oldValue) {

    /** @param type action type @param result whether it succeeded */
    public record Action(@Nullable String type, @Nullable Boolean result) {}

    /** @param id actor id @param email actor email @param ip source IP @param type user|admin|Cloudflare */
    public record Actor(
            @Nullable String id,
            @Nullable String email,
            @Nullable String ip,
            @Nullable String type) {}

    /** @param id resource id @param type resource type */
    public record Resource(@Nullable String id, @Nullable String type) {}
}
