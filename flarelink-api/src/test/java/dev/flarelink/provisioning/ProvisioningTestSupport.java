package dev.flarelink.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.d1.D1Database;
import dev.flarelink.cloudflare.kv.KvNamespace;
import dev.flarelink.cloudflare.r2.R2Bucket;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.workers.WorkerScript;
import dev.flarelink.connect.ConnectCommand;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.support.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A signed-up user with a connected sandbox account, and reads of what exists in that account. Public so that the
 * tests of features built on projects (Users) share this one fixture.
 */
@SpringBootTest
public abstract class ProvisioningTestSupport {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }

    @Autowired
    protected ProvisioningService provisioning;

    @Autowired
    protected AccountService accounts;

    @Autowired
    protected ConnectionService connections;

    @Autowired
    protected CloudflareSandbox sandbox;

    @Autowired
    protected CloudflareClient client;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected RunScheduler scheduler;

    @Autowired
    protected RunStore runs;

    @Autowired
    protected ProjectRepository projects;

    protected UUID user;
    protected SandboxAccount account;
    protected UUID connectionId;
    protected CloudflareApi cf;

    @BeforeEach
    protected void connectedUser() {
        sandbox.switches().reset();
        user = newUser();
        account = SandboxAccount.create(sandbox);
        connectionId = connections
                .connect(user, new ConnectCommand(account.token().value(), null))
                .connection()
                .id();
        cf = client.withToken(ApiToken.of(account.token().value()));
    }

    @AfterEach
    protected void switchesBack() {
        sandbox.switches().reset();
        scheduler.pauseWith(duration -> Thread.sleep(duration.toMillis()));
    }

    protected UUID newUser() {
        return accounts.signUp(new SignUpCommand(UUID.randomUUID() + "@example.com", "a sturdy passphrase of words"))
                .id();
    }

    /** A project stored as {@code create} stores it, its provisioning not started: for tests that drive it directly. */
    protected Project insertProject(String name, Instant now) {
        Project project = new Project(
                UUID.randomUUID(),
                user,
                connectionId,
                account.accountId(),
                ProjectRules.validate(name, "https://" + name + ".example.com", null),
                ServiceKeys.sha256("flarelink_sk_" + "a".repeat(64)),
                now);
        projects.insert(project);
        return project;
    }

    protected ProjectView createAndWait(String name, String origins, String bucket) {
        ProjectView started = provisioning.create(user, new CreateProjectCommand(null, name, origins, bucket));
        return await(started.id());
    }

    protected ProjectView await(UUID projectId) {
        assertThat(provisioning.awaitIdle(projectId, Duration.ofSeconds(60))).isTrue();
        return provisioning.get(user, projectId);
    }

    protected List<D1Database> databases() {
        return cf.d1().list(account.accountId()).autoPager().stream().toList();
    }

    protected List<KvNamespace> namespaces() {
        return cf.kv().listNamespaces(account.accountId()).autoPager().stream().toList();
    }

    protected List<R2Bucket> buckets() {
        return cf.r2().listBuckets(account.accountId()).items();
    }

    protected List<WorkerScript> workers() {
        return cf.workers().list(account.accountId());
    }

    /** The project's {@code flarelink_config} in its own D1, key to value. */
    protected Map<String, String> projectConfig(String database) {
        Map<String, String> values = new HashMap<>();
        cf.d1()
                .query(account.accountId(), database, "SELECT key, value FROM flarelink_config")
                .forEach(result -> result.results()
                        .forEach(row -> values.put(String.valueOf(row.get("key")), String.valueOf(row.get("value")))));
        return values;
    }

    protected void assertNothingLeft() {
        assertThat(databases()).isEmpty();
        assertThat(namespaces()).isEmpty();
        assertThat(buckets()).isEmpty();
        assertThat(workers()).isEmpty();
    }

    protected void assertExactlyOneOfEach(String project) {
        assertThat(databases()).extracting(D1Database::name).containsExactly(ResourceNames.database(project));
        assertThat(namespaces()).extracting(KvNamespace::title).containsExactly(ResourceNames.kvNamespace(project));
        assertThat(workers()).extracting(WorkerScript::id).containsExactly(ResourceNames.worker(project));
    }
}
