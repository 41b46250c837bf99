package dev.flarelink.provisioning.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import dev.flarelink.connect.ConnectCommand;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.files.PastedKeyCommand;
import dev.flarelink.files.R2KeyService;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Projects pages over real HTTP (cookies, CSRF, error dispatch) in sandbox mode. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class ProjectsPagesIntegrationTests {

    private static final String PASSWORD = "a sturdy passphrase of words";
    private static final Pattern SERVICE_KEY = Pattern.compile("flarelink_sk_[0-9a-f]{64}");

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

    @Autowired
    R2KeyService keys;

    @Test
    void withoutAConnectionTheWizardLinksToConnect() {
        BrowserlessSession browser = signedIn(newUser());

        assertThat(browser.get("/projects").body())
                .contains("href=\"/connect\"")
                .doesNotContain("New project</a>");
        assertThat(browser.get("/projects/new").body())
                .contains("href=\"/connect\"")
                .doesNotContain("Review the plan");
        assertThat(browser.get("/projects?welcome").body()).contains("Welcome to Flarelink");
    }

    @Test
    void badInputStaysOnTheFormWithMessagesAndCreatesNothing() {
        UUID user = connectedUser();
        BrowserlessSession browser = signedIn(user);

        HttpResponse<String> page = browser.submit(
                "/projects/new",
                "/projects/plan",
                Map.of("name", "Bad Name", "trustedOrigins", "https://app.example.com/login", "r2Bucket", "X"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"name-error\"", "id=\"trustedOrigins-error\"", "id=\"r2Bucket-error\"")
                .contains("is not an origin");
        assertThat(provisioning.projectsOf(user)).isEmpty();
    }

    @Test
    void planThenConfirmProvisionsAndShowsTheKeyOnceAndOnlyToItsOwner() {
        UUID user = connectedUser();
        BrowserlessSession browser = signedIn(user);
        Map<String, String> fields = Map.of(
                "name",
                "web" + suffix(),
                "trustedOrigins",
                "https://app.example.com\nhttp://localhost:3000",
                "r2Bucket",
                "");

        HttpResponse<String> plan = browser.submit("/projects/new", "/projects/plan", fields);
        assertThat(plan.body())
                .contains("Account → D1: Edit", "Account → Workers Scripts: Edit", "Account → Workers KV Storage: Edit")
                .contains("/workers/scripts/flarelink-" + fields.get("name") + "-auth");
        assertThat(provisioning.projectsOf(user)).isEmpty();
        assertThat(browser.submit("/projects/new", "/projects/new", fields).body())
                .contains(
                        "value=\"" + fields.get("name") + "\"",
                        "https://app.example.com\nhttp://localhost:3000</textarea>");

        HttpResponse<String> confirmed = browser.submit("/projects/new", "/projects", fields);
        assertThat(confirmed.statusCode()).isEqualTo(302);
        String location = confirmed.headers().firstValue("Location").orElseThrow();
        UUID projectId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        assertThat(provisioning.awaitIdle(projectId, Duration.ofSeconds(60))).isTrue();

        String page = browser.get("/projects/" + projectId).body();
        assertThat(page).contains("status-active", "workers.dev", "Show the service key once");
        assertThat(SERVICE_KEY.matcher(page).find()).isFalse();
        String fragment = browser.get("/projects/" + projectId + "/status").body();
        assertThat(fragment).startsWith("<section id=\"run-status\"").doesNotContain("topbar");

        HttpResponse<String> shown =
                browser.submit("/projects/" + projectId, "/projects/" + projectId + "/service-key", Map.of());
        Matcher key = SERVICE_KEY.matcher(shown.body());
        assertThat(key.find()).isTrue();
        assertThat(shown.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        HttpResponse<String> again =
                browser.submit("/projects/" + projectId, "/projects/" + projectId + "/service-key", Map.of());
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(browser.get("/projects/" + projectId).body())
                .contains("already shown once")
                .doesNotContain(key.group());

        BrowserlessSession stranger = signedIn(connectedUser());
        assertThat(stranger.get("/projects/" + projectId).statusCode()).isEqualTo(404);
        assertThat(stranger.get("/projects/" + projectId + "/status").statusCode())
                .isEqualTo(404);
        assertThat(stranger.submit(
                                "/projects",
                                "/projects/" + projectId + "/delete",
                                Map.of("confirmName", fields.get("name")))
                        .statusCode())
                .isEqualTo(404);
        assertThat(stranger.submit("/projects", "/projects/" + projectId + "/retry", Map.of())
                        .statusCode())
                .isEqualTo(404);
        assertThat(stranger.get("/projects").body()).doesNotContain(fields.get("name"));
        assertThat(provisioning.get(user, projectId).status()).isEqualTo("active");
    }

    @Test
    void theProjectPageShowsHowAnAppUsesTheWorkerWithItsOwnUrl() {
        UUID user = connectedUser();
        BrowserlessSession browser = signedIn(user);
        String name = "app" + suffix();
        HttpResponse<String> confirmed = browser.submit(
                "/projects/new",
                "/projects",
                Map.of("name", name, "trustedOrigins", "https://app.example.com", "r2Bucket", ""));
        String location = confirmed.headers().firstValue("Location").orElseThrow();
        UUID projectId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        assertThat(provisioning.awaitIdle(projectId, Duration.ofSeconds(60))).isTrue();
        String workerUrl = provisioning.get(user, projectId).workersDevUrl();

        String page = browser.get("/projects/" + projectId).body();

        assertThat(page)
                .contains("Use it from your app", "FLARELINK_URL", "FLARELINK_SERVICE_KEY", "Your app's server only")
                .contains("<code id=\"app-worker-url\">" + workerUrl + "</code>")
                .contains(
                        "fetch('<span>" + workerUrl + "</span>/api/db/query'", "url: '<span>" + workerUrl + "</span>'")
                .contains("/api/db/query", "/api/db/batch", "/api/storage/presign", "the user's session cookie")
                .contains("href=\"/docs/app-guide\"");
        assertThat(SERVICE_KEY.matcher(page).find()).isFalse();
        assertThat(browser.get("/docs/app-guide").body())
                .contains("Building an app on a Flarelink project", "scoped to the signed-in user");
    }

    @Test
    void deleteNeedsTheTypedNameThenRemovesEverythingVisibly() {
        UUID user = connectedUser();
        BrowserlessSession browser = signedIn(user);
        String name = "del" + suffix();
        Map<String, String> fields = Map.of("name", name, "trustedOrigins", "https://del.example.com", "r2Bucket", "");
        String location = browser.submit("/projects/new", "/projects", fields)
                .headers()
                .firstValue("Location")
                .orElseThrow();
        UUID projectId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        provisioning.awaitIdle(projectId, Duration.ofSeconds(60));

        browser.submit("/projects/" + projectId, "/projects/" + projectId + "/delete", Map.of("confirmName", "nope"));
        assertThat(browser.get("/projects/" + projectId).body()).contains("id=\"confirmName-error\"", "status-active");

        browser.submit("/projects/" + projectId, "/projects/" + projectId + "/delete", Map.of("confirmName", name));
        assertThat(provisioning.awaitIdle(projectId, Duration.ofSeconds(60))).isTrue();

        String page = browser.get("/projects/" + projectId).body();
        assertThat(page).contains("status-deleted", "data-step=\"worker.delete\"", "data-step=\"d1.delete\"");
        assertThat(browser.get("/projects").body()).doesNotContain(name);
    }

    @Test
    void editsOriginsAndRotatesTheKeyFromTheProjectPage() {
        UUID user = connectedUser();
        BrowserlessSession browser = signedIn(user);
        Map<String, String> fields =
                Map.of("name", "ed" + suffix(), "trustedOrigins", "https://a.example.com", "r2Bucket", "");
        String location = browser.submit("/projects/new", "/projects", fields)
                .headers()
                .firstValue("Location")
                .orElseThrow();
        UUID projectId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        provisioning.awaitIdle(projectId, Duration.ofSeconds(60));
        String page = "/projects/" + projectId;
        assertThat(browser.get(page).body())
                .doesNotContain("id=\"redeploy\"")
                .contains("https://a.example.com</textarea>");

        browser.submit(page, page + "/origins", Map.of("trustedOrigins", "a.example.com/path"));
        assertThat(browser.get(page).body()).contains("id=\"trustedOrigins-error\"", "a.example.com/path</textarea>");
        browser.submit(
                page, page + "/origins", Map.of("trustedOrigins", "https://b.example.com\nhttp://localhost:3000"));
        assertThat(browser.get(page).body())
                .contains("Trusted origins saved", "https://b.example.com\nhttp://localhost:3000</textarea>")
                .contains("Sandbox mode: no local Worker runs for this project, so none was asked to reload");
        assertThat(provisioning.get(user, projectId).trustedOrigins())
                .containsExactly("https://b.example.com", "http://localhost:3000");

        sandbox.createZone(sandbox.demo().orElseThrow().accountId(), fields.get("name") + ".com");
        browser.submit(page, page + "/domain", Map.of("hostname", "auth.nowhere.test"));
        assertThat(browser.get(page).body()).contains("id=\"hostname-error\"", "No zone");
        browser.submit(page, page + "/domain", Map.of("hostname", "auth." + fields.get("name") + ".com"));
        assertThat(browser.get(page).body()).contains("id=\"custom-domain\"", "auth." + fields.get("name") + ".com");
        browser.submit(page, page + "/domain/detach", Map.of());
        assertThat(browser.get(page).body())
                .doesNotContain("id=\"custom-domain\"")
                .contains("Custom domain detached");

        HttpResponse<String> rotated = browser.submit(page, page + "/service-key/rotate", Map.of());
        Matcher key = SERVICE_KEY.matcher(rotated.body());
        assertThat(key.find()).isTrue();
        assertThat(rotated.body())
                .contains("id=\"reload-outcome\"", "Sandbox mode: no local Worker runs for this project");
        assertThat(rotated.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(browser.get(page).body()).doesNotContain(key.group()).doesNotContain("Show the service key once");
    }

    @Test
    void aRedeployThatCouldNotWriteR2BucketsShowsWhatToDoOnTheProjectPage() {
        UUID user = connectedUser();
        BrowserlessSession browser = signedIn(user);
        String name = "bf" + suffix();
        Map<String, String> fields =
                Map.of("name", name, "trustedOrigins", "https://bf.example.com", "r2Bucket", name + "-files");
        String location = browser.submit("/projects/new", "/projects", fields)
                .headers()
                .firstValue("Location")
                .orElseThrow();
        UUID projectId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        assertThat(provisioning.awaitIdle(projectId, Duration.ofSeconds(60))).isTrue();
        // A pasted key stored without R2_BUCKETS whose token was deleted since: what it reaches cannot be found out.
        SandboxToken pasted = sandbox.createToken(
                sandbox.demo().orElseThrow().accountId(), Set.of(SandboxPermission.WORKERS_R2_STORAGE_EDIT));
        UUID connection = provisioning.connectionOf(user, projectId);
        assertThat(keys.test(
                                user,
                                new PastedKeyCommand(
                                        connection,
                                        name + "-files",
                                        pasted.r2AccessKeyId(),
                                        pasted.r2SecretAccessKey()))
                        .storedIn())
                .isNotNull();
        sandbox.revokeToken(pasted.id());
        String page = "/projects/" + projectId;

        browser.submit(page, page + "/redeploy", Map.of());
        assertThat(provisioning.awaitIdle(projectId, Duration.ofSeconds(60))).isTrue();

        assertThat(browser.get(page).body())
                .contains("status-active", "data-step=\"config.backfill\"", "class=\"step-note\"")
                .contains("R2_BUCKETS could not be written", "on the Files page")
                .doesNotContain("id=\"retry\"")
                .doesNotContain(pasted.r2SecretAccessKey());
    }

    private UUID newUser() {
        return accounts.signUp(new SignUpCommand(Emails.unique("projects"), PASSWORD))
                .id();
    }

    private UUID connectedUser() {
        UUID user = newUser();
        String token = sandbox.demo().orElseThrow().fullToken().value();
        connections.connect(user, new ConnectCommand(token, null));
        return user;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    private BrowserlessSession signedIn(UUID user) {
        return BrowserlessSession.signedIn(
                port, accounts.findById(user).orElseThrow().email(), PASSWORD);
    }
}
