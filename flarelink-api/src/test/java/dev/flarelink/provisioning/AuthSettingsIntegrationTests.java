package dev.flarelink.provisioning;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.cloudflare.workers.WorkerSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Authentication → Settings against the sandbox: every setting round-trips through the project's own
 * {@code flarelink_config} (read back through the D1 API), secrets stay out of PostgreSQL and the Activity log, and
 * the test email goes through a stand-in Worker (WireMock) answering the way the real one does (test-email.test.mjs).
 */
class AuthSettingsIntegrationTests extends ProvisioningTestSupport {

    private static final String RESEND_KEY = "re_live_0123456789abcdefWXYZ";
    private static final String GITHUB_SECRET = "ghsecret_0123456789abcdef5678";
    private static final String GOOGLE_SECRET = "GOCSPX-0123456789abcdefQRST";
    private static final WireMockServer worker = new WireMockServer(options().dynamicPort());

    static {
        worker.start();
    }

    @DynamicPropertySource
    static void workerAddress(DynamicPropertyRegistry registry) {
        registry.add("flarelink.reload.target", () -> "http://localhost:" + worker.port());
    }

    @AfterAll
    static void stopWorker() {
        worker.stop();
    }

    @Autowired
    AuthSettingsService settings;

    @BeforeEach
    void freshWorker() {
        worker.resetAll();
        worker.stubFor(post("/__flarelink/reload-config").willReturn(okJson("{\"ok\":true,\"version\":\"0.5.0\"}")));
    }

    @Test
    void emailSettingsRoundTripThroughFlarelinkConfigAndTheKeyIsNeverKeptOrShown() {
        ProjectView project = createAndWait("mail", "https://mail.example.com", null);

        String message = settings.saveEmail(
                user, project.id(), email("resend", "Acme <auth@mail.example.com>", RESEND_KEY, true));

        assertThat(message).contains("Email settings saved", "live");
        Map<String, String> config = config(project.d1DatabaseId());
        assertThat(config)
                .containsEntry("EMAIL_PROVIDER", "resend")
                .containsEntry("EMAIL_FROM", "Acme <auth@mail.example.com>")
                .containsEntry("APP_NAME", "Acme")
                .containsEntry("RESEND_API_KEY", RESEND_KEY)
                .containsEntry("MAGIC_LINK_ENABLED", "true")
                .containsEntry("REQUIRE_EMAIL_VERIFICATION", "true");
        assertThat(config.get("RELOAD_TICKET_HASH")).matches("[0-9a-f]{64}");
        AuthSettings read = settings.read(user, project.id());
        assertThat(read.emailConfigured()).isTrue();
        assertThat(read.resendKey().describe()).isEqualTo("set, ends …WXYZ");
        assertThat(read.toString()).doesNotContain(RESEND_KEY, "0123456789abcdef");
        assertThat(read.magicLinkEnabled()).isTrue();

        // A blank key keeps the stored one; switching provider removes it.
        settings.saveEmail(user, project.id(), email("resend", "auth@mail.example.com", "", false));
        assertThat(config(project.d1DatabaseId())).containsEntry("RESEND_API_KEY", RESEND_KEY);
        settings.saveEmail(user, project.id(), email("none", "", "", false));
        assertThat(config(project.d1DatabaseId())).doesNotContainKeys("RESEND_API_KEY", "EMAIL_PROVIDER");

        assertThat(activityDetails("auth.email_changed"))
                .hasSize(3)
                .anyMatch(d -> d.contains("Resend API key changed"))
                .anyMatch(d -> d.contains("Resend API key removed"));
        assertThat(everythingInPostgres()).doesNotContain(RESEND_KEY, RESEND_KEY.substring(3));
    }

    @Test
    void emailDependentSwitchesNeedAProviderAndBadInputChangesNothing() {
        ProjectView project = createAndWait("toggles", "https://toggles.example.com", null);
        Map<String, String> before = config(project.d1DatabaseId());

        assertThatThrownBy(() -> settings.saveEmail(user, project.id(), email("none", "", "", true)))
                .isInstanceOfSatisfying(
                        ProjectInputException.class,
                        e -> assertThat(e.fieldErrors().get("toggles")).contains("need a way to send email"));
        assertThatThrownBy(() -> settings.saveEmail(user, project.id(), email("resend", "not-an-address", "", false)))
                .isInstanceOfSatisfying(
                        ProjectInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKeys("from", "resendKey"));
        assertThatThrownBy(() -> settings.saveEmail(
                        user, project.id(), email("resend", "a@b.example", "sk_wrong_kind_of_key", false)))
                .isInstanceOfSatisfying(
                        ProjectInputException.class,
                        e -> assertThat(e.fieldErrors().get("resendKey")).contains("starts with re_"));
        assertThat(config(project.d1DatabaseId())).isEqualTo(before);
        AuthSettings read = settings.read(user, project.id());
        assertThat(read.emailConfigured()).isFalse();
        assertThat(read.magicLinkEnabled())
                .as("the Worker's default (on) counts only with email")
                .isFalse();
    }

