package dev.flarelink.trust.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.workers.WorkerBinding;
import dev.flarelink.cloudflare.workers.WorkerScriptUploadParams;
import dev.flarelink.connect.ConnectCommand;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.provisioning.CreateProjectCommand;
import dev.flarelink.provisioning.ProjectView;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import dev.flarelink.worker.WorkerBundle;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Verify now, the drift banner and Leave cleanly over real HTTP (cookies, CSRF) in sandbox mode. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class TrustProjectPagesIntegrationTests {

    private static final String PASSWORD = "a sturdy passphrase of words";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    ConnectionService connections;

    @Autowired
    ProvisioningService provisioning;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    CloudflareClient client;

    @Test
    void verifyNowPassesThenShowsDriftAfterAChangeOutsideFlarelink() {
        UUID user = connectedUser();
        ProjectView project = provisioned(user);
        BrowserlessSession browser = signedIn(user);
        String verify = "/projects/" + project.id() + "/verify";
        assertThat(browser.get("/projects/" + project.id()).body()).contains("href=\"" + verify + "\"");
        assertThat(browser.get(verify).body()).contains("id=\"never-checked\"");

        HttpResponse<String> posted = browser.submit(verify, verify, Map.of());
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(browser.get(verify).body()).contains("id=\"verify-result\">Passed<", " UTC");
        assertThat(browser.get("/projects/" + project.id()).body()).doesNotContain("drift-banner");

        reuploadWithScript(project, "export default { fetch() { return new Response('changed') } }");
        browser.submit(verify, verify, Map.of());

        assertThat(browser.get(verify).body()).contains("id=\"verify-result\">Failed<", "script: its SHA-256 is");
        assertThat(browser.get("/projects/" + project.id()).body())
                .contains("drift-banner", "changed outside Flarelink");
        assertThat(browser.get("/projects").body()).contains("drift-banner");
    }

    @Test
    void anotherUserGets404OnEveryTrustPageOfTheProject() {
        ProjectView project = provisioned(connectedUser());
        BrowserlessSession stranger = signedIn(connectedUser());
        String base = "/projects/" + project.id();

        assertThat(stranger.get(base + "/verify").statusCode()).isEqualTo(404);
        assertThat(stranger.get(base + "/leave").statusCode()).isEqualTo(404);
        assertThat(stranger.submit("/projects", base + "/verify", Map.of()).statusCode())
                .isEqualTo(404);
        assertThat(stranger.submit("/projects", base + "/leave/check-token", Map.of())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void leaveCleanlyListsTheResourcesAndChecksTheToken() {
        UUID user = connectedUser();
        ProjectView project = provisioned(user);
        BrowserlessSession browser = signedIn(user);
        String leave = "/projects/" + project.id() + "/leave";

        assertThat(browser.get(leave).body())
                .contains(project.workerName(), project.d1DatabaseId(), project.kvNamespaceId())
                .contains("wrangler d1 migrations list " + project.d1Name() + " --remote");
        assertThat(browser.submit(leave, leave + "/check-token", Map.of()).statusCode())
                .isEqualTo(302);
        assertThat(browser.get(leave).body()).contains("id=\"token-check\">Still active");
    }

    private ProjectView provisioned(UUID user) {
        String name = "tr" + UUID.randomUUID().toString().substring(0, 6);
        ProjectView started =
                provisioning.create(user, new CreateProjectCommand(null, name, "https://a.example.com", ""));
        assertThat(provisioning.awaitIdle(started.id(), Duration.ofSeconds(60))).isTrue();
        return provisioning.get(user, started.id());
    }

    private void reuploadWithScript(ProjectView project, String source) {
        WorkerBundle bundle = WorkerBundle.load();
        WorkerScriptUploadParams.Builder upload = WorkerScriptUploadParams.builder(project.workerName())
                .mainModule(bundle.mainModule(), source)
                .compatibilityDate(LocalDate.parse(bundle.compatibilityDate()))
                .binding(WorkerBinding.d1("DB", project.d1DatabaseId()))
                .binding(WorkerBinding.kv("SESSIONS", project.kvNamespaceId()));
        bundle.compatibilityFlags().forEach(upload::compatibilityFlag);
        client.withToken(ApiToken.of(demoToken())).workers().upload(project.accountId(), upload.build());
    }

    private String demoToken() {
        return sandbox.demo().orElseThrow().fullToken().value();
    }

    private UUID connectedUser() {
        UUID user = accounts.signUp(new SignUpCommand(Emails.unique("trust"), PASSWORD))
                .id();
        connections.connect(user, new ConnectCommand(demoToken(), null));
        return user;
    }

    private BrowserlessSession signedIn(UUID user) {
        return BrowserlessSession.signedIn(
                port, accounts.findById(user).orElseThrow().email(), PASSWORD);
    }
}
