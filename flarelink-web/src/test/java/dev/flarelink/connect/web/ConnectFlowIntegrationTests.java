package dev.flarelink.connect.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

/**
 * The Connect pages over real HTTP (Tomcat, security filters, CSRF, sessions in PostgreSQL) against the sandbox
 * emulator: connect, receipt, check again, replace, disconnect, the revoked banner and other users' 404s.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class ConnectFlowIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    BrowserlessSession session;
    String accountId;
    final List<String> bodies = new ArrayList<>();

    @BeforeEach
    void signedInUserAndAccount() {
        session = new BrowserlessSession(port);
        session.signUp(Emails.unique("connect"), "horse battery staple of granite");
        accountId = sandbox.createAccount("Acme " + UUID.randomUUID());
    }

    @Test
    void aFullTokenConnectsAndTheReceiptShowsAllFiveGranted() {
        SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());

        String page = connect(token);

        assertThat(page).contains("Connected to the Cloudflare account").contains(token.accountId());
        assertThat(count(page, ">Granted<")).isEqualTo(5);
        assertThat(page).doesNotContain(">Missing<").doesNotContain("One-click R2 keys are off");
        assertThat(page).contains(token.value().substring(token.value().length() - 4));
        assertTokenNeverShown(token);
    }

    @Test
    void aLimitedTokenConnectsWithOneClickR2KeysMarkedOff() {
        Set<SandboxPermission> four = EnumSet.copyOf(SandboxPermission.flarelinkFive());
        four.remove(SandboxPermission.USER_API_TOKENS_EDIT);
        SandboxToken token = sandbox.createToken(accountId, four);

        String page = connect(token);

        assertThat(count(page, ">Granted<")).isEqualTo(4);
        assertThat(page)
                .contains("data-permission=\"API_TOKENS\"")
                .contains("Blocks: One-click R2 keys (optional)")
                .contains("One-click R2 keys are off")
                .contains("Files page will ask you to paste an R2");
        assertTokenNeverShown(token);
    }

    @Test
    void aTokenWithoutD1EditIsRefusedByNameAndNothingIsStored() {
        Set<SandboxPermission> noD1 = EnumSet.copyOf(SandboxPermission.flarelinkFive());
        noD1.remove(SandboxPermission.D1_EDIT);
        SandboxToken token = sandbox.createToken(accountId, noD1);

        HttpResponse<String> response = submitConnect(token.value());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("id=\"token-error\"")
                .contains("The token lacks Account → D1: Edit")
                .contains("Nothing was saved");
        assertThat(rowsForAccount(accountId)).isZero();
        assertTokenNeverShown(token);
    }

    @Test
    void badInputGetsAMessageNextToTheFieldAndIsNeverEchoed() {
        String unknown = "cfut_" + "Zq9".repeat(14);
        String globalKey = "0123456789abcdef0123456789abcdef01234";

        assertThat(submitConnect(unknown).body()).contains("Cloudflare rejected this token");
        assertThat(submitConnect(globalKey).body()).contains("Global API Key");
        assertThat(submitConnect("   ").body()).contains("Paste your Cloudflare API token");

        assertThat(bodies)
                .allSatisfy(body -> assertThat(body)
                        .doesNotContain(unknown)
                        .doesNotContain(globalKey)
                        .contains("type=\"password\"")
                        .contains("autocomplete=\"off\""));
    }

    @Test
    void aTokenSeeingSeveralAccountsAsksForAChoiceAndThePasteAgain() throws Exception {
        String token = mintTokenForAllAccounts();

        HttpResponse<String> choice = submitConnect(token);

        assertThat(choice.statusCode()).isEqualTo(200);
        assertThat(choice.body())
                .contains("Choose the one to connect, then paste the token")
                .contains("name=\"accountId\" value=\"" + accountId + "\"");
        assertThat(rowsForAccount(accountId)).isZero();
        HttpResponse<String> chosen =
                session.submit("/connect", "/connect", Map.of("token", token, "accountId", accountId));
        assertThat(chosen.statusCode()).isEqualTo(302);
        assertThat(rowsForAccount(accountId)).isOne();
        String secret = token.substring(5, 30);
        assertThat(bodies).allSatisfy(body -> assertThat(body).doesNotContain(secret));
        assertThat(dump("select c::text from cloudflare_connection c")).doesNotContain(secret);
    }

    @Test
    void aSecondTokenForTheSameAccountOffersToReplaceTheExistingConnection() {
        SandboxToken first = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        SandboxToken second = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        connect(first);
        UUID id = connectionIdOf(accountId);

        String page = submitConnect(second.value()).body();

        assertThat(page).contains("You already connected").contains("/connections/" + id + "#replace");
        assertThat(page).contains("Replace the token of the existing connection");
        assertThat(rowsForAccount(accountId)).isOne();
        assertTokenNeverShown(second);
    }

    @Test
    void aRevokedTokenIsNoticedByCheckAgainAndTheBannerAppearsOnOtherPages() {
        SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        connect(token);
        UUID id = connectionIdOf(accountId);
        assertThat(get("/projects")).doesNotContain("id=\"revoked-banner\"");

        sandbox.revokeToken(token.id());
        HttpResponse<String> checked = session.submit("/connections/" + id, "/connections/" + id + "/check", Map.of());

        assertThat(checked.statusCode()).isEqualTo(302);
        assertThat(get("/connections/" + id)).contains("Cloudflare no longer accepts this token (revoked)");
        String projects = get("/projects");
        assertThat(projects)
                .contains("id=\"revoked-banner\"")
                .contains("Cloudflare no longer accepts your token")
                .contains("/connections/" + id + "#replace");
        assertThat(get("/account")).contains("id=\"revoked-banner\"");
    }

    @Test
    void replacingTheTokenOfARevokedConnectionBringsItBack() {
        SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        connect(token);
        UUID id = connectionIdOf(accountId);
        sandbox.revokeToken(token.id());
        session.submit("/connections/" + id, "/connections/" + id + "/check", Map.of());
        SandboxToken fresh = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());

        HttpResponse<String> replaced =
                session.submit("/connections/" + id, "/connections/" + id + "/token", Map.of("token", fresh.value()));

        assertThat(replaced.statusCode()).isEqualTo(302);
        String page = get("/connections/" + id);
        assertThat(page).contains("Token replaced").doesNotContain("id=\"revoked-banner\"");
        assertThat(page).contains(fresh.id());
        assertTokenNeverShown(fresh);
    }

    @Test
    void replacingWithATokenOfAnotherAccountIsRefused() {
        SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        connect(token);
        UUID id = connectionIdOf(accountId);
        SandboxToken foreign = sandbox.createToken(
                sandbox.createAccount("Other " + UUID.randomUUID()), SandboxPermission.flarelinkFive());

        HttpResponse<String> refused =
                session.submit("/connections/" + id, "/connections/" + id + "/token", Map.of("token", foreign.value()));
        bodies.add(refused.body());

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"replace-error\"").contains("cannot reach the account");
        assertThat(get("/connections/" + id)).contains(token.id()).doesNotContain(foreign.id());
        assertTokenNeverShown(foreign);
    }

    @Test
    void disconnectAsksFirstThenDeletesTheRow() {
        connect(sandbox.createToken(accountId, SandboxPermission.flarelinkFive()));
        UUID id = connectionIdOf(accountId);

        String confirm = get("/connections/" + id + "/disconnect");
        assertThat(confirm)
                .contains("Worker, D1 database, KV namespace and R2 buckets keep running")
                .contains("My Profile → API Tokens")
                .contains("Delete");
        assertThat(rowsForAccount(accountId)).isOne();
        HttpResponse<String> done =
                session.submit("/connections/" + id + "/disconnect", "/connections/" + id + "/disconnect", Map.of());

        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/connect"));
        assertThat(rowsForAccount(accountId)).isZero();
        assertThat(session.get("/connections/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void anotherUserGetsNotFoundOnEveryConnectionRoute() {
        connect(sandbox.createToken(accountId, SandboxPermission.flarelinkFive()));
        UUID id = connectionIdOf(accountId);
        BrowserlessSession stranger = new BrowserlessSession(port);
        stranger.signUp(Emails.unique("stranger"), "another sturdy passphrase");
        String base = "/connections/" + id;

        assertThat(stranger.get(base).statusCode()).isEqualTo(404);
        assertThat(stranger.get(base + "/disconnect").statusCode()).isEqualTo(404);
        assertThat(stranger.submit("/connect", base + "/check", Map.of()).statusCode())
                .isEqualTo(404);
        assertThat(stranger.submit("/connect", base + "/token", Map.of("token", "x".repeat(40)))
                        .statusCode())
                .isEqualTo(404);
        assertThat(stranger.submit("/connect", base + "/disconnect", Map.of()).statusCode())
                .isEqualTo(404);
        assertThat(rowsForAccount(accountId)).isOne();
    }

    @Test
    void stateChangesNeedTheCsrfToken() {
        SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());

        assertThat(session.post("/connect", Map.of("token", token.value())).statusCode())
                .isEqualTo(403);
        assertThat(rowsForAccount(accountId)).isZero();

        connect(token);
        UUID id = connectionIdOf(accountId);
        assertThat(session.post("/connections/" + id + "/disconnect", Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(rowsForAccount(accountId)).isOne();
    }

    @Test
    void theSandboxOffersTheDemoTokensAsOneClickForms() {
        String page = get("/connect");

        assertThat(page)
                .contains("Sandbox demo tokens")
                .contains(sandbox.demo().orElseThrow().fullToken().value())
                .contains("id=\"demo-limited\"");
    }

    // A token whose policy covers every account ("com.cloudflare.api.account.*"), minted through the token API.
    private String mintTokenForAllAccounts() throws Exception {
        SandboxToken minter = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        String groups = Stream.of(
                        SandboxPermission.WORKERS_SCRIPTS_EDIT,
                        SandboxPermission.D1_EDIT,
                        SandboxPermission.WORKERS_KV_STORAGE_EDIT,
                        SandboxPermission.WORKERS_R2_STORAGE_EDIT)
                .map(p -> "{\"id\":\"" + p.groupId() + "\"}")
                .collect(Collectors.joining(","));
        String body = "{\"name\":\"all accounts\",\"policies\":[{\"effect\":\"allow\",\"resources\":"
                + "{\"com.cloudflare.api.account.*\":\"*\"},\"permission_groups\":[" + groups + "]}]}";
        HttpResponse<String> created = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/user/tokens"))
                                .header("Authorization", "Bearer " + minter.value())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Matcher value = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
        assertThat(value.find()).as(created.statusCode() + "").isTrue();
        return value.group(1);
    }

    private String connect(SandboxToken token) {
        HttpResponse<String> response = submitConnect(token.value());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/connections/");
        return get(location.substring(location.indexOf("/connections/")));
    }

    private HttpResponse<String> submitConnect(String token) {
        HttpResponse<String> response = session.submit("/connect", "/connect", Map.of("token", token));
        bodies.add(response.body());
        return response;
    }

    private String get(String path) {
        String body = session.get(path).body();
        bodies.add(body);
        return body;
    }

    // Nowhere: not in any page this test saw, not in the connection table, the Activity log or the sessions.
    private void assertTokenNeverShown(SandboxToken token) {
        String secret = token.value().substring(5, 30);
        assertThat(bodies).allSatisfy(body -> assertThat(body).doesNotContain(secret));
        assertThat(dump("select c::text from cloudflare_connection c")).doesNotContain(secret);
        assertThat(dump("select e::text from activity_event e")).doesNotContain(secret);
        String hex = HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8));
        assertThat(dump("select encode(attribute_bytes, 'hex') from spring_session_attributes"))
                .doesNotContain(hex);
    }

    private String dump(String sql) {
        return String.join("\n", jdbc.sql(sql).query(String.class).list());
    }

    private long rowsForAccount(String account) {
        return jdbc.sql("select count(*) from cloudflare_connection where account_id = :a")
                .param("a", account)
                .query(Long.class)
                .single();
    }

    private UUID connectionIdOf(String account) {
        return jdbc.sql("select id from cloudflare_connection where account_id = :a")
                .param("a", account)
                .query(UUID.class)
                .single();
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }
}
