package dev.flarelink.load;

import dev.flarelink.FlarelinkApplication;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * On-demand load test (never part of the test run): starts the app in sandbox mode in this JVM, seeds a few users
 * with a provisioned project and a 1,000-row D1 table each, signs in one session per virtual user, and has them
 * request the project page, the database grid and the activity page without think time. After a warm-up it
 * measures server time per page (an outermost servlet filter, exact percentiles), client time (loopback, same
 * JVM), throughput, errors and the app's memory, and prints Markdown tables. By default the emulator keeps no
 * state file ({@link InMemorySandbox}); {@code -Dload.sandbox=persistent} measures sandbox mode exactly as it runs.
 * Run:
 *
 * <pre>
 * ./mvnw -B -q -pl flarelink-web -am spring-boot:test-run@load-test
 * # other settings: -Dspring-boot.run.jvmArguments="-Dload.users=20 -Dload.seconds=120 -Dload.sandbox=persistent"
 * </pre>
 *
 * It exits with status 1 if more than {@code load.maxErrorRate} (1%) of the requests failed.
 */
public final class DashboardLoadTest {

    /** The app JVM's counters read around the measured window: is the JIT still at work, are classes still made? */
    private static final String[] JIT = {
        "sun.ci.total", "sun.os.hrt.frequency", "java.cls.loadedClasses", "sun.gc.collector."
    };

    private DashboardLoadTest() {}

