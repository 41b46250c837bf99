package dev.flarelink.users;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A user's page: profile, linked accounts, active sessions and recent auth events. Never a password hash, an OAuth
 * token or a session token.
 *
 * @param banExpires when the ban ends (ISO-8601), null for a ban until unbanned
 * @param sessionsNote why the sessions could not be listed, or null
 * @param email what links can be sent: null when the project's Worker has e-mail configured, else the reason
 */
public record UserDetail(
        AuthProject project,
        String id,
        String email,
        String name,
        boolean verified,
        @Nullable String image,
        String createdAt,
        String updatedAt,
        boolean banned,
        @Nullable String banReason,
        @Nullable String banExpires,
        List<LinkedAccount> accounts,
        List<SessionView> sessions,
        @Nullable String sessionsNote,
        List<AuthEvent> events,
        @Nullable String eventType,
        @Nullable String emailUnavailable) {

    /** A sign-in method linked to the user: its provider and dates only. */
    public record LinkedAccount(String providerId, String createdAt, String updatedAt) {}

    /** An active session as better-auth stored it in KV, without its token. */
    public record SessionView(
            @Nullable String createdAt,
            @Nullable String expiresAt,
            @Nullable String ipAddress,
            @Nullable String userAgent) {}

    /** One auth event the Worker recorded. */
    public record AuthEvent(
            String at,
            String type,
            @Nullable String ip,
            @Nullable String userAgent) {}

    /** The event types the Worker records, for the timeline's filter. */
    public static final List<String> EVENT_TYPES = List.of(
            "sign_up",
            "sign_in",
            "sign_in_failed",
            "sign_out",
            "password_changed",
            "password_reset",
            "email_verified",
            "ban_refused");
}
