package dev.flarelink.cloudflare.sandbox;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs every Worker uploaded to the sandbox in real workerd through Miniflare: one Node child process per Worker,
 * started when the Worker is uploaded (or when the sandbox starts with Workers in its state), restarted on each new
 * upload and stopped when the Worker is deleted or the sandbox closes. The Worker's D1 and KV bindings call the
 * sandbox's own REST API, so the Worker and the API see one set of data.
 */
public final class SandboxWorkers {

    private static final System.Logger LOG = System.getLogger(SandboxWorkers.class.getName());
    private static final String WORKER_DIR = "flarelink-worker-bundle/src/main/worker";
    private static final String READY_PREFIX = "FLARELINK_RUNNER ";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /** Whether local Workers can run here, and what to do when they cannot. */
    public record Status(boolean available, String message) {}

    /** How the sandbox finds Node and Miniflare; see {@link CloudflareSandbox.Builder#runWorkers}. */
    record Settings(
            boolean enabled,
            @Nullable String searchPath,
            @Nullable Path nodeModules,
            Path searchFrom) {}

    private final SandboxContext ctx;
    private final Settings settings;
    private final Supplier<String> apiBase;
    private final Path home;
    private final Map<String, LocalWorker> workers = new ConcurrentHashMap<>();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    /** The start of the latest upload of each Worker, so a wait never mistakes the previous version for it. */
    private final Map<String, CompletableFuture<Boolean>> latest = new ConcurrentHashMap<>();

    private final ExecutorService starter = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-workers");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Status status = new Status(false, "The sandbox has not started yet.");
    private volatile @Nullable Path node;
    private volatile @Nullable Path nodeModules;
    private @Nullable Thread shutdownHook;

    SandboxWorkers(SandboxContext ctx, Settings settings, Supplier<String> apiBase, Path home) {
        this.ctx = ctx;
        this.settings = settings;
        this.apiBase = apiBase;
        this.home = home;
    }

    /** Whether Workers run, and if not, why and how to enable them. */
    public Status status() {
        return status;
    }

