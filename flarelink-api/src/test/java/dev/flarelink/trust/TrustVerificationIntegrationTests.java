package dev.flarelink.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import dev.flarelink.cloudflare.workers.WorkerBinding;
import dev.flarelink.cloudflare.workers.WorkerScriptUploadParams;
import dev.flarelink.connect.ConnectCommand;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.provisioning.CreateProjectCommand;
import dev.flarelink.provisioning.ProjectNotFoundException;
import dev.flarelink.provisioning.ProjectView;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.TestPostgres;
import dev.flarelink.worker.WorkerBundle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Verify now and the scheduled re-verification against a project provisioned into the Cloudflare emulator. */
@SpringBootTest
class TrustVerificationIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }

    @Autowired
    TrustVerificationService trust;

    @Autowired
    ReverifyJob reverify;

    @Autowired
    ProvisioningService provisioning;

    @Autowired
    AccountService accounts;

    @Autowired
    ConnectionService connections;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    CloudflareClient client;

    @Autowired
    JdbcClient jdbc;

    private final WorkerBundle bundle = WorkerBundle.load();
    UUID user;
    String accountId;
    SandboxToken token;
    CloudflareApi cf;
    ProjectView project;

    @BeforeEach
    void provisionedProject() throws Exception {
        sandbox.switches().reset();
        user = newUser();
        accountId = sandbox.createAccount("Trust " + UUID.randomUUID());
        token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        registerSubdomain();
        connections.connect(user, new ConnectCommand(token.value(), null));
        cf = client.withToken(ApiToken.of(token.value()));
        ProjectView started =
                provisioning.create(user, new CreateProjectCommand(null, "shop", "https://shop.example.com", ""));
        assertThat(provisioning.awaitIdle(started.id(), Duration.ofSeconds(60))).isTrue();
        project = provisioning.get(user, started.id());
        assertThat(project.status()).isEqualTo("active");
    }

    @Test
    void passesRightAfterProvisioningAndIsStoredAndRecorded() {
        VerificationView result = trust.verify(user, project.id());

        assertThat(result.differences()).isEmpty();
        assertThat(result.passed()).isTrue();
        assertThat(trust.latest(user, project.id())).hasValueSatisfying(latest -> {
            assertThat(latest.passed()).isTrue();
            assertThat(latest.trigger()).isEqualTo("manual");
        });
        assertThat(trust.drifting(user)).isEmpty();
        assertThat(activity("ok")).isEqualTo(1);
    }

    @Test
    void aDifferentScriptFailsAndNamesTheScript() {
        upload(
                "export default { async fetch() { return new Response('not the bundle') } }"
                        .getBytes(StandardCharsets.UTF_8),
                project.kvNamespaceId());

        VerificationView result = trust.verify(user, project.id());

        assertThat(result.passed()).isFalse();
        assertThat(result.differences())
                .singleElement()
                .asString()
                .startsWith("script:")
                .contains(bundle.sha256());
        assertThat(trust.drifting(user)).containsExactly(project.id());
        assertThat(activity("failed")).isEqualTo(1);
    }

    /** The oldest upgrade path kept in test resources, and the release just before the current one. */
    @ParameterizedTest
    @ValueSource(strings = {"0.2.0", "0.5.0"})
    void anOlderPublishedWorkerIsNamedAndRedeployUpgradesItKeepingItsConfiguration(String version) throws Exception {
        byte[] previous;
        try (var in = getClass().getResourceAsStream("/worker-" + version + ".mjs")) {
            previous = in.readAllBytes();
        }
        assertThat(bundle.version()).isNotEqualTo(version);
        assertThat(bundle.publishedVersionOf(WorkerComparison.sha256(previous))).contains(version);
        upload(previous, project.kvNamespaceId());
        jdbc.sql("update project set deployed_version = :version, deployed_sha256 = :sha where id = :id")
                .param("version", version)
                .param("sha", WorkerComparison.sha256(previous))
                .param("id", project.id())
                .update();
        cf.d1()
                .query(
                        accountId,
                        project.d1DatabaseId(),
                        "INSERT INTO flarelink_config (key, value) VALUES ('R2_ACCOUNT_ID', ?1), ('R2_ACCESS_KEY_ID', ?2),"
                                + " ('R2_SECRET_ACCESS_KEY', ?3), ('R2_BUCKETS', ?4)",
                        List.of(accountId, "access-key-id", "secret-access-key", "[{\"name\":\"shop-files\"}]"));
        Map<String, String> before = config();

        VerificationView old = trust.verify(user, project.id());

        assertThat(old.passed()).isFalse();
        assertThat(old.differences())
                .singleElement()
                .asString()
                .contains("published bundle " + version, "current " + bundle.version(), "Redeploy")
                .doesNotContain("tamper");

        provisioning.redeploy(user, project.id());
        assertThat(provisioning.awaitIdle(project.id(), Duration.ofSeconds(60))).isTrue();

        assertThat(cf.workers().download(accountId, project.workerName())).isEqualTo(bundle.script());
        assertThat(provisioning.get(user, project.id()).deployedVersion()).isEqualTo(bundle.version());
        assertThat(config()).isEqualTo(before);
        assertThat(cf.workers().settings(accountId, project.workerName()).bindingList())
                .extracting(b -> b.name() + "=" + b.target())
                .containsExactlyInAnyOrder("DB=" + project.d1DatabaseId(), "SESSIONS=" + project.kvNamespaceId());
        assertThat(trust.verify(user, project.id()).passed()).isTrue();
    }

    private Map<String, String> config() {
        return cf
                .d1()
                .query(accountId, project.d1DatabaseId(), "SELECT key, value FROM flarelink_config")
                .get(0)
                .results()
                .stream()
                .collect(Collectors.toMap(r -> String.valueOf(r.get("key")), r -> String.valueOf(r.get("value"))));
    }

    @Test
    void aKvBindingPointingElsewhereIsDetected() {
        String other = cf.kv().createNamespace(accountId, "someone-elses").id();
        upload(bundle.script(), other);

        VerificationView result = trust.verify(user, project.id());

        assertThat(result.passed()).isFalse();
        assertThat(result.differences())
                .singleElement()
                .asString()
                .startsWith("binding SESSIONS:")
                .contains(other)
                .contains(project.kvNamespaceId());
    }

    @Test
    void aDeletedWorkerFails() {
        cf.workers().delete(accountId, project.workerName());

        assertThat(trust.verify(user, project.id()).differences())
                .singleElement()
                .asString()
                .contains("not deployed");
    }

    @Test
    void anotherUsersProjectIsNotFound() {
        UUID stranger = newUser();

        assertThatThrownBy(() -> trust.verify(stranger, project.id())).isInstanceOf(ProjectNotFoundException.class);
        assertThatThrownBy(() -> trust.leavePlan(stranger, project.id())).isInstanceOf(ProjectNotFoundException.class);
        assertThatThrownBy(() -> trust.checkToken(stranger, project.id())).isInstanceOf(ProjectNotFoundException.class);
        assertThat(trust.latest(stranger, project.id())).isEmpty();
    }

    @Test
    void scheduledReverificationChecksDueProjectsOnceAndShowsDrift() {
        upload(bundle.script(), cf.kv().createNamespace(accountId, "elsewhere").id());

        int first = reverify.reverifyCheckedBefore(java.time.Instant.now().plusSeconds(1));
        int again = reverify.reverifyCheckedBefore(java.time.Instant.now().minus(Duration.ofDays(1)));

        assertThat(first).isGreaterThanOrEqualTo(1);
        assertThat(again).isZero();
        assertThat(trust.latest(user, project.id())).hasValueSatisfying(latest -> {
            assertThat(latest.trigger()).isEqualTo("scheduled");
            assertThat(latest.passed()).isFalse();
        });
        assertThat(trust.drifting(user)).containsExactly(project.id());
    }

    @Test
    void tokenCheckSaysRevokedOnlyAfterTheTokenIsRevoked() {
        assertThat(trust.checkToken(user, project.id()).revoked()).isFalse();

        sandbox.revokeToken(token.id());

        TokenCheck check = trust.checkToken(user, project.id());
        assertThat(check.revoked()).isTrue();
        assertThat(check.message()).contains("Flarelink can no longer act");
    }

    @Test
    void tokenCheckAfterDisconnectingSaysRevoked() {
        UUID connectionId = connections.connectionsOf(user).get(0).id();
        connections.disconnect(user, connectionId);

        assertThat(trust.checkToken(user, project.id()).revoked()).isTrue();
    }

    @Test
    void leavePlanListsWhatWasCreatedWithTheIdsForWrangler() {
        LeavePlan plan = trust.leavePlan(user, project.id());

        assertThat(plan.created()).anySatisfy(line -> assertThat(line).contains(project.workerName()));
        assertThat(plan.wranglerToml())
                .contains("database_id = \"" + project.d1DatabaseId() + "\"")
                .contains("id = \"" + project.kvNamespaceId() + "\"")
                .contains("compatibility_date = \"" + bundle.compatibilityDate() + "\"");
        assertThat(plan.commands())
                .extracting(LeavePlan.Command::line)
                .contains("wrangler d1 migrations list " + project.d1Name() + " --remote");
    }

    private void upload(byte[] script, String kvId) {
        WorkerScriptUploadParams.Builder upload = WorkerScriptUploadParams.builder(project.workerName())
                .mainModule(bundle.mainModule(), script)
                .compatibilityDate(LocalDate.parse(bundle.compatibilityDate()))
                .binding(WorkerBinding.d1("DB", project.d1DatabaseId()))
                .binding(WorkerBinding.kv("SESSIONS", kvId));
        bundle.compatibilityFlags().forEach(upload::compatibilityFlag);
        cf.workers().upload(accountId, upload.build());
    }

    private int activity(String outcome) {
        return jdbc.sql("select count(*) from activity_event where user_id = :user and action = 'trust.verified'"
                        + " and outcome = :outcome and project_id = :project")
                .param("user", user)
                .param("outcome", outcome)
                .param("project", project.id())
                .query(Integer.class)
                .single();
    }

    private UUID newUser() {
        return accounts.signUp(new SignUpCommand(UUID.randomUUID() + "@example.com", "a sturdy passphrase of words"))
                .id();
    }

    private void registerSubdomain() throws Exception {
        String subdomain = "trust" + UUID.randomUUID().toString().substring(0, 8);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(sandbox.baseUrl() + "/accounts/" + accountId + "/workers/subdomain"))
                .header("Authorization", "Bearer " + token.value())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"subdomain\":\"" + subdomain + "\"}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
