package dev.flarelink.trust;

/**
 * Whether the connection's stored token still works, as Cloudflare answered just now.
 *
 * @param revoked true when Cloudflare rejects the token
 * @param message the answer in words
 */
public record TokenCheck(boolean revoked, String message) {

    static TokenCheck of(boolean revoked) {
        return new TokenCheck(
                revoked,
                revoked
                        ? "Revoked — Flarelink can no longer act in your Cloudflare account."
                        : "Still active — Flarelink can still act with this token. Revoke it in the Cloudflare dashboard"
                                + " (My Profile → API Tokens) and check again.");
    }
}
