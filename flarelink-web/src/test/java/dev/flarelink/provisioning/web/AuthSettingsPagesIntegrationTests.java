package dev.flarelink.provisioning.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.connect.ConnectCommand;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.provisioning.CreateProjectCommand;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Authentication → Settings over real HTTP (cookies, CSRF, flash messages) in sandbox mode. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class AuthSettingsPagesIntegrationTests {

    private static final String PASSWORD = "a sturdy passphrase of words";
    private static final String RESEND_KEY = "re_pages_0123456789abcdefK3Y9";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    ConnectionService connections;

    @Autowired
    ProvisioningService provisioning;

    @Autowired
    CloudflareSandbox sandbox;

    UUID user;
    UUID project;
    BrowserlessSession browser;
    String page;

    @BeforeEach
    void provisionedProjectOfASignedInUser() {
        user = accounts.signUp(new SignUpCommand(Emails.unique("auth-settings"), PASSWORD))
                .id();
        connections.connect(
                user,
                new ConnectCommand(sandbox.demo().orElseThrow().fullToken().value(), null));
        String name = "auth" + UUID.randomUUID().toString().substring(0, 6);
        project = provisioning
                .create(user, new CreateProjectCommand(null, name, "https://" + name + ".example.com", null))
                .id();
        assertThat(provisioning.awaitIdle(project, Duration.ofSeconds(60))).isTrue();
        browser = new BrowserlessSession(port);
        browser.submit(
                "/signin",
                "/signin",
                Map.of("email", accounts.findById(user).orElseThrow().email(), "password", PASSWORD));
        page = "/projects/" + project + "/auth";
    }

    @Test
    void thePageShowsEverySectionByLabelAndTheProjectPageLinksToIt() {
        assertThat(browser.get("/projects/" + project).body())
                .contains("href=\"" + page + "\"")
                .as("a real site on workers.dev is flagged on the project page too")
                .contains("id=\"project-at-risk\"", "Safari");
        String body = browser.get(page).body();
        assertThat(body)
                .contains("<h1>Authentication settings</h1>")
                .contains("<legend>Email provider</legend>", "<label for=\"from\">From address</label>")
                .contains("<label for=\"resendKey\">Resend API key</label>", "Send test email")
                .contains("<label for=\"magic-link.html\">Magic link HTML</label>")
                .contains("<label for=\"googleClientId\">Google client ID</label>")
                .contains("/api/auth/callback/github</code>")
                .contains("Hardened: 600,000 iterations", "Workers Free plan")
                .contains("id=\"at-risk\"", "Safari")
                .contains("sandbox=\"\"", "src=\"" + page + "/preview/magic-link\"");
    }

    @Test
    void anEmailSwitchWithoutAProviderIsRefusedWithTheReasonAndChangesNothing() {
        HttpResponse<String> refused =
                browser.submit(page, page + "/email", Map.of("provider", "none", "magicLinkEnabled", "true"));
        assertThat(refused.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("#email"));
        String shown = browser.get(page).body();
        assertThat(shown).contains("id=\"toggles-error\"", "need a way to send email");

        browser.submit(
                page,
                page + "/email",
                Map.of(
                        "provider",
                        "resend",
                        "from",
                        "App <auth@app.example.com>",
                        "resendKey",
                        RESEND_KEY,
                        "magicLinkEnabled",
                        "true"));
        String saved = browser.get(page).body();
        assertThat(saved)
                .contains("Email settings saved")
                .contains("id=\"resend-key-state\">set, ends …K3Y9<")
                .doesNotContain(RESEND_KEY)
                .containsPattern("name=\"magicLinkEnabled\" value=\"true\"\\s+checked");

        browser.submit(
                page,
                page + "/email",
                Map.of("provider", "resend", "from", "App <auth@app.example.com>", "resendKey", "nope"));
        assertThat(browser.get(page).body())
                .contains("id=\"resendKey-error\"", "starts with re_")
                .contains("id=\"resend-key-state\">set, ends …K3Y9<")
                .doesNotContain("value=\"nope\"");
    }

    @Test
    void thePreviewIsSandboxedAndEscapesAPayloadInTheAppName() {
        browser.submit(
                page,
                page + "/email",
                Map.of(
                        "provider",
                        "cloudflare",
                        "from",
                        "auth@app.example.com",
                        "appName",
                        "<script>alert(1)</script>"));
        assertThat(provisioning.awaitIdle(project, Duration.ofSeconds(60))).isTrue();

        HttpResponse<String> preview = browser.get(page + "/preview/verify");

        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.headers().firstValue("Content-Security-Policy"))
                .hasValue(AuthSettingsController.PREVIEW_POLICY);
        assertThat(preview.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(preview.body())
                .contains("Confirm your email address for &#60;script&#62;alert(1)&#60;/script&#62;.")
                .doesNotContain("<script>");
        assertThat(browser.get(page).body())
                .as("the subject preview is text, escaped by the page")
                .contains("Verify your email for &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)");
    }

    @Test
    void anUnknownPlaceholderIsRefusedNextToItsField() {
        browser.submit(page, page + "/templates", Map.of("reset.subject", "Reset {{password}}"));
        assertThat(browser.get(page).body())
                .contains("id=\"reset.subject-error\"", "unknown placeholder {{password}}")
                .contains("value=\"Reset {{password}}\"");
    }

    @Test
    void inSandboxModeTheTestEmailSaysNoWorkerRuns() {
        browser.submit(page, page + "/test-email", Map.of("to", "owner@example.com"));
        assertThat(browser.get(page).body())
                .contains("Test email: Sandbox mode: no local Worker runs for this project");
        browser.submit(page, page + "/test-email", Map.of("to", "not an address"));
        assertThat(browser.get(page).body()).contains("id=\"to-error\"", "Enter one email address");
    }

    @Test
    void anotherUserGetsNotFoundEverywhere() {
        BrowserlessSession stranger = new BrowserlessSession(port);
        stranger.signUp(Emails.unique("stranger"), PASSWORD);
        assertThat(stranger.get(page).statusCode()).isEqualTo(404);
        assertThat(stranger.get(page + "/preview/verify").statusCode()).isEqualTo(404);
        String csrf = stranger.csrfToken("/account");
        assertThat(stranger.post(page + "/hashing", Map.of("strength", "hardened", "_csrf", csrf))
                        .statusCode())
                .isEqualTo(404);
        assertThat(browser.get(page).body()).containsPattern("value=\"standard\"\\s+checked");
    }
}
