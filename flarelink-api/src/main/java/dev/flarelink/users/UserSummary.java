package dev.flarelink.users;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One row of the Users list. Never a password hash or token.
 *
 * @param lastSignIn the latest sign_in auth event (ISO-8601), or null when none is recorded (retention, or a Worker
 *     before 0.4.0)
 * @param providers the linked sign-in methods: credential (e-mail and password), google, github
 */
public record UserSummary(
        String id,
        String email,
        String name,
        boolean verified,
        boolean banned,
        String createdAt,
        @Nullable String lastSignIn,
        List<String> providers) {}