    /** Run settings, each a system property: {@code -Dload.users=50} and so on. */
    record Settings(
            int users,
            int seedUsers,
            int rows,
            int warmupSeconds,
            int seconds,
            double maxErrorRate,
            boolean persistentSandbox,
            boolean separateApp,
            List<String> runCommandJvmOptions,
            List<String> appJvmOptions,
            List<Page> pages,
            @Nullable Path jfr,
            boolean timeFreshStart,
            List<String> appArguments) {

        static Settings fromSystemProperties() {
            String jfr = System.getProperty("load.jfr", "");
            return new Settings(
                    Integer.getInteger("load.users", 50),
                    Integer.getInteger("load.seedUsers", 5),
                    Integer.getInteger("load.rows", 1000),
                    Integer.getInteger("load.warmup", 20),
                    Integer.getInteger("load.seconds", 60),
                    Double.parseDouble(System.getProperty("load.maxErrorRate", "0.01")),
                    sandbox(System.getProperty("load.sandbox", "memory")),
                    app(System.getProperty("load.app", "separate")),
                    words(System.getProperty("load.appJvm", String.join(" ", AppProcess.RUN_COMMAND_JVM_OPTIONS))),
                    words(System.getProperty("load.appJvm", String.join(" ", AppProcess.DOCKERFILE_JVM_OPTIONS))),
                    pages(System.getProperty("load.pages", "project,grid,activity")),
                    jfr.isBlank() ? null : Path.of(jfr).toAbsolutePath(),
                    Boolean.parseBoolean(System.getProperty("load.freshStart", "true")),
                    words(System.getProperty("load.appArgs", "")));
        }

        private static boolean app(String value) {
            return switch (value) {
                case "separate" -> true;
                case "same" -> false;
                default ->
                    throw new IllegalArgumentException(
                            "load.app is separate (the default: the app in a JVM of its own) or same, not " + value);
            };
        }

        private static List<String> words(String value) {
            return Arrays.stream(value.trim().split("\\s+"))
                    .filter(word -> !word.isEmpty())
                    .toList();
        }

        private static List<Page> pages(String value) {
            return words(value.replace(',', ' ')).stream()
                    .map(name -> switch (name) {
                        case "project" -> Page.PROJECT;
                        case "grid" -> Page.GRID;
                        case "activity" -> Page.ACTIVITY;
                        case "home" -> Page.HOME;
                        default ->
                            throw new IllegalArgumentException(
                                    "load.pages lists project, grid, activity and home, not " + name);
                    })
                    .toList();
        }

        private static boolean sandbox(String value) {
            return switch (value) {
                case "memory" -> false;
                case "persistent" -> true;
                default ->
                    throw new IllegalArgumentException(
                            "load.sandbox is memory (the default) or persistent, not " + value);
            };
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        if (settings.separateApp() && settings.persistentSandbox()) {
            throw new IllegalArgumentException("load.sandbox=persistent runs sandbox mode, so it needs load.app=same");
        }
        Path dataDir = Files.createTempDirectory("flarelink-load-");
        String loadBefore = loadAverage();
        Window window = new Window();
        ServerTimes server = new ServerTimes(window);
        Results results = new Results();
        System.setProperty("jdk.httpclient.redirects.retrylimit", "1");
        boolean failed;
        try {
            failed = settings.separateApp()
                    ? runSeparate(settings, window, server, results, dataDir, loadBefore)
                    : runSame(settings, window, server, results, dataDir, loadBefore);
        } finally {
            deleteRecursively(dataDir);
        }
        if (failed) {
            System.exit(1);
        }
    }

    /** The app, the emulator and the load generator in this JVM (server times from an outermost filter). */
    private static boolean runSame(
            Settings settings, Window window, ServerTimes server, Results results, Path dataDir, String loadBefore)
            throws InterruptedException {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FlarelinkApplication.class)
                .initializers(context -> {
                    GenericApplicationContext generic = (GenericApplicationContext) context;
                    generic.registerBean(ServerTimes.class, () -> server);
                    if (!settings.persistentSandbox()) {
                        generic.registerBean(InMemorySandbox.class, InMemorySandbox::new);
                    }
                })
                .run("--spring.profiles.active=sandbox", "--server.port=0", "--flarelink.data-dir=" + dataDir)) {
            int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            CloudflareSandbox sandbox = app.getBean(CloudflareSandbox.class);
            sandbox.switches().rateLimitOff();
            Target target = new Target(
                    port,
                    sandbox,
                    () -> Cpu.now(ManagementFactory.getRuntimeMXBean().getPid(), dataDir),
                    () -> Memory.now(dataDir),
                    "this JVM (app, emulator and load generator)",
                    null);
            return run(target, settings, window, server, results, loadBefore);
        }
    }

    /**
     * The app in a JVM of its own. Start-up is timed as the README's run command starts it (its JVM options plus the
     * C1-only JIT that {@code spring-boot:run} adds): on a fresh data directory, then on the existing one. Then the app
     * starts once more with the Dockerfile's options (full JIT; that start is timed too, without the image's class
     * archive) and serves the load, so its CPU and memory are the app's alone. The emulator and the load generator stay
     * in this JVM. Server times are not taken (client times are over loopback).
     */
    private static boolean runSeparate(
            Settings settings, Window window, ServerTimes server, Results results, Path dataDir, String loadBefore)
            throws InterruptedException {
        Path appDir = dataDir.resolve("app");
        List<String> jvmOptions = new ArrayList<>(settings.appJvmOptions());
        if (settings.jfr() != null) {
            jvmOptions.add("-XX:FlightRecorderOptions:stackdepth=256"); // Spring's stacks are deeper than 64
        }
        List<String> runCommandOptions = new ArrayList<>(settings.runCommandJvmOptions());
        runCommandOptions.add(0, AppProcess.RUN_COMMAND_OPTIMIZED_LAUNCH);
        try (CloudflareSandbox sandbox = CloudflareSandbox.builder().build().start()) {
            sandbox.seedDemo();
            sandbox.switches().rateLimitOff();
            List<String> startups = new ArrayList<>();
            if (settings.timeFreshStart()) {
                for (String directory : List.of("a fresh", "the existing")) {
                    try (AppProcess started = AppProcess.start(
                            appDir,
                            sandbox.baseUrl(),
                            runCommandOptions,
                            settings.appArguments().toArray(String[]::new))) {
                        startups.add(startup(directory + " data directory, the run command's JVM options", started));
                    }
                }
            }
            try (AppProcess app = AppProcess.start(
                    appDir,
                    sandbox.baseUrl(),
                    jvmOptions,
                    settings.appArguments().toArray(String[]::new))) {
                startups.add(startup(
                        (settings.timeFreshStart() ? "the existing" : "a fresh")
                                + " data directory, the Dockerfile's JVM options without its class archive",
                        app));
                log("app JVM options: %s", String.join(" ", jvmOptions));
                startups.forEach(line -> log("%s", line));
                Target target = new Target(
                        app.port(),
                        sandbox,
                        () -> Cpu.ofProcess(app, appDir),
                        () -> Memory.ofProcess(app.pid(), appDir),
                        "the app's JVM",
                        app);
                return run(target, settings, window, server, results, loadBefore);
            }
        }
    }

    private static String startup(String directory, AppProcess app) {
        return String.format(
                Locale.ROOT,
                "start-up on %s: first 200 after %,d ms; %s",
                directory,
                app.readyMillis(),
                app.startupPhases().orElse("(no phases logged)"));
    }

    /** Where the load goes and how the app's CPU and memory are read, in either arrangement. */
    private record Target(
            int port,
            CloudflareSandbox sandbox,
            Supplier<Cpu> cpu,
            Supplier<Memory> memory,
            String cpuLabel,
            @Nullable AppProcess process) {}

    private static boolean run(
            Target target, Settings settings, Window window, ServerTimes server, Results results, String loadBefore)
            throws InterruptedException {
        int port = target.port();
        long seedStart = System.nanoTime();
        List<LoadSeed> seeds = new ArrayList<>();
        for (int i = 0; i < settings.seedUsers(); i++) {
            seeds.add(LoadSeed.plant(target.sandbox(), port, i, settings.rows()));
        }
        log(
                "seeded %d users (project, %,d-row table each) in %d s",
                seeds.size(), settings.rows(), elapsedSeconds(seedStart));

        CountDownLatch signedIn = new CountDownLatch(settings.users());
        CountDownLatch go = new CountDownLatch(1);
        List<VirtualUser> users = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < settings.users(); i++) {
            VirtualUser user = new VirtualUser(
                    seeds.get(i % seeds.size()), settings.pages(), port, i, signedIn, go, window, results);
            users.add(user);
            Thread thread = new Thread(user, "virtual-user-" + i);
            threads.add(thread);
            thread.start();
        }
        if (!signedIn.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the virtual users did not all sign in within 5 minutes");
        }
        users.stream()
                .map(VirtualUser::signInFailure)
                .filter(Objects::nonNull)
                .findFirst()
                .ifPresent(failure -> {
                    go.countDown();
                    throw new IllegalStateException("a virtual user could not sign in: " + failure);
                });
        long start = System.nanoTime();
        long warmupEnd = start + TimeUnit.SECONDS.toNanos(settings.warmupSeconds());
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(settings.seconds());
        window.open(warmupEnd, end);
        users.forEach(user -> user.runUntil(end));
        go.countDown();
        log(
                "%d virtual users signed in; warm-up %d s, then measuring %d s",
                settings.users(), settings.warmupSeconds(), settings.seconds());

        TimeUnit.NANOSECONDS.sleep(warmupEnd - System.nanoTime());
        Memory afterWarmup = target.memory().get();
        Cpu cpuAtStart = target.cpu().get();
        Map<String, Long> jitAtStart =
                target.process() == null ? Map.of() : target.process().counters(JIT);
        if (settings.jfr() != null && target.process() != null) {
            log(
                    "%s",
                    target.process()
                            .jcmd(
                                    "JFR.start",
                                    "name=load",
                                    "settings=" + System.getProperty("load.jfrSettings", "profile"),
                                    "filename=" + settings.jfr())
                            .trim());
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Cpu cpuUsed = target.cpu().get().minus(cpuAtStart);
        if (target.process() != null) {
            Map<String, Long> jitAtEnd = target.process().counters(JIT);
            long frequency = jitAtEnd.getOrDefault("sun.os.hrt.frequency", 1_000_000_000L);
            log(
                    "JIT in the measured window: %,d compilations, %,d invalidated, %.1f s compiling; classes loaded %,d",
                    jitAtEnd.getOrDefault("sun.ci.totalCompiles", 0L)
                            - jitAtStart.getOrDefault("sun.ci.totalCompiles", 0L),
                    jitAtEnd.getOrDefault("sun.ci.totalInvalidates", 0L)
                            - jitAtStart.getOrDefault("sun.ci.totalInvalidates", 0L),
                    (jitAtEnd.getOrDefault("sun.ci.totalTime", 0L) - jitAtStart.getOrDefault("sun.ci.totalTime", 0L))
                            / (double) frequency,
                    jitAtEnd.getOrDefault("java.cls.loadedClasses", 0L)
                            - jitAtStart.getOrDefault("java.cls.loadedClasses", 0L));
            for (int collector = 0; collector < 2; collector++) {
                String prefix = "sun.gc.collector." + collector + ".";
                long collections = jitAtEnd.getOrDefault(prefix + "invocations", 0L)
                        - jitAtStart.getOrDefault(prefix + "invocations", 0L);
                double seconds =
                        (jitAtEnd.getOrDefault(prefix + "time", 0L) - jitAtStart.getOrDefault(prefix + "time", 0L))
                                / (double) frequency;
                log(
                        "GC in the measured window, collector %d (0 young, 1 old): %,d collections, %.2f s",
                        collector, collections, seconds);
                // A full collection under steady load means the old generation fills with requests' short-lived
                // objects: each one stops the app for over 100 ms and the CPU a page rises by a fifth and more.
                if (collector == 1 && collections > 0) {
                    log(
                            "WARNING: %,d full collections (%.1f s) in the measured window: the app's heap is too"
                                    + " small for this load (docs/self-hosting.md#memory)",
                            collections, seconds);
                }
            }
        }
        if (settings.jfr() != null && target.process() != null) {
            log("%s", target.process().jcmd("JFR.stop", "name=load").trim());
            JfrLayers.print(settings.jfr());
        }
        Memory atEnd = target.memory().get();
        if (target.process() != null) {
            target.process().jcmd("GC.run");
        } else {
            System.gc();
        }
        Memory afterGc = target.memory().get();
        if (target.process() != null
                && settings.appJvmOptions().stream()
                        .anyMatch(option -> option.startsWith("-XX:NativeMemoryTracking"))) {
            log("native memory of the app's JVM:%n%s", target.process().jcmd("VM.native_memory", "summary"));
        }

        return report(settings, server, results, cpuUsed, target.cpuLabel(), afterWarmup, atEnd, afterGc, loadBefore);
    }

    private static boolean report(
            Settings settings,
            ServerTimes server,
            Results results,
            Cpu cpuUsed,
            String cpuLabel,
            Memory afterWarmup,
            Memory atEnd,
            Memory afterGc,
            String loadBefore) {
        System.out.println();
        System.out.printf(
                "### %d virtual users, %d s warm-up, %d s measured (%d seeded users, %,d rows each, %s sandbox)%n%n",
                settings.users(),
                settings.warmupSeconds(),
                settings.seconds(),
                settings.seedUsers(),
                settings.rows(),
                settings.persistentSandbox() ? "persistent" : "in-memory");
        System.out.printf(
                "Machine: %d processors; load average (1/5/15 min) before %s, after %s; JVM %s, max heap %s%n%n",
                Runtime.getRuntime().availableProcessors(),
                loadBefore,
                loadAverage(),
                System.getProperty("java.version"),
                mib(Runtime.getRuntime().maxMemory()));
        System.out.println("| page | requests | req/s | server p50 | server p95 | server p99 | client p50 | client p95"
                + " | client p99 | errors |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Latencies allServer = new Latencies();
        Latencies allClient = new Latencies();
        long requests = 0;
        long errors = 0;
        for (Page page : settings.pages()) {
            allServer.addAll(server.of(page));
            allClient.addAll(results.client(page));
            requests += results.requests(page);
            errors += results.errors(page);
            row(
                    page.label(),
                    results.requests(page),
                    results.errors(page),
                    settings,
                    server.of(page),
                    results.client(page));
        }
        row("**all**", requests, errors, settings, allServer, allClient);
        System.out.printf("%nWarm-up: %,d requests, %d errors.%n", results.warmupRequests(), results.warmupErrors());
        results.problems().forEach(problem -> System.out.println("  error: " + problem));

        cpuUsed.report(settings, cpuLabel, requests, Runtime.getRuntime().availableProcessors());

        System.out.println();
        System.out.println(
                "| memory | heap used | heap committed | non-heap used | JVM process RSS | PostgreSQL PSS |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        afterWarmup.row("after warm-up");
        atEnd.row("end of the run");
        afterGc.row("end, after System.gc()");
        System.out.println();
        System.out.println(
                settings.separateApp()
                        ? "The app ran in a JVM of its own (heap figures are not read there); the emulator and the load"
                                + " generator shared the machine's cores from this one."
                        : "The load generator runs in the same JVM: its threads share the 2 cores and the heap.");

        long all = requests + results.warmupRequests();
        long failedRequests = errors + results.warmupErrors();
        double rate = all == 0 ? 1 : (double) failedRequests / all;
        if (rate > settings.maxErrorRate()) {
            System.out.printf(
                    "%nFAILED: %,d of %,d requests failed (%.2f%%, more than %.2f%%)%n",
                    failedRequests, all, rate * 100, settings.maxErrorRate() * 100);
            return true;
        }
        return false;
    }

    private static void row(
            String label, long requests, long errors, Settings settings, Latencies server, Latencies client) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %,d | %.1f | %s | %s | %s | %s | %s | %s | %d |%n",
                label,
                requests,
                (double) requests / settings.seconds(),
                ms(server.percentileMillis(0.5)),
                ms(server.percentileMillis(0.95)),
                ms(server.percentileMillis(0.99)),
                ms(client.percentileMillis(0.5)),
                ms(client.percentileMillis(0.95)),
                ms(client.percentileMillis(0.99)),
                errors);
    }

    /**
     * CPU time of this JVM (nanoseconds), of the embedded PostgreSQL (clock ticks of 10 ms), and the time the JVM's
     * collectors report (milliseconds; pauses and concurrent work, which G1 counts differently per collector).
     */
    private record Cpu(long jvmNanos, long postgresTicks, long gcMillis) {

        /** The JVM of process {@code pid} (its collectors' time only when it is this JVM; see {@link #ofProcess}). */
        static Cpu now(long pid, Path dataDir) {
            boolean self = pid == ManagementFactory.getRuntimeMXBean().getPid();
            return new Cpu(
                    ProcFs.cpuTicks(pid) * 10_000_000L,
                    ProcFs.postgresCpuTicks(dataDir.resolve("postgres/postmaster.pid")),
                    self
                            ? ManagementFactory.getGarbageCollectorMXBeans().stream()
                                    .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                                    .filter(millis -> millis > 0)
                                    .sum()
                            : 0);
        }

        /** The app's own JVM: its CPU from /proc, its collectors' time from its performance counters. */
        static Cpu ofProcess(AppProcess app, Path dataDir) {
            Cpu fromProc = now(app.pid(), dataDir);
            Map<String, Long> counters = app.counters("sun.gc.collector.", "sun.os.hrt.frequency");
            long ticks = counters.entrySet().stream()
                    .filter(counter -> counter.getKey().endsWith(".time"))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            long frequency = counters.getOrDefault("sun.os.hrt.frequency", 1_000_000_000L);
            return new Cpu(fromProc.jvmNanos, fromProc.postgresTicks, ticks * 1000 / frequency);
        }

        Cpu minus(Cpu start) {
            return new Cpu(jvmNanos - start.jvmNanos, postgresTicks - start.postgresTicks, gcMillis - start.gcMillis);
        }

        /** How much of the machine the run got, which tells a busy machine from a slow app, and CPU per request. */
        void report(Settings settings, String label, long requests, int processors) {
            double jvmSeconds = jvmNanos / 1e9;
            double postgresSeconds = postgresTicks / 100.0;
            System.out.printf(
                    Locale.ROOT,
                    "%nCPU over the %d s measured (%d cores = %d CPU-s): %s"
                            + " %.1f s = %.2f cores, PostgreSQL %.1f s = %.2f cores; per request %.2f ms JVM +"
                            + " %.2f ms PostgreSQL. Garbage collection in the app's JVM: %.1f s.%n",
                    settings.seconds(),
                    processors,
                    settings.seconds() * processors,
                    label,
                    jvmSeconds,
                    jvmSeconds / settings.seconds(),
                    postgresSeconds,
                    postgresSeconds / settings.seconds(),
                    requests == 0 ? Double.NaN : jvmSeconds * 1000 / requests,
                    requests == 0 ? Double.NaN : postgresSeconds * 1000 / requests,
                    gcMillis / 1000.0);
        }
    }

    /** Heap and non-heap of this JVM, its resident set, and the embedded PostgreSQL's processes (proportional). */
    private record Memory(long heapUsed, long heapCommitted, long nonHeapUsed, long rss, long postgresPss) {

        static Memory now(Path dataDir) {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            return new Memory(
                    memory.getHeapMemoryUsage().getUsed(),
                    memory.getHeapMemoryUsage().getCommitted(),
                    memory.getNonHeapMemoryUsage().getUsed(),
                    ProcFs.kibibytes(ProcessHandle.current().pid(), "status", "VmRSS:") * 1024,
                    ProcFs.postgresPss(dataDir.resolve("postgres/postmaster.pid")) * 1024);
        }

        /** Another JVM: its resident set and PostgreSQL's, but not its heap, which this JVM cannot read. */
        static Memory ofProcess(long pid, Path dataDir) {
            return new Memory(
                    -1,
                    -1,
                    -1,
                    ProcFs.kibibytes(pid, "status", "VmRSS:") * 1024,
                    ProcFs.postgresPss(dataDir.resolve("postgres/postmaster.pid")) * 1024);
        }

        void row(String label) {
            System.out.printf(
                    "| %s | %s | %s | %s | %s | %s |%n",
                    label, mib(heapUsed), mib(heapCommitted), mib(nonHeapUsed), mib(rss), mib(postgresPss));
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "–" : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024.0));
    }

    private static long elapsedSeconds(long startNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    }

    private static void log(String format, Object... args) {
        System.out.printf("[load] " + format + "%n", args);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
