package dev.flarelink.files.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.files.S3Keypair;
import dev.flarelink.files.S3Transport;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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
// Pages of 100 here, so paging is shown with 250 objects (the sandbox profile saves its state on every PUT);
// ProjectFilesIntegrationTests pages 2,500 entries at R2's 1,000.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "flarelink.files.page-size=100")
@ActiveProfiles("sandbox")
@ExtendWith(OutputCaptureExtension.class)
class FileBrowserPagesIntegrationTests {

    private static final String PASSWORD = "a sturdy passphrase of words";
    private static final Pattern SECRET = Pattern.compile("id=\"secret-access-key\">([0-9a-f]{64})<");
    private static final Pattern ACCESS_KEY = Pattern.compile("id=\"access-key-id\">([0-9a-f]{32})<");
    private static final Pattern NEXT = Pattern.compile("id=\"next-page\"\\s+href=\"([^\"]+)\"");
    private static final Pattern NAME = Pattern.compile("class=\"files-object-name\">([^<]+)<");
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

    @Autowired
    S3Transport s3;

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
    void aBadDownloadIsTheUsersMistakeWithAPageThatSaysSoAndNoStackTrace(CapturedOutput output) {
        String objects = page + "/objects/download?key=";
        String tooLong = "k".repeat(1025);
        for (String key : List.of("", "bad\u0001key", "/leading-slash", tooLong)) {
            HttpResponse<String> answer = browser.get(objects + URLEncoder.encode(key, StandardCharsets.UTF_8));
            assertThat(answer.statusCode())
                    .as("download of %s", key.length() > 20 ? "a long key" : key)
                    .isEqualTo(400);
            assertThat(answer.body())
                    .contains("Request not understood")
                    .contains("A file name (object key) has 1 to 1,024 bytes, no control characters and no leading /.");
        }

        HttpResponse<String> created = browser.submit(
                "/files", "/files/" + fixture.connection() + "/buckets", Map.of("name", "loose-" + suffix()));
        String loose = created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        HttpResponse<String> unattached = browser.get(loose + "/objects/download?key=a.txt");
        assertThat(unattached.statusCode()).isEqualTo(400);
        assertThat(unattached.body()).contains("Attach this bucket to a project first");

        assertThat(output.getAll()).doesNotContain("FilesProblemException").doesNotContain("\tat dev.flarelink");
    }

    @Test
    void aFolderOfMoreThanOnePageIsBrowsedPageByPage() {
        HttpResponse<String> shown = browser.submit(page, page + "/keys", Map.of());
        Matcher id = ACCESS_KEY.matcher(shown.body());
        Matcher secret = SECRET.matcher(shown.body());
        assertThat(id.find() && secret.find()).isTrue();
        S3Keypair keypair = new S3Keypair(id.group(1), secret.group(1));
        String bucket = page.substring(page.lastIndexOf('/') + 1);
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < 250; i++) {
            String key = String.format("f%04d.txt", i);
            expected.add(key);
            URI url = URI.create(sandbox.s3Endpoint() + "/" + bucket + "/" + key);
            assertThat(s3.signed("PUT", url, keypair, new byte[] {1}).status()).isEqualTo(200);
        }
        String objects = page + "/objects";

        String first = browser.get(objects).body();
        String second = browser.get(next(first)).body();
        String third = browser.get(next(second)).body();

