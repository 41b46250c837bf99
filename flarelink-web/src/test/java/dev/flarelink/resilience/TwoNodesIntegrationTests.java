package dev.flarelink.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.FlarelinkApplication;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.activity.IntegrityReport;
import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.d1.D1Database;
import dev.flarelink.cloudflare.kv.KvNamespace;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.DemoSeed;
import dev.flarelink.cloudflare.workers.WorkerScript;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import java.net.CookieManager;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two Flarelink nodes against one PostgreSQL and one (emulated) Cloudflare. Node 1 runs in its own JVM and is
 * killed with SIGKILL in the middle of a provisioning run, during the Worker upload (whose request still reaches
 * Cloudflare: a create whose answer nobody reads). Node 2 must finish the run, with no duplicate resource, and a
 * session opened on node 1 must work on node 2.
 */
class TwoNodesIntegrationTests {

    private static final String PASSWORD = "two nodes, one database";

    private CloudflareSandbox sandbox;
    private DurablePostgres postgres;
    private AppNode node1;
    private ConfigurableApplicationContext node2;

    @AfterEach
    void stopEverything() throws Exception {
        if (node2 != null) {
            node2.close();
        }
        if (node1 != null) {
            node1.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aRunWhoseNodeDiesIsFinishedByTheOtherNodeAndSessionsWorkOnBoth() throws Exception {
        sandbox = CloudflareSandbox.builder().build().start();
        DemoSeed demo = sandbox.seedDemo();
        postgres = DurablePostgres.start();
        String masterKey = Base64.getEncoder().encodeToString(randomBytes(32));

        Map<String, String> shared = new HashMap<>();
        shared.put("spring.datasource.url", postgres.jdbcUrl());
        shared.put("spring.datasource.username", "postgres");
        shared.put("spring.datasource.password", "");
        shared.put("flarelink.master-key", masterKey);
        shared.put("flarelink.cloudflare.base-url", sandbox.baseUrl());
        shared.put("flarelink.reload.enabled", "false");
        shared.put("flarelink.provisioning.claim-ttl", "PT8S");
        shared.put("flarelink.provisioning.recovery-interval", "PT2S");

        Map<String, String> node1Properties = new HashMap<>(shared);
        node1Properties.put(
                "flarelink.data-dir",
                Files.createTempDirectory("flarelink-node1-").toString());
        node1 = AppNode.start("1", Map.of(), node1Properties);

        Map<String, String> node2Properties = new HashMap<>(shared);
        node2Properties.put(
                "flarelink.data-dir",
                Files.createTempDirectory("flarelink-node2-").toString());
        node2Properties.put("server.port", "0");
        // Command-line arguments, not default properties: application.yml would override those.
        node2 = new SpringApplicationBuilder(FlarelinkApplication.class)
                .run(node2Properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
        int node2Port = Integer.parseInt(node2.getEnvironment().getProperty("local.server.port"));

        // One browser, two nodes: the session lives in PostgreSQL, so either node knows it.
        CookieManager cookies = new CookieManager();
        BrowserlessSession on1 = new BrowserlessSession(node1.port(), cookies);
        BrowserlessSession on2 = new BrowserlessSession(node2Port, cookies);
        String email = Emails.unique("nodes");
        HttpResponse<String> signedUp = on1.signUp(email, PASSWORD);
        assertThat(signedUp.statusCode()).isEqualTo(302);
        HttpResponse<String> projectsOn2 = on2.get("/projects");
        assertThat(projectsOn2.statusCode())
                .as("signed in on node 2 with node 1's session")
                .isEqualTo(200);
        assertThat(projectsOn2.body()).contains("Sign out");
        HttpResponse<String> connected = on2.submit(
                "/connect", "/connect", Map.of("token", demo.fullToken().value(), "accountId", demo.accountId()));
        assertThat(connected.statusCode()).isEqualTo(302);

        // The upload hangs long enough to kill node 1 while it waits for the answer.
        sandbox.switches().latency("PUT", "/accounts/*/workers/scripts/*", Duration.ofSeconds(6));
        String name = "nodes" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = on1.submit(
                "/projects/new",
                "/projects",
                Map.of("name", name, "trustedOrigins", "https://app.example.com", "r2Bucket", ""));
        assertThat(created.statusCode()).as(node1.logTail()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        UUID projectId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        JdbcClient jdbc = node2.getBean(JdbcClient.class);
        ChaosFixture.await(
                Duration.ofSeconds(90),
                "node 1 to start the Worker upload",
                () -> jdbc.sql(
                                        "select count(*) from provisioning_step s join provisioning_run r on r.id = s.run_id "
                                                + "where r.project_id = :project and s.name = 'worker.upload' and s.status = 'running'")
                                .param("project", projectId)
                                .query(Long.class)
                                .single()
                        == 1);
        node1.crash();
        java.time.Instant crashed = java.time.Instant.now();
        sandbox.switches().reset();

        ChaosFixture.await(Duration.ofSeconds(120), "node 2 to finish the abandoned run", () -> {
            return jdbc
                    .sql("select status from provisioning_run where project_id = :project")
                    .param("project", projectId)
                    .query(String.class)
                    .list()
                    .stream()
                    .allMatch(status ->
                            List.of("succeeded", "rolled_back", "failed").contains(status));
        });

        assertThat(jdbc.sql("select status from provisioning_run where project_id = :project")
                        .param("project", projectId)
                        .query(String.class)
                        .single())
                .isEqualTo("succeeded");
        // Node 1 was dead by then, so node 2, the only node left, finished the upload and the run.
        assertThat(jdbc.sql("select s.finished_at from provisioning_step s join provisioning_run r on r.id = s.run_id "
                                + "where r.project_id = :project and s.name = 'worker.upload'")
                        .param("project", projectId)
                        .query(java.sql.Timestamp.class)
                        .single()
                        .toInstant())
                .as("the Worker upload finished after node 1 died")
                .isAfter(crashed);
        assertThat(jdbc.sql("select status from project where id = :id")
                        .param("id", projectId)
                        .query(String.class)
                        .single())
                .isEqualTo("active");
        assertThat(jdbc.sql("select count(*) from provisioning_step s join provisioning_run r on r.id = s.run_id "
                                + "where r.project_id = :project and s.status not in ('done', 'skipped')")
                        .param("project", projectId)
                        .query(Long.class)
                        .single())
                .as("no half-finished step")
                .isZero();

        CloudflareApi cf = node2.getBean(CloudflareClient.class)
                .withToken(ApiToken.of(demo.fullToken().value()));
        assertThat(cf.d1().list(demo.accountId()).autoPager().stream().map(D1Database::name))
                .containsExactly("flarelink-" + name + "-auth-db");
        assertThat(cf.kv().listNamespaces(demo.accountId()).autoPager().stream().map(KvNamespace::title))
                .containsExactly("flarelink-" + name + "-sessions");
        assertThat(cf.workers().list(demo.accountId()).stream().map(WorkerScript::id))
                .containsExactly("flarelink-" + name + "-auth");

        assertThat(on2.get("/projects/" + projectId).body()).contains("status-active", name);
        UUID user = jdbc.sql("select id from user_account where email = :email")
                .param("email", email)
                .query(UUID.class)
                .single();
        IntegrityReport chain = node2.getBean(ActivityService.class).verify(user);
        assertThat(chain.intact()).as(String.valueOf(chain.reason())).isTrue();
        assertThat(chain.checked()).isPositive();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
