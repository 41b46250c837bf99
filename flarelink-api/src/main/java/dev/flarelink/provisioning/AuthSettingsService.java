package dev.flarelink.provisioning;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.cloudflare.d1.D1Statement;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Authentication → Settings of a project: email sending, templates, Google and GitHub sign-in, hashing strength. The
 * settings live only in the project's own {@code flarelink_config} (read and written through the D1 API, values as
 * bound parameters); Flarelink's database keeps none of them. Each save carries a reload ticket so the Worker applies
 * it at once, and is recorded in the Activity log without any secret.
 */
@Service
public class AuthSettingsService {

    static final String RESEND_KEY = "RESEND_API_KEY";
    static final String GOOGLE_SECRET = "GOOGLE_CLIENT_SECRET";
    static final String GITHUB_SECRET = "GITHUB_CLIENT_SECRET";
    private static final List<String> SECRETS = List.of(RESEND_KEY, GOOGLE_SECRET, GITHUB_SECRET);
    private static final List<String> PLAIN = List.of(
            "EMAIL_PROVIDER",
            "EMAIL_FROM",
            "APP_NAME",
            "REQUIRE_EMAIL_VERIFICATION",
            "SEND_VERIFICATION_ON_SIGNUP",
            "MAGIC_LINK_ENABLED",
            "MAGIC_LINK_DISABLE_SIGNUP",
            "GOOGLE_CLIENT_ID",
            "GITHUB_CLIENT_ID",
            "PBKDF2_ITERATIONS");
    private static final String UPSERT = "INSERT INTO flarelink_config (key, value, updated_at) VALUES (?1, ?2, "
            + "unixepoch()) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";
    private static final String DELETE = "DELETE FROM flarelink_config WHERE key = ?1";
    /** A secret shows its last four characters only when it is long enough that they give little away. */
    private static final int SHOW_LAST4_FROM = 16;