        assertThat(names(first)).hasSize(100).startsWith("f0000.txt");
        assertThat(first).contains("Page 1 (100 entries a page)").doesNotContain("id=\"first-page\"");
        assertThat(names(second)).hasSize(100).startsWith("f0100.txt");
        assertThat(second).contains("Page 2").contains("id=\"first-page\"");
        assertThat(names(third)).hasSize(50).endsWith("f0249.txt");
        assertThat(third).contains("Page 3").doesNotContain("id=\"next-page\"");
        List<String> all = new ArrayList<>(names(first));
        all.addAll(names(second));
        all.addAll(names(third));
        assertThat(all).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
        assertThat(browser.get(objects + "?page=%25%25broken").body()).contains("go back to the first page");
    }

    @Test
    void detachAsksFirstThenKeepsTheBucketAndRemovesItsKeyFromTheProject() {
        HttpResponse<String> created = browser.submit(
                "/files", "/files/" + fixture.connection() + "/buckets", Map.of("name", "extra-" + suffix()));
        String extra = created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        String project = fixture.project().id().toString();
        browser.submit(extra, extra + "/project", Map.of("projectId", project));
        HttpResponse<String> minted = browser.submit(extra, extra + "/keys", Map.of());
        Matcher id = ACCESS_KEY.matcher(minted.body());
        assertThat(id.find()).isTrue();
        assertThat(browser.get(page).body())
                .doesNotContain("Detach from project")
                .contains("stays with the project");
        assertThat(browser.get(extra).body()).contains("Detach from project");
        assertThat(browser.post(extra + "/project/detach", Map.of("projectId", project))
                        .statusCode())
                .isEqualTo(403);

        HttpResponse<String> question = browser.submit(extra, extra + "/project/detach", Map.of("projectId", project));

        assertThat(question.statusCode()).isEqualTo(200);
        assertThat(question.body())
                .contains("from project " + fixture.project().name() + "?")
                .contains("stay in R2, unchanged")
                .contains(id.group(1) + ", which Flarelink created for this bucket only. It is removed");
        assertThat(browser.get(extra).body()).contains("This bucket belongs to project");
        assertThat(fixture.config()).containsEntry("R2_ACCESS_KEY_ID", id.group(1));

        HttpResponse<String> done =
                browser.submit(extra, extra + "/project/detach", Map.of("projectId", project, "confirmed", "true"));

        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(browser.get(extra).body())
                .contains("is no longer attached to " + fixture.project().name())
                .contains("The bucket and its files are unchanged.")
                .contains("Attach to project");
        assertThat(fixture.config()).doesNotContainKey("R2_ACCESS_KEY_ID").containsKey("BETTER_AUTH_SECRET");
        HttpResponse<String> again =
                browser.submit("/files", extra + "/project/detach", Map.of("projectId", project, "confirmed", "true"));
        assertThat(again.body()).contains("is not attached to project");
    }

    @Test
    void multipartEndpointsAnswerJsonWithCsrfAndSayWhatWasWrong() throws Exception {
        browser.submit(page, page + "/keys", Map.of());
        String base = page + "/objects/multipart";
        String objects = page + "/objects";
        assertThat(browser.get(objects).body()).contains("data-multipart-threshold=\"104857600\"");
        assertThat(browser.post(base + "/start", Map.of("key", "a.bin", "size", "20000000"))
                        .statusCode())
                .isEqualTo(403);

        HttpResponse<String> started =
                browser.submit(objects, base + "/start", Map.of("key", "a.bin", "size", "20000000"));
        JsonNode answer = JsonMapper.shared().readTree(started.body());
        assertThat(answer.path("partSize").asLong()).isEqualTo(16L * 1024 * 1024);
        assertThat(answer.path("partCount").asInt()).isEqualTo(2);
        String uploadId = answer.path("uploadId").asString();
        HttpResponse<String> urls = browser.submit(
                objects, base + "/parts", Map.of("key", "a.bin", "uploadId", uploadId, "from", "1", "count", "2"));
        JsonNode parts = JsonMapper.shared().readTree(urls.body()).path("parts");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(1).path("url").asString()).contains("partNumber=2").startsWith(sandbox.s3Endpoint());
        HttpResponse<String> tooMany = browser.submit(
                objects, base + "/parts", Map.of("key", "a.bin", "uploadId", uploadId, "from", "1", "count", "11"));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(JsonMapper.shared().readTree(tooMany.body()).path("error").asString())
                .contains("1 to 10");

        HttpResponse<String> aborted =
                browser.submit(objects, base + "/abort", Map.of("key", "a.bin", "uploadId", uploadId));
        assertThat(aborted.statusCode()).isEqualTo(200);
        HttpResponse<String> late = HTTP.send(
                HttpRequest.newBuilder(URI.create(parts.get(0).path("url").asString()))
                        .PUT(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(late.statusCode()).isEqualTo(404);
        HttpResponse<String> empty = browser.submit(objects, base + "/start", Map.of("key", "", "size", "10"));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("object key");
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
        assertThat(stranger.submit(
                                "/files",
                                page + "/project/detach",
                                Map.of("projectId", fixture.project().id().toString(), "confirmed", "true"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(stranger.submit("/files", page + "/objects/multipart/start", Map.of("key", "a", "size", "9"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(browser.get(page).body()).contains("This bucket belongs to project");
    }

    private static String next(String listing) {
        Matcher next = NEXT.matcher(listing);
        assertThat(next.find()).isTrue();
        return next.group(1).replace("&amp;", "&");
    }

    private static List<String> names(String listing) {
        List<String> names = new ArrayList<>();
        Matcher name = NAME.matcher(listing);
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
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
