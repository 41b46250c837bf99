package dev.flarelink.load;

import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.CloudflareClientOptions;
import dev.flarelink.cloudflare.d1.D1Api;
import dev.flarelink.cloudflare.d1.D1Database;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.support.BrowserlessSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One seeded user: signed up, connected to a sandbox account of their own and owning a provisioned project whose
 * D1 database holds an {@code orders} table of {@code rows} rows. Made through the app's pages (real HTTP, CSRF),
 * except the rows, which go straight through the D1 API as a user's own app would write them.
 */
record LoadSeed(String email, Map<Page, String> paths, Map<Page, String> markers) {

    static final String PASSWORD = "a sturdy passphrase of words";

    /**
     * Seeds one user through the app listening on {@code port} (in this JVM or another) and the emulator it calls,
     * using nothing but HTTP and the emulator, so it works whichever JVM the app runs in.
     */
    static LoadSeed plant(CloudflareSandbox sandbox, int port, int index, int rows) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "load-" + index + "-" + suffix + "@example.com";

        BrowserlessSession owner = new BrowserlessSession(port);
        expectRedirect(owner.signUp(email, PASSWORD), "sign-up");
        String accountId = sandbox.createAccount("Load " + suffix, "load" + suffix);
        String token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive())
                .value();
        UUID connection = UUID.fromString(
                expectRedirect(owner.submit("/connect", "/connect", Map.of("token", token)), "connect"));

        String projectName = "loadproject" + suffix;
        UUID project = UUID.fromString(expectRedirect(
                owner.submit(
                        "/projects/new",
                        "/projects",
                        Map.of(
                                "connectionId",
                                connection.toString(),
                                "name",
                                projectName,
                                "trustedOrigins",
                                "https://app.example.com",
                                "r2Bucket",
                                "")),
                "new project"));
        awaitActive(owner, project, projectName);

        D1Api d1 = CloudflareClient.builder()
                .options(CloudflareClientOptions.builder()
                        .baseUrl(sandbox.baseUrl())
                        .build())
                .build()
                .withToken(ApiToken.of(token))
                .d1();
        List<D1Database> databases = d1.list(accountId).items();
        if (databases.size() != 1) {
            throw new IllegalStateException(projectName + " has " + databases.size() + " D1 databases, not one");
        }
        String databaseId = databases.get(0).uuid();

        // One statement: SQLite generates the rows, so seeding costs one call whatever the row count.
        d1.query(
                accountId,
                databaseId,
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT NOT NULL, amount REAL NOT NULL,"
                        + " status TEXT NOT NULL, created_at TEXT NOT NULL)");
        d1.query(
                accountId,
                databaseId,
                "INSERT INTO orders (id, customer, amount, status, created_at)"
                        + " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + rows + ")"
                        + " SELECT i, printf('customer-%04d', i), round((i * 7919 % 100000) / 100.0, 2),"
                        + " CASE i % 3 WHEN 0 THEN 'paid' WHEN 1 THEN 'open' ELSE 'refunded' END,"
                        + " datetime('2026-01-01', '+' || i || ' minutes') FROM n");

        Map<Page, String> paths = new EnumMap<>(Page.class);
        paths.put(Page.PROJECT, "/projects/" + project);
        paths.put(Page.GRID, "/database/" + connection + "/" + databaseId + "/table?name=orders");
        paths.put(Page.ACTIVITY, "/activity");
        paths.put(Page.HOME, "/");
        // What each page must show for a 200 to count as served: the user's own data, not an error or empty page.
        Map<Page, String> markers = new EnumMap<>(Page.class);
        markers.put(Page.PROJECT, projectName);
        markers.put(Page.GRID, "customer-0001");
        markers.put(Page.ACTIVITY, "d1.database.query");
        markers.put(Page.HOME, "Go to your projects");
        return new LoadSeed(email, paths, markers);
    }

    /** Polls the project's status fragment (as the page does) until provisioning has ended, active or not. */
    private static void awaitActive(BrowserlessSession owner, UUID project, String projectName) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            String status = owner.get("/projects/" + project + "/status").body();
            if (status.contains("status-active")) {
                return;
            }
            if (status.contains("status-failed") || status.contains("status-rolled_back")) {
                throw new IllegalStateException("provisioning of " + projectName + " did not succeed: " + status);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("provisioning of " + projectName + " did not finish in 2 minutes");
    }

    /** Signs a fresh session in as this user (one per virtual user, as separate browsers would). */
    BrowserlessSession signIn(int port) {
        BrowserlessSession session = new BrowserlessSession(port);
        expectRedirect(session.submit("/signin", "/signin", Map.of("email", email, "password", PASSWORD)), "sign-in");
        return session;
    }

    private static String expectRedirect(HttpResponse<String> response, String step) {
        if (response.statusCode() != 302) {
            throw new IllegalStateException(step + " answered " + response.statusCode() + ", expected 302");
        }
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
