package dev.flarelink.provisioning;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A project's Authentication → Settings as read back from its own {@code flarelink_config}. Secrets are never here:
 * only whether one is set and its last four characters.
 *
 * @param authOrigin the origin apps and providers reach the Worker on: the custom domain when attached, else
 *     workers.dev (null before the Worker has an address)
 * @param templates kind → part → the saved override, or "" when the Worker's default is used
 * @param emailBinding the Worker is (or is being) uploaded with its {@code EMAIL} send_email binding
 * @param atRisk why browsers may drop the session cookie (Safari), with the fix; null when the setup is fine
 * @param defaultAppName the name emails use when {@code appName} is blank (the first trusted origin's host)
 */
public record AuthSettings(
        UUID projectId,
        String projectName,
        @Nullable String authOrigin,
        @Nullable String customDomain,
        String emailProvider,
        String emailFrom,
        String appName,
        SecretStatus resendKey,
        boolean requireEmailVerification,
        boolean sendVerificationOnSignUp,
        boolean magicLinkEnabled,
        boolean magicLinkDisableSignUp,
        String googleClientId,
        SecretStatus googleSecret,
        String githubClientId,
        SecretStatus githubSecret,
        Map<String, Map<String, String>> templates,
        int iterations,
        boolean emailBinding,
        @Nullable String atRisk,
        String defaultAppName) {

    public static final int STANDARD_ITERATIONS = 100_000;
    public static final int HARDENED_ITERATIONS = 600_000;

    /** Whether a secret is set, and its last four characters when it is long enough to show them safely. */
    public record SecretStatus(boolean set, String last4) {

        static final SecretStatus UNSET = new SecretStatus(false, "");

        /** "set, ends …abcd", "set", or "not set". */
        public String describe() {
            if (!set) {
                return "not set";
            }
            return last4.isEmpty() ? "set" : "set, ends …" + last4;
        }
    }

    /** Email can be sent: a provider and a From address (and, for Resend, a key). */
    public boolean emailConfigured() {
        return switch (emailProvider) {
            case "resend" -> !emailFrom.isEmpty() && resendKey.set();
            case "cloudflare" -> !emailFrom.isEmpty();
            default -> false;
        };
    }

    public boolean hardened() {
        return iterations > STANDARD_ITERATIONS;
    }

    /** The exact redirect URI to register at Google or GitHub, or null before the Worker has an address. */
    public @Nullable String redirectUri(String provider) {
        return authOrigin == null ? null : authOrigin + "/api/auth/callback/" + provider;
    }

    public boolean googleOn() {
        return !googleClientId.isEmpty() && googleSecret.set();
    }

    public boolean githubOn() {
        return !githubClientId.isEmpty() && githubSecret.set();
    }

    /** After a custom domain is attached, providers registered with the workers.dev URI must be updated. */
    public boolean providerWarning() {
        return customDomain != null && (googleOn() || githubOn());
    }

    /** The app name emails show. */
    public String shownAppName() {
        return appName.isEmpty() ? defaultAppName : appName;
    }

    public String template(String kind, String part) {
        return templates.getOrDefault(kind, Map.of()).getOrDefault(part, "");
    }

    /**
     * The Safari problem (docs: "Cookies and Safari"): a trusted origin on a real site while the Worker answers on
     * another site, so its session cookie is third-party there.
     */
    public static @Nullable String atRisk(List<String> trustedOrigins, @Nullable String customDomain) {
        for (String origin : trustedOrigins) {
            String host = URI.create(origin).getHost();
            if (host == null || host.equals("localhost") || host.endsWith(".localhost") || host.equals("127.0.0.1")) {
                continue;
            }
            if (customDomain == null || !site(host).equals(site(customDomain))) {
                return origin + " is a real site, but the Worker answers on "
                        + (customDomain == null ? "workers.dev" : customDomain)
                        + ", another site: Safari and iOS drop its session cookie there (sign-in seems to work, then "
                        + "the user is signed out). Fix: attach a custom domain on the same site, such as auth."
                        + site(host) + ".";
            }
        }
        return null;
    }

    /** The registrable part of a host, approximated by its last two labels (three under a two-letter ccTLD SLD). */
    static String site(String host) {
        String[] labels = host.toLowerCase(java.util.Locale.ROOT).split("\\.");
        int n = labels.length;
        if (n <= 2) {
            return host.toLowerCase(java.util.Locale.ROOT);
        }
        boolean countrySecondLevel = labels[n - 1].length() == 2
                && List.of("co", "com", "net", "org", "ac", "gov", "edu").contains(labels[n - 2]);
        int keep = countrySecondLevel ? 3 : 2;
        return String.join(".", java.util.Arrays.copyOfRange(labels, n - keep, n));
    }
}
