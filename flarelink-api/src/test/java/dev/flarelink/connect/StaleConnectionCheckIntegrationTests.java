package dev.flarelink.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import dev.flarelink.support.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The background check notices revoked tokens, and a row another node holds is left to that node. */
@SpringBootTest
class StaleConnectionCheckIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }

    @Autowired
    StaleConnectionCheck check;

    @Autowired
    ConnectionService connections;

    @Autowired
    AccountService accounts;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    DataSource dataSource;

    UUID user;
    String accountId;

    @BeforeEach
    void userAndAccount() {
        user = accounts.signUp(new SignUpCommand(UUID.randomUUID() + "@example.com", "a sturdy passphrase of words"))
                .id();
        accountId = sandbox.createAccount("Acme " + UUID.randomUUID());
    }

    @Test
    void marksARevokedTokenAndLeavesAValidOneActive() {
        SandboxToken revoked = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        UUID revokedId = connect(revoked);
        UUID validId = connect(sandbox.createToken(
                sandbox.createAccount("Beta " + UUID.randomUUID()), SandboxPermission.flarelinkFive()));
        sandbox.revokeToken(revoked.id());

        int checked = check.checkConnectionsCheckedBefore(Instant.now().plusSeconds(60));

        assertThat(checked).isGreaterThanOrEqualTo(2);
        assertThat(connections.get(user, revokedId).status()).isEqualTo("revoked");
        assertThat(connections.get(user, validId).status()).isEqualTo("active");
        assertThat(connections.healthOf(user).revokedConnectionId()).isEqualTo(revokedId);
    }

    @Test
    void skipsConnectionsNotDueAndRowsLockedByAnotherNode() throws Exception {
        SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        UUID id = connect(token);
        sandbox.revokeToken(token.id());

        check.checkConnectionsCheckedBefore(Instant.now().minusSeconds(3600));
        assertThat(connections.get(user, id).status()).isEqualTo("active");

        try (Connection otherNode = dataSource.getConnection()) {
            otherNode.setAutoCommit(false);
            try (PreparedStatement lock =
                    otherNode.prepareStatement("select id from cloudflare_connection where id = ? for update")) {
                lock.setObject(1, id);
                lock.executeQuery().close();
            }
            check.checkConnectionsCheckedBefore(Instant.now().plusSeconds(60));
            assertThat(connections.get(user, id).status()).isEqualTo("active");
            otherNode.rollback();
        }

        check.checkConnectionsCheckedBefore(Instant.now().plusSeconds(60));
        assertThat(connections.get(user, id).status()).isEqualTo("revoked");
    }

    private UUID connect(SandboxToken token) {
        ConnectionView view = connections
                .connect(user, new ConnectCommand(token.value(), null))
                .connection();
        assertThat(view).isNotNull();
        return view.id();
    }
}