    @Test
    void cloudflareEmailSendingRedeploysTheSameVersionWithTheSendEmailBinding() {
        ProjectView project = createAndWait("cfmail", "https://cfmail.example.com", null);
        assertThat(bindingTypes("flarelink-cfmail-auth")).doesNotContain("send_email");

        String message =
                settings.saveEmail(user, project.id(), email("cloudflare", "auth@cfmail.example.com", "", true));

        assertThat(message).contains("Redeploying", "EMAIL");
        ProjectView after = await(project.id());
        assertThat(after.run().kind()).isEqualTo("redeploy");
        assertThat(after.run().status()).isEqualTo("succeeded");
        assertThat(after.deployedVersion()).isEqualTo(project.deployedVersion());
        assertThat(bindingTypes("flarelink-cfmail-auth")).contains("d1", "kv_namespace", "send_email");
        assertThat(cf.workers()
                        .settings(account.accountId(), "flarelink-cfmail-auth")
                        .bindingList())
                .anyMatch(b -> b.type().equals("send_email") && b.name().equals("EMAIL"));
        assertThat(settings.read(user, project.id()).emailBinding()).isTrue();
        assertThat(config(project.d1DatabaseId())).containsEntry("EMAIL_PROVIDER", "cloudflare");
    }

    @Test
    void providersKeepSecretsInTheWorkerOnlyAndShowTheExactRedirectUri() {
        ProjectView project = createAndWait("social", "https://social.example.com", null);

        assertThatThrownBy(() -> settings.saveProviders(
                        user, project.id(), new AuthSettingsCommands.Providers("not-google", "", "gh-id", "")))
                .isInstanceOfSatisfying(
                        ProjectInputException.class,
                        e -> assertThat(e.fieldErrors())
                                .containsKeys("googleClientId", "googleClientSecret", "githubClientSecret"));
        settings.saveProviders(
                user,
                project.id(),
                new AuthSettingsCommands.Providers(
                        "123-abc.apps.googleusercontent.com", GOOGLE_SECRET, "Iv1.gh-client", GITHUB_SECRET));

        Map<String, String> config = config(project.d1DatabaseId());
        assertThat(config)
                .containsEntry("GOOGLE_CLIENT_ID", "123-abc.apps.googleusercontent.com")
                .containsEntry("GOOGLE_CLIENT_SECRET", GOOGLE_SECRET)
                .containsEntry("GITHUB_CLIENT_ID", "Iv1.gh-client")
                .containsEntry("GITHUB_CLIENT_SECRET", GITHUB_SECRET);
        AuthSettings read = settings.read(user, project.id());
        assertThat(read.googleOn()).isTrue();
        assertThat(read.githubSecret().describe()).isEqualTo("set, ends …5678");
        assertThat(read.redirectUri("github"))
                .isEqualTo(project.workersDevUrl().replaceAll("/+$", "") + "/api/auth/callback/github");
        assertThat(read.providerWarning()).isFalse();

        // A blank secret keeps the stored one; a blank id turns the provider off and removes its secret.
        settings.saveProviders(user, project.id(), new AuthSettingsCommands.Providers("", "", "Iv1.gh-client", ""));
        assertThat(config(project.d1DatabaseId()))
                .containsEntry("GITHUB_CLIENT_SECRET", GITHUB_SECRET)
                .doesNotContainKeys("GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET");
        assertThat(activityDetails("auth.providers_changed"))
                .anyMatch(d -> d.contains("client secret changed"))
                .allMatch(d -> !d.contains(GITHUB_SECRET) && !d.contains(GOOGLE_SECRET));
        assertThat(everythingInPostgres()).doesNotContain(GITHUB_SECRET, GOOGLE_SECRET);
    }

