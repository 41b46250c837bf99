package dev.flarelink.provisioning;

import dev.flarelink.cloudflare.errors.RateLimitException;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.shared.NotFoundException;
import dev.flarelink.worker.WorkerBundle;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Executes one claimed run: every step not yet done, each as soon as the steps it waits for are done (so
 * independent steps run in parallel), persisting each transition. A failed provisioning is rolled back in reverse
 * order; a rate limit makes the step wait for Cloudflare's Retry-After and go on. A step that Flarelink itself failed
 * on (an exception outside the step's own work, a task the pool refused) fails the run like any failed step: a run
 * ends succeeded only when every one of its steps ended done or skipped.
 */
final class RunEngine {

    private static final Logger log = LoggerFactory.getLogger(RunEngine.class);
    static final int MAX_RATE_LIMIT_WAITS = 5;

    /** Waits out a rate limit; replaced in tests so no test sleeps. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final RunStore store;
    private final ConnectionService connections;
    private final WorkerBundle bundle;
    private final StepCatalog catalog;
    private final RunOutcomes outcomes;
    private final Executor stepPool;
    private final Clock clock;
    private volatile Pause pause = duration -> Thread.sleep(duration.toMillis());

    RunEngine(
            RunStore store,
            ConnectionService connections,
            WorkerBundle bundle,
            StepCatalog catalog,
            RunOutcomes outcomes,
            Executor stepPool,
            Clock clock) {
        this.store = store;
        this.connections = connections;
        this.bundle = bundle;
        this.catalog = catalog;
        this.outcomes = outcomes;
        this.stepPool = stepPool;
        this.clock = clock;
    }

    void pauseWith(Pause replacement) {
        this.pause = replacement;
    }

    /** A step that failed, and why in words the user can act on. */
    record Failure(String step, String why) {}

    void execute(RunRecord run, ProjectSpec spec, Runnable extendClaim) {
        List<Step> steps = catalog.steps(run.kind(), spec);
        ConnectedAccount account;
        try {
            account = connections.open(spec.userId(), spec.connectionId(), spec.projectId());
        } catch (DataAccessException | TransactionException ownDatabase) {
            throw new RunInterruptedException(run, ownDatabase);
        } catch (RuntimeException unusable) {
            outcomes.failedBeforeStart(run, spec, explainOpen(unusable));
            return;
        }
        if (run.status().equals("rolling_back")) {
            rollBack(
                    run,
                    spec,
                    steps,
                    account,
                    new Failure(
                            Objects.requireNonNullElse(run.failedStep(), "unknown"),
                            Objects.requireNonNullElse(run.error(), "The run stopped while rolling back.")));
            return;
        }
        Map<String, String> results = new ConcurrentHashMap<>();
        Failure failure = forward(run, spec, steps, account, results, extendClaim);
        if (failure == null) {
            outcomes.succeeded(run, spec, results);
        } else if (run.kind().equals("provision")) {
            rollBack(run, spec, steps, account, failure);
        } else {
            outcomes.failed(run, spec, failure);
        }
    }

    private @Nullable Failure forward(
            RunRecord run,
            ProjectSpec spec,
            List<Step> steps,
            ConnectedAccount account,
            Map<String, String> results,
            Runnable extendClaim) {
        Map<String, StepRecord> records = byName(store.steps(run.id()));
        results.putAll(spec.created());
        records.values().stream()
                .filter(r -> r.done() && r.remoteId() != null)
                .forEach(r -> results.put(r.name(), r.remoteId()));
        AtomicReference<Failure> first = new AtomicReference<>();
        AtomicReference<RuntimeException> interrupted = new AtomicReference<>();
        Map<String, CompletableFuture<Void>> futures = new ConcurrentHashMap<>();
        for (Step step : steps) {
            if (!records.containsKey(step.name())) {
                // A run created before this step joined its kind (a Retry after an upgrade) goes on without it.
                continue;
            }
            CompletableFuture<?>[] waitsFor = step.after().stream()
                    .map(futures::get)
                    .filter(f -> f != null)
                    .toArray(CompletableFuture[]::new);
            StepRecord record = records.get(step.name());
            futures.put(
                    step.name(),
                    CompletableFuture.allOf(waitsFor)
                            .thenRunAsync(
                                    () -> {
                                        try {
                                            runStep(run, spec, step, record, account, results, first, extendClaim);
                                        } catch (DataAccessException | TransactionException ownDatabase) {
                                            interrupted.compareAndSet(null, ownDatabase);
                                            throw new CompletionException(ownDatabase);
                                        } catch (StepFailedException recorded) {
                                            throw recorded;
                                        } catch (RuntimeException unexpected) {
                                            // A claim renewal that broke, a programming error: the step fails too,
                                            // so the run never passes for succeeded.
                                            first.compareAndSet(null, failOwn(run, step, unexpected));
                                            throw new StepFailedException(unexpected);
                                        }
                                    },
                                    stepPool));
        }
        try {
            CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new))
                    .join();
        } catch (CompletionException stepFailed) {
            // Recorded in `first` by the step that failed; steps that depend on it never started.
        }
        if (interrupted.get() != null) {
            // Flarelink's own database failed, not Cloudflare: stop without rolling back. The claim expires and the
            // run resumes where it stood (a create already sent is adopted by name, never repeated).
            throw new RunInterruptedException(run, interrupted.get());
        }
        Failure failure = first.get();
        return failure != null ? failure : unrecorded(run, steps, futures);
    }

    /**
     * A step whose future failed without saying why (the pool refused its task, an {@link Error}): the earliest
     * such step in catalog order failed on its own, the later ones only because they waited for it.
     */
    private @Nullable Failure unrecorded(
            RunRecord run, List<Step> steps, Map<String, CompletableFuture<Void>> futures) {
        for (Step step : steps) {
            CompletableFuture<Void> future = futures.get(step.name());
            if (future == null || !future.isCompletedExceptionally()) {
                continue;
            }
            Throwable cause =
                    Objects.requireNonNull(future.handle((ok, failed) -> failed).join());
            Throwable unwrapped =
                    cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
            return failOwn(run, step, unwrapped);
        }
        return null;
    }

    /**
     * Records a failure of Flarelink itself, not of the step's call to Cloudflare. The step's error names only the
     * exception's class: its message is not meant for the user and could carry anything.
     */
    private Failure failOwn(RunRecord run, Step step, Throwable cause) {
        log.error(
                "Run {} step {}: Flarelink failed ({})",
                run.id(),
                step.name(),
                cause.getClass().getName(),
                cause);
        String why = "Flarelink itself failed on this step (" + cause.getClass().getSimpleName() + "), not "
                + "Cloudflare. Retry resumes the run; if it happens again, the server log has the details.";
        store.stepFailed(run.id(), step.name(), why, clock.instant());
        return new Failure(step.name(), why);
    }

    private void runStep(
            RunRecord run,
            ProjectSpec spec,
            Step step,
            StepRecord record,
            ConnectedAccount account,
            Map<String, String> results,
            AtomicReference<Failure> first,
            Runnable extendClaim) {
        if (record.done()) {
            return;
        }
        store.stepRunning(run.id(), step.name(), clock.instant());
        extendClaim.run();
        AtomicBoolean attempted = new AtomicBoolean(record.createAttempted());
        for (int waits = 0; ; waits++) {
            StepScope scope = new StepScope(account, spec, bundle, results, attempted.get(), () -> {
                store.stepCreateAttempted(run.id(), step.name());
                attempted.set(true);
            });
            Step.StepOutcome outcome;
            try {
                outcome = step.execute(scope);
            } catch (DataAccessException | TransactionException ownDatabase) {
                throw ownDatabase;
            } catch (RateLimitException limited) {
                if (waits >= MAX_RATE_LIMIT_WAITS || !waitOut(limited, extendClaim)) {
                    throw fail(run, step, limited, first);
                }
                continue;
            } catch (RuntimeException failed) {
                throw fail(run, step, failed, first);
            }
            // Flarelink's own bookkeeping from here on: what fails in it is not the step's work (see forward).
            recordOutcome(run, step, outcome, results);
            extendClaim.run();
            return;
        }
    }

    private void recordOutcome(RunRecord run, Step step, Step.StepOutcome outcome, Map<String, String> results) {
        if (outcome.note() != null) {
            store.stepSkipped(run.id(), step.name(), outcome.note(), clock.instant());
            return;
        }
        store.stepDone(run.id(), step.name(), outcome.remoteId(), outcome.adopted(), clock.instant());
        if (outcome.remoteId() != null) {
            results.put(step.name(), outcome.remoteId());
        }
    }

    /** Waits out the rate limit; false when the wait was interrupted (the node is shutting down). */
    private boolean waitOut(RateLimitException limited, Runnable extendClaim) {
        Duration wait = limited.retryAfter().orElse(Duration.ofSeconds(5));
        log.warn("Cloudflare rate limit during a run; waiting {} before going on", wait);
        extendClaim.run();
        try {
            pause.sleep(wait);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private RuntimeException fail(RunRecord run, Step step, RuntimeException cause, AtomicReference<Failure> first) {
        String why = CloudflareErrors.explain(cause, step);
        log.warn("Run {} step {} failed: {}", run.id(), step.name(), cause.toString());
        store.stepFailed(run.id(), step.name(), why, clock.instant());
        first.compareAndSet(null, new Failure(step.name(), why));
        return new StepFailedException(cause);
    }

    /** A step failure already recorded in the store and in {@code first}. */
    private static final class StepFailedException extends CompletionException {
        private static final long serialVersionUID = 1L;

        StepFailedException(Throwable cause) {
            super(cause);
        }
    }

    private void rollBack(
            RunRecord run, ProjectSpec spec, List<Step> steps, ConnectedAccount account, Failure failure) {
        store.startRollback(run.id(), failure.step(), failure.why());
        Map<String, StepRecord> records = byName(store.steps(run.id()));
        List<Step> reversed = new ArrayList<>(steps);
        Collections.reverse(reversed);
        boolean clean = true;
        for (Step step : reversed) {
            StepRecord record = records.get(step.name());
            if (record.status().equals("pending")) {
                store.stepSkipped(run.id(), step.name(), clock.instant());
                continue;
            }
            if (record.status().equals("rolled_back") || record.status().equals("skipped")) {
                continue;
            }
            clean &= undo(run, spec, step, record, account);
        }
        outcomes.rolledBack(run, spec, failure, clean);
    }

    private boolean undo(RunRecord run, ProjectSpec spec, Step step, StepRecord record, ConnectedAccount account) {
        StepScope scope = new StepScope(account, spec, bundle, Map.of(), record.createAttempted(), () -> {});
        try {
            step.undo(scope, record);
            store.stepRolledBack(run.id(), step.name(), clock.instant());
            return true;
        } catch (DataAccessException | TransactionException ownDatabase) {
            throw new RunInterruptedException(run, ownDatabase);
        } catch (RuntimeException failed) {
            log.warn("Run {} could not undo step {}: {}", run.id(), step.name(), failed.toString());
            store.stepUndoFailed(
                    run.id(), step.name(), "Undo failed: " + CloudflareErrors.explain(failed, step), clock.instant());
            return false;
        }
    }

    private static String explainOpen(RuntimeException unusable) {
        if (unusable instanceof NotFoundException) {
            return "The Cloudflare connection of this project no longer exists. Connect your account again.";
        }
        return unusable.getMessage() == null ? "The Cloudflare connection cannot be used." : unusable.getMessage();
    }

    private static Map<String, StepRecord> byName(List<StepRecord> records) {
        return records.stream().collect(Collectors.toMap(StepRecord::name, r -> r));
    }
}
