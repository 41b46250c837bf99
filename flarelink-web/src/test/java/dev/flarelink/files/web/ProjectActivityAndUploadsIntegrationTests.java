package dev.flarelink.files.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.d1.ColumnSpec;
import dev.flarelink.d1.CreateTableCommand;
import dev.flarelink.d1.FieldInput;
import dev.flarelink.d1.LogicalType;
import dev.flarelink.d1.RowEditService;
import dev.flarelink.d1.RunSqlCommand;
import dev.flarelink.d1.SchemaEditService;
import dev.flarelink.d1.SqlConsoleService;
import dev.flarelink.d1.WriteRowCommand;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * What a new user's first run found on a project's database and bucket, over real HTTP against the sandbox and a
 * real PostgreSQL: every event carries the project and the Activity filters find it; an absent CORS policy is no
 * error; the dashboard's own origin is in the upload rule; downloads are attachments with the object's type.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "flarelink.files.page-size=100")
@ActiveProfiles("sandbox")
class ProjectActivityAndUploadsIntegrationTests {

    private static final String PASSWORD = "a sturdy passphrase of words";
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
    SchemaEditService schema;

    @Autowired
    RowEditService rows;

    @Autowired
    SqlConsoleService console;

    @Autowired
    JdbcClient jdbc;

    BrowserlessSession browser;
    ProjectFixture fixture;
    UUID user;
    String bucket;
    String page;

    @BeforeEach
    void projectWithABucket() {
        browser = new BrowserlessSession(port);
        String email = Emails.unique("papercuts");
        browser.signUp(email, PASSWORD);
        user = accounts.authenticate(email, PASSWORD, "127.0.0.1").orElseThrow().id();
        bucket = "b" + UUID.randomUUID().toString().substring(0, 8);
        fixture = ProjectFixture.create(
                sandbox, client, connections, provisioning, user, "https://app.example.com", bucket);
        page = "/files/" + fixture.connection() + "/" + bucket;
    }

    @Test
    void everyEventAboutTheProjectsDatabaseAndBucketCarriesTheProjectAndTheFiltersFindIt() {
        UUID connection = fixture.connection();
        String database = fixture.project().d1DatabaseId();
        schema.createTable(
                user,
                connection,
                database,
                new CreateTableCommand("notes", List.of(new ColumnSpec("body", LogicalType.TEXT, false, false, null))));
        rows.insertRow(
                user,
                connection,
                database,
                new WriteRowCommand("notes", null, Map.of(0, new FieldInput(FieldInput.Mode.VALUE, "hello"))));
        console.run(user, connection, database, new RunSqlCommand("SELECT count(*) FROM notes", false));
        browser.submit(page, page + "/keys", Map.of());
        browser.submit(page, page + "/cors/uploads", Map.of("origins", "https://app.example.com"));
        browser.submit(page + "/objects", page + "/objects/upload-url", Map.of("key", "a.txt"));
        long before = count("project_id is null");

        for (String action : List.of(
                "table.created",
                "row.inserted",
                "sql.run",
                "d1.database.query",
                "key.minted",
                "cors.changed",
                "object.upload_signed")) {
            assertThat(projectsOf(action))
                    .as(action)
                    .containsOnly(fixture.project().id());
        }
        assertThat(before).as("no event of this user lacks the project").isZero();

        String activity = browser.get("/activity").body();
        assertThat(activity)
                .containsPattern("<option value=\"" + fixture.project().id() + "\"[^>]*>"
                        + fixture.project().name() + "</option>")
                .contains("D1 databases, tables, rows and SQL");
        String byProject =
                browser.get("/activity?project=" + fixture.project().id()).body();
        assertThat(byProject).contains("table.created").contains("cors.changed").contains("key.minted");
        String byKind = browser.get("/activity?kind=files").body();
        assertThat(byKind)
                .contains("cors.changed")
                .doesNotContain("table.created")
                .doesNotContain("sql.run");
        String byResource = browser.get("/activity?resource=" + bucket).body();
        assertThat(byResource)
                .contains("cors.changed")
                .contains("object.upload_signed")
                .doesNotContain("table.created");
        assertThat(browser.get("/activity?kind=everything").body()).contains("Choose one of the listed kinds");
        assertThat(browser.get("/activity?project=" + UUID.randomUUID()).body()).doesNotContain("cors.changed");
    }

    @Test
    void viewingABucketWithoutCorsRulesRecordsTheAnswerAsOkNotAsAnError() {
        // The provisioning gave the bucket a rule for the project's origins; without any, R2 answers 404 (10059).
        assertThat(browser.submit(page, page + "/cors/delete", Map.of()).statusCode())
                .isEqualTo(302);
        assertThat(browser.get(page).body()).contains("No CORS rules");

        List<String> outcomes = jdbc.sql("select outcome from activity_event where user_id = :user"
                        + " and action = 'r2.bucket.cors.get'")
                .param("user", user)
                .query(String.class)
                .list();
        assertThat(outcomes).isNotEmpty().containsOnly("ok");
        assertThat(jdbc.sql("select action || ' ' || coalesce(error_codes, '') from activity_event"
                                + " where user_id = :user and outcome <> 'ok' and action like 'r2.bucket.cors.%'")
                        .param("user", user)
                        .query(String.class)
                        .list())
                .isEmpty();
    }

