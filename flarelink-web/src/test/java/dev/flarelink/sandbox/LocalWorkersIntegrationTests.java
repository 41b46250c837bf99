package dev.flarelink.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.account.AccountService;
import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.files.BucketService;
import dev.flarelink.files.CreateBucketCommand;
import dev.flarelink.files.MintedKey;
import dev.flarelink.files.ProjectFilesService;
import dev.flarelink.files.R2KeyService;
import dev.flarelink.files.web.ProjectFixture;
import dev.flarelink.provisioning.AuthSettingsService;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.provisioning.WorkerTestEmail;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Chromium;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import dev.flarelink.users.LinkOutcome;
import dev.flarelink.users.UsersService;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sandbox mode runs the auth Worker that provisioning uploads in real workerd (Miniflare), and an app talks to it
 * over plain HTTP: its D1 and KV are the very data the sandbox's REST API and the dashboard show.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "flarelink.sandbox.run-workers=true")
@ActiveProfiles("sandbox")
// Closing the context stops this class's local Workers (Node + workerd each) instead of keeping them for the rest of
// the test run in Spring's context cache.
@DirtiesContext
class LocalWorkersIntegrationTests {

    private static final String PASSWORD = "a sturdy passphrase of words";
    private static final String APP = "https://app.example.com";
    private static final String NEW_APP = "https://new.example.com";
    // HTTP/1.1, as browsers speak to a plain-HTTP origin (no h2c upgrade offers).
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonMapper JSON = JsonMapper.shared();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    CloudflareClient client;

    @Autowired
    ConnectionService connections;

    @Autowired
    ProvisioningService provisioning;

    @Autowired
    AccountService accounts;

    @Autowired
    UsersService users;

    @Autowired
    AuthSettingsService authSettings;

    @Autowired
    BucketService buckets;

    @Autowired
    ProjectFilesService projectFiles;

    @Autowired
    R2KeyService keys;

    BrowserlessSession browser;
    UUID user;
    ProjectFixture fixture;
    String publicUrl;
    String local;
    String dashboardEmail;

    @BeforeEach
    void provisionedInSandboxMode() {
        browser = new BrowserlessSession(port);
        String email = Emails.unique("local-workers");
        dashboardEmail = email;
        browser.signUp(email, PASSWORD);
        user = accounts.authenticate(email, PASSWORD, "127.0.0.1").orElseThrow().id();
        fixture = ProjectFixture.create(sandbox, client, connections, provisioning, user, APP, null);
        publicUrl = fixture.project().workersDevUrl();
        assertThat(publicUrl).endsWith(".workers.dev");
        assertThat(sandbox.workers().awaitRunning(publicUrl, Duration.ofSeconds(90)))
                .as(sandbox.workers().status().message())
                .isTrue();
        local = sandbox.workers().localUrl(publicUrl).orElseThrow();
        assertThat(local).startsWith("http://127.0.0.1:");
    }

    @Test
    void anAppSignsUpAndInThroughTheLocalWorkerAndTheDashboardSeesTheSameData() throws Exception {
        String email = Emails.unique("app-user");

        HttpResponse<String> signUp =
                post("/api/auth/sign-up/email", APP, Map.of("email", email, "password", PASSWORD, "name", "Ann"));
        assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(200);
        HttpResponse<String> signIn =
                post("/api/auth/sign-in/email", APP, Map.of("email", email, "password", PASSWORD));
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        String cookie = sessionCookie(signIn);
        HttpResponse<String> me = HTTP.send(
                HttpRequest.newBuilder(URI.create(local + "/api/me"))
                        .header("Origin", APP)
                        .header("Cookie", cookie)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).path("user").path("email").asString())
                .isEqualTo(email);

        // The user is a row of the project's D1, through the D1 REST API and on the Database page.
        List<Object> emails = client
                .withToken(ApiToken.of(fixture.token().value()))
                .d1()
                .query(
                        fixture.accountId(),
                        fixture.project().d1DatabaseId(),
                        "SELECT email FROM \"user\" WHERE email = ?",
                        List.of(email))
                .get(0)
                .results()
                .stream()
                .map(row -> row.get("email"))
                .toList();
        assertThat(emails).containsExactly(email);
        String table = browser.get("/database/" + fixture.connection() + "/"
                        + fixture.project().d1DatabaseId() + "/table?name=user")
                .body();
        assertThat(table).contains(email);

