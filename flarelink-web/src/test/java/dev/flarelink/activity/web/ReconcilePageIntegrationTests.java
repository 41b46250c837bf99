package dev.flarelink.activity.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.cloudflare.ApiCallEvent;
import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/**
 * The reconciliation page over real HTTP against the sandbox emulator, whose audit log records every call with the
 * acting token: calls made with the token outside Flarelink are listed, a token that may not read the audit log gets
 * the permission explained, another user's connection answers 404.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class ReconcilePageIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    CloudflareClient cloudflare;

    @Autowired
    ConnectionService connections;

    @Autowired
    JdbcClient jdbc;

    BrowserlessSession session;
    String accountId;

    @BeforeEach
    void signedInUserAndAccount() {
        session = new BrowserlessSession(port);
        session.signUp(Emails.unique("reconcile"), "horse battery staple of granite");
        accountId = sandbox.createAccount("Acme " + UUID.randomUUID());
    }

    @Test
    void listsTheCallsMadeWithTheTokenOutsideFlarelinkAsCloudflareOnly() {
        SandboxToken token = sandbox.createToken(accountId, withAuditRead());
        UUID connection = connect(token);
        ConnectedAccount open = connections.open(owner(connection), connection, null);
        open.call(api -> api.kv().createNamespace(accountId, "ours-" + UUID.randomUUID()));
        List<String> outsideRays = new ArrayList<>();
        CloudflareApi outside =
                cloudflare.withToken(ApiToken.of(token.value()), (ApiCallEvent e) -> outsideRays.add(e.cfRay()));
        outside.kv().createNamespace(accountId, "intruder-" + UUID.randomUUID());
        outside.kv().listNamespaces(accountId).items();

        HttpResponse<String> page = session.get("/activity/reconcile?connection=" + connection);

        assertThat(page.statusCode()).isEqualTo(200);
        String cloudflareOnly = section(page.body(), "cloudflare-only");
        assertThat(outsideRays).hasSize(2);
        for (String ray : outsideRays) {
            assertThat(cloudflareOnly).contains(ray.substring(0, ray.indexOf('-')));
        }
        assertThat(cloudflareOnly).contains("someone else has the token");
        assertThat(page.body())
                .contains("<strong>2</strong> only by Cloudflare")
                .doesNotContain("id=\"reconcile-problem\"");
        assertThat(page.body()).doesNotContain(token.value());
    }

    @Test
    void aTokenWithoutAccountSettingsReadGetsThePermissionExplainedAndThePageStillWorks() {
        UUID connection = connect(sandbox.createToken(accountId, SandboxPermission.flarelinkFive()));

        HttpResponse<String> page = session.get("/activity/reconcile?connection=" + connection);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"reconcile-problem\"")
                .contains("Account Settings: Read")
                .doesNotContain("id=\"cloudflare-only\"");
    }

    @Test
    void anotherUsersConnectionAnswers404() {
        UUID connection = connect(sandbox.createToken(accountId, withAuditRead()));
        BrowserlessSession stranger = new BrowserlessSession(port);
        stranger.signUp(Emails.unique("stranger"), "horse battery staple of granite");

        assertThat(stranger.get("/activity/reconcile?connection=" + connection).statusCode())
                .isEqualTo(404);
        assertThat(stranger.get("/activity/reconcile?connection=" + UUID.randomUUID())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aBadRangeIsExplainedNextToItsFieldAndNothingIsCompared() {
        UUID connection = connect(sandbox.createToken(accountId, withAuditRead()));

        String tooOld = session.get("/activity/reconcile?connection=" + connection + "&from=2020-01-01T00:00")
                .body();
        String garbled = session.get("/activity/reconcile?connection=" + connection + "&to=yesterday")
                .body();

        assertThat(tooOld)
                .contains("choose a start within the last 30 days")
                .doesNotContain("id=\"reconcile-summary\"");
        assertThat(garbled).contains("Write the time in UTC as 2026-01-31T14:05");
        assertThat(jdbc.sql("select count(*) from activity_event where action = 'activity.reconciled'"
                                + " and connection_id = :c")
                        .param("c", connection)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private UUID connect(SandboxToken token) {
        HttpResponse<String> connected = session.submit("/connect", "/connect", Map.of("token", token.value()));
        assertThat(connected.statusCode()).isEqualTo(302);
        return jdbc.sql("select id from cloudflare_connection where account_id = :a and token_id = :t")
                .param("a", accountId)
                .param("t", token.id())
                .query(UUID.class)
                .single();
    }

    private UUID owner(UUID connection) {
        return jdbc.sql("select user_id from cloudflare_connection where id = :id")
                .param("id", connection)
                .query(UUID.class)
                .single();
    }

    private static String section(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).isNotNegative();
        int end = html.indexOf("</section>", start);
        return html.substring(start, end);
    }

    private static Set<SandboxPermission> withAuditRead() {
        Set<SandboxPermission> permissions = EnumSet.copyOf(SandboxPermission.flarelinkFive());
        permissions.add(SandboxPermission.ACCOUNT_SETTINGS_READ);
        return permissions;
    }
}
