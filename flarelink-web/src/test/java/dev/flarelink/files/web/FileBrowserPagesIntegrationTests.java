package dev.flarelink.files.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A project's bucket over real HTTP (sessions, CSRF, 404s): attach, default upload origins, keys written into the
 * project's flarelink_config, and the file browser with presigned URLs, against the sandbox and a real PostgreSQL.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class FileBrowserPagesIntegrationTests {

    private static final String PASSWORD = "a sturdy passphrase of words";
    private static final Pattern SECRET = Pattern.compile("id=\"secret-access-key\">([0-9a-f]{64})<");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
    JdbcClient jdbc;

    BrowserlessSession browser;
    ProjectFixture fixture;
    String page;

    @BeforeEach
    void projectWithABucket() {
        browser = new BrowserlessSession(port);
        UUID user = signUp(browser);
        String bucket = "b" + UUID.randomUUID().toString().substring(0, 8);
        fixture = ProjectFixture.create(
                sandbox, client, connections, provisioning, user, "https://app.example.com", bucket);
        page = "/files/" + fixture.connection() + "/" + bucket;
    }

    @Test
    void theProjectsBucketStartsFromItsOriginsAndKeepsAMintedKeyInTheProjectConfig() {
        String bucketPage = browser.get(page).body();
        assertThat(bucketPage)
                .contains("This bucket belongs to project")
                .contains(fixture.project().name())
                .containsPattern("id=\"uploadOrigins\"[^>]*>https://app.example.com</textarea>");

        HttpResponse<String> shown = browser.submit(page, page + "/keys", Map.of());

        Matcher secret = SECRET.matcher(shown.body());
        assertThat(secret.find()).isTrue();
        assertThat(shown.body())
                .contains("Written into the configuration of project "
                        + fixture.project().name());
        assertThat(fixture.config()).containsEntry("R2_SECRET_ACCESS_KEY", secret.group(1));
        assertThat(databaseDump()).doesNotContain(secret.group(1));
    }

    @Test
    void attachesAnotherBucketOnlyWithCsrf() {
        HttpResponse<String> created = browser.submit(
                "/files", "/files/" + fixture.connection() + "/buckets", Map.of("name", "extra-" + suffix()));
        String extra = created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        assertThat(browser.get(extra).body()).contains("Attach to project");

        assertThat(browser.post(
                                extra + "/project",
                                Map.of("projectId", fixture.project().id().toString()))
                        .statusCode())
                .isEqualTo(403);
        assertThat(browser.get(extra).body()).contains("Attach to project");

        HttpResponse<String> attached = browser.submit(
                extra,
                extra + "/project",
                Map.of("projectId", fixture.project().id().toString()));

        assertThat(attached.statusCode()).isEqualTo(302);
        assertThat(browser.get(extra).body())
                .contains("This bucket belongs to project")
                .contains("Browse files");
    }

    @Test
    void uploadsThroughAPresignedUrlThenListsDownloadsAndDeletesWithAConfirmation() throws Exception {
        browser.submit(page, page + "/keys", Map.of());
        String objects = page + "/objects";
        assertThat(browser.post(objects + "/upload-url", Map.of("key", "a.txt")).statusCode())
                .isEqualTo(403);

        for (String key : new String[] {"a.txt", "notes/b.txt"}) {
            HttpResponse<String> signed = browser.submit(objects, objects + "/upload-url", Map.of("key", key));
            assertThat(signed.statusCode()).isEqualTo(200);
            assertThat(signed.headers().firstValue("Cache-Control"))
                    .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
            JsonNode answer = JsonMapper.shared().readTree(signed.body());
            HttpResponse<String> put = HTTP.send(
                    HttpRequest.newBuilder(URI.create(answer.path("url").asString()))
                            .PUT(HttpRequest.BodyPublishers.ofString("content of " + key))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(200);
        }

        String listing = browser.get(objects).body();
        assertThat(listing).contains(">a.txt<").contains(">notes/<").contains("16 B");
        assertThat(browser.get(objects + "?prefix=notes/").body())
                .contains(">b.txt<")
                .contains("Up one");

        HttpResponse<String> download = browser.get(objects + "/download?key=a.txt");
        assertThat(download.statusCode()).isEqualTo(302);
        String location = download.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(sandbox.s3Endpoint()).contains("X-Amz-Signature=");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString())
                        .body())
                .isEqualTo("content of a.txt");

        HttpResponse<String> question = browser.submit(objects, objects + "/delete", Map.of("keys", "a.txt"));
        assertThat(question.body()).contains("Delete 1 file from");
        assertThat(browser.get(objects).body()).contains(">a.txt<");
        HttpResponse<String> done = browser.submit(
                objects, objects + "/delete", Map.of("keys", "a.txt", "confirmed", "true", "prefix", ""));
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(browser.get(objects).body()).doesNotContain(">a.txt<").contains("1 file deleted.");
    }

    @Test
    void anotherUserGetsPageNotFoundEverywhere() {
        browser.submit(page, page + "/keys", Map.of());
        BrowserlessSession stranger = new BrowserlessSession(port);
        signUp(stranger);

        assertThat(stranger.get(page + "/objects").statusCode()).isEqualTo(404);
        assertThat(stranger.get(page + "/objects/download?key=a.txt").statusCode())
                .isEqualTo(404);
        assertThat(stranger.submit("/files", page + "/objects/upload-url", Map.of("key", "a.txt"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(stranger.submit(
                                "/files",
                                page + "/project",
                                Map.of("projectId", fixture.project().id().toString()))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void theCspLetsPagesConnectOnlyToTheSandboxS3Origin() {
        String csp = browser.get(page)
                .headers()
                .firstValue("Content-Security-Policy")
                .orElseThrow();
        URI s3 = URI.create(sandbox.s3Endpoint());

        assertThat(csp).contains("connect-src 'self' http://" + s3.getHost() + ":" + s3.getPort() + ";");
        assertThat(csp).doesNotContain("*").doesNotContain("connect-src 'self' http:;");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private UUID signUp(BrowserlessSession session) {
        String email = Emails.unique("files-browser");
        session.signUp(email, PASSWORD);
        return accounts.authenticate(email, PASSWORD, "127.0.0.1").orElseThrow().id();
    }

    private String databaseDump() {
        StringBuilder dump = new StringBuilder();
        for (String table : jdbc.sql("select table_name from information_schema.tables where table_schema = 'public'")
                .query(String.class)
                .list()) {
            jdbc.sql("select t::text from \"" + table + "\" t")
                    .query(String.class)
                    .list()
                    .forEach(row -> dump.append(table).append(' ').append(row).append('\n'));
        }
        return dump.toString();
    }
}
