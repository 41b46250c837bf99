package dev.flarelink.trust;

import java.io.Serializable;

/**
 * Whether the connection's stored token still works, as Cloudflare answered just now. Serializable: it travels as a
 * flash attribute through the JDBC session.
 *
 * @param revoked true when Cloudflare rejects the token
 * @param message the answer in words
 */
public record TokenCheck(boolean revoked, String message) implements Serializable {

    private static final long serialVersionUID = 1L;

    static TokenCheck of(boolean revoked) {
        return new TokenCheck(
                revoked,
                revoked
                        ? "Revoked — Flarelink can no longer act in your Cloudflare account."
                        : "Still active — Flarelink can still act with this token. Revoke it in the Cloudflare dashboard"
                                + " (My Profile → API Tokens) and check again.");
    }
}
