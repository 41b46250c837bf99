package dev.flarelink.account.web;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * A password sign-in waiting for its second step. It is only a session attribute: the security context stays
 * anonymous, so the half-signed-in session reaches nothing but the second-step page.
 */
public record PendingSignIn(UUID userId, String email, Instant since) implements Serializable {

    public static final String ATTRIBUTE = "flarelink.pendingSignIn";
}
