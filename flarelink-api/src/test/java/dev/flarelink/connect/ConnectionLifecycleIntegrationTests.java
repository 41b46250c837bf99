package dev.flarelink.connect;

import static dev.flarelink.support.ConnectionHolders.assertNoneHeldWhileCloudflareAnswers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import dev.flarelink.support.ConnectionHolders;
import dev.flarelink.support.ConnectionHolders.Worker;
import dev.flarelink.support.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Check again, replace token, disconnect and the per-page health query, against the emulator and PostgreSQL; and
 * that connecting, replacing and checking hold no database connection while Cloudflare answers (connections counted
 * per thread by {@link ConnectionHolders}).
 */
@SpringBootTest
@Import(ConnectionHolders.Config.class)
class ConnectionLifecycleIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }

    @Autowired
    ConnectionService connections;

    @Autowired
    AccountService accounts;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConnectionRepository repository;

    UUID user;
    String accountId;

    @BeforeEach
    void userAndAccount() {
        user = accounts.signUp(new SignUpCommand(UUID.randomUUID() + "@example.com", "a sturdy passphrase of words"))
                .id();
        accountId = sandbox.createAccount("Acme " + UUID.randomUUID());
    }

    @AfterEach
    void cloudflareWithoutLatency() {
        sandbox.switches().reset();
    }

    @Test
    void checkAgainMarksARevokedTokenAndHealthPointsAtIt() {
        SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        ConnectionView view = connect(token);
        assertThat(connections.healthOf(user).revoked()).isFalse();
        assertThat(connections.healthOf(user).connected()).isTrue();

        sandbox.revokeToken(token.id());
        ConnectionView checked = connections.checkAgain(user, view.id());

        assertThat(checked.status()).isEqualTo("revoked");
        assertThat(connections.healthOf(user).revokedConnectionId()).isEqualTo(view.id());
        assertThat(actions()).contains("connection.revoked");
    }

    @Test
    void checkAgainShowsANewlyMissingPermissionAndUpdatesTheCheckedTime() {
        SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        ConnectionView view = connect(token);
        jdbc.sql("update cloudflare_connection set checked_at = checked_at - interval '1 day', granted = 'D1' "
                        + "where id = :id")
                .param("id", view.id())
                .update();

        ConnectionView checked = connections.checkAgain(user, view.id());

        assertThat(checked.receipt().granted()).containsExactlyInAnyOrder(Permission.values());
        assertThat(checked.checkedAt()).isAfter(view.checkedAt().minusSeconds(1));
        assertThat(actions()).contains("connection.checked");
    }

    @Test
    void replacingWithATokenOfTheSameAccountReEncryptsAndReactivates() {
        SandboxToken old = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        ConnectionView view = connect(old);
        String before = ciphertext(view.id());
        sandbox.revokeToken(old.id());
        connections.checkAgain(user, view.id());
        Set<SandboxPermission> four = EnumSet.copyOf(SandboxPermission.flarelinkFive());
        four.remove(SandboxPermission.USER_API_TOKENS_EDIT);
        SandboxToken fresh = sandbox.createToken(accountId, four);

        ConnectionView replaced = connections.replaceToken(user, view.id(), new ReplaceTokenCommand(fresh.value()));

        assertThat(replaced.status()).isEqualTo("active");
        assertThat(replaced.tokenId()).isEqualTo(fresh.id());
        assertThat(replaced.receipt().oneClickR2Keys()).isFalse();
        assertThat(ciphertext(view.id())).isNotEqualTo(before).doesNotContain(fresh.value());
        List<?> databases = connections
                .open(user, view.id(), null)
                .call(api -> api.d1().list(accountId).items());
        assertThat(databases).isEmpty();
        assertThat(actions()).contains("connection.token_replaced");
    }

    @Test
    void replacingWithATokenOfAnotherAccountIsRefusedAndChangesNothing() {
        SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        ConnectionView view = connect(token);
        String before = ciphertext(view.id());
        String otherAccount = sandbox.createAccount("Other " + UUID.randomUUID());
        SandboxToken foreign = sandbox.createToken(otherAccount, SandboxPermission.flarelinkFive());

        assertThatThrownBy(() -> connections.replaceToken(user, view.id(), new ReplaceTokenCommand(foreign.value())))
                .isInstanceOf(ConnectProblemException.class)
                .hasMessageContaining("cannot reach the account");
        assertThat(ciphertext(view.id())).isEqualTo(before);
        assertThat(connections.get(user, view.id()).tokenId()).isEqualTo(token.id());
    }

    @Test
    void disconnectDeletesTheRowAndOnlyTheOwnerCanDoIt() {
        ConnectionView view = connect(sandbox.createToken(accountId, SandboxPermission.flarelinkFive()));
        UUID stranger = accounts.signUp(
                        new SignUpCommand(UUID.randomUUID() + "@example.com", "another quiet passphrase!"))
                .id();

        assertThatThrownBy(() -> connections.disconnect(stranger, view.id()))
                .isInstanceOf(ConnectionNotFoundException.class);
        assertThatThrownBy(() -> connections.checkAgain(stranger, view.id()))
                .isInstanceOf(ConnectionNotFoundException.class);
        assertThatThrownBy(() -> connections.replaceToken(stranger, view.id(), new ReplaceTokenCommand("x".repeat(40))))
                .isInstanceOf(ConnectionNotFoundException.class);
        connections.disconnect(user, view.id());

        assertThat(jdbc.sql("select count(*) from cloudflare_connection where id = :id")
                        .param("id", view.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(connections.healthOf(user).connected()).isFalse();
        assertThat(actions()).contains("connection.disconnected");
    }

    @Test
    void connectingReplacingAndCheckingHoldNoConnectionWhileCloudflareAnswers() throws Exception {
        String first = sandbox.createToken(accountId, SandboxPermission.flarelinkFive())
                .value();
        String second = sandbox.createToken(accountId, SandboxPermission.flarelinkFive())
                .value();
        sandbox.switches().latency(Duration.ofMillis(150));

        UUID id = assertNoneHeldWhileCloudflareAnswers(() -> connections.connect(user, new ConnectCommand(first, null)))
                .connection()
                .id();
        ConnectionView replaced = assertNoneHeldWhileCloudflareAnswers(
                () -> connections.replaceToken(user, id, new ReplaceTokenCommand(second)));
        ConnectionView checked = assertNoneHeldWhileCloudflareAnswers(() -> connections.checkAgain(user, id));

        assertThat(replaced.tokenFingerprint()).endsWith(second.substring(second.length() - 4));
        assertThat(checked.status()).isEqualTo("active");
        assertThat(connections.connectionsOf(user)).hasSize(1);
    }

    @Test
    void aTokenReplacedWhileTheConnectionWasDisconnectedSaysItIsGone() throws Exception {
        ConnectionView view = connect(sandbox.createToken(accountId, SandboxPermission.flarelinkFive()));
        String fresh = sandbox.createToken(accountId, SandboxPermission.flarelinkFive())
                .value();
        sandbox.switches().latency(Duration.ofMillis(300));

        Worker<ConnectionView> replacing = Worker.start(
                        () -> connections.replaceToken(user, view.id(), new ReplaceTokenCommand(fresh)))
                .awaitCloudflareCall();
        connections.disconnect(user, view.id());

        assertThatThrownBy(replacing::join).hasCauseInstanceOf(ConnectionNotFoundException.class);
        assertThat(connections.connectionsOf(user)).isEmpty();
        assertThat(actions()).doesNotContain("connection.token_replaced");
    }

    @Test
    void aCheckThatEndsAfterTheTokenWasReplacedLeavesTheNewTokenAloneAndARevocationIsMarkedOnce() {
        SandboxToken first = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        SandboxToken second = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        UUID id = connect(first).id();
        Connection checkedBeforeTheReplacement =
                repository.findByIdAndUserId(id, user).orElseThrow();
        connections.replaceToken(user, id, new ReplaceTokenCommand(second.value()));

        checkedBeforeTheReplacement.markRevoked("revoked");
        checkedBeforeTheReplacement.markChecked(Instant.now());
        assertThat(repository.updateCheck(checkedBeforeTheReplacement)).isFalse();
        ConnectionView now = connections.get(user, id);
        assertThat(now.status()).isEqualTo("active");
        assertThat(now.tokenFingerprint())
                .endsWith(second.value().substring(second.value().length() - 4));

        assertThat(repository.markRevoked(UUID.randomUUID(), id, "revoked")).isFalse();
        assertThat(connections.get(user, id).status()).isEqualTo("active");
        assertThat(repository.markRevoked(user, id, "revoked")).isTrue();
        assertThat(repository.markRevoked(user, id, "expired")).isFalse();
        assertThat(connections.get(user, id).status()).isEqualTo("revoked");
    }

    private ConnectionView connect(SandboxToken token) {
        ConnectionView view = connections
                .connect(user, new ConnectCommand(token.value(), null))
                .connection();
        assertThat(view).isNotNull();
        return view;
    }

    private String ciphertext(UUID connectionId) {
        return jdbc.sql("select token_ciphertext from cloudflare_connection where id = :id")
                .param("id", connectionId)
                .query(String.class)
                .single();
    }

    private List<String> actions() {
        return jdbc.sql("select action from activity_event where user_id = :u and kind = 'action' order by seq")
                .param("u", user)
                .query(String.class)
                .list();
    }
}
