package dev.flarelink.users;

import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.CloudflareClientOptions;
import dev.flarelink.cloudflare.RateLimit;
import dev.flarelink.cloudflare.d1.D1CreateParams;
import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.cloudflare.d1.D1Statement;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.worker.Migration;
import dev.flarelink.worker.WorkerBundle;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * On-demand benchmark (not a test, never run by {@code ./mvnw verify}): the Users list's own statements
 * ({@link UsersService#listStatements}) on 1,000,000 users in the sandbox's D1, with the Worker's migrations applied,
 * a credential account per user and 200,000 auth events. Reports the median server (SQL) and wall time of the first
 * page and of a deep page (900,000 users in), newest first and by e-mail, and of a prefix search. Run with:
 *
 * <pre>
 * ./mvnw -B -q -pl flarelink-api test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.flarelink.users.UsersBenchmark
 * </pre>
 */
public final class UsersBenchmark {

    private static final int USERS = 1_000_000;
    private static final int RUNS = 15;

    private UsersBenchmark() {}

    public static void main(String[] args) {
        try (CloudflareSandbox sandbox = CloudflareSandbox.builder().build().start()) {
            String account = sandbox.createAccount("Users bench");
            CloudflareApi api = CloudflareClient.builder()
                    .options(CloudflareClientOptions.builder()
                            .baseUrl(sandbox.baseUrl())
                            .rateLimit(new RateLimit(Integer.MAX_VALUE, Duration.ofMinutes(5)))
                            .build())
                    .build()
                    .withToken(ApiToken.of(sandbox.createToken(account, SandboxPermission.flarelinkFive())
                            .value()));
            String db = api.d1()
                    .create(account, D1CreateParams.named("users-bench"))
                    .uuid();
            long started = System.nanoTime();
            fill(api, account, db);
            System.out.printf(Locale.ROOT, "filled %,d users in %.1f s%n", USERS, (System.nanoTime() - started) / 1e9);
            for (UsersQuery.Order order : UsersQuery.Order.values()) {
                UsersQuery first = new UsersQuery(order, UsersQuery.Filter.ALL, null, null, false, 50);
                report(api, account, db, order + ", first page", first);
                report(api, account, db, order + ", page at 900,000", first.next(deepCursor(api, account, db, order)));
            }
            report(
                    api,
                    account,
                    db,
                    "search 'user12345'",
                    new UsersQuery(UsersQuery.Order.NEWEST, UsersQuery.Filter.ALL, "user12345", null, false, 50));
            report(
                    api,
                    account,
                    db,
                    "filter verified, first page",
                    new UsersQuery(UsersQuery.Order.NEWEST, UsersQuery.Filter.VERIFIED, null, null, false, 50));
        }
    }

    private static void fill(CloudflareApi api, String account, String db) {
        for (Migration migration : WorkerBundle.load().migrations()) {
            api.d1().query(account, db, migration.sql());
        }
        for (int from = 0; from < USERS; from += 100_000) {
            String range = "WITH RECURSIVE n(i) AS (SELECT " + (from + 1) + " UNION ALL SELECT i + 1 FROM n WHERE i < "
                    + (from + 100_000) + ") ";
            api.d1()
                    .query(
                            account,
                            db,
                            range + "INSERT INTO \"user\" (\"id\", \"name\", \"email\", \"emailVerified\", "
                                    + "\"createdAt\", \"updatedAt\") SELECT printf('u%07d', i), 'User ' || i, "
                                    + "'user' || i || '@example.com', i % 2, strftime('%Y-%m-%dT%H:%M:%fZ', "
                                    + "'2020-01-01', '+' || i || ' seconds'), '2026-01-01T00:00:00.000Z' FROM n");
            api.d1()
                    .query(
                            account,
                            db,
                            range + "INSERT INTO \"account\" (\"id\", \"accountId\", \"providerId\", \"userId\", "
                                    + "\"createdAt\", \"updatedAt\") SELECT printf('a%07d', i), printf('u%07d', i), "
                                    + "'credential', printf('u%07d', i), '2026-01-01', '2026-01-01' FROM n");
            api.d1()
                    .query(
                            account,
                            db,
                            range + "INSERT INTO \"flarelink_auth_event\" (\"at\", \"type\", \"userId\") SELECT "
                                    + "strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || i || ' seconds'), "
                                    + "'sign_in', printf('u%07d', i) FROM n WHERE i % 5 = 0");
        }
    }

    /** The cursor after the 900,000th user in this order, found once with OFFSET (setup, not timed). */
    private static String deepCursor(CloudflareApi api, String account, String db, UsersQuery.Order order) {
        String sql = "SELECT \"id\", \"email\", \"createdAt\" FROM \"user\" ORDER BY "
                + (order == UsersQuery.Order.NEWEST ? "\"createdAt\" DESC, \"id\" DESC" : "\"email\"")
                + " LIMIT 1 OFFSET 899999";
        Map<String, @Nullable Object> row =
                api.d1().query(account, db, sql).get(0).results().get(0);
        return UsersQuery.cursor(
                order,
                String.valueOf(row.get("createdAt")),
                String.valueOf(row.get("id")),
                String.valueOf(row.get("email")));
    }

    private static void report(CloudflareApi api, String account, String db, String label, UsersQuery query) {
        List<D1Statement> statements = UsersService.listStatements(query);
        long[] wall = new long[RUNS];
        double[] sql = new double[RUNS];
        int rows = 0;
        for (int i = -3; i < RUNS; i++) {
            long t0 = System.nanoTime();
            List<D1QueryResult> results = api.d1().batch(account, db, statements);
            long elapsed = System.nanoTime() - t0;
            rows = results.get(0).results().size();
            if (i >= 0) {
                wall[i] = elapsed;
                sql[i] = results.stream()
                        .mapToDouble(r -> r.meta() == null || r.meta().duration() == null
                                ? 0
                                : Objects.requireNonNull(r.meta().duration()))
                        .sum();
            }
        }
        Arrays.sort(wall);
        Arrays.sort(sql);
        System.out.printf(
                Locale.ROOT,
                "%-32s %3d rows | one D1 call: wall %7.2f ms, SQL %7.2f ms (medians of %d)%n",
                label,
                rows,
                wall[RUNS / 2] / 1e6,
                sql[RUNS / 2],
                RUNS);
    }
}