    private static final Pattern ADDRESS =
            Pattern.compile("[^\\s@<>\"',;]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");
    private static final Pattern NAMED_ADDRESS =
            Pattern.compile("([^<>\"\\r\\n]{1,100}) <(" + ADDRESS.pattern() + ")>");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{8,200}");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{4,200}");

    private final ProvisioningService provisioning;
    private final ProjectRepository projects;
    private final ConnectionService connections;
    private final ActivityService activity;
    private final WorkerReloader reloader;
    private final WorkerTestEmail testEmail;
    private final Clock clock;
    private final D1ConfigStep configStep = new D1ConfigStep(new SecureRandom());

    AuthSettingsService(
            ProvisioningService provisioning,
            ProjectRepository projects,
            ConnectionService connections,
            ActivityService activity,
            WorkerReloader reloader,
            WorkerTestEmail testEmail,
            Clock clock) {
        this.provisioning = provisioning;
        this.projects = projects;
        this.connections = connections;
        this.activity = activity;
        this.reloader = reloader;
        this.testEmail = testEmail;
        this.clock = clock;
    }

    /**
     * Reads the settings from the project's {@code flarelink_config}. Secrets never leave D1: the query returns only
     * their last four characters.
     *
     * @throws ProjectNotFoundException when the project is not the user's
     * @throws ProjectStateException when the project is not active or Cloudflare refused the read
     */
    public AuthSettings read(UUID userId, UUID projectId) {
        Project project = ready(userId, projectId, false);
        List<String> keys = new ArrayList<>(PLAIN);
        keys.addAll(SECRETS);
        keys.addAll(EmailTemplates.keys());
        String secretList = SECRETS.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "));
        String placeholders =
                IntStream.rangeClosed(1, keys.size()).mapToObj(i -> "?" + i).collect(Collectors.joining(", "));
        String sql = "SELECT key, CASE WHEN key IN (" + secretList + ") THEN (CASE WHEN length(value) >= "
                + SHOW_LAST4_FROM + " THEN '*' || substr(value, -4) ELSE '*' END) ELSE value END AS value "
                + "FROM flarelink_config WHERE key IN (" + placeholders + ")";
        List<@Nullable Object> params = new ArrayList<>(keys);
        List<D1QueryResult> results =
                call(project, api -> api.d1().query(project.getAccountId(), database(project), sql, params));
        Map<String, String> raw = new HashMap<>();
        for (Map<String, @Nullable Object> row : results.get(0).results()) {
            raw.put(String.valueOf(row.get("key")), String.valueOf(row.get("value")));
        }
        return view(project, raw);
    }

    private AuthSettings view(Project project, Map<String, String> raw) {
        String provider = raw.getOrDefault("EMAIL_PROVIDER", "").trim().toLowerCase(Locale.ROOT);
        String from = raw.getOrDefault("EMAIL_FROM", "").trim();
        AuthSettings.SecretStatus resend = secret(raw, RESEND_KEY);
        boolean mail = !from.isEmpty() && (provider.equals("cloudflare") || provider.equals("resend") && resend.set());
        Map<String, Map<String, String>> templates = new LinkedHashMap<>();
        for (String kind : EmailTemplates.KINDS) {
            Map<String, String> parts = new LinkedHashMap<>();
            for (String part : EmailTemplates.PARTS) {
                parts.put(part, raw.getOrDefault(EmailTemplates.key(kind, part), ""));
            }
            templates.put(kind, parts);
        }
        int iterations;
        try {
            iterations =
                    Integer.parseInt(raw.getOrDefault("PBKDF2_ITERATIONS", "").trim());
        } catch (NumberFormatException unset) {
            iterations = AuthSettings.STANDARD_ITERATIONS;
        }
        String origin = project.getCustomDomain() != null
                ? "https://" + project.getCustomDomain()
                : trimSlash(project.getWorkersDevUrl());
        return new AuthSettings(
                project.getId(),
                project.getName(),
                origin,
                project.getCustomDomain(),
                provider.equals("resend") || provider.equals("cloudflare") ? provider : "none",
                from,
                raw.getOrDefault("APP_NAME", ""),
                resend,
                mail && flag(raw, "REQUIRE_EMAIL_VERIFICATION", false),
                mail && flag(raw, "SEND_VERIFICATION_ON_SIGNUP", false),
                mail && flag(raw, "MAGIC_LINK_ENABLED", true),
                flag(raw, "MAGIC_LINK_DISABLE_SIGNUP", false),
                raw.getOrDefault("GOOGLE_CLIENT_ID", ""),
                secret(raw, GOOGLE_SECRET),
                raw.getOrDefault("GITHUB_CLIENT_ID", ""),
                secret(raw, GITHUB_SECRET),
                templates,
                iterations,
                project.isEmailBinding(),
                AuthSettings.atRisk(project.trustedOrigins(), project.getCustomDomain()),
                fallbackAppName(project.trustedOrigins()));
    }

    /**
     * Saves the email settings. Choosing Cloudflare Email Sending starts a redeploy of the same Worker version with
     * its {@code EMAIL} binding attached.
     *
     * @throws ProjectInputException when a field is wrong (nothing is changed)
     */
    public String saveEmail(UUID userId, UUID projectId, AuthSettingsCommands.Email form) {
        Project project = ready(userId, projectId, true);
        AuthSettings current = read(userId, projectId);
        Map<String, String> errors = new LinkedHashMap<>();
        String provider = form.provider().trim().toLowerCase(Locale.ROOT);
        if (!List.of("none", "resend", "cloudflare").contains(provider)) {
            errors.put("provider", "Choose None, Resend or Cloudflare Email Sending.");
        }
        String from = form.from().trim();
        if (!provider.equals("none") && from.isEmpty()) {
            errors.put("from", "Enter the address emails come from, e.g. Acme <auth@acme.com>.");
        } else if (!from.isEmpty()
                && !ADDRESS.matcher(from).matches()
                && !NAMED_ADDRESS.matcher(from).matches()) {
            errors.put("from", "Write one address, auth@acme.com, or a name and address: Acme <auth@acme.com>.");
        }
        String appName = form.appName().trim();
        if (appName.length() > 100 || appName.contains("\n") || appName.contains("\r")) {
            errors.put("appName", "Keep the app name to one line of at most 100 characters.");
        }
        String key = form.resendKey().trim();
        if (!key.isEmpty() && (!TOKEN.matcher(key).matches() || !key.startsWith("re_"))) {
            errors.put("resendKey", "A Resend API key starts with re_ (Resend → API Keys); paste it whole.");
        } else if (provider.equals("resend")
                && key.isEmpty()
                && !current.resendKey().set()) {
            errors.put("resendKey", "Paste a Resend API key: Resend needs one to send.");
        }
        boolean anyToggle = form.requireEmailVerification()
                || form.sendVerificationOnSignUp()
                || form.magicLinkEnabled()
                || form.magicLinkDisableSignUp();
        if (provider.equals("none") && anyToggle) {
            errors.put(
                    "toggles",
                    "Verification emails and magic links need a way to send email: choose Resend or Cloudflare "
                            + "Email Sending first.");
        }
        if (!errors.isEmpty()) {
            throw new ProjectInputException(errors);
        }
        List<D1Statement> rows = new ArrayList<>();
        rows.add(provider.equals("none") ? delete("EMAIL_PROVIDER") : upsert("EMAIL_PROVIDER", provider));
        rows.add(from.isEmpty() ? delete("EMAIL_FROM") : upsert("EMAIL_FROM", from));
        rows.add(appName.isEmpty() ? delete("APP_NAME") : upsert("APP_NAME", appName));
        if (!provider.equals("resend")) {
            rows.add(delete(RESEND_KEY)); // a key that is not used is not kept either
        } else if (!key.isEmpty()) {
            rows.add(upsert(RESEND_KEY, key));
        }
        rows.add(upsert("REQUIRE_EMAIL_VERIFICATION", Boolean.toString(form.requireEmailVerification())));
        rows.add(upsert("SEND_VERIFICATION_ON_SIGNUP", Boolean.toString(form.sendVerificationOnSignUp())));
        rows.add(upsert("MAGIC_LINK_ENABLED", Boolean.toString(form.magicLinkEnabled())));
        rows.add(upsert("MAGIC_LINK_DISABLE_SIGNUP", Boolean.toString(form.magicLinkDisableSignUp())));
        String keyNote = !provider.equals("resend")
                ? (current.resendKey().set() ? "; Resend API key removed" : "")
                : key.isEmpty() ? "" : "; Resend API key changed";
        String detail = "provider " + provider + ", from " + (from.isEmpty() ? "(none)" : from)
                + ", require verification " + form.requireEmailVerification()
                + ", verification on sign-up " + form.sendVerificationOnSignUp()
                + ", magic links " + form.magicLinkEnabled()
                + ", magic links for existing accounts only " + form.magicLinkDisableSignUp() + keyNote;
        ReloadOutcome reload = write(project, rows, "auth.email_changed", detail);
        if (provider.equals("cloudflare") && !project.isEmailBinding()) {
            projects.change(projectId, changed -> changed.wantEmailBinding(clock.instant()));
            provisioning.redeploy(userId, projectId);
            return "Email settings saved. Redeploying the Worker (same version) to attach the EMAIL send_email "
                    + "binding; Cloudflare Email Sending works once that run finishes. " + reload.message();
        }
        return "Email settings saved. " + reload.message();
    }

    /**
     * Saves Google and GitHub sign-in.
     *
     * @throws ProjectInputException when an id or secret is malformed, or a new id comes without a secret
     */
    public String saveProviders(UUID userId, UUID projectId, AuthSettingsCommands.Providers form) {
        Project project = ready(userId, projectId, true);
        AuthSettings current = read(userId, projectId);
        Map<String, String> errors = new LinkedHashMap<>();
        List<D1Statement> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        provider(
                "google",
                form.googleClientId(),
                form.googleClientSecret(),
                current.googleSecret().set(),
                errors,
                rows,
                notes);
        provider(
                "github",
                form.githubClientId(),
                form.githubClientSecret(),
                current.githubSecret().set(),
                errors,
                rows,
                notes);
        if (!errors.isEmpty()) {
            throw new ProjectInputException(errors);
        }
        ReloadOutcome reload = write(project, rows, "auth.providers_changed", String.join("; ", notes));
        return "Sign-in providers saved. " + reload.message();
    }

    private static void provider(
            String name,
            String rawId,
            String rawSecret,
            boolean secretStored,
            Map<String, String> errors,
            List<D1Statement> rows,
            List<String> notes) {
        String upper = name.toUpperCase(Locale.ROOT);
        String label = name.equals("google") ? "Google" : "GitHub";
        String id = rawId.trim();
        String secret = rawSecret.trim();
        if (id.isEmpty()) {
            rows.add(delete(upper + "_CLIENT_ID"));
            rows.add(delete(upper + "_CLIENT_SECRET"));
            notes.add(label + " off");
            return;
        }
        if (!CLIENT_ID.matcher(id).matches()) {
            errors.put(name + "ClientId", "Paste the " + label + " client id as shown, without spaces.");
        } else if (name.equals("google") && !id.endsWith(".apps.googleusercontent.com")) {
            errors.put(
                    name + "ClientId",
                    "A Google client id ends with .apps.googleusercontent.com (Google Cloud "
                            + "Console → Credentials).");
        }
        if (!secret.isEmpty() && !TOKEN.matcher(secret).matches()) {
            errors.put(name + "ClientSecret", "Paste the " + label + " client secret whole, without spaces.");
        } else if (secret.isEmpty() && !secretStored) {
            errors.put(name + "ClientSecret", "Paste the " + label + " client secret too: sign-in needs both.");
        }
        rows.add(upsert(upper + "_CLIENT_ID", id));
        if (!secret.isEmpty()) {
            rows.add(upsert(upper + "_CLIENT_SECRET", secret));
        }
        notes.add(label + " client id " + id + (secret.isEmpty() ? "" : ", client secret changed"));
    }

    /**
     * Saves the template overrides; blank parts go back to the Worker's defaults.
     *
     * @throws ProjectInputException when a part uses an unknown placeholder, lacks {{url}}, or is too long
     */
    public String saveTemplates(UUID userId, UUID projectId, AuthSettingsCommands.Templates form) {
        Project project = ready(userId, projectId, true);
        Map<String, String> errors = new LinkedHashMap<>();
        List<D1Statement> rows = new ArrayList<>();
        List<String> custom = new ArrayList<>();
        for (String kind : EmailTemplates.KINDS) {
            for (String part : EmailTemplates.PARTS) {
                String field = kind + "." + part;
                String text = form.parts().getOrDefault(field, "").replace("\r\n", "\n");
                String trimmed = text.strip();
                String problem = EmailTemplates.problem(part, trimmed);
                if (problem != null) {
                    errors.put(field, "The " + kind + " " + part + " " + problem);
                }
                rows.add(
                        trimmed.isEmpty()
                                ? delete(EmailTemplates.key(kind, part))
                                : upsert(EmailTemplates.key(kind, part), trimmed));
                if (!trimmed.isEmpty()) {
                    custom.add(field);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProjectInputException(errors);
        }
        ReloadOutcome reload = write(
                project,
                rows,
                "auth.templates_changed",
                custom.isEmpty() ? "all templates back to the defaults" : "custom: " + String.join(", ", custom));
        return "Templates saved. " + reload.message();
    }

    /**
     * Sets the hashing strength: {@code standard} (100,000 iterations) or {@code hardened} (600,000).
     *
     * @throws ProjectInputException for any other value
     */
    public String saveHashing(UUID userId, UUID projectId, String strength) {
        Project project = ready(userId, projectId, true);
        int iterations = switch (strength.trim()) {
            case "standard" -> AuthSettings.STANDARD_ITERATIONS;
            case "hardened" -> AuthSettings.HARDENED_ITERATIONS;
            default -> throw new ProjectInputException(Map.of("strength", "Choose Standard or Hardened."));
        };
        ReloadOutcome reload = write(
                project,
                List.of(upsert("PBKDF2_ITERATIONS", Integer.toString(iterations))),
                "auth.hashing_changed",
                "PBKDF2 iterations " + iterations + " (existing hashes are upgraded at each user's next sign-in)");
        return "Password hashing set to " + String.format(Locale.ROOT, "%,d", iterations) + " iterations. "
                + reload.message();
    }

    /**
     * Asks the Worker to send one test email, through a one-time ticket written into {@code flarelink_config}.
     *
     * @param template {@code verify}, {@code reset}, {@code magic-link}, or blank for a plain test message
     * @throws ProjectInputException when the address or template is wrong (nothing is written)
     */
    public WorkerTestEmail.Result sendTestEmail(UUID userId, UUID projectId, String to, String template) {
        Project project = ready(userId, projectId, true);
        String address = to.trim();
        if (!ADDRESS.matcher(address).matches()) {
            throw new ProjectInputException(Map.of("to", "Enter one email address, like you@example.com."));
        }
        String kind = template.trim();
        if (!kind.isEmpty() && !EmailTemplates.KINDS.contains(kind)) {
            throw new ProjectInputException(Map.of("template", "Choose one of the templates, or the plain test."));
        }
        WorkerTestEmail.Ticket ticket = testEmail.issue();
        call(project, api -> api.d1().batch(project.getAccountId(), database(project), ticket.statements()));
        WorkerTestEmail.Result result = testEmail.send(
                project.getCustomDomain() == null ? project.getWorkersDevUrl() : "https://" + project.getCustomDomain(),
                ticket,
                address,
                kind);
        record(project, "auth.test_email", result.sent() ? "ok" : "failed", "to " + address + ": " + result.message());
        return result;
    }

    /**
     * A saved template part (or the default) rendered the way the Worker renders it, with an example link; in the
     * HTML part the app name and link are escaped.
     */
    public String preview(AuthSettings settings, String kind, String part) {
        if (!EmailTemplates.KINDS.contains(kind) || !EmailTemplates.PARTS.contains(part)) {
            throw new ProjectInputException(Map.of("template", "Unknown template."));
        }
        String origin = settings.authOrigin() == null ? "https://auth.example.com" : settings.authOrigin();
        return EmailTemplates.render(
                kind, part, settings.template(kind, part), origin + "/api/auth/example-link", settings.shownAppName());
    }

    private static String fallbackAppName(List<String> origins) {
        if (origins.isEmpty()) {
            return "your app";
        }
        String host = java.net.URI.create(origins.get(0)).getHost();
        return host == null ? "your app" : host.replaceFirst("^www\\.", "");
    }

    private ReloadOutcome write(Project project, List<D1Statement> rows, String action, String detail) {
        ReloadTicket ticket = reloader.issue();
        List<D1Statement> batch = new ArrayList<>(rows);
        batch.addAll(ticket.statements());
        call(project, api -> api.d1().batch(project.getAccountId(), database(project), batch));
        record(project, action, "ok", detail);
        return reloader.ping(
                project.getUserId(), project.getConnectionId(), project.getId(), project.getWorkersDevUrl(), ticket);
    }

    private Project ready(UUID userId, UUID projectId, boolean idle) {
        ProjectView view = provisioning.get(userId, projectId); // 404 for anyone but the owner
        if (!view.active() || idle && view.busy()) {
            throw new ProjectStateException(
                    idle
                            ? "The project must be ready, with no run going on, for this change."
                            : "The project is not ready yet: its settings can be read once provisioning has finished.");
        }
        return projects.findByIdAndUserId(projectId, userId).orElseThrow();
    }

    private <T> T call(Project project, Function<CloudflareApi, T> work) {
        ConnectedAccount account = connections.open(project.getUserId(), project.getConnectionId(), project.getId());
        try {
            return account.call(work);
        } catch (RuntimeException failed) {
            throw new ProjectStateException(CloudflareErrors.explain(failed, configStep) + " Nothing was changed.");
        }
    }

    private void record(Project project, String action, String outcome, String detail) {
        activity.recordAction(ActivityEntry.action(
                project.getUserId(), action, project.getConnectionId(), project.getId(), outcome, detail));
    }

    private static String database(Project project) {
        return Objects.requireNonNull(project.getD1DatabaseId(), "d1DatabaseId");
    }

    private static D1Statement upsert(String key, String value) {
        return D1Statement.of(UPSERT, key, value);
    }

    private static D1Statement delete(String key) {
        return D1Statement.of(DELETE, key);
    }

    private static boolean flag(Map<String, String> raw, String key, boolean fallback) {
        String value = raw.get(key);
        return value == null || value.isEmpty() ? fallback : value.trim().equalsIgnoreCase("true");
    }

    private static AuthSettings.SecretStatus secret(Map<String, String> raw, String key) {
        String shown = raw.get(key);
        if (shown == null || !shown.startsWith("*")) {
            return AuthSettings.SecretStatus.UNSET;
        }
        return new AuthSettings.SecretStatus(true, shown.substring(1));
    }

    private static @Nullable String trimSlash(@Nullable String url) {
        return url == null ? null : url.replaceAll("/+$", "");
    }
}
