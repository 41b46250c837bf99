package dev.flarelink.provisioning;

import dev.flarelink.connect.ConnectionService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Starts runs in the background and recovers abandoned ones. A node works on a run only after claiming it in the
 * database, and keeps the claim alive while it works; a run whose claim expired (its node died) is resumed by
 * whichever node looks first: when it starts and then every half minute.
 */
@Component
class RunScheduler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RunScheduler.class);
    private final Duration claimTtl;

    private final RunStore store;
    private final ProjectLifecycle lifecycle;
    private final Clock clock;
    private final RunEngine engine;
    private final ThreadPoolTaskExecutor runPool;
    private final ThreadPoolTaskExecutor stepPool;
    private final String node;
    private final Map<UUID, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    RunScheduler(
            RunStore store,
            ProjectLifecycle lifecycle,
            ConnectionService connections,
            BundleSource bundle,
            RunOutcomes outcomes,
            ConfigBackfill backfill,
            Clock clock,
            @Value("${flarelink.provisioning.claim-ttl:PT2M}") Duration claimTtl) {
        this.claimTtl = claimTtl;
        this.store = store;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.runPool = pool("provisioning-run-", 2);
        this.stepPool = pool("provisioning-step-", 8);
        this.node = nodeName();
        this.engine = new RunEngine(
                store,
                connections,
                bundle.bundle(),
                new StepCatalog(new SecureRandom(), backfill),
                outcomes,
                stepPool,
                clock);
    }

    /** Starts the run in the background, on this node, unless another node already holds it. */
    void start(UUID runId, UUID projectId) {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> claimAndExecute(runId), runPool);
        inFlight.put(projectId, done);
        done.whenComplete((ok, failure) -> inFlight.remove(projectId, done));
    }

    /** Waits until this node's run of the project ends; for tests and the benchmark. */
    boolean awaitIdle(UUID projectId, Duration timeout) {
        CompletableFuture<Void> running = inFlight.get(projectId);
        if (running == null) {
            return true;
        }
        try {
            running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void recoverOnStart() {
        recoverStale();
    }

    @Scheduled(
            fixedDelayString = "${flarelink.provisioning.recovery-interval:PT30S}",
            initialDelayString = "${flarelink.provisioning.recovery-interval:PT30S}")
    void recoverPeriodically() {
        recoverStale();
    }

    /** Claims every unfinished run nobody holds and resumes it (forward, or on with its rollback). */
    int recoverStale() {
        int resumed = 0;
        for (Optional<UUID> next = claimNext(); next.isPresent(); next = claimNext()) {
            UUID runId = next.get();
            RunRecord run = store.run(runId).orElseThrow();
            log.info("Resuming provisioning run {} ({}, was {})", runId, run.kind(), run.status());
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> executeClaimed(runId), runPool);
            inFlight.put(run.projectId(), done);
            done.whenComplete((ok, failure) -> inFlight.remove(run.projectId(), done));
            resumed++;
        }
        return resumed;
    }

    void pauseWith(RunEngine.Pause pause) {
        engine.pauseWith(pause);
    }

    private Optional<UUID> claimNext() {
        return store.claimNextStale(node, clock.instant(), claimTtl);
    }

    private void claimAndExecute(UUID runId) {
        if (!store.claim(runId, node, clock.instant(), claimTtl)) {
            return; // Another node has it, or it is finished.
        }
        executeClaimed(runId);
    }

    private void executeClaimed(UUID runId) {
        try {
            RunRecord run = store.run(runId).orElseThrow();
            ProjectSpec spec = lifecycle.spec(run.projectId());
            engine.execute(
                    run,
                    spec,
                    () -> store.extendClaim(runId, node, clock.instant().plus(claimTtl)));
        } catch (RunInterruptedException | DataAccessException | TransactionException ownDatabase) {
            log.warn(
                    "Provisioning run {} paused: Flarelink's database failed ({}); it resumes once its claim expires",
                    runId,
                    ownDatabase.getClass().getSimpleName());
        } catch (RuntimeException unexpected) {
            // The claim stays and expires, so recovery tries again later.
            log.error("Provisioning run {} stopped unexpectedly", runId, unexpected);
        }
    }

    @Override
    public void destroy() {
        runPool.shutdown();
        stepPool.shutdown();
    }

    private static ThreadPoolTaskExecutor pool(String prefix, int threads) {
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        pool.setThreadNamePrefix(prefix);
        pool.setCorePoolSize(threads);
        pool.setMaxPoolSize(threads);
        pool.setWaitForTasksToCompleteOnShutdown(true);
        pool.setAwaitTerminationSeconds(30);
        pool.initialize();
        return pool;
    }

    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String name = host + "/" + UUID.randomUUID();
        return name.length() > 100 ? name.substring(name.length() - 100) : name;
    }
}