    @Test
    void theDashboardsOriginJoinsTheUploadRuleAndStaysWhenTheRuleIsSavedAgain() {
        String dashboard = "http://localhost:" + port;
        assertThat(browser.get(page).body())
                .contains("Flarelink also adds this")
                .contains(dashboard);
        browser.submit(page, page + "/keys", Map.of());
        assertThat(browser.get(page + "/objects").body())
                .contains("id=\"uploads-blocked\"")
                .contains(dashboard);

        browser.submit(page, page + "/cors/uploads", Map.of("origins", "https://app.example.com"));
        browser.submit(page, page + "/cors/uploads", Map.of("origins", "https://app.example.com"));

        String bucketPage = browser.get(page).body();
        assertThat(bucketPage).contains("https://app.example.com").contains(dashboard);
        assertThat(browser.get(page + "/objects").body()).doesNotContain("id=\"uploads-blocked\"");
        HttpResponse<String> check = browser.submit(
                page, page + "/cors/check", Map.of("origin", dashboard, "method", "PUT", "headers", "content-type"));
        assertThat(check.body()).contains("Pass");
    }

    @Test
    void aDownloadIsAnAttachmentWithTheObjectsOwnContentType() throws Exception {
        browser.submit(page, page + "/keys", Map.of());
        String objects = page + "/objects";
        HttpResponse<String> signed = browser.submit(objects, objects + "/upload-url", Map.of("key", "ticks ✓.txt"));
        String upload = JsonMapper.shared().readTree(signed.body()).path("url").asString();
        byte[] content = "done ✓".getBytes(StandardCharsets.UTF_8);
        assertThat(HTTP.send(
                                HttpRequest.newBuilder(URI.create(upload))
                                        .header("Content-Type", "text/plain; charset=utf-8")
                                        .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> download = browser.get(
                objects + "/download?key=" + java.net.URLEncoder.encode("ticks ✓.txt", StandardCharsets.UTF_8));
        assertThat(download.statusCode()).isEqualTo(302);
        String location = download.headers().firstValue("Location").orElseThrow();
        assertThat(URLDecoder.decode(location, StandardCharsets.UTF_8))
                .contains("response-content-disposition=attachment;")
                .contains("response-content-type=text/plain; charset=utf-8");

        HttpResponse<byte[]> fetched = HTTP.send(
                HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(content);
        assertThat(fetched.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(fetched.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v)
                        .startsWith("attachment;")
                        .contains("filename=\"ticks _.txt\"")
                        .contains("filename*=UTF-8''ticks%20%E2%9C%93.txt"));
    }

    @Test
    void theProjectPageLeadsToItsDatabaseFilesAndActivityAndListsAttachedBuckets() {
        String extra = "extra-" + UUID.randomUUID().toString().substring(0, 8);
        String extraPage = browser.submit(
                        "/files", "/files/" + fixture.connection() + "/buckets", Map.of("name", extra))
                .headers()
                .firstValue("Location")
                .orElseThrow()
                .replaceFirst("^https?://[^/]+", "");
        browser.submit(
                extraPage,
                extraPage + "/project",
                Map.of("projectId", fixture.project().id().toString()));
        String database =
                "/database/" + fixture.connection() + "/" + fixture.project().d1DatabaseId();

        String projectPage = browser.get("/projects/" + fixture.project().id()).body();

        assertThat(projectPage)
                .contains("href=\"" + database + "\"")
                .contains("href=\"" + page + "\"")
                .contains("href=\"" + extraPage + "\"")
                .contains("href=\"/activity?project=" + fixture.project().id() + "\"")
                .contains("R2 bucket (attached)")
                .contains("<caption>");
        String console = browser.get(database + "/console").body();
        assertThat(console)
                .containsPattern("id=\"console-database\">" + fixture.project().d1Name() + "<");
    }

    @Test
    void destructiveButtonsLookDestructiveAndRepeatedOnesSayWhatTheyActOn() {
        browser.submit(page, page + "/keys", Map.of());
        String bucketPage = browser.get(page).body();

        assertThat(bucketPage)
                .containsPattern("class=\"button danger\"[^>]*>Remove rule")
                .containsPattern("class=\"button danger\"\\s+aria-label=\"Revoke key flarelink-r2-" + bucket)
                .containsPattern("class=\"button danger\"\\s+aria-label=\"Regenerate key flarelink-r2-" + bucket)
                .containsPattern("class=\"button danger\">Delete bucket<");
        assertThat(browser.get("/files").body()).doesNotContain("comes later");
    }

    private List<UUID> projectsOf(String action) {
        return jdbc.sql("select project_id from activity_event where user_id = :user and action = :action")
                .param("user", user)
                .param("action", action)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
    }

    // Events of the user made after the project exists (its provisioning's calls are the project's, too).
    private long count(String condition) {
        return jdbc.sql("select count(*) from activity_event where user_id = :user and connection_id is not null and "
                        + condition + " and occurred_at > (select created_at from project where id = :project)"
                        + " and action not like 'connection.%' and action not like 'tokens.%'"
                        + " and action not like 'accounts.%'")
                .param("user", user)
                .param("project", fixture.project().id())
                .query(Long.class)
                .single();
    }
}