    /**
     * The local address that stands for a public Worker address: {@code https://<script>.<subdomain>.workers.dev}
     * or an attached custom domain maps to {@code http://127.0.0.1:<port>}, with the same path and query. Empty when no
     * Worker of the sandbox answers to that host or Workers do not run here.
     */
    public Optional<String> localUrl(String publicUrl) {
        URI uri;
        try {
            uri = URI.create(publicUrl.trim());
        } catch (IllegalArgumentException notAUrl) {
            return Optional.empty();
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String key = keyForHost(host);
        if (key == null || !status.available()) {
            return Optional.empty();
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return Optional.of("http://127.0.0.1:" + port(key) + path + query);
    }

    /** Waits until the Worker at this public address answers (or failed to start); true when it runs. */
    public boolean awaitRunning(String publicUrl, Duration timeout) {
        URI uri = URI.create(publicUrl.trim());
        String key = keyForHost(uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (key != null && System.nanoTime() < deadline) {
            CompletableFuture<Boolean> ready = latest.get(key);
            if (ready != null) {
                try {
                    long left = Math.max(1, deadline - System.nanoTime());
                    return ready.get(left, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    return false;
                } catch (ExecutionException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            sleep(50);
        }
        return false;
    }

    /** The live processes of the Worker at this public address: its Node runner and workerd. */
    public List<ProcessHandle> processesOf(String publicUrl) {
        URI uri = URI.create(publicUrl.trim());
        String key = keyForHost(uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT));
        LocalWorker worker = key == null ? null : workers.get(key);
        if (worker == null) {
            return List.of();
        }
        List<ProcessHandle> all = new ArrayList<>();
        all.add(worker.process.toHandle());
        worker.process.descendants().forEach(all::add);
        return all.stream().filter(ProcessHandle::isAlive).toList();
    }

    /** The live processes of every running Worker runner and everything they started (workerd), for checks. */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        for (LocalWorker worker : workers.values()) {
            all.add(worker.process.toHandle());
            worker.process.descendants().forEach(all::add);
        }
        return all.stream().filter(ProcessHandle::isAlive).toList();
    }

    /** Checks for Node and Miniflare and starts every Worker already in the state. */
    void start() {
        if (!settings.enabled()) {
            status = new Status(false, "Running Workers is switched off here (flarelink.sandbox.run-workers=false).");
            return;
        }
        Path found = findNode();
        if (found == null) {
            status = new Status(
                    false,
                    "Workers are not running: Node.js was not found on the PATH. Install Node.js 20 or newer "
                            + "(https://nodejs.org), then restart Flarelink in sandbox mode.");
            return;
        }
        int major = nodeMajor(found);
        if (major < 20) {
            status = new Status(
                    false,
                    "Workers are not running: Node.js 20 or newer is needed (found "
                            + (major < 0 ? "an unknown version" : "version " + major)
                            + "). Install Node.js 20+, then restart Flarelink in sandbox mode.");
            return;
        }
        Path modules = findMiniflare();
        if (modules == null) {
            Path workerDir = findWorkerDirectory();
            Path npm = findOnPath("npm");
            if (workerDir != null && npm != null && settings.nodeModules() == null) {
                // A fresh source checkout: the README's run command does not run the build's npm ci, so do it once.
                status = new Status(
                        false, "Workers are starting: installing Miniflare once (npm ci in " + WORKER_DIR + ").");
                starter.execute(() -> install(found, npm, workerDir, major));
                return;
            }
            status = new Status(
                    false,
                    "Workers are not running: Miniflare was not found. Run `npm ci` in " + WORKER_DIR
                            + " (the Maven build does this), or set flarelink.sandbox.node-modules to a "
                            + "node_modules directory that holds miniflare, then restart.");
            return;
        }
        begin(found, modules, major);
    }

    private void install(Path node, Path npm, Path workerDir, int major) {
        try {
            Process process = new ProcessBuilder(npm.toString(), "ci", "--no-audit", "--no-fund")
                    .directory(workerDir.toFile())
                    .redirectErrorStream(true)
                    .start();
            pump(process.getInputStream(), "npm ci", null);
            boolean done = process.waitFor(10, TimeUnit.MINUTES);
            Path modules = workerDir.resolve("node_modules");
            if (done && process.exitValue() == 0 && Files.isRegularFile(modules.resolve("miniflare/package.json"))) {
                begin(node, modules, major);
                return;
            }
            process.destroyForcibly();
        } catch (IOException e) {
            // reported below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        status = new Status(
                false,
                "Workers are not running: `npm ci` in " + WORKER_DIR + " failed (is the npm registry reachable?). "
                        + "Run it by hand, then restart Flarelink in sandbox mode.");
    }

    private void begin(Path found, Path modules, int major) {
        node = found;
        nodeModules = modules;
        try {
            Files.createDirectories(home);
            try (InputStream runner = SandboxWorkers.class.getResourceAsStream("workers-runner.mjs")) {
                Files.write(home.resolve("workers-runner.mjs"), runner.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the local Workers runtime", e);
        }
        status = new Status(true, "Workers run locally in workerd (Miniflare), Node " + major + ".");
        Thread hook = new Thread(this::stopAll, "sandbox-workers-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        shutdownHook = hook;
        ctx.lock.lock();
        try {
            for (SandboxState.Account account : ctx.state.accounts.values()) {
                for (SandboxState.Script script : account.scripts.values()) {
                    deployed(account.id, script);
                }
            }
        } finally {
            ctx.lock.unlock();
        }
    }

    /** Called under the state lock after an upload: (re)starts that Worker with a snapshot of the upload. */
    void deployed(String accountId, SandboxState.Script script) {
        if (!status.available()) {
            return;
        }
        Spec spec = Spec.of(accountId, script);
        String key = key(accountId, script.name);
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        latest.put(key, ready);
        starter.execute(() -> restart(key, spec, ready));
    }

    /** Called under the state lock after a delete: stops that Worker. */
    void removed(String accountId, String scriptName) {
        String key = key(accountId, scriptName);
        CompletableFuture<Boolean> ready = latest.remove(key);
        if (ready != null) {
            ready.complete(false);
        }
        starter.execute(() -> stop(workers.remove(key)));
    }

    /** Stops every Worker (reset, close, JVM shutdown). Waits for each to end. */
    void stopAll() {
        for (String key : List.copyOf(workers.keySet())) {
            stop(workers.remove(key));
        }
    }

    void close() {
        starter.shutdownNow();
        try {
            starter.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopAll();
        Thread hook = shutdownHook;
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or ran: it stops the same processes
            }
        }
    }

    private void restart(String key, Spec spec, CompletableFuture<Boolean> ready) {
        stop(workers.remove(key));
        Path node = this.node;
        Path modules = this.nodeModules;
        if (node == null || modules == null) {
            return;
        }
        try {
            Path dir = home.resolve("scripts").resolve(key.replace('/', '-'));
            StateStore.deleteTree(dir);
            Files.createDirectories(dir);
            List<ObjectNode> moduleList = new ArrayList<>();
            for (SandboxState.Module module : spec.modules()) {
                Path file = dir.resolve(module.name).normalize();
                if (!file.startsWith(dir)) {
                    continue; // a module name never leaves the script's directory
                }
                Files.createDirectories(file.getParent());
                Files.write(file, module.bytes);
                moduleList.add(Json.object().put("path", file.toString()).put("contentType", module.contentType));
            }
            ObjectNode config = config(spec, modules, dir, moduleList, port(key));
            Process process = new ProcessBuilder(
                            node.toString(), home.resolve("workers-runner.mjs").toString())
                    .directory(home.toFile())
                    .start();
            LocalWorker worker = new LocalWorker(process, ready);
            workers.put(key, worker);
            pump(process.getInputStream(), key, ready);
            pump(process.getErrorStream(), key, null);
            OutputStream stdin = process.getOutputStream();
            stdin.write(Json.MAPPER.writeValueAsBytes(config));
            stdin.write('\n');
            stdin.flush();
            if (!ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Local Worker {0} did not start", key);
            }
        } catch (IOException | ExecutionException | TimeoutException e) {
            ready.complete(false);
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Local Worker {0} could not start: {1}",
                    key,
                    e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            ready.complete(false);
            Thread.currentThread().interrupt();
        }
    }

    private ObjectNode config(Spec spec, Path nodeModules, Path dir, List<ObjectNode> modules, int port) {
        ObjectNode config = Json.object();
        config.put("nodeModules", nodeModules.toString());
        config.put("port", port);
        config.put("api", apiBase.get());
        config.put("accountId", spec.accountId());
        config.put("token", ctx.runtimeToken(spec.accountId()).value);
        config.put("modulesRoot", dir.toString());
        config.set("modules", Json.array().addAll(modules));
        config.put("compatibilityDate", spec.compatibilityDate());
        config.set("compatibilityFlags", Json.strings(spec.compatibilityFlags()));
        ObjectNode vars = config.putObject("vars");
        ObjectNode d1 = config.putObject("d1");
        ObjectNode kv = config.putObject("kv");
        tools.jackson.databind.node.ArrayNode email = config.putArray("email");
        for (JsonNode binding : spec.bindings()) {
            String name = Json.text(binding, "name");
            switch (Json.text(binding, "type")) {
                case "plain_text", "secret_text" -> vars.put(name, Json.text(binding, "text"));
                case "json" -> vars.set(name, binding.path("json"));
                case "d1" -> d1.put(name, Json.text(binding, "database_id"));
                case "kv_namespace" -> kv.put(name, Json.text(binding, "namespace_id"));
                case "send_email" -> email.add(name);
                default -> {
                    // other binding types are not emulated by the local runtime (docs/sandbox.md)
                }
            }
        }
        return config;
    }

    /** Reads a runner stream; the stdout one completes {@code ready} from the runner's announcement. */
    private static void pump(InputStream stream, String key, @Nullable CompletableFuture<Boolean> ready) {
        Thread thread = new Thread(
                () -> {
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            if (ready != null && line.startsWith(READY_PREFIX)) {
                                JsonNode message = Json.MAPPER.readTree(line.substring(READY_PREFIX.length()));
                                boolean ok = message.path("ready").asBoolean(false);
                                if (!ok) {
                                    LOG.log(
                                            System.Logger.Level.WARNING,
                                            "Local Worker {0} failed to start: {1}",
                                            key,
                                            message.path("error").asString(""));
                                }
                                ready.complete(ok);
                            } else {
                                // Worker output: only the Worker's own log lines, which never carry secrets.
                                LOG.log(System.Logger.Level.DEBUG, "[worker {0}] {1}", key, abbreviate(line));
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        // the process ended
                    } finally {
                        if (ready != null) {
                            ready.complete(false);
                        }
                    }
                },
                "sandbox-worker-output");
        thread.setDaemon(true);
        thread.start();
    }

    private static String abbreviate(String line) {
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }

    /** Closes the runner's stdin (it disposes Miniflare, which ends workerd), then kills whatever is left. */
    private static void stop(@Nullable LocalWorker worker) {
        if (worker == null) {
            return;
        }
        List<ProcessHandle> tree = worker.process.descendants().toList();
        try {
            worker.process.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        }
        try {
            worker.process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : tree) {
            child.destroyForcibly();
        }
        worker.process.descendants().forEach(ProcessHandle::destroyForcibly);
        worker.process.destroyForcibly();
        try {
            worker.process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : tree) {
            child.onExit().completeOnTimeout(child, 5, TimeUnit.SECONDS).join();
        }
        worker.ready.complete(false);
    }

    private @Nullable String keyForHost(String host) {
        ctx.lock.lock();
        try {
            for (SandboxState.Account account : ctx.state.accounts.values()) {
                String suffix =
                        account.workersSubdomain == null ? null : "." + account.workersSubdomain + ".workers.dev";
                if (suffix != null && host.endsWith(suffix)) {
                    String script = host.substring(0, host.length() - suffix.length());
                    if (account.scripts.containsKey(script)) {
                        return key(account.id, script);
                    }
                }
                for (SandboxState.Domain domain : account.domains.values()) {
                    if (domain.hostname.equalsIgnoreCase(host) && account.scripts.containsKey(domain.service)) {
                        return key(account.id, domain.service);
                    }
                }
            }
            return null;
        } finally {
            ctx.lock.unlock();
        }
    }

    /** One stable port per Worker, so its local address survives restarts of that Worker. */
    private int port(String key) {
        return ports.computeIfAbsent(key, k -> freePort());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String accountId, String script) {
        return accountId + "/" + script;
    }

    private @Nullable Path findNode() {
        return findOnPath("node");
    }

    private @Nullable Path findOnPath(String command) {
        String path = settings.searchPath() != null ? settings.searchPath() : System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : List.of(command, command + ".exe", command + ".cmd")) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static int nodeMajor(Path node) {
        try {
            Process process = new ProcessBuilder(node.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            return Integer.parseInt(out.replaceFirst("^v", "").split("\\.")[0]);
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The configured node_modules, or the Worker module's own (a source checkout after the build's npm ci). */
    private @Nullable Path findMiniflare() {
        Path configured = settings.nodeModules();
        if (configured != null) {
            return Files.isRegularFile(configured.resolve("miniflare/package.json")) ? configured : null;
        }
        for (Path dir = settings.searchFrom().toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(WORKER_DIR).resolve("node_modules");
            if (Files.isRegularFile(candidate.resolve("miniflare/package.json"))) {
                return candidate;
            }
        }
        return null;
    }

    /** The Worker module's directory of a source checkout (it has a package-lock.json), upward from here. */
    private @Nullable Path findWorkerDirectory() {
        for (Path dir = settings.searchFrom().toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(WORKER_DIR);
            if (Files.isRegularFile(candidate.resolve("package-lock.json"))) {
                return candidate;
            }
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record LocalWorker(Process process, CompletableFuture<Boolean> ready) {}

    /** What one upload asked for, copied out of the state so a later upload cannot change it mid-start. */
    private record Spec(
            String accountId,
            String name,
            List<SandboxState.Module> modules,
            String compatibilityDate,
            List<String> compatibilityFlags,
            JsonNode bindings) {

        static Spec of(String accountId, SandboxState.Script script) {
            List<SandboxState.Module> modules = new ArrayList<>();
            for (SandboxState.Module module : script.modules) {
                SandboxState.Module copy = new SandboxState.Module();
                copy.name = module.name;
                copy.contentType = module.contentType;
                copy.bytes = module.bytes.clone();
                // the main module first: Miniflare takes the first module as the entry point
                if (module.name.equals(script.mainModule)) {
                    modules.add(0, copy);
                } else {
                    modules.add(copy);
                }
            }
            return new Spec(
                    accountId,
                    script.name,
                    modules,
                    script.compatibilityDate,
                    List.copyOf(script.compatibilityFlags),
                    script.bindings == null ? Json.array() : script.bindings.deepCopy());
        }
    }
}