    @Test
    void aCustomDomainChangesTheRedirectUriAndWarnsToUpdateTheProvider() {
        sandbox.createZone(account.accountId(), "brand.example");
        ProjectView project = createAndWait("branded", "https://www.brand.example", null);
        settings.saveProviders(user, project.id(), new AuthSettingsCommands.Providers("", "", "Iv1.gh", GITHUB_SECRET));
        assertThat(settings.read(user, project.id()).atRisk())
                .contains("https://www.brand.example", "Safari", "auth.brand.example");

        provisioning.attachDomain(user, project.id(), "auth.brand.example", false);

        AuthSettings read = settings.read(user, project.id());
        assertThat(read.redirectUri("github")).isEqualTo("https://auth.brand.example/api/auth/callback/github");
        assertThat(read.providerWarning()).isTrue();
        assertThat(read.atRisk()).as("same site now").isNull();
    }

    @Test
    void templatesRefuseUnknownPlaceholdersAndThePreviewEscapesTheAppName() {
        ProjectView project = createAndWait("tpl", "https://tpl.example.com", null);
        Map<String, String> parts = new HashMap<>();
        parts.put("magic-link.subject", "Sign in to {{appName}}");
        parts.put("magic-link.html", "<h1>{{ appName }}</h1><a href=\"{{url}}\">{{user.email}}</a>");
        parts.put("reset.text", "No link here");

        assertThatThrownBy(() -> settings.saveTemplates(user, project.id(), new AuthSettingsCommands.Templates(parts)))
                .isInstanceOfSatisfying(ProjectInputException.class, e -> {
                    assertThat(e.fieldErrors().get("magic-link.html"))
                            .contains("{{user.email}}", "unknown placeholder");
                    assertThat(e.fieldErrors().get("reset.text")).contains("{{url}}");
                });
        assertThat(config(project.d1DatabaseId())).doesNotContainKey("EMAIL_TEMPLATE_MAGIC_LINK_SUBJECT");

        parts.put("magic-link.html", "<h1>{{ appName }}</h1><a href=\"{{url}}\">go</a>");
        parts.remove("reset.text");
        settings.saveTemplates(user, project.id(), new AuthSettingsCommands.Templates(parts));
        settings.saveEmail(
                user,
                project.id(),
                withAppName(email("resend", "a@tpl.example.com", RESEND_KEY, false), "<img src=x onerror=alert(1)>"));

        assertThat(config(project.d1DatabaseId()))
                .containsEntry("EMAIL_TEMPLATE_MAGIC_LINK_SUBJECT", "Sign in to {{appName}}")
                .doesNotContainKey("EMAIL_TEMPLATE_RESET_TEXT");
        AuthSettings read = settings.read(user, project.id());
        String html = settings.preview(read, "magic-link", "html");
        assertThat(html)
                .startsWith("<h1>&#60;img src=x onerror=alert(1)&#62;</h1><a href=\"https://")
                .doesNotContain("<img");
        assertThat(settings.preview(read, "magic-link", "subject"))
                .isEqualTo("Sign in to <img src=x onerror=alert(1)>");
        assertThat(settings.preview(read, "verify", "subject"))
                .isEqualTo("Verify your email for <img src=x onerror=alert(1)>");
    }

    @Test
    void hardenedHashingWritesSixHundredThousandIterations() {
        ProjectView project = createAndWait("hash", "https://hash.example.com", null);
        assertThat(settings.read(user, project.id()).iterations()).isEqualTo(100_000);

        settings.saveHashing(user, project.id(), "hardened");

        assertThat(config(project.d1DatabaseId())).containsEntry("PBKDF2_ITERATIONS", "600000");
        assertThat(settings.read(user, project.id()).hardened()).isTrue();
        assertThatThrownBy(() -> settings.saveHashing(user, project.id(), "9000000"))
                .isInstanceOf(ProjectInputException.class);
        assertThat(activityDetails("auth.hashing_changed"))
                .singleElement()
                .asString()
                .contains("600000", "next sign-in");
    }

    @Test
    void theTestEmailPresentsAOneTimeTicketAndShowsTheProvidersAnswer() {
        ProjectView project = createAndWait("test", "https://test.example.com", null);
        settings.saveEmail(user, project.id(), email("resend", "a@test.example.com", RESEND_KEY, false));
        worker.stubFor(post("/__flarelink/test-email")
                .willReturn(aResponse()
                        .withStatus(502)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"ok\":false,\"code\":\"EMAIL_REFUSED\",\"error\":\"Resend refused the email (HTTP 403)\","
                                        + "\"provider\":\"resend\",\"answer\":{\"status\":403,\"message\":\"validation_error: "
                                        + "The test.example.com domain is not verified.\"}}")));

