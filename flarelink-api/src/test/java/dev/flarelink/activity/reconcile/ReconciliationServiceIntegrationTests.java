package dev.flarelink.activity.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.ApiCallEvent;
import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import dev.flarelink.connect.ConnectCommand;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionNotFoundException;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.connect.ConnectionView;
import dev.flarelink.support.TestPostgres;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Reconciliation against the Cloudflare emulator's audit log (which records every call) and a real PostgreSQL. */
@SpringBootTest
class ReconciliationServiceIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }

    @Autowired
    ReconciliationService reconciliation;

    @Autowired
    ConnectionService connections;

    @Autowired
    AccountService accounts;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    CloudflareClient cloudflare;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    UUID user;
    String accountId;

    @BeforeEach
    void userAndAccount() {
        user = signUp();
        accountId = sandbox.createAccount("Acme " + UUID.randomUUID());
    }

    @Test
    void listsExactlyTheCallsMadeWithTheTokenOutsideFlarelinkAsCloudflareOnly() {
        SandboxToken token = sandbox.createToken(accountId, withAuditRead());
        ConnectionView connection = connect(token);
        ConnectedAccount open = connections.open(user, connection.id(), null);
        open.call(api -> api.kv().createNamespace(accountId, "ours-" + UUID.randomUUID()));
        open.call(api -> api.kv().listNamespaces(accountId).items());
        // The same token used directly, without Flarelink's recording listener: only Cloudflare sees these.
        List<String> outsideRays = new ArrayList<>();
        CloudflareApi outside = cloudflare.withToken(
                ApiToken.of(token.value()), (ApiCallEvent event) -> outsideRays.add(event.cfRay()));
        outside.kv().createNamespace(accountId, "someone-else-" + UUID.randomUUID());
        outside.kv().listNamespaces(accountId).items();
        open.call(api -> api.kv().listNamespaces(accountId).items());
        int recorded = callEvents();

        Reconciliation result = reconcile(connection);

        assertThat(result.problem()).isNull();
        assertThat(outsideRays).hasSize(2).doesNotContainNull();
        assertThat(result.cloudflareOnly())
                .extracting(ReconciledCall::cfRay)
                .containsExactlyInAnyOrderElementsOf(
                        outsideRays.stream().map(AuditMatcher::ray).toList());
        assertThat(result.cloudflareOnly()).extracting(ReconciledCall::method).containsExactlyInAnyOrder("POST", "GET");
        // The emulator audits reads too, so everything Flarelink recorded (connecting included) is matched; the
        // comparison's own audit log reads come after its range.
        assertThat(result.matched()).isEqualTo(recorded).isGreaterThanOrEqualTo(3);
        assertThat(result.flarelinkOnlyWrites()).isEmpty();
        assertThat(result.flarelinkOnlyReads()).isEmpty();
        assertThat(reconciledDetail())
                .startsWith("matched " + result.matched() + "; Cloudflare only 2; Flarelink only: 0 writes, 0 reads");
    }

    @Test
    void aSecondComparisonMatchesTheFirstOnesOwnAuditLogCalls() {
        SandboxToken token = sandbox.createToken(accountId, withAuditRead());
        ConnectionView connection = connect(token);
        reconcile(connection);
        int recorded = callEvents();

        Reconciliation again = reconcile(connection);

        assertThat(again.cloudflareOnly()).isEmpty();
        assertThat(again.matched()).isEqualTo(recorded);
    }

    @Test
    void aTokenWithoutAccountSettingsReadGetsThePermissionExplainedNotAnError() {
        SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        ConnectionView connection = connect(token);

        Reconciliation result = reconcile(connection);

        assertThat(result.compared()).isFalse();
        assertThat(result.problem()).contains("Account Settings: Read").contains("403");
        assertThat(result.cloudflareOnly()).isEmpty();
        assertThat(reconciledDetail()).startsWith("not compared: Account Settings Read missing");
        assertThat(connections.get(user, connection.id()).active()).isTrue();
    }

    @Test
    void anotherUsersConnectionIsNotFound() {
        SandboxToken token = sandbox.createToken(accountId, withAuditRead());
        ConnectionView connection = connect(token);
        UUID stranger = signUp();

        assertThatThrownBy(() -> reconciliation.reconcile(
                        stranger, connection.id(), ReconcileRange.of(null, null, clock.instant())))
                .isInstanceOf(ConnectionNotFoundException.class);
        assertThat(jdbc.sql("select count(*) from activity_event where user_id = :u")
                        .param("u", stranger)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private Reconciliation reconcile(ConnectionView connection) {
        return reconciliation.reconcile(user, connection.id(), ReconcileRange.of(null, null, clock.instant()));
    }

    private ConnectionView connect(SandboxToken token) {
        return Objects.requireNonNull(connections
                .connect(user, new ConnectCommand(token.value(), null))
                .connection());
    }

    private static Set<SandboxPermission> withAuditRead() {
        Set<SandboxPermission> permissions = EnumSet.copyOf(SandboxPermission.flarelinkFive());
        permissions.add(SandboxPermission.ACCOUNT_SETTINGS_READ);
        return permissions;
    }

    private int callEvents() {
        return jdbc.sql("select count(*) from activity_event where user_id = :u and kind = 'call'")
                .param("u", user)
                .query(Integer.class)
                .single();
    }

    private String reconciledDetail() {
        return jdbc.sql("select detail from activity_event where user_id = :u and action = 'activity.reconciled'"
                        + " order by seq desc limit 1")
                .param("u", user)
                .query(String.class)
                .single();
    }

    private UUID signUp() {
        return accounts.signUp(new SignUpCommand(UUID.randomUUID() + "@example.com", "a sturdy passphrase of words"))
                .id();
    }
}
