package dev.flarelink.provisioning;

import java.util.Map;

/** The forms of Authentication → Settings. Secrets are blank to keep the stored one; toString never shows them. */
public final class AuthSettingsCommands {

    private AuthSettingsCommands() {}

    /**
     * Email sending.
     *
     * @param provider {@code none}, {@code resend} or {@code cloudflare}
     * @param resendKey a new Resend API key, or blank to keep the stored one
     */
    public record Email(
            String provider,
            String from,
            String appName,
            String resendKey,
            boolean requireEmailVerification,
            boolean sendVerificationOnSignUp,
            boolean magicLinkEnabled,
            boolean magicLinkDisableSignUp) {

        @Override
        public String toString() {
            return "Email[provider=" + provider + ", from=" + from + ", resendKey=(redacted)]";
        }
    }

    /**
     * Google and GitHub sign-in. A blank client id turns the provider off and removes its secret.
     *
     * @param googleClientSecret a new secret, or blank to keep the stored one
     * @param githubClientSecret a new secret, or blank to keep the stored one
     */
    public record Providers(
            String googleClientId, String googleClientSecret, String githubClientId, String githubClientSecret) {

        @Override
        public String toString() {
            return "Providers[googleClientId=" + googleClientId + ", githubClientId=" + githubClientId
                    + ", secrets=(redacted)]";
        }
    }

    /**
     * Template overrides.
     *
     * @param parts {@code <kind>.<part>} (e.g. {@code magic-link.html}) to its text; blank uses the default
     */
    public record Templates(Map<String, String> parts) {}
}
