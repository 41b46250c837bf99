package dev.flarelink.load;

import dev.flarelink.support.FlarelinkJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Flarelink in a JVM of its own, started as the run command starts it (default mode, embedded PostgreSQL in the
 * data directory) but pointed at an emulator outside it, so the CPU and memory measured are the app's alone: the
 * load generator and the emulator run in the harness's JVM. Its output goes to {@code app.log} in the data
 * directory. Close stops it and waits, so no process outlives the harness.
 */
final class AppProcess implements AutoCloseable {

    /**
     * The JVM options the Dockerfile and the README's run command start the app with (docs/self-hosting.md#memory):
     * a heap sized for the dashboard and the serial collector, which on two cores and a small heap costs less memory
     * than G1. The live set is about 70 MB under load (19 MB of it the password-strength dictionaries, once loaded);
     * 160 MB leaves the old generation room for what 50 users' requests promote early, where 128 MB filled it about
     * once a second. {@code JvmOptionsTests} keeps the three in step.
     */
    static final List<String> RUN_COMMAND_JVM_OPTIONS = List.of("-Xmx160m", "-XX:+UseSerialGC", "-Xss512k");

    /**
     * The Dockerfile's options: the run command's, and native memory the JVM has freed (the JIT's arenas above all)
     * given back to the system every 5 s, 15-25 MiB less RSS under load. The image's JDK 17 has the option (17.0.9
     * and later); the run command goes without it, since it runs on whatever JDK 17 is installed.
     */
    static final List<String> DOCKERFILE_JVM_OPTIONS = Stream.concat(
                    RUN_COMMAND_JVM_OPTIONS.stream(), Stream.of("-XX:TrimNativeHeapInterval=5000"))
            .toList();

    /**
     * What {@code spring-boot:run} adds on its own (its "optimized launch", on by default and left on for the README's
     * run command): the JIT stops at C1, which starts a quarter faster and serves pages slower. So start-up is timed
     * with it, as that command starts; the load runs without it, as the Dockerfile's JVM runs.
     */
    static final String RUN_COMMAND_OPTIMIZED_LAUNCH = "-XX:TieredStopAtLevel=1";

    /** glibc's malloc arenas, one per thread by default, hold memory the JVM has freed; two are plenty. */
    static final String MALLOC_ARENA_MAX = "2";

    private static final Pattern PHASES = Pattern.compile("Start-up phases: (.*)$", Pattern.MULTILINE);

    private final Process process;
    private final int port;
    private final Path log;
    private final long readyMillis;

    private AppProcess(Process process, int port, Path log, long readyMillis) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.readyMillis = readyMillis;
    }

    /**
     * Starts the app on a free port with {@code jvmOptions} and waits for its first 200 (the sign-in page, which
     * needs the database, the session store and the templates), timing it from the process's start.
     */
    static AppProcess start(Path dataDir, String cloudflareBaseUrl, List<String> jvmOptions, String... appArguments) {
        int port = FlarelinkJvm.freePort();
        Path log = dataDir.resolve("app.log");
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--flarelink.data-dir=" + dataDir,
                "--flarelink.cloudflare.base-url=" + cloudflareBaseUrl,
                // The emulator is unthrottled; the client's own pacing would otherwise cap the run at Cloudflare's
                // budget.
                "--flarelink.cloudflare.rate-limit-permits=1000000"));
        arguments.addAll(List.of(appArguments));
        try {
            Files.createDirectories(dataDir);
            long started = System.nanoTime();
            Process process =
                    FlarelinkJvm.start(jvmOptions, Map.of("MALLOC_ARENA_MAX", MALLOC_ARENA_MAX), arguments, log);
            return new AppProcess(process, port, log, awaitFirst200(process, port, started, log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Milliseconds from starting the process to the first 200. */
    long readyMillis() {
        return readyMillis;
    }

    /** The app's own log line that times each start-up phase, if it logged one. */
    Optional<String> startupPhases() {
        try {
            Matcher matcher = PHASES.matcher(Files.readString(log));
            String last = null;
            while (matcher.find()) {
                last = matcher.group(1);
            }
            return Optional.ofNullable(last);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** CPU (user and system) this process used so far, in clock ticks of 10 ms. */
    long cpuTicks() {
        return ProcFs.cpuTicks(process.pid());
    }

    long rssBytes() {
        long kib = ProcFs.kibibytes(process.pid(), "status", "VmRSS:");
        return kib < 0 ? -1 : kib * 1024;
    }

    /** Runs a diagnostic command in the app's JVM (JFR.start, JFR.stop, GC.heap_info...), returning its output. */
    String jcmd(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(String.valueOf(process.pid()));
        command.addAll(List.of(arguments));
        try {
            Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor(1, TimeUnit.MINUTES);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JVM's performance counters (jcmd PerfCounter.print) whose names start with one of {@code prefixes}. */
    java.util.Map<String, Long> counters(String... prefixes) {
        java.util.Map<String, Long> counters = new java.util.TreeMap<>();
        for (String line : jcmd("PerfCounter.print").split("\\R")) {
            int equals = line.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = line.substring(0, equals).trim();
            String value = line.substring(equals + 1).trim();
            for (String prefix : prefixes) {
                if (name.startsWith(prefix) && value.matches("-?\\d+")) {
                    counters.put(name, Long.parseLong(value));
                }
            }
        }
        return counters;
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: Spring closes the context and stops the embedded PostgreSQL
        try {
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static long awaitFirst200(Process process, int port, long startedNanos, Path log) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest signIn = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/signin"))
                .timeout(Duration.ofSeconds(10))
                .build();
        long deadline = startedNanos + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(signIn, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the app gave no 200 within 5 minutes; see " + log);
    }
}
