package dev.flarelink.jsonapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.apikey.ApiKeyProblemException;
import dev.flarelink.apikey.ApiKeyService;
import dev.flarelink.apikey.CreateApiKeyCommand;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.files.web.ProjectFixture;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.ApiClient;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The JSON API against the real app (Tomcat, both filter chains, PostgreSQL, the sandbox): the five routes of the
 * {@code @flarelink/mcp} contract with their shapes, status codes and errors, the active project, the API keys page,
 * the Activity log, the rate limit and key uniqueness. Who may call what is in {@code ApiRouteMatrixIntegrationTests}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "flarelink.api.requests-per-minute=100")
@ActiveProfiles("sandbox")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIntegrationTests {

    private static final String PASSWORD = "a sturdy passphrase of words";
    private static final Pattern SHOWN_KEY = Pattern.compile("id=\"new-api-key\">(flk_[0-9a-f]{64})<");

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
    ApiKeyService keys;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    BrowserlessSession browser;
    UUID user;
    ProjectFixture fixture;
    String bucket;
    String fullKey;
    String readOnlyKey;

    @BeforeAll
    void connectedUserWithAProjectAndKeys() {
        api = new ApiClient(port);
        browser = new BrowserlessSession(port);
        String email = Emails.unique("api-a");
        assertThat(browser.signUp(email, PASSWORD).statusCode()).isEqualTo(302);
        user = userId(email);
        bucket = "api-" + UUID.randomUUID().toString().substring(0, 8);
        fixture = ProjectFixture.create(
                sandbox, client, connections, provisioning, user, "https://app.example.com", bucket);
        fullKey = keys.create(user, new CreateApiKeyCommand("contract full", "full", null))
                .secret();
        readOnlyKey = keys.create(user, new CreateApiKeyCommand("contract read", "read_only", 30))
                .secret();
    }

    @AfterAll
    void quiet() {
        provisioning.awaitIdle(fixture.project().id(), Duration.ofSeconds(60));
    }

    @Test
    void meAnswersTheUserTheKeyTheActiveConnectionAndTheActiveProject() {
        assertThat(api.send("PUT", "/api/me/active-project", fullKey, "{\"projectId\":null}")
                        .statusCode())
                .isEqualTo(200);
        JsonNode me = ApiClient.json(ok(api.get("/api/me", fullKey)));
        assertThat(me.path("user").path("id").asString()).isEqualTo(user.toString());
        assertThat(me.path("user").path("email").asString()).startsWith("api-a");
        assertThat(me.path("key").path("name").asString()).isEqualTo("contract full");
        assertThat(me.path("key").path("prefix").asString()).matches("flk_[0-9a-f]{8}");
        assertThat(me.path("key").path("scope").asString()).isEqualTo("full");
        assertThat(me.path("activeConnection").path("id").asString())
                .isEqualTo(fixture.connection().toString());
        assertThat(me.path("activeConnection").path("accountId").asString()).isEqualTo(fixture.accountId());
        assertThat(me.path("activeProject").isNull())
                .as("no project chosen yet")
                .isTrue();

        JsonNode chosen = ApiClient.json(ok(api.send(
                "PUT",
                "/api/me/active-project",
                fullKey,
                "{\"projectId\":\"" + fixture.project().id() + "\"}")));
        assertThat(chosen.path("activeProject").path("id").asString())
                .isEqualTo(fixture.project().id().toString());
        JsonNode again = ApiClient.json(ok(api.get("/api/me", readOnlyKey)));
        assertThat(again.path("activeProject").path("name").asString())
                .isEqualTo(fixture.project().name());
        assertThat(again.path("activeProject").path("d1DatabaseId").asString())
                .isEqualTo(fixture.project().d1DatabaseId());
        assertThat(again.path("key").path("scope").asString()).isEqualTo("read_only");
    }

    @Test
    void projectsListsTheProjectsOnTheActiveConnection() {
        JsonNode answer = ApiClient.json(ok(api.get("/api/projects", readOnlyKey)));
        assertThat(answer.path("connection").path("id").asString())
                .isEqualTo(fixture.connection().toString());
        JsonNode project = null;
        for (JsonNode listed : answer.path("projects")) {
            if (listed.path("id").asString().equals(fixture.project().id().toString())) {
                project = listed;
            }
        }
        assertThat(project).as("the fixture's project is listed").isNotNull();
        assertThat(project.path("name").asString()).isEqualTo(fixture.project().name());
        assertThat(project.path("status").asString()).isEqualTo("active");
        assertThat(project.path("workerName").asString())
                .isEqualTo(fixture.project().workerName());
    }

    @Test
    void databasesSayWhichOneHostsTheAuthModule() {
        JsonNode databases =
                ApiClient.json(ok(api.get("/api/d1/databases", readOnlyKey))).path("databases");
        JsonNode auth = null;
        for (JsonNode database : databases) {
            if (database.path("id").asString().equals(fixture.project().d1DatabaseId())) {
                auth = database;
            }
        }
        assertThat(auth).as("the project's database is listed").isNotNull();
        assertThat(auth.path("name").asString()).isEqualTo(fixture.project().d1Name());
        assertThat(auth.path("hostsAuthModule").asBoolean()).isTrue();
        assertThat(auth.path("projectId").asString())
                .isEqualTo(fixture.project().id().toString());
    }

    @Test
    void queryBindsParamsAndAnswersRowsAndMeta() {
        String path = "/api/d1/query/" + fixture.project().d1DatabaseId();
        JsonNode created = ApiClient.json(ok(api.send(
                "POST",
                path,
                fullKey,
                "{\"sql\":\"CREATE TABLE IF NOT EXISTS api_notes (id INTEGER PRIMARY KEY, body TEXT, n REAL, b INTEGER)"
                        + "; INSERT INTO api_notes (body, n, b) VALUES (?, ?, ?)\",\"params\":[\"it's \\\"quoted\\\"\", 1.5,"
                        + " true]}")));
        assertThat(created.path("results").size()).isEqualTo(2);
        assertThat(created.path("meta").path("changes").asLong()).isEqualTo(1);

        JsonNode read = ApiClient.json(ok(api.send(
                "POST",
                path,
                readOnlyKey,
                "{\"sql\":\"SELECT body, n FROM api_notes WHERE body = ?\",\"params\":[\"it's "
                        + "\\\"quoted\\\"\"]}")));
        assertThat(read.path("databaseId").asString())
                .isEqualTo(fixture.project().d1DatabaseId());
        assertThat(read.path("rows").size()).isEqualTo(1);
        assertThat(read.path("rows").get(0).path("body").asString()).isEqualTo("it's \"quoted\"");
        assertThat(read.path("rows").get(0).path("n").asDouble()).isEqualTo(1.5);
        assertThat(read.path("meta").has("rowsRead")).isTrue();
        assertThat(read.path("results").get(0).path("success").asBoolean()).isTrue();

        HttpResponse<String> refused = api.send("POST", path, fullKey, "{\"sql\":\"SELECT * FROM no_such_table\"}");
        assertError(refused, 400, "D1_ERROR");
        assertError(api.send("POST", path, fullKey, "{\"sql\":\"\"}"), 400, "BAD_REQUEST");
        assertError(
                api.send("POST", path, fullKey, "{\"sql\":\"SELECT ?\",\"params\":[{\"a\":1}]}"), 400, "BAD_REQUEST");
        assertError(api.send("POST", path, fullKey, "not json"), 400, "INVALID_JSON");
    }

    @Test
    void theWorkersSecretsInFlarelinkConfigAreNeverReadBackThroughAQuery() {
        Map<String, String> config = fixture.config();
        List<String> secrets = config.entrySet().stream()
                .filter(e -> e.getKey().toUpperCase(java.util.Locale.ROOT).contains("SECRET"))
                .map(Map.Entry::getValue)
                .filter(v -> v.length() >= 16)
                .toList();
        assertThat(secrets).as("the project's config holds an auth secret").isNotEmpty();
        HttpResponse<String> read = ok(api.send(
                "POST",
                "/api/d1/query/" + fixture.project().d1DatabaseId(),
                readOnlyKey,
                "{\"sql\":\"SELECT key, value FROM flarelink_config\"}"));
        assertThat(read.body()).contains("set, ends …");
        assertThat(secrets.stream().filter(read.body()::contains))
                .as("secrets in the answer")
                .isEmpty();
    }

    @Test
    void aReadOnlyKeyCannotWriteThroughSqlAndNothingChanges() {
        String path = "/api/d1/query/" + fixture.project().d1DatabaseId();
        ok(api.send("POST", path, fullKey, "{\"sql\":\"CREATE TABLE IF NOT EXISTS ro_probe (v TEXT)\"}"));
        for (String sql : List.of(
                "INSERT INTO ro_probe (v) VALUES ('x')",
                "DELETE FROM ro_probe",
                "WITH t AS (SELECT 1) INSERT INTO ro_probe SELECT 'y' FROM t",
                "SELECT 1; DROP TABLE ro_probe",
                "PRAGMA foreign_keys = OFF")) {
            assertError(api.send("POST", path, readOnlyKey, "{\"sql\":\"" + sql + "\"}"), 403, "READ_ONLY_KEY");
        }
        JsonNode count = ApiClient.json(
                ok(api.send("POST", path, readOnlyKey, "{\"sql\":\"SELECT count(*) AS n FROM ro_probe\"}")));
        assertThat(count.path("rows").get(0).path("n").asLong()).isZero();
        assertError(
                api.send("PUT", "/api/me/active-project", readOnlyKey, "{\"projectId\":null}"), 403, "READ_ONLY_KEY");
    }

    @Test
    void bucketsListsTheBucketsOfTheActiveConnection() {
        JsonNode answer = ApiClient.json(ok(api.get("/api/r2/buckets", readOnlyKey)));
        assertThat(answer.path("connection").path("accountName").asString()).isNotBlank();
        assertThat(answer.path("buckets").findValuesAsString("name")).contains(bucket);
    }

    @Test
    void aUserWithoutAConnectionGetsNoConnectionOnEveryRouteThatNeedsOne() {
        UUID lonely = signUp("api-lonely");
        String key = keys.create(lonely, new CreateApiKeyCommand("lonely", "full", null))
                .secret();
        JsonNode me = ApiClient.json(ok(api.get("/api/me", key)));
        assertThat(me.path("activeConnection").isNull()).isTrue();
        assertThat(me.path("activeProject").isNull()).isTrue();
        for (HttpResponse<String> response : List.of(
                api.get("/api/projects", key),
                api.get("/api/d1/databases", key),
                api.get("/api/r2/buckets", key),
                api.send("POST", "/api/d1/query/" + fixture.project().d1DatabaseId(), key, "{\"sql\":\"SELECT 1\"}"))) {
            assertError(response, 412, "NO_CONNECTION");
            assertThat(ApiClient.json(response).path("error").asString()).contains("Connect one");
        }
    }

    @Test
    void keysAreRefusedAtOnceWhenRevokedOrExpiredAndUnknownOnesTooWithJson() {
        var created = keys.create(user, new CreateApiKeyCommand("short-lived", "full", 1));
        ok(api.get("/api/me", created.secret()));
        keys.revoke(user, created.key().id());
        assertError(api.get("/api/me", created.secret()), 401, "INVALID_API_KEY");

        var expiring = keys.create(user, new CreateApiKeyCommand("expiring", "full", 1));
        ok(api.get("/api/me", expiring.secret()));
        jdbc.sql("update api_key set expires_at = now() - interval '1 second' where id = :id")
                .param("id", expiring.key().id())
                .update();
        assertError(api.get("/api/me", expiring.secret()), 401, "INVALID_API_KEY");

        assertError(api.get("/api/me", "flk_" + "0".repeat(64)), 401, "INVALID_API_KEY");
        assertError(api.get("/api/me", "not-a-key"), 401, "INVALID_API_KEY");
        HttpResponse<String> none = api.get("/api/me", null);
        assertError(none, 401, "MISSING_API_KEY");
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertError(api.get("/api/no/such/route", fullKey), 404, "NOT_FOUND");
    }

    @Test
    void theSessionCookieAloneAuthorisesNothingAndNoCsrfTokenIsAsked() {
        assertThat(browser.get("/projects").statusCode())
                .as("the browser session is signed in")
                .isEqualTo(200);
        HttpResponse<String> cookieOnly = browser.get("/api/me");
        assertThat(cookieOnly.statusCode()).isEqualTo(401);
        assertThat(ApiClient.json(cookieOnly).path("code").asString()).isEqualTo("MISSING_API_KEY");
        HttpResponse<String> forged = browser.json("PUT", "/api/me/active-project", "{\"projectId\":null}");
        assertThat(forged.statusCode()).isEqualTo(401);
        // With a key and no CSRF token, a write works.
        ok(api.send(
                "PUT",
                "/api/me/active-project",
                fullKey,
                "{\"projectId\":\"" + fixture.project().id() + "\"}"));
        assertThat(cookieOnly.headers().allValues("Set-Cookie"))
                .as("the API never starts a session")
                .isEmpty();
    }

    @Test
    void everyCallIsInTheActivityLogWithTheKeysNameAndPrefixAndTheCallsItCaused() {
        var key = keys.create(user, new CreateApiKeyCommand("activity probe", "full", null));
        ok(api.get("/api/d1/databases", key.secret()));
        List<Map<String, Object>> events = jdbc.sql("""
                        select seq, kind, action, detail from activity_event
                        where user_id = :u and action = 'api.request' and detail like :like order by seq""")
                .param("u", user)
                .param("like", "%activity probe%")
                .query()
                .listOfRows();
        assertThat(events).hasSize(1);
        String detail = (String) events.get(0).get("detail");
        assertThat(detail)
                .contains("\"activity probe\"")
                .contains(key.key().prefix() + "…")
                .contains("GET /api/d1/databases → 200")
                .containsPattern("caused events #\\d+");
        long seq = ((Number) events.get(0).get("seq")).longValue();
        Matcher range = Pattern.compile("#(\\d+)(?:–#(\\d+))?").matcher(detail);
        assertThat(range.find()).isTrue();
        long from = Long.parseLong(range.group(1));
        long to = range.group(2) == null ? from : Long.parseLong(range.group(2));
        List<String> caused = jdbc.sql("select action from activity_event where user_id = :u and seq between :a and :b")
                .param("u", user)
                .param("a", from)
                .param("b", to)
                .query(String.class)
                .list();
        assertThat(caused).as("the Cloudflare calls the request made").contains("d1.database.list");
        assertThat(to).isLessThan(seq);
    }

    @Test
    void aKeyOverItsLimitGets429WithRetryAfter() {
        String key = keys.create(user, new CreateApiKeyCommand("hammer", "read_only", null))
                .secret();
        int refusedAt = -1;
        for (int i = 1; i <= 101; i++) {
            HttpResponse<String> response = api.get("/api/no-such-route", key);
            if (response.statusCode() == 429) {
                refusedAt = i;
                assertError(response, 429, "RATE_LIMITED");
                long retry = Long.parseLong(
                        response.headers().firstValue("Retry-After").orElseThrow());
                assertThat(retry).isBetween(1L, 60L);
                break;
            }
        }
        // A minute boundary may fall inside the loop and start a fresh window: then the limit is reached later.
        assertThat(refusedAt).as("refused after 100 requests in a minute").isIn(101, -1);
        if (refusedAt == -1) {
            HttpResponse<String> response = api.get("/api/no-such-route", key);
            assertThat(response.statusCode()).isIn(404, 429);
        }
    }

    @Test
    void theApiKeysPageShowsANewKeyOnceListsItAndRevokesItAfterConfirming() {
        HttpResponse<String> created = browser.submit(
                "/account/api-keys",
                "/account/api-keys",
                Map.of("name", "<b>page key</b>", "scope", "read_only", "expiresInDays", "7"));
        assertThat(created.statusCode()).isEqualTo(200);
        Matcher shown = SHOWN_KEY.matcher(created.body());
        assertThat(shown.find()).as("the key is shown once").isTrue();
        String secret = shown.group(1);
        assertThat(created.body()).contains("&lt;b&gt;page key&lt;/b&gt;").doesNotContain("<b>page key</b>");
        assertThat(created.body()).contains("FLARELINK_BASE_URL=").contains("FLARELINK_API_KEY=");
        ok(api.get("/api/me", secret));

        String list = browser.get("/account/api-keys").body();
        assertThat(list)
                .doesNotContain(secret)
                .contains(secret.substring(0, 12) + "…")
                .contains("Read only");
        UUID id = jdbc.sql("select id from api_key where user_id = :u and prefix = :p")
                .param("u", user)
                .param("p", secret.substring(0, 12))
                .query(UUID.class)
                .single();
        assertThat(browser.get("/account/api-keys/" + id + "/revoke").body()).contains("stop working at once");
        assertThat(api.get("/api/me", secret).statusCode())
                .as("not revoked before confirming")
                .isEqualTo(200);
        HttpResponse<String> revoked =
                browser.submit("/account/api-keys/" + id + "/revoke", "/account/api-keys/" + id + "/revoke", Map.of());
        assertThat(revoked.statusCode()).isEqualTo(302);
        assertError(api.get("/api/me", secret), 401, "INVALID_API_KEY");

        HttpResponse<String> refused = browser.submit(
                "/account/api-keys", "/account/api-keys", Map.of("name", "  ", "scope", "full", "expiresInDays", "x"));
        assertThat(refused.body()).contains("whole number of days");
        assertThat(SHOWN_KEY.matcher(refused.body()).find()).isFalse();
    }

    @Test
    void aThousandKeysHaveAThousandDistinctHashesAndNoneIsStoredInPlain() {
        UUID many = signUp("api-many");
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            secrets.add(keys.create(many, new CreateApiKeyCommand("k" + i, "read_only", null))
                    .secret());
        }
        assertThat(secrets).hasSize(1000).allMatch(s -> s.matches("flk_[0-9a-f]{64}"));
        Long distinct = jdbc.sql("select count(distinct key_sha256) from api_key where user_id = :u")
                .param("u", many)
                .query(Long.class)
                .single();
        assertThat(distinct).isEqualTo(1000);
        String dump = String.join(
                "\n",
                jdbc.sql("select t::text from api_key t where user_id = :u")
                        .param("u", many)
                        .query(String.class)
                        .list());
        assertThat(secrets.stream().filter(dump::contains))
                .as("keys stored in plain")
                .isEmpty();
        assertThat(secrets.stream().map(s -> s.substring(4)).filter(dump::contains))
                .as("key bodies stored in plain")
                .isEmpty();
        assertThatThrownBy(() -> keys.create(many, new CreateApiKeyCommand("one more", "full", null)))
                .isInstanceOf(ApiKeyProblemException.class)
                .hasMessageContaining("Revoke keys");
    }

    @Test
    void aProjectCreatedThroughTheApiIsPlannedThenProvisionedWithThePagesSteps() throws InterruptedException {
        String name = "viaapi" + UUID.randomUUID().toString().substring(0, 6);
        String body = "{\"name\":\"" + name + "\",\"trustedOrigins\":[\"https://api.example.com\"]}";
        JsonNode plan = ApiClient.json(ok(api.send("POST", "/api/projects/plan", readOnlyKey, body)));
        assertThat(plan.path("workerName").asString()).contains(name);
        assertThat(plan.path("calls").size()).isGreaterThan(3);
        assertThat(jdbc.sql("select count(*) from project where name = :n")
                        .param("n", name)
                        .query(Long.class)
                        .single())
                .as("a plan creates nothing")
                .isZero();
        assertError(api.send("POST", "/api/projects", readOnlyKey, body), 403, "READ_ONLY_KEY");
        HttpResponse<String> bad = api.send("POST", "/api/projects", fullKey, "{\"name\":\"Bad Name\"}");
        assertError(bad, 400, "VALIDATION");
        assertThat(ApiClient.json(bad).path("fields").has("name")).isTrue();

        HttpResponse<String> started = api.send("POST", "/api/projects", fullKey, body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode answer = ApiClient.json(started);
        UUID projectId = UUID.fromString(answer.path("project").path("id").asString());
        String runId = answer.path("runId").asString();
        assertThat(answer.path("run").path("id").asString()).isEqualTo(runId);

        JsonNode run = null;
        for (int i = 0; i < 120; i++) {
            run = ApiClient.json(ok(api.get("/api/runs/" + runId, readOnlyKey)));
            if (run.path("finished").asBoolean()) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");
        var page = provisioning.get(user, projectId).run();
        assertThat(page).isNotNull();
        List<String> apiSteps = run.path("steps")
                .valueStream()
                .map(step ->
                        step.path("name").asString() + "|" + step.path("label").asString() + "|"
                                + step.path("status").asString())
                .toList();
        List<String> pageSteps = page.steps().stream()
                .map(step -> step.name() + "|" + step.label() + "|" + step.status())
                .toList();
        assertThat(apiSteps).isEqualTo(pageSteps).isNotEmpty();
        assertThat(browser.get("/projects/" + projectId).body())
                .contains(page.steps().get(0).label());
        JsonNode project = ApiClient.json(ok(api.get("/api/projects/" + projectId, readOnlyKey)));
        assertThat(project.path("project").path("status").asString()).isEqualTo("active");
        assertThat(project.path("latestRunId").asString()).isEqualTo(runId);
    }

    @Test
    void rowsComeInKeysetPagesThatNeitherSkipNorRepeat() {
        String db = fixture.project().d1DatabaseId();
        StringBuilder inserts = new StringBuilder(
                "CREATE TABLE IF NOT EXISTS paged (id INTEGER PRIMARY KEY, label TEXT); DELETE FROM paged;");
        for (int i = 1; i <= 120; i++) {
            inserts.append(" INSERT INTO paged (id, label) VALUES (")
                    .append(i)
                    .append(", 'row ")
                    .append(i)
                    .append("');");
        }
        ok(api.send("POST", "/api/d1/query/" + db, fullKey, "{\"sql\":\"" + inserts + "\"}"));
        JsonNode tables = ApiClient.json(ok(api.get("/api/d1/databases/" + db + "/tables", readOnlyKey)));
        assertThat(tables.path("tables").findValuesAsString("name")).contains("paged");

        Set<String> seen = new HashSet<>();
        String after = null;
        int pages = 0;
        do {
            String path = "/api/d1/databases/" + db + "/tables/paged/rows?limit=50"
                    + (after == null ? "" : "&after=" + after);
            JsonNode page = ApiClient.json(ok(api.get(path, readOnlyKey)));
            assertThat(page.path("columns").valueStream().map(JsonNode::asString))
                    .containsExactly("id", "label");
            page.path("rows")
                    .forEach(row -> assertThat(
                                    seen.add(row.path("values").path("id").asString()))
                            .as("row seen once")
                            .isTrue());
            after = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
            pages++;
        } while (after != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(120);
        assertError(api.get("/api/d1/databases/" + db + "/tables/paged/rows?limit=7", readOnlyKey), 400, "BAD_REQUEST");
        assertError(api.get("/api/d1/databases/" + db + "/tables/no_such/rows", readOnlyKey), 404, "NOT_FOUND");
    }

    @Test
    void objectsMoveThroughPresignedUrlsNeverThroughFlarelink() throws Exception {
        String base = "/api/r2/buckets/" + bucket + "/objects";
        // Presigning uses the project's R2 key, minted once on the bucket's page (as a user does).
        String page = "/files/" + fixture.connection() + "/" + bucket;
        assertThat(browser.submit(page, page + "/keys", Map.of()).statusCode()).isEqualTo(200);
        JsonNode upload =
                ApiClient.json(ok(api.send("POST", base + "/upload-url", fullKey, "{\"key\":\"docs/hello.txt\"}")));
        assertThat(upload.path("method").asString()).isEqualTo("PUT");
        String url = upload.path("url").asString();
        assertThat(url).doesNotContain("localhost:" + port).contains("X-Amz-Signature");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        HttpResponse<String> put = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("hello from the API"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        assertError(api.send("POST", base + "/upload-url", readOnlyKey, "{\"key\":\"x.txt\"}"), 403, "READ_ONLY_KEY");

        JsonNode root = ApiClient.json(ok(api.get(base, readOnlyKey)));
        assertThat(root.path("folders").valueStream().map(JsonNode::asString)).contains("docs/");
        JsonNode docs = ApiClient.json(ok(api.get(base + "?prefix=docs/", readOnlyKey)));
        assertThat(docs.path("objects").findValuesAsString("key")).contains("docs/hello.txt");

        JsonNode download = ApiClient.json(ok(api.get(base + "/download-url?key=docs/hello.txt", readOnlyKey)));
        HttpResponse<String> got = http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(download.path("url").asString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(got.body()).isEqualTo("hello from the API");
        assertError(api.get("/api/r2/buckets/not-a-bucket-of-yours/objects", readOnlyKey), 404, "NOT_FOUND");
    }

    @Test
    void theActivityLogPagesByCursorFiltersAndExports() {
        String pager = keys.create(user, new CreateApiKeyCommand("activity pager", "read_only", null))
                .secret();
        for (int i = 0; i < 55; i++) {
            ok(api.get("/api/me", pager));
        }
        JsonNode first = ApiClient.json(ok(api.get("/api/activity?action=api.request", readOnlyKey)));
        assertThat(first.path("events").size()).isGreaterThanOrEqualTo(3);
        assertThat(first.path("events").findValuesAsString("action")).containsOnly("api.request");
        JsonNode all = ApiClient.json(ok(api.get("/api/activity", readOnlyKey)));
        assertThat(all.path("events").size()).isEqualTo(50);
        String next = all.path("nextCursor").asString();
        JsonNode second = ApiClient.json(ok(api.get("/api/activity?before=" + next, readOnlyKey)));
        long lastOfFirst = all.path("events").get(49).path("seq").asLong();
        assertThat(second.path("events").get(0).path("seq").asLong()).isLessThan(lastOfFirst);
        assertError(api.get("/api/activity?outcome=nonsense", readOnlyKey), 400, "BAD_REQUEST");
        assertError(api.get("/api/activity?before=garbage", readOnlyKey), 400, "BAD_REQUEST");

        HttpResponse<String> export = api.get("/api/activity/export.jsonl?action=api.request", readOnlyKey);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body().lines().count()).isGreaterThanOrEqualTo(3);
        assertThat(export.body()).contains("api.request").contains("activity pager");
    }

    @Test
    void theOpenApiDocumentDescribesTheRoutesAndTheBearerKeyWithoutAKey() {
        JsonNode document = ApiClient.json(ok(api.get("/api/openapi.json", null)));
        assertThat(document.path("openapi").asString()).startsWith("3.");
        JsonNode paths = document.path("paths");
        for (String route : List.of(
                "/api/me", "/api/projects", "/api/d1/databases", "/api/d1/query/{databaseId}", "/api/r2/buckets")) {
            assertThat(paths.has(route)).as("%s is described", route).isTrue();
        }
        assertThat(paths.path("/api/d1/query/{databaseId}").has("post")).isTrue();
        assertThat(document.path("components")
                        .path("securitySchemes")
                        .path("apiKey")
                        .path("scheme")
                        .asString())
                .isEqualTo("bearer");
        assertThat(document.toString()).doesNotContain("/projects/new").doesNotContain("/account/api-keys");
        assertThat(browser.get("/docs/api").body())
                .contains("Authorization: Bearer")
                .contains("READ_ONLY_KEY");
    }

    private HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return response;
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = ApiClient.json(response);
        assertThat(body.path("code").asString()).isEqualTo(code);
        assertThat(body.path("error").asString()).isNotBlank();
    }

    private UUID signUp(String prefix) {
        return accounts.signUp(new SignUpCommand(Emails.unique(prefix), PASSWORD))
                .id();
    }

    private UUID userId(String email) {
        return jdbc.sql("select id from user_account where email = :e")
                .param("e", email)
                .query(UUID.class)
                .single();
    }
}
