package dev.flarelink.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import dev.flarelink.crypto.AuthenticationFailedException;
import dev.flarelink.crypto.TokenCipher;
import dev.flarelink.support.TestPostgres;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Connecting tokens of each kind against the Cloudflare emulator, with a real PostgreSQL. */
@SpringBootTest
class ConnectionServiceIntegrationTests {

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
    TokenCipher cipher;

    @Autowired
    JdbcClient jdbc;

    UUID user;
    String accountId;

    @BeforeEach
    void userAndAccount() {
        user = accounts.signUp(new SignUpCommand(UUID.randomUUID() + "@example.com", "a sturdy passphrase of words"))
                .id();
        accountId = sandbox.createAccount("Acme " + UUID.randomUUID());
    }

    @Test
    void connectsATokenWithAllFivePermissions() {
        SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());

        ConnectResult result = connections.connect(user, new ConnectCommand("  " + token.value() + "\n", null));

        ConnectionView view = result.connection();
        assertThat(view).isNotNull();
        assertThat(view.accountId()).isEqualTo(accountId);
        assertThat(view.receipt().granted()).containsExactlyInAnyOrder(Permission.values());
        assertThat(view.receipt().oneClickR2Keys()).isTrue();
        assertThat(view.tokenFingerprint())
                .endsWith(token.value().substring(token.value().length() - 4));
        assertThat(connections.connectionsOf(user))
                .extracting(ConnectionView::id)
                .containsExactly(view.id());
    }

    @Test
    void connectsWithoutApiTokensEditAndTurnsOneClickKeysOff() {
        Set<SandboxPermission> four = EnumSet.copyOf(SandboxPermission.flarelinkFive());
        four.remove(SandboxPermission.USER_API_TOKENS_EDIT);
        SandboxToken token = sandbox.createToken(accountId, four);

        ConnectionView view = connections
                .connect(user, new ConnectCommand(token.value(), null))
                .connection();

        assertThat(view.receipt().missingRequired()).isEmpty();
        assertThat(view.receipt().oneClickR2Keys()).isFalse();
    }

    @Test
    void refusesATokenWithoutD1EditNamingItAndStoresNothing() {
        Set<SandboxPermission> noD1 = EnumSet.copyOf(SandboxPermission.flarelinkFive());
        noD1.remove(SandboxPermission.D1_EDIT);
        SandboxToken token = sandbox.createToken(accountId, noD1);

        assertThatThrownBy(() -> connections.connect(user, new ConnectCommand(token.value(), null)))
                .isInstanceOf(ConnectProblemException.class)
                .hasMessageContaining("Account → D1: Edit")
                .hasMessageContaining("Nothing was saved");
        assertThat(connections.connectionsOf(user)).isEmpty();
    }

    @Test
    void storesNoPlaintextAndTheCiphertextFailsOnAnotherUsersRow() {
        SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        ConnectionView view = connections
                .connect(user, new ConnectCommand(token.value(), null))
                .connection();

        String row = jdbc.sql("select c::text from cloudflare_connection c where id = :id")
                .param("id", view.id())
                .query(String.class)
                .single();
        assertThat(row)
                .doesNotContain(token.value())
                .doesNotContain(token.value().substring(5, 25));
        String ciphertext = jdbc.sql("select token_ciphertext from cloudflare_connection where id = :id")
                .param("id", view.id())
                .query(String.class)
                .single();
        assertThatThrownBy(() ->
                        cipher.decrypt(ciphertext, ConnectionService.associatedData(UUID.randomUUID(), view.id())))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> cipher.decrypt(ciphertext, ConnectionService.associatedData(user, UUID.randomUUID())))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void aTokenRevokedInCloudflareMarksTheConnectionRevokedOnNextUse() {
        SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        ConnectionView view = connections
                .connect(user, new ConnectCommand(token.value(), null))
                .connection();
        ConnectedAccount open = connections.open(user, view.id(), null);
        java.util.List<?> databases =
                open.call(api -> api.d1().list(open.accountId()).items());
        assertThat(databases).isEmpty();

        sandbox.revokeToken(token.id());

        assertThatThrownBy(() -> open.call(api -> api.d1().list(open.accountId())))
                .isInstanceOf(ConnectionRevokedException.class);
        assertThat(connections.get(user, view.id()).status()).isEqualTo("revoked");
        assertThatThrownBy(() -> connections.open(user, view.id(), null))
                .isInstanceOf(ConnectionRevokedException.class);
    }

    @Test
    void anotherUserCannotSeeOrUseTheConnection() {
        SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        ConnectionView view = connections
                .connect(user, new ConnectCommand(token.value(), null))
                .connection();
        UUID stranger = accounts.signUp(
                        new SignUpCommand(UUID.randomUUID() + "@example.com", "another sturdy passphrase"))
                .id();

        assertThat(connections.connectionsOf(stranger)).isEmpty();
        assertThatThrownBy(() -> connections.get(stranger, view.id())).isInstanceOf(ConnectionNotFoundException.class);
        assertThatThrownBy(() -> connections.open(stranger, view.id(), null))
                .isInstanceOf(ConnectionNotFoundException.class);
    }

    @Test
    void refusesMalformedTokensBeforeCallingCloudflare() {
        assertThatThrownBy(() -> connections.connect(user, new ConnectCommand("   ", null)))
                .hasMessageContaining("Paste your Cloudflare API token");
        assertThatThrownBy(() ->
                        connections.connect(user, new ConnectCommand("0123456789abcdef0123456789abcdef01234", null)))
                .hasMessageContaining("Global API Key");
        assertThatThrownBy(() -> connections.connect(user, new ConnectCommand("not a token", null)))
                .hasMessageContaining("spaces");
        assertThatThrownBy(() -> connections.connect(user, new ConnectCommand("short", null)))
                .hasMessageContaining("not the shape");
        assertThat(jdbc.sql("select count(*) from activity_event where user_id = :u")
                        .param("u", user)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aSecondTokenForTheSameAccountOffersToReplace() {
        SandboxToken first = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        SandboxToken second = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        ConnectionView view = connections
                .connect(user, new ConnectCommand(first.value(), null))
                .connection();

        assertThatThrownBy(() -> connections.connect(user, new ConnectCommand(second.value(), null)))
                .isInstanceOfSatisfying(
                        ConnectionExistsException.class,
                        e -> assertThat(e.existingId()).isEqualTo(view.id()));
        assertThat(connections.connectionsOf(user)).hasSize(1);
    }
}
