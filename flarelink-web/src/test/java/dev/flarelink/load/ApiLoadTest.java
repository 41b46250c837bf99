package dev.flarelink.load;

import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.support.ApiClient;
import dev.flarelink.support.BrowserlessSession;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * On-demand load test of the JSON API (never part of the test run): starts the app in a JVM of its own (as
 * {@link DashboardLoadTest} does, pointed at the emulator in this one), seeds users as that test does (a provisioned project and a 1,000-row D1 table each), gives each
 * of {@code load.clients} clients an API key of its own, and has them alternate {@code GET /api/projects} and a
 * one-row D1 query ({@code POST /api/d1/query/{id}}) without think time. After a warm-up it reports client-side
 * latency (loopback) per route, the app's CPU per request, throughput and errors, with the machine's load average. Run:
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
        int warmup = Integer.getInteger("load.warmup", 60);
        int seconds = Integer.getInteger("load.seconds", 60);
        String loadBefore = loadAverage();
        Path dataDir = Files.createTempDirectory("flarelink-api-load-");
        System.setProperty("jdk.httpclient.redirects.retrylimit", "1");
        boolean failed;
        try (CloudflareSandbox sandbox = CloudflareSandbox.builder().build().start()) {
            sandbox.seedDemo();
            sandbox.switches().rateLimitOff();
            try (AppProcess app = AppProcess.start(
                    dataDir,
                    sandbox.baseUrl(),
                    AppProcess.RUN_COMMAND_JVM_OPTIONS,
                    // The per-key limit protects Cloudflare's budget; here it would measure 429s, not the API.
                    "--flarelink.api.requests-per-minute=1000000")) {
                List<Client> keys = seed(sandbox, app.port(), seedUsers, clients);
                failed = measure(app, keys, warmup, seconds, loadBefore);
            }
        } finally {
            deleteRecursively(dataDir);
        }
        if (failed) {
            System.exit(1);
        }
    }

    private static final Pattern NEW_KEY = Pattern.compile("id=\"new-api-key\">(flk_[A-Za-z0-9]+)<");

    /** Seeds through the pages only, as users would: each client's key is made on the API keys page. */
    private static List<Client> seed(CloudflareSandbox sandbox, int port, int seedUsers, int clients) {
        List<LoadSeed> seeds = new ArrayList<>();
        List<BrowserlessSession> owners = new ArrayList<>();
        for (int i = 0; i < seedUsers; i++) {
            LoadSeed seed = LoadSeed.plant(sandbox, port, i, 1000);
            seeds.add(seed);
            owners.add(seed.signIn(port));
        }
        List<Client> out = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            LoadSeed seed = seeds.get(i % seeds.size());
            String grid = seed.paths().get(Page.GRID); // /database/{connection}/{database}/table?name=orders
            String databaseId = grid.split("/")[3];
            HttpResponse<String> page = owners.get(i % seeds.size())
                    .submit(
                            "/account/api-keys",
                            "/account/api-keys",
                            Map.of("name", "load client " + i, "scope", "read_only", "expiresInDays", ""));
            Matcher key = NEW_KEY.matcher(page.body());
            if (page.statusCode() != 200 || !key.find()) {
                throw new IllegalStateException("the API keys page answered " + page.statusCode() + " without a key");
            }
            out.add(new Client(key.group(1), databaseId));
        }
        return out;
    }

    private static boolean measure(AppProcess app, List<Client> clients, int warmup, int seconds, String loadBefore)
            throws InterruptedException {
        int port = app.port();
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
        TimeUnit.NANOSECONDS.sleep(Math.max(0, measureFrom - System.nanoTime()));
        long cpuAtStart = app.cpuTicks();
        long rssAfterWarmup = app.rssBytes();
        String jfr = System.getProperty("load.jfr", "");
        if (!jfr.isBlank()) {
            app.jcmd(
                    "JFR.start",
                    "name=load",
                    "settings=profile",
                    "filename=" + Path.of(jfr).toAbsolutePath());
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long cpuTicks = app.cpuTicks() - cpuAtStart;
        if (!jfr.isBlank()) {
            app.jcmd("JFR.stop", "name=load");
            JfrLayers.print(Path.of(jfr).toAbsolutePath());
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
        System.out.printf(
                Locale.ROOT,
                "App JVM (its own process, options %s): %.1f CPU-s over the %d s = %.2f cores, %.2f ms per request;"
                        + " RSS after warm-up %d MiB.%n",
                String.join(" ", AppProcess.RUN_COMMAND_JVM_OPTIONS),
                cpuTicks / 100.0,
                seconds,
                cpuTicks / 100.0 / seconds,
                total == 0 ? Double.NaN : cpuTicks * 10.0 / total,
                rssAfterWarmup / (1024 * 1024));
        System.out.println("The clients and the emulator run in this JVM, the app in another: they share the cores.");
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
