package dev.flarelink.activity;

import dev.flarelink.ApiTestApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * On-demand harness (a {@code main}, never run by {@code mvn verify}): seeds a valid chain of 1,000,000 events
 * ({@code -Devents=N}) for one user into an embedded PostgreSQL, then runs Verify integrity and prints the time, the
 * batches and the heap sampled after every batch. Meant for {@code -Xmx256m}. Command and figures:
 * docs/self-hosting.md (Performance measurements).
 */
public final class VerifyIntegrityHarness {

    private static final int EVENTS = Integer.getInteger("events", 1_000_000);

    private VerifyIntegrityHarness() {}

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                ConfigurableApplicationContext context = new SpringApplicationBuilder(ApiTestApplication.class)
                        .properties(
                                "spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                                "spring.datasource.username=postgres",
                                "spring.main.banner-mode=off",
                                "logging.level.root=WARN")
                        .run()) {
            UUID user = UUID.randomUUID();
            // Verify does not read the text-search index; without it COPY seeds a million rows several times faster.
            context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql("drop index if exists activity_event_search_trgm_idx")
                    .update();
            long seeding = System.nanoTime();
            ChainSeed.seed(context.getBean(DataSource.class), user, EVENTS);
            System.out.printf(
                    "seeded %,d chained events in %d ms%n", EVENTS, (System.nanoTime() - seeding) / 1_000_000);

            ChainVerifier verifier = context.getBean(ChainVerifier.class);
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            long before = runtime.totalMemory() - runtime.freeMemory();
            long[] peak = {before};
            int[] batches = {0};
            long start = System.nanoTime();
            IntegrityReport report = verifier.verify(user, (checked, total, batch) -> {
                batches[0]++;
                peak[0] = Math.max(peak[0], runtime.totalMemory() - runtime.freeMemory());
                if (batches[0] % 40 == 0) {
                    System.out.printf("  %,d of %,d events verified%n", checked, total);
                }
            });
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            System.out.printf(
                    "verify: intact=%s, %,d events in %d ms (%d batches); heap used before %d MB, peak sampled %d MB "
                            + "(max heap %d MB)%n",
                    report.intact(),
                    report.checked(),
                    elapsed,
                    batches[0],
                    before >> 20,
                    peak[0] >> 20,
                    runtime.maxMemory() >> 20);
            if (!report.intact() || report.checked() != EVENTS) {
                throw new IllegalStateException("verification did not pass: " + report);
            }
        }
    }
}
