package dev.flarelink.users.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.files.web.ProjectFixture;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Instant;
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

/** The Users pages over real HTTP (sessions, CSRF, status codes) against the sandbox and a real PostgreSQL. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class UsersPagesIntegrationTests {

    private static final String PASSWORD = "a sturdy passphrase of words";
    private static final String HASH = "pbkdf2-sha256$100000$c2FsdA==$never-rendered-hash";
    private static final Pattern GENERATED = Pattern.compile("id=\"generated-password\">([A-Za-z0-9]{20})<");

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
    String base;

    @BeforeEach
    void projectWithUsers() {
        browser = new BrowserlessSession(port);
        String email = Emails.unique("users-pages");
        browser.signUp(email, PASSWORD);
        UUID user = accounts.authenticate(email, PASSWORD, "127.0.0.1")
                .orElseThrow()
                .id();
        fixture = ProjectFixture.create(
                sandbox, client, connections, provisioning, user, "https://app.example.com", null);
        base = "/projects/" + fixture.project().id() + "/users";
        addUser("alice1", "alice@example.com", "<b>Alice</b>", 1, "2026-03-01T12:00:00.000Z");
        addUser("bob1", "bob@example.com", "Bob", 0, "2026-03-02T12:00:00.000Z");
        fixture.d1(
                "INSERT INTO \"account\" (\"id\", \"accountId\", \"providerId\", \"userId\", \"password\", \"createdAt\", "
                        + "\"updatedAt\") VALUES ('acc1', 'alice1', 'credential', 'alice1', ?, '2026-03-01', '2026-03-01')",
                HASH);
    }

    @Test
    void theProjectPageLeadsToItsUsersListedAsText() {
        assertThat(browser.get("/projects/" + fixture.project().id()).body()).contains("href=\"" + base + "\"");

        String list = browser.get(base).body();

        assertThat(list).contains("alice@example.com", "bob@example.com", "&lt;b&gt;Alice&lt;/b&gt;");
        assertThat(list).doesNotContain("<b>Alice</b>", HASH);
        assertThat(list).contains("About 2 user(s)");
        assertThat(list.indexOf("bob@example.com")).as("newest first").isLessThan(list.indexOf("alice@example.com"));
        String unverified = browser.get(base + "?filter=unverified").body();
        assertThat(unverified).contains("bob@example.com").doesNotContain("alice@example.com");
        String searched = browser.get(base + "?q=ALI&count=true").body();
        assertThat(searched).contains("alice@example.com", "1 matching user(s)").doesNotContain("bob@example.com");

        HttpResponse<String> wrong = browser.get(base + "?order=sideways");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("Choose newest or email for order.");
    }

    @Test
    void aUserPageShowsSessionsAndSaysWhyLinksCannotBeSent() {
        String token = "tok" + UUID.randomUUID().toString().replace("-", "");
        Instant expires = Instant.now().plusSeconds(86400);
        fixture.kvPut(
                token,
                "{\"session\":{\"token\":\"" + token + "\",\"userId\":\"alice1\",\"expiresAt\":\"" + expires
                        + "\",\"createdAt\":\"2026-03-01T12:00:00.000Z\",\"ipAddress\":\"203.0.113.9\",\"userAgent\":\"Firefox/140\"}}");
        fixture.kvPut(
                "active-sessions-alice1",
                "[{\"token\":\"" + token + "\",\"expiresAt\":" + expires.toEpochMilli() + "}]");

        String page = browser.get(base + "/alice1").body();

        assertThat(page)
                .contains("203.0.113.9", "Firefox/140", "E-mail and password", "No e-mail provider is configured");
        assertThat(page).doesNotContain(token, HASH);
        assertThat(page)
                .containsPattern("<button type=\"button\" class=\"button\" disabled[^>]*>Send password-reset link");
        assertThat(browser.get(base + "/alice1?type=bogus").statusCode()).isEqualTo(400);
        assertThat(browser.get(base + "/nobody").statusCode()).isEqualTo(404);
    }

    @Test
    void banIsConfirmedSaysTheWorkerMustBeRedeployedAndUnbanRestores() {
        assertThat(browser.get(base + "/bob1/ban").body())
                .contains("Ban this user?")
                .doesNotContain("Redeploy to 0.4.0");
        // A project still on a Worker before 0.4.0 is told that bans are not enforced there.
        jdbc.sql("update project set deployed_version = '0.3.0' where id = :id")
                .param("id", fixture.project().id())
                .update();
        assertThat(browser.get(base + "/bob1/ban").body()).contains("Redeploy to 0.4.0 to enforce bans");

        HttpResponse<String> badDate =
                browser.submit(base + "/bob1/ban", base + "/bob1/ban", Map.of("reason", "x", "until", "soon"));
        assertThat(badDate.headers().firstValue("Location").orElse("")).endsWith(base + "/bob1/ban");
        assertThat(browser.get(base + "/bob1/ban").body()).contains("YYYY-MM-DD");
        assertThat(banned("bob1")).isZero();

        HttpResponse<String> ban =
                browser.submit(base + "/bob1/ban", base + "/bob1/ban", Map.of("reason", "spam", "until", ""));
        assertThat(ban.statusCode()).isEqualTo(302);
        assertThat(banned("bob1")).isEqualTo(1);
        assertThat(browser.get(base + "/bob1").body()).contains("User banned", "until unbanned", "spam");

        browser.submit(base + "/bob1/unban", base + "/bob1/unban", Map.of());
        assertThat(banned("bob1")).isZero();
    }

    @Test
    void deleteShowsItsImpactFirstThenRemovesOnlyThatUser() {
        fixture.d1("CREATE TABLE \"todo\" (\"id\" integer PRIMARY KEY, \"userId\" text REFERENCES \"user\" (\"id\") "
                + "ON DELETE CASCADE)");
        fixture.d1("INSERT INTO \"todo\" (\"userId\") VALUES ('alice1'), ('alice1'), ('bob1')");

        String confirm = browser.get(base + "/alice1/delete").body();
        assertThat(confirm)
                .contains("Delete this user?", "What the delete removes")
                .containsPattern(
                        "todo</td><td class=\"mono\">userId</td>\\s*<td>removed \\(CASCADE\\)</td>\\s*<td>2</td>");

        HttpResponse<String> deleted = browser.submit(base + "/alice1/delete", base + "/alice1/delete", Map.of());

        assertThat(deleted.headers().firstValue("Location").orElse("")).endsWith(base);
        assertThat(browser.get(base).body())
                .contains("User deleted, with 3 row(s)")
                .doesNotContain("alice@example.com");
        assertThat(count("SELECT count(*) AS n FROM \"todo\"")).isEqualTo(1);
        assertThat(browser.get(base + "/alice1").statusCode()).isEqualTo(404);
    }

    @Test
    void createUserShowsFieldErrorsThenTheGeneratedPasswordOnce() {
        HttpResponse<String> taken =
                browser.submit(base + "/new", base, Map.of("email", "Alice@Example.com", "name", "", "password", ""));
        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(taken.body()).contains("field-error", "A user with this e-mail address already exists.");

        HttpResponse<String> created = browser.submit(
                base + "/new", base, Map.of("email", "carol@example.com", "name", "Carol", "password", ""));

        Matcher shown = GENERATED.matcher(created.body());
        assertThat(shown.find()).as(created.body()).isTrue();
        String password = shown.group(1);
        String userPage = browser.get(base).body();
        assertThat(userPage).contains("carol@example.com").doesNotContain(password);
        String hash = (String)
                fixture.d1("SELECT a.\"password\" AS p FROM \"account\" a JOIN \"user\" u ON u.\"id\" = a.\"userId\" "
                                + "WHERE u.\"email\" = 'carol@example.com'")
                        .get(0)
                        .get("p");
        assertThat(hash).startsWith("pbkdf2-sha256$100000$").doesNotContain(password);
    }

    @Test
    void theTableEditorKeepsTheAuthTablesReadOnlyAndLinksUserTablesToTheUsersPage() {
        String grid =
                "/database/" + fixture.connection() + "/" + fixture.project().d1DatabaseId();

        assertThat(browser.get(grid + "/table?name=user").body())
                .contains("This is a table of the auth Worker", "href=\"" + base + "\"");
        for (String table : new String[] {"flarelink_ticket", "flarelink_auth_event"}) {
            String page = browser.get(grid + "/table?name=" + table).body();
            assertThat(page).contains("This is a table of the auth Worker").doesNotContain(">Insert row<");
        }
        browser.submit(
                grid + "/table?name=flarelink_ticket",
                grid + "/row/insert",
                Map.of(
                        "table",
                        "flarelink_ticket",
                        "mode_0",
                        "value",
                        "value_0",
                        "forged",
                        "mode_1",
                        "value",
                        "value_1",
                        "send-reset",
                        "mode_2",
                        "value",
                        "value_2",
                        "alice1",
                        "mode_3",
                        "value",
                        "value_3",
                        "9999999999999"));

        assertThat(count("SELECT count(*) AS n FROM \"flarelink_ticket\"")).isZero();
    }

    @Test
    void anotherUserGetsNotFoundAndChangesNothing() {
        BrowserlessSession stranger = new BrowserlessSession(port);
        stranger.signUp(Emails.unique("users-stranger"), PASSWORD);

        assertThat(stranger.get(base).statusCode()).isEqualTo(404);
        assertThat(stranger.get(base + "/alice1").statusCode()).isEqualTo(404);
        assertThat(stranger.get(base + "/alice1/delete").statusCode()).isEqualTo(404);
        String csrf = stranger.csrfToken("/account");
        assertThat(stranger.post(base + "/alice1/delete", Map.of("_csrf", csrf)).statusCode())
                .isEqualTo(404);
        assertThat(stranger.post(base + "/alice1/ban", Map.of("_csrf", csrf, "until", "nope"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(count("SELECT count(*) AS n FROM \"user\"")).isEqualTo(2);
        assertThat(banned("alice1")).isZero();
    }

    private void addUser(String id, String email, String name, int verified, String at) {
        fixture.d1(
                "INSERT INTO \"user\" (\"id\", \"name\", \"email\", \"emailVerified\", \"createdAt\", \"updatedAt\") "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                id,
                name,
                email,
                verified,
                at,
                at);
    }

    private long count(String sql) {
        return ((Number) fixture.d1(sql).get(0).get("n")).longValue();
    }

    private long banned(String id) {
        return ((Number) fixture.d1("SELECT \"banned\" FROM \"user\" WHERE \"id\" = ?", id)
                        .get(0)
                        .get("banned"))
                .longValue();
    }
}
