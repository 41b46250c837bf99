package dev.flarelink.connect;

import static dev.flarelink.support.ConnectionHolders.assertNoneHeldWhileCloudflareAnswers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.support.ConnectionHolders;
import dev.flarelink.support.TestPostgres;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Connecting, replacing a token and checking again wait for Cloudflare (each makes several calls): none of them may
 * hold a database connection meanwhile, or ten slow calls would take the whole pool and every page with it.
 */
@SpringBootTest
@Import(ConnectionHolders.Config.class)
class ConnectionHeldIntegrationTests {

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

    UUID user;
    String accountId;

    @BeforeEach
    void slowCloudflare() {
        user = accounts.signUp(new SignUpCommand(UUID.randomUUID() + "@example.com", "a sturdy passphrase of words"))
                .id();
        accountId = sandbox.createAccount("Acme " + UUID.randomUUID());
        sandbox.switches().latency(Duration.ofMillis(150));
    }

    @AfterEach
    void resetSwitches() {
        sandbox.switches().reset();
    }

    @Test
    void connectingHoldsNoConnectionWhileCloudflareAnswers() throws Exception {
        String token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive())
                .value();

        ConnectResult result =
                assertNoneHeldWhileCloudflareAnswers(() -> connections.connect(user, new ConnectCommand(token, null)));

        assertThat(result.connection()).isNotNull();
        assertThat(connections.connectionsOf(user)).hasSize(1);
    }

    @Test
    void replacingATokenAndCheckingAgainHoldNoConnectionWhileCloudflareAnswers() throws Exception {
        String first = sandbox.createToken(accountId, SandboxPermission.flarelinkFive())
                .value();
        UUID connectionId = connections
                .connect(user, new ConnectCommand(first, null))
                .connection()
                .id();
        String second = sandbox.createToken(accountId, SandboxPermission.flarelinkFive())
                .value();

        ConnectionView replaced = assertNoneHeldWhileCloudflareAnswers(
                () -> connections.replaceToken(user, connectionId, new ReplaceTokenCommand(second)));
        ConnectionView checked = assertNoneHeldWhileCloudflareAnswers(() -> connections.checkAgain(user, connectionId));

        assertThat(replaced.tokenFingerprint()).endsWith(second.substring(second.length() - 4));
        assertThat(checked.status()).isEqualTo("active");
    }
}