        assertThatThrownBy(() -> settings.sendTestEmail(user, project.id(), "not an address", ""))
                .isInstanceOf(ProjectInputException.class);
        WorkerTestEmail.Result refused = settings.sendTestEmail(user, project.id(), "owner@example.com", "magic-link");

        assertThat(refused.sent()).isFalse();
        assertThat(refused.message())
                .isEqualTo(
                        "Resend refused the email (HTTP 403): validation_error: The test.example.com domain is not verified.");
        List<LoggedRequest> calls = worker.findAll(postRequestedFor(urlEqualTo("/__flarelink/test-email")));
        assertThat(calls).hasSize(1);
        String ticket = calls.get(0).getHeader("Authorization").substring("Bearer ".length());
        assertThat(ticket).matches("flarelink_et_[0-9a-f]{64}");
        assertThat(calls.get(0).getBodyAsString())
                .isEqualTo("{\"to\":\"owner@example.com\",\"template\":\"magic-link\"}");
        assertThat(config(project.d1DatabaseId()).get("EMAIL_TICKET_HASH")).isEqualTo(ServiceKeys.sha256(ticket));

        worker.stubFor(post("/__flarelink/test-email")
                .willReturn(okJson(
                        "{\"ok\":true,\"provider\":\"resend\",\"answer\":{\"status\":200,\"id\":\"re_msg_1\"}}")));
        WorkerTestEmail.Result sent = settings.sendTestEmail(user, project.id(), "owner@example.com", "");
        assertThat(sent.sent()).isTrue();
        assertThat(sent.message()).isEqualTo("Resend accepted the email (HTTP 200), message id re_msg_1.");
        assertThat(activityDetails("auth.test_email")).hasSize(2).allMatch(d -> !d.contains("flarelink_et_"));
        assertThat(everythingInPostgres()).doesNotContain(ticket, ticket.substring("flarelink_et_".length()));
    }

    @Test
    void anotherUsersProjectIsNotFound() {
        ProjectView project = createAndWait("mine", "https://mine.example.com", null);
        UUID stranger = newUser();

        assertThatThrownBy(() -> settings.read(stranger, project.id())).isInstanceOf(ProjectNotFoundException.class);
        assertThatThrownBy(() -> settings.saveHashing(stranger, project.id(), "hardened"))
                .isInstanceOf(ProjectNotFoundException.class);
        assertThatThrownBy(() -> settings.sendTestEmail(stranger, project.id(), "a@b.example", ""))
                .isInstanceOf(ProjectNotFoundException.class);
        assertThat(config(project.d1DatabaseId())).doesNotContainKey("PBKDF2_ITERATIONS");
    }

    private static AuthSettingsCommands.Email email(String provider, String from, String key, boolean toggles) {
        return new AuthSettingsCommands.Email(provider, from, "Acme", key, toggles, toggles, toggles, false);
    }

    private static AuthSettingsCommands.Email withAppName(AuthSettingsCommands.Email form, String appName) {
        return new AuthSettingsCommands.Email(
                form.provider(),
                form.from(),
                appName,
                form.resendKey(),
                form.requireEmailVerification(),
                form.sendVerificationOnSignUp(),
                form.magicLinkEnabled(),
                form.magicLinkDisableSignUp());
    }

    private List<String> bindingTypes(String script) {
        return cf.workers().settings(account.accountId(), script).bindingList().stream()
                .map(WorkerSettings.Binding::type)
                .toList();
    }

    private List<String> activityDetails(String action) {
        return jdbc.sql("select detail from activity_event where user_id = :user and action = :action order by seq")
                .param("user", user)
                .param("action", action)
                .query(String.class)
                .list();
    }

    /** Every text value in Flarelink's own tables, to show a secret is in none of them. */
    private String everythingInPostgres() {
        List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = "
                        + "current_schema() and table_type = 'BASE TABLE' and table_name not like 'flyway%'")
                .query(String.class)
                .list();
        StringBuilder all = new StringBuilder();
        for (String table : tables) {
            jdbc.sql("select t::text from \"" + table.replace("\"", "\"\"") + "\" t")
                    .query(String.class)
                    .list()
                    .forEach(all::append);
        }
        return all.toString();
    }

    private Map<String, String> config(String database) {
        List<D1QueryResult> results =
                cf.d1().query(account.accountId(), database, "SELECT key, value FROM flarelink_config");
        return results.get(0).results().stream()
                .collect(Collectors.toMap(r -> String.valueOf(r.get("key")), r -> String.valueOf(r.get("value"))));
    }
}
