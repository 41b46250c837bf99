package dev.flarelink.activity;

import dev.flarelink.ApiTestApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On-demand benchmark (not a test; never run by {@code mvn verify}): seeds 1,000,000 events for one user into an
 * embedded PostgreSQL and prints p50/p95 server times of the first page and of filtered pages, then streams a full
 * export and prints the heap before and after. Command and figures: docs/activity-log.md.
 */
public final class ActivityPageBenchmark {

    private static final int EVENTS = Integer.getInteger("events", 1_000_000);
    private static final int RUNS = 50;

    private ActivityPageBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                ConfigurableApplicationContext context = new SpringApplicationBuilder(ApiTestApplication.class)
                        .properties(
                                "spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                                "spring.datasource.username=postgres",
                                "spring.main.banner-mode=off",
                                "logging.level.root=WARN")
                        .run()) {
            ActivityService activity = context.getBean(ActivityService.class);
            UUID user = UUID.randomUUID();
            UUID project = UUID.randomUUID();
            seed(context.getBean(JdbcClient.class), user, project);
            Instant newest = Instant.parse("2026-01-01T00:00:00Z");
            time("first page", () -> activity.page(user, ActivityFilter.none(), null));
            ActivityCursor deep = new ActivityCursor(newest.minusSeconds(EVENTS / 2 * 30L), Long.MAX_VALUE);
            time("page in the middle (cursor)", () -> activity.page(user, ActivityFilter.none(), deep));
            time("project filter", () -> activity.page(user, filter(project, null, null, null), null));
            time("action filter (rare)", () -> activity.page(user, filter(null, "r2.bucket.create", null, null), null));
            time("outcome filter", () -> activity.page(user, filter(null, null, "server_error", null), null));
            time(
                    "project + outcome (residual)",
                    () -> activity.page(user, filter(project, null, "conn_error", null), null));
            time(
                    "time range (one day)",
                    () -> activity.page(
                            user,
                            new ActivityFilter(
                                    null,
                                    null,
                                    null,
                                    newest.minusSeconds(86_400 * 100),
                                    newest.minusSeconds(86_400 * 99),
                                    null),
                            null));
            time("free text, common", () -> activity.page(user, filter(null, null, null, "d1"), null));
            time("free text, no match", () -> activity.page(user, filter(null, null, null, "no-such-ray"), null));
            export(activity, user);
        }
    }

    private static ActivityFilter filter(UUID project, String action, String outcome, String text) {
        return new ActivityFilter(project, action, outcome, null, null, text);
    }

    /** Placeholder hashes: the chain is not what is timed, and INSERT ... SELECT seeds a million rows in seconds. */
    private static void seed(JdbcClient jdbc, UUID user, UUID project) {
        long start = System.nanoTime();
        jdbc.sql("""
                        insert into activity_event (user_id, seq, occurred_at, kind, action, project_id, method, path,
                            status, cf_ray, duration_ms, attempt, outcome, detail, prev_hash, hash)
                        select :user, n,
                            timestamptz '2026-01-01T00:00:00Z' - (:events - n) * interval '30 seconds',
                            'call',
                            case when n % 100000 = 0 then 'r2.bucket.create'
                                else (array['d1.database.query','workers.script.upload','kv.put','accounts.list'])[1 + n % 4]
                            end,
                            case when n % 10 = 0 then cast(:project as uuid) end,
                            'POST', '/accounts/{account_id}/d1/database/{database_id}/query',
                            case when n % 50 = 0 then 503 else 200 end,
                            md5(n::text) || '-AMS', 20 + n % 200, 1,
                            case when n % 50 = 0 then 'server_error' else 'ok' end,
                            'select * from users where id = ?',
                            md5('p' || n) || md5('q' || n), md5('h' || n) || md5('i' || n)
                        from generate_series(1, :events) n
                        """)
                .param("user", user)
                .param("project", project)
                .param("events", EVENTS)
                .update();
        jdbc.sql("vacuum analyze activity_event").update();
        System.out.printf("seeded %,d events in %d ms%n", EVENTS, (System.nanoTime() - start) / 1_000_000);
    }

    private static void time(String name, Supplier<ActivityPage> page) {
        for (int i = 0; i < 5; i++) {
            page.get();
        }
        long[] millis = new long[RUNS];
        int size = 0;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            size = page.get().events().size();
            millis[i] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(millis);
        System.out.printf(
                "%-32s p50 %6.2f ms  p95 %6.2f ms  (%d events on the page)%n",
                name, millis[RUNS / 2] / 1000.0, millis[RUNS * 95 / 100] / 1000.0, size);
    }

    private static void export(ActivityService activity, UUID user) {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        CountingStream out = new CountingStream();
        List<Long> peaks = new ArrayList<>();
        out.onMegabytes = () -> peaks.add(runtime.totalMemory() - runtime.freeMemory());
        long start = System.nanoTime();
        activity.export(user, ActivityFilter.none(), ActivityExportFormat.JSON_LINES, out);
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        long peak = peaks.stream().mapToLong(Long::longValue).max().orElse(0);
        System.gc();
        long after = runtime.totalMemory() - runtime.freeMemory();
        System.out.printf(
                "export JSON Lines: %,d bytes in %d ms; heap used before %d MB, peak sampled %d MB, after %d MB "
                        + "(max heap %d MB)%n",
                out.count, elapsed, before >> 20, peak >> 20, after >> 20, runtime.maxMemory() >> 20);
    }

    /** Discards what is written, counting bytes and sampling the heap every 64 MB. */
    private static final class CountingStream extends OutputStream {
        long count;
        Runnable onMegabytes = () -> {};

        @Override
        public void write(int b) {
            tick(1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            tick(len);
        }

        private void tick(long n) {
            long before = count >> 26;
            count += n;
            if (count >> 26 != before) {
                onMegabytes.run();
            }
        }
    }
}
