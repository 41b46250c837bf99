package dev.flarelink.sandbox;

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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Sandbox mode with no Node on the PATH (simulated by an empty one): the app starts and says what to do. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"flarelink.sandbox.run-workers=true", "flarelink.sandbox.node-path=/flarelink-no-node-here"})
@ActiveProfiles("sandbox")
class WithoutNodeIntegrationTests {

    private static final String PASSWORD = "a sturdy passphrase of words";

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

    @Test
    void theProjectPageSaysWorkersAreNotRunningAndHowToEnableThem() {
        BrowserlessSession browser = new BrowserlessSession(port);
        String email = Emails.unique("no-node");
        browser.signUp(email, PASSWORD);
        UUID user = accounts.authenticate(email, PASSWORD, "127.0.0.1")
                .orElseThrow()
                .id();
        ProjectFixture fixture = ProjectFixture.create(
                sandbox, client, connections, provisioning, user, "https://app.example.com", null);

        String page = browser.get("/projects/" + fixture.project().id()).body();

        assertThat(page)
                .contains("id=\"local-worker-status\"")
                .contains("Workers are not running: Node.js was not found on the PATH")
                .contains("Install Node.js 20 or newer")
                .doesNotContain("id=\"local-worker-url\"");
        assertThat(sandbox.workers().processes()).isEmpty();
    }
}
