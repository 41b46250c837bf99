package dev.flarelink.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.d1.D1Database;
import dev.flarelink.cloudflare.kv.KvNamespace;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.DemoSeed;
import dev.flarelink.cloudflare.workers.WorkerScript;
import dev.flarelink.connect.ConnectCommand;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.provisioning.CreateProjectCommand;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.Emails;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An in-process Flarelink (sandbox Cloudflare) on a {@link DurablePostgres}, with the reads the resilience tests make
 * straight from PostgreSQL (their own connection, so they see only what was committed).
 */
final class ChaosFixture implements AutoCloseable {

    static final String PASSWORD = "chaos is a ladder of words";

    final DurablePostgres postgres;
    final String masterKey;
    final ConfigurableApplicationContext app;

    private ChaosFixture(DurablePostgres postgres, String masterKey, ConfigurableApplicationContext app) {
        this.postgres = postgres;
        this.masterKey = masterKey;
        this.app = app;
    }

    static ChaosFixture start() {
        DurablePostgres postgres = DurablePostgres.start();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String masterKey = Base64.getEncoder().encodeToString(key);
        return new ChaosFixture(postgres, masterKey, startApp(postgres, masterKey));
    }

    static ConfigurableApplicationContext startApp(DurablePostgres postgres, String masterKey) {
        Map<String, String> properties = new HashMap<>();
        properties.put("spring.profiles.active", "sandbox");
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        // Fail fast while the server is down, so the workload notices instead of queueing.
        properties.put("spring.datasource.hikari.connection-timeout", "3000");
        properties.put("flarelink.master-key", masterKey);
        properties.put("flarelink.provisioning.claim-ttl", "PT5S");
        properties.put("flarelink.provisioning.recovery-interval", "PT2S");
        try {
            properties.put(
                    "flarelink.data-dir",
                    Files.createTempDirectory("flarelink-chaos-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AppNode.inProcess(properties);
    }

    <T> T bean(Class<T> type) {
        return app.getBean(type);
    }

    CloudflareSandbox sandbox() {
        return bean(CloudflareSandbox.class);
    }

    DemoSeed demo() {
        return sandbox().demo().orElseThrow();
    }

    /** A new user with the demo account connected. */
    UUID connectedUser() {
        UUID user = bean(AccountService.class)
                .signUp(new SignUpCommand(Emails.unique("chaos"), PASSWORD))
                .id();
        bean(ConnectionService.class)
                .connect(user, new ConnectCommand(demo().fullToken().value(), null));
        return user;
    }

    UUID startProject(UUID user, String name) {
        return bean(ProvisioningService.class)
                .create(user, new CreateProjectCommand(null, name, "https://app.example.com", null))
                .id();
    }

    /** Records numbered actions until told to stop; only those whose commit returned are in {@link #acknowledged}. */
    final class Writer implements Runnable {
        final UUID user;
        final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        final List<String> failures = new ArrayList<>();
        volatile boolean stop;
        private final String marker = "w" + UUID.randomUUID().toString().substring(0, 8) + "-";

        Writer(UUID user) {
            this.user = user;
        }

        @Override
        public void run() {
            for (int i = 0; !stop; i++) {
                try {
                    bean(ActivityService.class)
                            .recordAction(ActivityEntry.action(user, "chaos.write", null, null, "ok", marker + i));
                    acknowledged.add(i);
                } catch (RuntimeException failed) {
                    synchronized (failures) {
                        failures.add(failed.getClass().getSimpleName());
                    }
                    AppNode.sleep(Duration.ofMillis(50));
                }
            }
        }

        /** Every acknowledged write is in PostgreSQL, read on a fresh connection. */
        void assertNothingAcknowledgedIsLost() throws SQLException {
            Set<String> stored = ConcurrentHashMap.newKeySet();
            try (Connection c = postgres.connect();
                    PreparedStatement s = c.prepareStatement(
                            "select detail from activity_event where user_id = ? and action = 'chaos.write'")) {
                s.setObject(1, user);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        stored.add(r.getString(1));
                    }
                }
            }
            List<Integer> lost = acknowledged.stream()
                    .filter(i -> !stored.contains(marker + i))
                    .sorted()
                    .toList();
            assertThat(lost).as("acknowledged writes missing after the chaos").isEmpty();
            assertThat(acknowledged).as("the workload made progress").hasSizeGreaterThan(20);
        }
    }

    String runStatus(UUID projectId) {
        return single(
                "select status from provisioning_run where project_id = ? order by created_at desc limit 1", projectId);
    }

    String projectStatus(UUID projectId) {
        return single("select status from project where id = ?", projectId);
    }

    long unfinishedSteps(UUID projectId) {
        return Long.parseLong(single(
                "select count(*) from provisioning_step s join provisioning_run r on r.id = s.run_id "
                        + "where r.project_id = ? and s.status not in ('done', 'skipped')",
                projectId));
    }

    private String single(String sql, UUID id) {
        try (Connection c = postgres.connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            return null; // the server may be down for a moment; the caller polls again
        }
    }

    void awaitRunEnd(UUID projectId, Duration timeout) {
        await(timeout, "the provisioning run to end", () -> {
            String status = runStatus(projectId);
            return status != null
                    && List.of("succeeded", "rolled_back", "failed").contains(status);
        });
    }

    /** Exactly one D1 database, KV namespace and Worker of this project in the emulated account. */
    void assertExactlyOneOfEach(String name) {
        CloudflareApi cf = bean(CloudflareClient.class)
                .withToken(ApiToken.of(demo().fullToken().value()));
        String account = demo().accountId();
        assertThat(cf.d1().list(account).autoPager().stream()
                        .map(D1Database::name)
                        .filter(n -> n.contains(name)))
                .containsExactly("flarelink-" + name + "-auth-db");
        assertThat(cf.kv().listNamespaces(account).autoPager().stream()
                        .map(KvNamespace::title)
                        .filter(n -> n.contains(name)))
                .containsExactly("flarelink-" + name + "-sessions");
        assertThat(cf.workers().list(account).stream().map(WorkerScript::id).filter(n -> n.contains(name)))
                .containsExactly("flarelink-" + name + "-auth");
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            AppNode.sleep(Duration.ofMillis(200));
        }
    }

    @Override
    public void close() {
        app.close();
        postgres.close();
    }
}
