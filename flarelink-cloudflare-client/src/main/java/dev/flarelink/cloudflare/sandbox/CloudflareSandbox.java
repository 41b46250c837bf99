package dev.flarelink.cloudflare.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A local, in-process emulator of the Cloudflare API v4 endpoints Flarelink uses, plus an S3-compatible R2
 * endpoint, so Flarelink runs and is tested end to end offline. Build it, {@link #start()} it, point a client at
 * {@link #baseUrl()} and {@link #s3Endpoint()}, seed accounts and tokens, and {@link #close()} it.
 */
public final class CloudflareSandbox implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    static {
        // The JDK server writes response headers and body as two packets; without TCP_NODELAY, Nagle's algorithm
        // holds the body until the client's delayed ACK (about 40 ms) arrives, so every JSON answer took ~45 ms.
        // The JDK reads this property once, when its first HttpServer is created; an explicit setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final int port;
    private final int s3Port;
    private final SandboxContext ctx;
    private final SandboxSeeder seeder;
    private final SandboxWorkers workers;
    private @Nullable HttpServer api;
    private @Nullable HttpServer s3;
    private @Nullable ExecutorService executor;

    private CloudflareSandbox(Builder builder) {
        this.port = builder.port;
        this.s3Port = builder.s3Port;
        this.ctx = new SandboxContext(builder.clock, StateStore.open(builder.dataDirectory), new SandboxSwitches());
        this.seeder = new SandboxSeeder(ctx);
        this.workers = new SandboxWorkers(
                ctx,
                new SandboxWorkers.Settings(
                        builder.runWorkers, builder.searchPath, builder.nodeModules, builder.searchFrom),
                this::baseUrl,
                ctx.store.root().resolve("workers"));
        ctx.workers = workers;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds both servers on the loopback interface and starts serving. */
    public synchronized CloudflareSandbox start() {
        if (api != null) {
            return this;
        }
        try {
            Router router = new Router();
            AuditLog audit = new AuditLog(ctx);
            routes(router, audit);
            executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "cloudflare-sandbox");
                thread.setDaemon(true);
                return thread;
            });
            api = HttpServer.create(new InetSocketAddress(LOOPBACK, port), 0);
            api.createContext(ApiHandler.BASE, new ApiHandler(ctx, router, audit));
            api.setExecutor(executor);
            s3 = HttpServer.create(new InetSocketAddress(LOOPBACK, s3Port), 0);
            s3.createContext("/", new S3Handler(ctx, audit));
            s3.setExecutor(executor);
            api.start();
            s3.start();
            workers.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Cloudflare sandbox", e);
        }
    }

    private void routes(Router router, AuditLog audit) {
        new TokenRoutes(ctx).routes(router);
        new AccountRoutes(ctx).routes(router);
        WorkerRoutes workers = new WorkerRoutes(ctx);
        workers.routes(router);
        new DomainRoutes(ctx, workers).routes(router);
        new D1Routes(ctx).routes(router);
        new KvRoutes(ctx).routes(router);
        new R2Routes(ctx).routes(router);
        new OutboxRoutes(ctx).routes(router);
        audit.routes(router);
    }

    /** The API base, e.g. {@code http://127.0.0.1:41234/client/v4} (no trailing slash). */
    public String baseUrl() {
        return "http://" + LOOPBACK + ":" + running(api).getAddress().getPort() + ApiHandler.BASE;
    }

    /** The S3-compatible R2 endpoint (path style, region {@code auto}), e.g. {@code http://127.0.0.1:41235}. */
    public String s3Endpoint() {
        return "http://" + LOOPBACK + ":" + running(s3).getAddress().getPort();
    }

    /** Realism switches (rate limit, latency, failures, lost responses); changes apply to the next call. */
    public SandboxSwitches switches() {
        return ctx.switches;
    }

    /** The local Workers runtime: its status, local addresses of Worker addresses, and its processes. */
    public SandboxWorkers workers() {
        return workers;
    }

    /** Email the account's local Workers sent (captured, never delivered), newest first. */
    public java.util.List<SandboxEmail> outbox(String accountId) {
        ctx.lock.lock();
        try {
            return OutboxRoutes.of(ctx, accountId);
        } finally {
            ctx.lock.unlock();
        }
    }

    /** The token the account's local Workers runtime calls the API with (package-private, for tests). */
    String runtimeTokenValue(String accountId) {
        return ctx.runtimeToken(accountId).value;
    }

    /** Forgets everything: accounts, tokens, resources, data, audit log, rate-limit windows and switches. */
    public void reset() {
        workers.stopAll();
        seeder.locked(() -> {
            ctx.d1.closeAll();
            ctx.store.wipeData();
            ctx.replaceState(new SandboxState());
            ctx.rateLimiter.clear();
            ctx.switches.reset();
            return null;
        });
    }

    /** Creates an account (without a workers.dev subdomain, like a new one) and returns its 32-hex id. */
    public String createAccount(String name) {
        return seeder.createAccount(name, null);
    }

    /** Creates an account that already has the workers.dev subdomain {@code <workersSubdomain>.workers.dev}. */
    public String createAccount(String name, String workersSubdomain) {
        return seeder.createAccount(name, workersSubdomain);
    }

    /** Adds an active zone to an account; {@code dnsHostnames} are existing DNS records (for conflict 100117). */
    public String createZone(String accountId, String zoneName, String... dnsHostnames) {
        return seeder.createZone(accountId, zoneName, dnsHostnames);
    }

    /** Creates an active user-owned ({@code cfut_}) token with these permissions on the account. */
    public SandboxToken createToken(String accountId, Set<SandboxPermission> permissions) {
        return createToken(accountId, "sandbox token", permissions, SandboxTokenStatus.ACTIVE, false);
    }

    /**
     * Creates a token with a chosen set of permissions on the account, in a chosen status, user-owned
     * ({@code cfut_}) or account-owned ({@code cfat_}; account-owned tokens cannot hold User API Tokens Edit).
     */
    public SandboxToken createToken(
            String accountId,
            String name,
            Set<SandboxPermission> permissions,
            SandboxTokenStatus status,
            boolean accountOwned) {
        return seeder.createToken(accountId, name, permissions, status, accountOwned);
    }

    /** Revokes (deletes) a token: it stops working for the API and the S3 endpoint at once. */
    public void revokeToken(String tokenId) {
        seeder.revokeToken(tokenId);
    }

    /**
     * Seeds the demo account and its two tokens on first call; when state already holds a demo seed (for
     * example after a restart with the same data directory) it changes nothing and returns that seed.
     */
    public DemoSeed seedDemo() {
        return seeder.seedDemo();
    }

    /** The demo seed, if {@link #seedDemo()} ran against this state. */
    public Optional<DemoSeed> demo() {
        ctx.lock.lock();
        try {
            return seeder.demo();
        } finally {
            ctx.lock.unlock();
        }
    }

    @Override
    public synchronized void close() {
        workers.close();
        if (api != null) {
            api.stop(0);
            running(s3).stop(0);
            running(executor).shutdownNow();
            api = null;
        }
        ctx.lock.lock();
        try {
            ctx.d1.closeAll();
            ctx.store.close();
        } finally {
            ctx.lock.unlock();
        }
    }

    private static <T> T running(@Nullable T part) {
        if (part == null) {
            throw new IllegalStateException("the sandbox is not started");
        }
        return part;
    }

    /** Options for a sandbox; all optional. */
    public static final class Builder {

        private int port;
        private int s3Port;
        private @Nullable Path dataDirectory;
        private Clock clock = Clock.systemUTC();
        private boolean runWorkers;
        private @Nullable String searchPath;
        private @Nullable Path nodeModules;
        private Path searchFrom = Path.of("");

        private Builder() {}

        /**
         * Run every uploaded Worker locally in workerd through Miniflare (default off). Needs Node.js 20+ on the
         * PATH and a node_modules with miniflare: {@link #workersNodeModules} or, by default, the
         * {@code flarelink-worker-bundle/src/main/worker/node_modules} of a source checkout found upward from the
         * working directory. When either is missing the sandbox still runs; {@link SandboxWorkers#status()} says why.
         */
        public Builder runWorkers(boolean runWorkers) {
            this.runWorkers = runWorkers;
            return this;
        }

        /** The PATH searched for {@code node}; null (default) uses the process's PATH. */
        public Builder nodeSearchPath(@Nullable String searchPath) {
            this.searchPath = searchPath;
            return this;
        }

        /** A node_modules directory holding miniflare; null (default) looks for the Worker module's own. */
        public Builder workersNodeModules(@Nullable Path nodeModules) {
            this.nodeModules = nodeModules;
            return this;
        }

        /** Where the search for the Worker module's node_modules starts (default: the working directory). */
        public Builder workersSearchFrom(Path searchFrom) {
            this.searchFrom = searchFrom;
            return this;
        }

        /** The API port; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The S3 endpoint port; 0 (default) picks a free one. */
        public Builder s3Port(int s3Port) {
            this.s3Port = s3Port;
            return this;
        }

        /** Where state persists across restarts; null (default) keeps it in a temporary directory. */
        public Builder dataDirectory(@Nullable Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** The clock for timestamps, token expiry, KV TTLs, SigV4 windows and the rate limit. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public CloudflareSandbox build() {
            return new CloudflareSandbox(this);
        }
    }
}
