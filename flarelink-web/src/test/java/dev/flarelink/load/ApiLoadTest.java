package dev.flarelink.load;

import dev.flarelink.FlarelinkApplication;
import dev.flarelink.apikey.ApiKeyService;
import dev.flarelink.apikey.CreateApiKeyCommand;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.support.ApiClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On-demand load test of the JSON API (never part of the test run): starts the app in sandbox mode in this JVM,
 * seeds users as {@link DashboardLoadTest} does (a provisioned project and a 1,000-row D1 table each), gives each
 * of {@code load.clients} clients an API key of its own, and has them alternate {@code GET /api/projects} and a
 * one-row D1 query ({@code POST /api/d1/query/{id}}) without think time. After a warm-up it reports client-side
 * latency (loopback, same JVM) per route, throughput and errors, with the machine's load average. Run:
 *
 * <pre>
 * ./mvnw -B -q -pl flarelink-web -am spring-boot:test-run@api-load-test
 * # other settings: -Dspring-boot.run.jvmArguments="-Dload.clients=20 -Dload.seconds=120"
 * </pre>
 *
 * It exits with status 1 if more than 1% of the requests failed.
 */
public final class ApiLoadTest {

    private ApiLoadTest() {}

    private enum Route {
        PROJECTS("GET /api/projects"),
        QUERY("POST /api/d1/query/{id}");

        final String label;

        Route(String label) {
            this.label = label;
        }
    }

    private record Client(String key, String databaseId) {}

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("load.clients", 50);
        int seedUsers = Integer.getInteger("load.seedUsers", 5);
        int warmup = Integer.getInteger("load.warmup", 20);
        int seconds = Integer.getInteger("load.seconds", 60);
        Path dataDir = Files.createTempDirectory("flarelink-api-load-");
        String loadBefore = loadAverage();
        System.setProperty("jdk.httpclient.redirects.retrylimit", "1");
        boolean failed;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FlarelinkApplication.class)
                .initializers(context ->
                        ((GenericApplicationContext) context).registerBean(InMemorySandbox.class, InMemorySandbox::new))
                .run(
                        "--spring.profiles.active=sandbox",
                        "--server.port=0",
                        "--flarelink.data-dir=" + dataDir,
                        // The per-key limit protects Cloudflare's budget; here it would measure 429s, not the API.
                        "--flarelink.api.requests-per-minute=1000000",
                        // Likewise the client's pacing to Cloudflare's 1,200 calls per 5 minutes per token: 50 clients
                        // share 5 tokens, so the D1 queries would soon answer 429 (the emulator itself is unthrottled).
                        "--flarelink.cloudflare.rate-limit-permits=1000000")) {
            int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            app.getBean(CloudflareSandbox.class).switches().rateLimitOff();
            List<Client> keys = seed(app, port, seedUsers, clients);
            failed = measure(port, keys, warmup, seconds, loadBefore);
        } finally {
            deleteRecursively(dataDir);
        }
        if (failed) {
            System.exit(1);
        }
    }

    private static List<Client> seed(ConfigurableApplicationContext app, int port, int seedUsers, int clients) {
        List<LoadSeed> seeds = new ArrayList<>();
        for (int i = 0; i < seedUsers; i++) {
            seeds.add(LoadSeed.plant(app.getBean(CloudflareSandbox.class), port, i, 1000));
        }
        ApiKeyService keys = app.getBean(ApiKeyService.class);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        List<Client> out = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            LoadSeed seed = seeds.get(i % seeds.size());
            UUID user = jdbc.sql("select id from user_account where email = :e")
                    .param("e", seed.email())
                    .query(UUID.class)
                    .single();
            String grid = seed.paths().get(Page.GRID); // /database/{connection}/{database}/table?name=orders
            String databaseId = grid.split("/")[3];
            String key = keys.create(user, new CreateApiKeyCommand("load client " + i, "read_only", null))
                    .secret();
            out.add(new Client(key, databaseId));
        }
        return out;
    }

    private static boolean measure(int port, List<Client> clients, int warmup, int seconds, String loadBefore)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        Latencies[] latencies = {new Latencies(), new Latencies()};
        AtomicLong[] counts = {new AtomicLong(), new AtomicLong()};
        AtomicLong errors = new AtomicLong();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (Client client : clients) {
            Thread thread = new Thread(
                    () -> {
                        ApiClient api = new ApiClient(port);
                        int i = 0;
                        while (System.nanoTime() < end) {
                            Route route = Route.values()[i++ % 2];
                            long sent = System.nanoTime();
                            HttpResponse<String> response = route == Route.PROJECTS
                                    ? api.get("/api/projects", client.key())
                                    : api.send(
                                            "POST",
                                            "/api/d1/query/" + client.databaseId(),
                                            client.key(),
                                            "{\"sql\":\"SELECT id, customer, amount FROM orders WHERE id = ?\",\"params\":["
                                                    + ThreadLocalRandom.current()
                                                            .nextInt(1, 1001) + "]}");
                            long took = System.nanoTime() - sent;
                            boolean ok = response.statusCode() == 200
                                    && (route == Route.PROJECTS
                                            ? response.body().contains("loadproject")
                                            : response.body().contains("customer-"));
                            if (sent >= measureFrom) {
                                latencies[route.ordinal()].add(took);
                                counts[route.ordinal()].incrementAndGet();
                                if (!ok) {
                                    errors.incrementAndGet();
                                    if (problems.size() < 5) {
                                        problems.add(route.label + " → " + response.statusCode());
                                    }
                                }
                            }
                        }
                    },
                    "api-client");
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.printf(
                "%n### %d API clients (one key each), %d s warm-up, %d s measured%n%n",
                clients.size(), warmup, seconds);
        System.out.printf(
                "Machine: %d processors; load average (1/5/15 min) before %s, after %s; JVM %s%n%n",
                Runtime.getRuntime().availableProcessors(),
                loadBefore,
                loadAverage(),
                System.getProperty("java.version"));
        System.out.println("| route | requests | req/s | client p50 | client p95 | client p99 |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        long total = 0;
        Latencies all = new Latencies();
        for (Route route : Route.values()) {
            long n = counts[route.ordinal()].get();
            total += n;
            all.addAll(latencies[route.ordinal()]);
            row(route.label, n, seconds, latencies[route.ordinal()]);
        }
        row("**all**", total, seconds, all);
        System.out.printf("%nErrors: %,d%n", errors.get());
        problems.forEach(problem -> System.out.println("  error: " + problem));
        System.out.println("The clients run in the same JVM: their threads share the cores and the heap.");
        return total == 0 || (double) errors.get() / total > 0.01;
    }

    private static void row(String label, long requests, int seconds, Latencies latencies) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %,d | %.1f | %.1f ms | %.1f ms | %.1f ms |%n",
                label,
                requests,
                (double) requests / seconds,
                latencies.percentileMillis(0.5),
                latencies.percentileMillis(0.95),
                latencies.percentileMillis(0.99));
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
