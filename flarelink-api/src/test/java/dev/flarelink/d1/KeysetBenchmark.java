package dev.flarelink.d1;

import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.CloudflareClientOptions;
import dev.flarelink.cloudflare.RateLimit;
import dev.flarelink.cloudflare.d1.D1CreateParams;
import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.cloudflare.d1.D1Statement;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * On-demand benchmark (not a test): page 1, 100 and 10,000 of a 1,000,000-row table in the sandbox's D1, with the
 * grid's keyset SQL and with LIMIT/OFFSET, in key order and sorted by an indexed column. Run with:
 *
 * <pre>
 * ./mvnw -B -q -pl flarelink-api test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.flarelink.d1.KeysetBenchmark
 * </pre>
 */
public final class KeysetBenchmark {

    private static final int ROWS = 1_000_000;
    private static final int PAGE = 50;
    private static final int RUNS = 15;

    private KeysetBenchmark() {}

    public static void main(String[] args) {
        try (CloudflareSandbox sandbox = CloudflareSandbox.builder().build().start()) {
            String account = sandbox.createAccount("Bench");
            CloudflareApi api = CloudflareClient.builder()
                    .options(CloudflareClientOptions.builder()
                            .baseUrl(sandbox.baseUrl())
                            .rateLimit(new RateLimit(Integer.MAX_VALUE, Duration.ofMinutes(5)))
                            .build())
                    .build()
                    .withToken(dev.flarelink.cloudflare.ApiToken.of(
                            sandbox.createToken(account, SandboxPermission.flarelinkFive())
                                    .value()));
            String db = api.d1().create(account, D1CreateParams.named("bench")).uuid();
            long started = System.nanoTime();
            fill(api, account, db);
            System.out.printf(Locale.ROOT, "filled %,d rows in %.1f s%n", ROWS, (System.nanoTime() - started) / 1e9);
            TableShape shape = D1Sessions.schemaOf(api, account, db, "big");
            for (String sort : Arrays.asList(null, "grp", "label")) {
                for (int page : List.of(1, 100, 10_000)) {
                    measure(api, account, db, shape, sort, page);
                }
            }
        }
    }

    private static void fill(CloudflareApi api, String account, String db) {
        api.d1().query(account, db, "CREATE TABLE big (id INTEGER PRIMARY KEY, grp INTEGER, label TEXT)");
        for (int from = 0; from < ROWS; from += 100_000) {
            api.d1()
                    .query(
                            account,
                            db,
                            "WITH RECURSIVE n(i) AS (SELECT " + (from + 1) + " UNION ALL SELECT i + 1 "
                                    + "FROM n WHERE i < " + (from + 100_000)
                                    + ") INSERT INTO big SELECT i, i % 1000, 'row ' || i "
                                    + "FROM n");
        }
        api.d1().query(account, db, "CREATE INDEX big_grp ON big (grp)");
    }

    private static void measure(
            CloudflareApi api, String account, String db, TableShape shape, @Nullable String sort, int page) {
        RowsQuery query = new RowsQuery("big", sort, false, List.of(), PAGE, null, null, false);
        KeysetQuery keyset = new KeysetQuery(shape, query);
        List<@Nullable Object> cursor = page == 1 ? null : cursorBefore(api, account, db, sort, page);
        D1Statement byKey = keyset.rows(cursor, false);
        String order = sort == null ? "rowid" : SqlIdentifiers.quote(sort) + ", rowid";
        D1Statement byOffset = D1Statement.of(
                "SELECT rowid AS \"__flarelink_rowid\", \"id\", \"grp\", \"label\" " + "FROM \"big\" ORDER BY " + order
                        + " LIMIT ? OFFSET ?",
                PAGE + 1,
                (long) (page - 1) * PAGE);
        List<D1Statement> view = new ArrayList<>(SchemaStatements.forTable("big"));
        view.add(byKey);
        view.add(Objects.requireNonNull(keyset.estimate()));
        String label = (sort == null ? "key order" : "sorted by " + sort) + ", page " + page;
        System.out.printf(
                Locale.ROOT,
                "%-26s keyset %s | offset %s | keyset page view (one batch) %s%n",
                label,
                time(api, account, db, List.of(byKey)),
                time(api, account, db, List.of(byOffset)),
                time(api, account, db, view));
    }

    /** The last row of the previous page, found once with OFFSET (setup, not timed). */
    private static List<@Nullable Object> cursorBefore(
            CloudflareApi api, String account, String db, @Nullable String sort, int page) {
        String sql = "SELECT " + (sort == null ? "grp" : sort) + " AS s, rowid AS r FROM big ORDER BY "
                + (sort == null ? "rowid" : sort + ", rowid")
                + " LIMIT 1 OFFSET " + ((long) (page - 1) * PAGE - 1);
        var row = api.d1().query(account, db, sql).get(0).results().get(0);
        long rowid = ((Number) Objects.requireNonNull(row.get("r"))).longValue();
        if (sort == null) {
            return Arrays.asList(rowid);
        }
        Object value = Objects.requireNonNull(row.get("s"));
        return Arrays.asList(value instanceof Number n ? (Object) n.longValue() : value, rowid);
    }

    private static String time(CloudflareApi api, String account, String db, List<D1Statement> statements) {
        long[] wall = new long[RUNS];
        double[] sql = new double[RUNS];
        for (int i = -3; i < RUNS; i++) {
            long t0 = System.nanoTime();
            List<D1QueryResult> results = api.d1().batch(account, db, statements);
            long elapsed = System.nanoTime() - t0;
            if (i >= 0) {
                wall[i] = elapsed;
                sql[i] = results.stream()
                        .mapToDouble(r -> r.meta() == null || r.meta().duration() == null
                                ? 0
                                : r.meta().duration())
                        .sum();
            }
        }
        Arrays.sort(wall);
        Arrays.sort(sql);
        return String.format(Locale.ROOT, "%7.2f ms (SQL %7.2f ms)", wall[RUNS / 2] / 1e6, sql[RUNS / 2]);
    }
}
