package dev.flarelink.files.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import dev.flarelink.config.FlarelinkProperties;
import dev.flarelink.connect.ConnectCommand;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/** The Files pages over real HTTP (sessions, CSRF, error pages) against the sandbox and a real PostgreSQL. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class FilesPagesIntegrationTests {

    private static final String PASSWORD = "a sturdy passphrase of words";
    private static final Pattern ACCESS_KEY = Pattern.compile("id=\"access-key-id\">([0-9a-f]{32})<");
    private static final Pattern SECRET = Pattern.compile("id=\"secret-access-key\">([0-9a-f]{64})<");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    ConnectionService connections;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FlarelinkProperties properties;

    BrowserlessSession browser;
    UUID user;
    String accountId;
    UUID connection;

    @BeforeEach
    void signedInWithAConnection() {
        browser = new BrowserlessSession(port);
        user = signUp(browser);
        accountId = sandbox.createAccount("Files Co " + UUID.randomUUID());
        connection = connect(user, SandboxPermission.flarelinkFive());
    }

    @Test
    void createsABucketOnlyWithAValidName() {
        HttpResponse<String> refused =
                browser.submit("/files", "/files/" + connection + "/buckets", Map.of("name", "My_Files"));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("field-error").contains("Use only lower-case letters");
        assertThat(browser.get("/files").body()).doesNotContain("My_Files\"").contains("No buckets in this account");

        HttpResponse<String> created = browser.submit(
                "/files", "/files/" + connection + "/buckets", Map.of("name", "photos", "locationHint", "weur"));

        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location"))
                .hasValueSatisfying(v -> assertThat(v).endsWith("/files/" + connection + "/photos"));
        assertThat(browser.get("/files").body()).contains(">photos</a>").doesNotContain("No buckets");
        assertThat(browser.get("/files/" + connection + "/photos").body())
                .contains("Bucket photos created.")
                .contains("No CORS rules");
    }

    @Test
    void allowsUploadsShowsTheRuleInWordsAndChecksItLive() {
        String page = bucket("uploads");

        HttpResponse<String> bad = browser.submit(
                page, page + "/cors/rules", Map.of("origins", "https://app.example.com/path", "methods", "PUT"));
        assertThat(bad.body()).contains("is not a valid origin").contains("no path");
        browser.submit(page, page + "/cors/uploads", Map.of("origins", "https://app.example.com"));

        assertThat(browser.get(page).body())
                .contains("Browsers on https://app.example.com may GET, PUT and HEAD objects, sending content-type; "
                        + "they can read ETag; the answer is cached 1 hour");
        String pass = browser.submit(
                        page,
                        page + "/cors/check",
                        Map.of("origin", "https://app.example.com", "method", "PUT", "headers", "content-type"))
                .body();
        assertThat(pass).contains("<strong>Pass</strong>").contains("access-control-allow-origin");
        String fail = browser.submit(
                        page,
                        page + "/cors/check",
                        Map.of("origin", "https://other.example", "method", "PUT", "headers", ""))
                .body();
        assertThat(fail).contains("<strong>Fail</strong>").contains("403");
    }

    @Test
    void showsAMintedSecretOnceAndStoresItNowhere(CapturedOutput output) throws Exception {
        String page = bucket("keyed");

        HttpResponse<String> shown = browser.submit(page, page + "/keys", Map.of());

        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        Matcher secret = SECRET.matcher(shown.body());
        assertThat(secret.find()).isTrue();
        String bucketPage = browser.get(page).body();
        assertThat(bucketPage).contains("flarelink-r2-keyed-").doesNotContain(secret.group(1));
        Matcher accessKey = ACCESS_KEY.matcher(shown.body());
        assertThat(accessKey.find()).isTrue();
        String tokenValue = tokenValueInTheSandbox(accessKey.group(1));
        assertThat(tokenValue).isNotBlank();
        assertThat(databaseDump()).doesNotContain(secret.group(1)).doesNotContain(tokenValue);
        assertThat(output.getAll()).doesNotContain(secret.group(1)).doesNotContain(tokenValue);

        String keyId = jdbc.sql("select id::text from r2_key where user_id = :u")
                .param("u", user)
                .query(String.class)
                .single();
        assertThat(browser.submit(page, page + "/keys/" + keyId + "/revoke", Map.of())
                        .statusCode())
                .isEqualTo(302);
        assertThat(browser.get(page).body()).contains("Key revoked").contains(">revoked<");
    }

    @Test
    void withoutApiTokensEditMintingIsOffAndAPastedKeyIsTested() {
        Set<SandboxPermission> four = EnumSet.copyOf(SandboxPermission.flarelinkFive());
        four.remove(SandboxPermission.USER_API_TOKENS_EDIT);
        connection = connect(signUp(browser = new BrowserlessSession(port)), four);
        String page = bucket("minimal");
        SandboxToken r2 = sandbox.createToken(accountId, Set.of(SandboxPermission.WORKERS_R2_STORAGE_EDIT));

        assertThat(browser.get(page).body()).contains("disabled").contains("R2 → Manage R2 API Tokens");
        assertThat(browser.submit(page, page + "/keys", Map.of()).body()).contains("API Tokens: Edit");
        String invalid = browser.submit(
                        page, page + "/keys/test", Map.of("accessKeyId", "nope", "secretAccessKey", "x"))
                .body();
        assertThat(invalid).contains("32 hexadecimal");
        String valid = browser.submit(
                        page,
                        page + "/keys/test",
                        Map.of("accessKeyId", r2.r2AccessKeyId(), "secretAccessKey", r2.r2SecretAccessKey()))
                .body();
        assertThat(valid).contains("This key works").doesNotContain(r2.r2SecretAccessKey());
    }

    @Test
    void anotherUsersBucketIsNotFoundAndFormsNeedTheCsrfToken() {
        String page = bucket("private");
        BrowserlessSession stranger = new BrowserlessSession(port);
        signUp(stranger);

        assertThat(stranger.get(page).statusCode()).isEqualTo(404);
        assertThat(stranger.submit("/files", page + "/delete", Map.of("typedName", "private"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(stranger.submit("/files", "/files/" + connection + "/buckets", Map.of("name", "intruder"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(browser.post(page + "/delete", Map.of("typedName", "private"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(browser.get(page).statusCode()).isEqualTo(200);
        assertThat(browser.get("/files/" + connection + "/no-such-bucket").statusCode())
                .isEqualTo(404);
    }

    @Test
    void deletesAnEmptyBucketAfterItsNameIsTyped() {
        String page = bucket("short-lived");

        assertThat(browser.submit(page, page + "/delete", Map.of("typedName", "short"))
                        .body())
                .contains("exactly, to confirm");
        HttpResponse<String> deleted = browser.submit(page, page + "/delete", Map.of("typedName", "short-lived"));

        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(browser.get(page).statusCode()).isEqualTo(404);
    }

    private String bucket(String name) {
        HttpResponse<String> created =
                browser.submit("/files", "/files/" + connection + "/buckets", Map.of("name", name));
        assertThat(created.statusCode()).isEqualTo(302);
        return "/files/" + connection + "/" + name;
    }

    private UUID signUp(BrowserlessSession session) {
        String email = Emails.unique("files");
        session.signUp(email, PASSWORD);
        return accounts.authenticate(email, PASSWORD, "127.0.0.1").orElseThrow().id();
    }

    private UUID connect(UUID owner, Set<SandboxPermission> permissions) {
        SandboxToken token = sandbox.createToken(accountId, permissions);
        return connections
                .connect(owner, new ConnectCommand(token.value(), null))
                .connection()
                .id();
    }

    /** The minted token's value, read from the emulator's own state file (Cloudflare's side, not Flarelink's). */
    private String tokenValueInTheSandbox(String tokenId) throws java.io.IOException {
        JsonNode state = JsonMapper.shared()
                .readTree(
                        Files.readString(properties.dataDir().resolve("sandbox").resolve("state.json")));
        return state.path("tokens").path(tokenId).path("value").asString();
    }

    private String databaseDump() {
        List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = 'public'")
                .query(String.class)
                .list();
        StringBuilder dump = new StringBuilder();
        for (String table : tables) {
            jdbc.sql("select t::text from \"" + table + "\" t")
                    .query(String.class)
                    .list()
                    .forEach(row -> dump.append(row).append('\n'));
        }
        return dump.toString();
    }
}