        // The session is a KV key, listed by the KV API.
        String sessionToken = URLDecoder.decode(cookie.substring(cookie.indexOf('=') + 1), StandardCharsets.UTF_8)
                .split("\\.")[0];
        JsonNode keys = JSON.readTree(sandboxGet("/accounts/" + fixture.accountId() + "/storage/kv/namespaces/"
                        + fixture.project().kvNamespaceId() + "/keys")
                .body());
        assertThat(keys.path("result").findValuesAsString("name")).contains(sessionToken);
    }

    @Test
    void aTrustedOriginsChangeOnTheDashboardIsLiveAfterTheReloadPing() throws Exception {
        String email = Emails.unique("origin-user");
        assertThat(post("/api/auth/sign-up/email", APP, Map.of("email", email, "password", PASSWORD, "name", "Bo"))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> refused =
                post("/api/auth/sign-in/email", NEW_APP, Map.of("email", email, "password", PASSWORD));
        assertThat(refused.statusCode()).isEqualTo(403);

        String page = "/projects/" + fixture.project().id();
        browser.submit(page, page + "/origins", Map.of("trustedOrigins", APP + "\n" + NEW_APP));

        assertThat(browser.get(page).body()).contains("reloaded its configuration: the change is live");
        HttpResponse<String> allowed =
                post("/api/auth/sign-in/email", NEW_APP, Map.of("email", email, "password", PASSWORD));
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    }

    @Test
    void aPasswordResetWithEmailConfiguredLandsInTheOutboxAndItsLinkCompletesTheReset() throws Exception {
        String email = Emails.unique("reset-user");
        assertThat(post("/api/auth/sign-up/email", APP, Map.of("email", email, "password", PASSWORD, "name", "Cy"))
                        .statusCode())
                .isEqualTo(200);
        client.withToken(ApiToken.of(fixture.token().value()))
                .d1()
                .query(
                        fixture.accountId(),
                        fixture.project().d1DatabaseId(),
                        "INSERT INTO flarelink_config (key, value) VALUES ('EMAIL_PROVIDER', 'resend'), "
                                + "('EMAIL_FROM', 'App <noreply@app.example.com>'), "
                                + "('RESEND_API_KEY', 're_sandbox_not_a_real_key') "
                                + "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        // Any dashboard change pings the Worker, which then reads its whole configuration again.
        assertThat(provisioning
                        .changeTrustedOrigins(user, fixture.project().id(), APP)
                        .message())
                .contains("the change is live");

        HttpResponse<String> asked =
                post("/api/auth/request-password-reset", APP, Map.of("email", email, "redirectTo", APP + "/reset"));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);

        String outbox = awaitOutboxWith(email);
        assertThat(outbox).contains("Reset your app.example.com password").contains("noreply@app.example.com");
        assertThat(outbox).contains("sandbox=\"\"").doesNotContain("<p>Use this link");
        // The Worker builds the link from the address it was called at (no BASE_URL here): the local one.
        java.util.regex.Matcher link = java.util.regex.Pattern.compile(
                        "<ul class=\"outbox-links\">\\s*<li>\\s*<a href=\"([^\"]+)\"")
                .matcher(outbox);
        assertThat(link.find()).as(outbox).isTrue();
        String resetLink = link.group(1).replace("&amp;", "&");
        assertThat(resetLink).startsWith(local + "/api/auth/reset-password/");

        // Followed as a browser does: the JDK HttpClient sends "Content-Length: 0" on a GET, which better-auth
        // refuses (415) as a body without a Content-Type; HttpURLConnection sends no such header.
        java.net.HttpURLConnection followed =
                (java.net.HttpURLConnection) URI.create(resetLink).toURL().openConnection();
        followed.setInstanceFollowRedirects(false);
        assertThat(followed.getResponseCode()).isEqualTo(302);
        String location = followed.getHeaderField("Location");
        followed.disconnect();
        assertThat(location).startsWith(APP + "/reset?token=");
        String token = location.substring(location.indexOf("token=") + 6).split("&")[0];
        String newPassword = "another sturdy passphrase";
        HttpResponse<String> reset =
                post("/api/auth/reset-password", APP, Map.of("newPassword", newPassword, "token", token));
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);

        assertThat(post("/api/auth/sign-in/email", APP, Map.of("email", email, "password", PASSWORD))
                        .statusCode())
                .isEqualTo(401);
        assertThat(post("/api/auth/sign-in/email", APP, Map.of("email", email, "password", newPassword))
                        .statusCode())
                .isEqualTo(200);
        assertThat(sandbox.outbox(fixture.accountId()))
                .anySatisfy(m -> assertThat(m.via()).isEqualTo("resend"));
    }

    @Test
    void theDashboardsLinksTestEmailAndAMagicLinkAllGoThroughTheLocalWorkerIntoTheOutbox() throws Exception {
        String email = Emails.unique("linked-user");
        HttpResponse<String> signedUp =
                post("/api/auth/sign-up/email", APP, Map.of("email", email, "password", PASSWORD, "name", "Ed"));
        assertThat(signedUp.statusCode()).as(signedUp.body()).isEqualTo(200);
        String appUserId =
                JSON.readTree(signedUp.body()).path("user").path("id").asString();
        configureResend();

        // Users page: a one-time ticket written into D1, presented to the local Worker (0.4.0+), mail captured.
        LinkOutcome verification =
                users.sendVerification(user, fixture.project().id(), appUserId);
        assertThat(verification.sent()).as(verification.message()).isTrue();
        assertThat(awaitOutboxWith("Verify your email")).contains(email);
        LinkOutcome reset = users.sendReset(user, fixture.project().id(), appUserId);
        assertThat(reset.sent()).as(reset.message()).isTrue();

        // Authentication settings: the test e-mail reaches the local Worker, and the provider's answer comes back.
        WorkerTestEmail.Result test =
                authSettings.sendTestEmail(user, fixture.project().id(), "inbox@example.com", "");
        assertThat(test.sent()).as(test.message()).isTrue();
        // The provider's answer as the page shows it: here the sandbox's stand-in for Resend, which the Worker called.
        assertThat(test.message()).contains("Resend accepted the email (HTTP 200)");
        assertThat(awaitOutboxWith("inbox@example.com")).contains("inbox@example.com");

        // A magic link (0.5.0) is mailed, followed once, and signs the user in.
        HttpResponse<String> asked =
                post("/api/auth/sign-in/magic-link", APP, Map.of("email", email, "callbackURL", APP + "/home"));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile(
                        "href=\"(" + java.util.regex.Pattern.quote(local) + "/api/auth/magic-link/verify[^\"]+)\"")
                .matcher(awaitOutboxWith("magic-link/verify"));
        assertThat(link.find()).as("a magic link in the Outbox").isTrue();
        String magic = link.group(1).replace("&amp;", "&");
        java.net.HttpURLConnection followed =
                (java.net.HttpURLConnection) URI.create(magic).toURL().openConnection();
        followed.setInstanceFollowRedirects(false);
        assertThat(followed.getResponseCode()).isEqualTo(302);
        String cookie = followed.getHeaderFields().getOrDefault("Set-Cookie", List.of()).stream()
                .filter(c -> c.contains("session_token="))
                .map(c -> c.split(";")[0])
                .findFirst()
                .orElse(null);
        followed.disconnect();
        assertThat(cookie).as("the magic link set a session").isNotNull();
        HttpResponse<String> me = HTTP.send(
                HttpRequest.newBuilder(URI.create(local + "/api/me"))
                        .header("Cookie", cookie)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains(email);
        java.net.HttpURLConnection again =
                (java.net.HttpURLConnection) URI.create(magic).toURL().openConnection();
        again.setInstanceFollowRedirects(false);
        again.getResponseCode();
        assertThat(again.getHeaderFields().getOrDefault("Set-Cookie", List.of()))
                .as("a used magic link signs nobody in")
                .noneMatch(c -> c.contains("session_token=") && !c.contains("Max-Age=0"));
        again.disconnect();
    }

    @Test
    void aMagicLinkFollowedFromTheOutboxInChromiumSignsTheAppUserIn() throws Exception {
        String email = Emails.unique("magic-browser");
        assertThat(post("/api/auth/sign-up/email", APP, Map.of("email", email, "password", PASSWORD, "name", "Flo"))
                        .statusCode())
                .isEqualTo(200);
        configureResend();
        HttpResponse<String> asked =
                post("/api/auth/sign-in/magic-link", APP, Map.of("email", email, "callbackURL", APP + "/signed-in"));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);

        WebDriver chromium = Chromium.start();
        try {
            String dashboard = "http://localhost:" + port;
            Chromium.signIn(chromium, port, dashboardEmail, PASSWORD);

            chromium.get(dashboard + "/outbox");
            WebElement link = new WebDriverWait(chromium, Duration.ofSeconds(20))
                    .until(ExpectedConditions.presenceOfElementLocated(
                            By.partialLinkText("/api/auth/magic-link/verify")));
            assertThat(chromium.findElement(By.tagName("main")).getText()).contains(email, "Your sign-in link");
            // The link opens a new tab; the same address in this tab is the same click for the Worker.
            try {
                chromium.get(link.getAttribute("href"));
            } catch (org.openqa.selenium.WebDriverException offline) {
                // The Worker redirects to the app's callback, which does not exist offline; its cookie is set by then.
                assertThat(offline.getMessage()).contains("ERR_NAME_NOT_RESOLVED");
            }
            // The Worker set its session cookie on the way to the app (which does not exist offline): the browser is
            // now signed in to the Worker as the app user.
            chromium.get(local + "/api/me");
            assertThat(chromium.findElement(By.tagName("body")).getText()).contains(email);
        } finally {
            chromium.quit();
        }
    }

    /** Resend as the provider: the sandbox captures the Worker's calls to it into the Outbox. */
    private void configureResend() {
        client.withToken(ApiToken.of(fixture.token().value()))
                .d1()
                .query(
                        fixture.accountId(),
                        fixture.project().d1DatabaseId(),
                        "INSERT INTO flarelink_config (key, value) VALUES ('EMAIL_PROVIDER', 'resend'), "
                                + "('EMAIL_FROM', 'App <noreply@app.example.com>'), "
                                + "('RESEND_API_KEY', 're_sandbox_not_a_real_key') "
                                + "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        assertThat(provisioning
                        .changeTrustedOrigins(user, fixture.project().id(), APP)
                        .message())
                .contains("the change is live");
    }

    @Test
    void theAppListsTheProjectsBucketThroughTheLocalWorkerWithTheBucketScopedKeyFlarelinkMinted() throws Exception {
        String bucket = "app-files";
        buckets.create(user, new CreateBucketCommand(fixture.connection(), bucket, null));
        projectFiles.attach(
                user, fixture.connection(), bucket, fixture.project().id());
        MintedKey minted = keys.mint(user, fixture.connection(), bucket);
        assertThat(minted.storedIn()).isNotNull();
        assertThat(minted.storedIn().reload().reloaded())
                .as(minted.storedIn().reload().message())
                .isTrue();
        String serviceKey =
                provisioning.rotateServiceKey(user, fixture.project().id()).key();

        // The minted key may not call ListBuckets (the emulator refuses it, as R2 does); R2_BUCKETS answers instead.
        HttpResponse<String> listed = service("/api/storage/buckets", serviceKey);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(listed.body()).path("buckets");
        assertThat(answer.findValuesAsString("name")).containsExactly(bucket);
        assertThat(answer.get(0).path("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        // The same key lists the bucket's objects through the emulator's S3 endpoint.
        HttpResponse<String> objects = service("/api/storage/list?bucket=" + bucket, serviceKey);
        assertThat(objects.statusCode()).as(objects.body()).isEqualTo(200);

        // A key stored without the row (by an older Flarelink): ListBuckets is refused, and the app is told why.
        fixture.d1("DELETE FROM flarelink_config WHERE key = 'R2_BUCKETS'");
        assertThat(provisioning
                        .changeTrustedOrigins(user, fixture.project().id(), APP)
                        .message())
                .contains("the change is live");
        HttpResponse<String> refused = service("/api/storage/buckets", serviceKey);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("code").asString()).isEqualTo("R2_KEY_CANNOT_LIST_BUCKETS");

        // Redeploy writes the row for such a key before it uploads the Worker: the app's route answers again.
        provisioning.redeploy(user, fixture.project().id());
        assertThat(provisioning.awaitIdle(fixture.project().id(), Duration.ofSeconds(90)))
                .isTrue();
        assertThat(sandbox.workers().awaitRunning(publicUrl, Duration.ofSeconds(90)))
                .isTrue();
        HttpResponse<String> backfilled = service("/api/storage/buckets", serviceKey);
        assertThat(backfilled.statusCode()).as(backfilled.body()).isEqualTo(200);
        assertThat(JSON.readTree(backfilled.body()).path("buckets").findValuesAsString("name"))
                .containsExactly(bucket);
    }

    /** A service-key GET, as the app's server sends it (no Origin). */
    private HttpResponse<String> service(String path, String serviceKey) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(local + path))
                        .header("Authorization", "Bearer " + serviceKey)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anotherUsersOutboxDoesNotShowThisAccountsEmail() throws Exception {
        String email = Emails.unique("private-user");
        post("/api/auth/sign-up/email", APP, Map.of("email", email, "password", PASSWORD, "name", "Di"));
        BrowserlessSession other = new BrowserlessSession(port);
        other.signUp(Emails.unique("outsider"), PASSWORD);

        assertThat(other.get("/outbox").body()).contains("No email yet").doesNotContain(fixture.accountId());
    }

    private String awaitOutboxWith(String email) throws InterruptedException {
        String page = "";
        for (int i = 0; i < 50; i++) {
            page = browser.get("/outbox").body();
            if (page.contains(email)) {
                return page;
            }
            Thread.sleep(100);
        }
        return page;
    }

    @Test
    void theProjectPageShowsTheLocalAddressNextToTheRealOne() {
        String body = browser.get("/projects/" + fixture.project().id()).body();

        assertThat(body).contains(publicUrl).contains("id=\"local-worker-url\"").contains(local);
    }

    @Test
    void redeployRestartsTheWorkerAndDeletingTheProjectStopsIt() throws Exception {
        List<ProcessHandle> before = sandbox.workers().processesOf(publicUrl);
        assertThat(before).isNotEmpty();
        assertThat(before).anySatisfy(p -> assertThat(command(p)).contains("workerd"));

        provisioning.redeploy(user, fixture.project().id());
        assertThat(provisioning.awaitIdle(fixture.project().id(), Duration.ofSeconds(90)))
                .isTrue();
        assertThat(sandbox.workers().awaitRunning(publicUrl, Duration.ofSeconds(90)))
                .isTrue();

        List<ProcessHandle> after = sandbox.workers().processesOf(publicUrl);
        assertThat(after).isNotEmpty().doesNotContainAnyElementsOf(before);
        assertThat(before).noneMatch(ProcessHandle::isAlive);
        assertThat(get("/__flarelink").statusCode()).isEqualTo(200);

        provisioning.delete(user, fixture.project().id(), fixture.project().name());
        assertThat(provisioning.awaitIdle(fixture.project().id(), Duration.ofSeconds(90)))
                .isTrue();
        for (ProcessHandle process : after) {
            process.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(after).noneMatch(ProcessHandle::isAlive);
        URI address = URI.create(local);
        assertThatThrownBy(() -> new java.net.Socket(address.getHost(), address.getPort()).close())
                .isInstanceOf(ConnectException.class);
    }

    private HttpResponse<String> post(String path, String origin, Map<String, String> body)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(local + path))
                        .header("Origin", origin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(local + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sandboxGet(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                        .header("Authorization", "Bearer " + fixture.token().value())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("set-cookie").stream()
                .filter(c -> c.contains("session_token="))
                .map(c -> c.split(";")[0])
                .findFirst()
                .orElseThrow();
    }

    private static String command(ProcessHandle process) {
        return process.info().command().orElse("");
    }
}
