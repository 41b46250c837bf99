package dev.flarelink.provisioning;

import dev.flarelink.ApiTestApplication;
import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.connect.ConnectCommand;
import dev.flarelink.connect.ConnectionService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On-demand benchmark (never part of the test run): provisions projects against the sandbox with 100 ms injected
 * latency on every Cloudflare call and prints the wall time beside the sum of the calls' durations, which shows how
 * much the parallel steps save. Run:
 *
 * <pre>
 * ./mvnw -B -q -pl flarelink-api test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.flarelink.provisioning.ProvisioningBenchmark
 * </pre>
 */
public final class ProvisioningBenchmark {

    private static final int ROUNDS = 5;

    private ProvisioningBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                ConfigurableApplicationContext context = new SpringApplicationBuilder(ApiTestApplication.class)
                        .properties(Map.of(
                                "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                                "spring.datasource.username", "postgres",
                                "spring.datasource.password", "",
                                "logging.level.root", "WARN"))
                        .run()) {
            run(context);
        }
    }

    private static void run(ConfigurableApplicationContext context) {
        CloudflareSandbox sandbox = context.getBean(CloudflareSandbox.class);
        ProvisioningService provisioning = context.getBean(ProvisioningService.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        System.out.printf("%-6s %10s %6s %22s %10s%n", "round", "wall ms", "calls", "sum of call ms", "wall/sum");
        for (int round = 0; round <= ROUNDS; round++) {
            sandbox.switches().reset();
            UUID user = context.getBean(AccountService.class)
                    .signUp(new SignUpCommand(UUID.randomUUID() + "@example.com", "a sturdy passphrase of words"))
                    .id();
            SandboxAccount account = SandboxAccount.create(sandbox);
            context.getBean(ConnectionService.class)
                    .connect(user, new ConnectCommand(account.token().value(), null));
            sandbox.switches().latency(Duration.ofMillis(100));

            long start = System.nanoTime();
            ProjectView started = provisioning.create(
                    user, new CreateProjectCommand(null, "bench" + round, "https://bench.example.com", null));
            provisioning.awaitIdle(started.id(), Duration.ofMinutes(2));
            long wallMs = (System.nanoTime() - start) / 1_000_000;

            String status = provisioning.get(user, started.id()).status();
            Map<String, Object> calls = jdbc.sql("select count(*) as n, coalesce(sum(duration_ms), 0) as total "
                            + "from activity_event where project_id = :p and kind = 'call'")
                    .param("p", started.id())
                    .query()
                    .singleRow();
            long n = ((Number) calls.get("n")).longValue();
            long total = ((Number) calls.get("total")).longValue();
            if (round == 0) {
                continue; // warm-up
            }
            System.out.printf(
                    "%-6d %10d %6d %22d %10.2f  %s%n", round, wallMs, n, total, (double) wallMs / total, status);
        }
    }
}
