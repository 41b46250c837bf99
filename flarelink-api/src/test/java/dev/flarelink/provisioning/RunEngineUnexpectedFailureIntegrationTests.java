package dev.flarelink.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Flarelink itself failing inside a step, outside the step's own work (a claim renewal that throws, the step pool
 * refusing a task): the step ends failed with a sentence saying so, the steps waiting for it never start, the run
 * never ends succeeded, and Retry completes it.
 */
class RunEngineUnexpectedFailureIntegrationTests extends ProvisioningTestSupport {

    private static final String FLARELINK_FAILED = "Flarelink itself failed on this step";

    @Autowired
    ProjectLifecycle lifecycle;

    @Autowired
    BundleSource bundle;

    @Autowired
    ConfigBackfill backfill;

    @Autowired
    RunOutcomes outcomes;

    @Autowired
    Clock clock;

    /** One thread: steps run one at a time in the order they became ready, so which step meets the fault is known. */
    private ExecutorService stepPool;

    @BeforeEach
    void oneStepAtATime() {
        stepPool = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stopPool() {
        stepPool.shutdownNow();
    }

    /** d1.create's first renewal comes before it calls Cloudflare, its second after its database is recorded. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aClaimRenewalThatThrowsFailsItsStepAndTheProvisioningRollsBack(int failingRenewal) {
        String name = "renewal" + failingRenewal;
        RunRecord run = claimedRun(insertProject(name, clock.instant()).getId(), "provision");
        AtomicInteger renewals = new AtomicInteger();

        engine(stepPool).execute(run, lifecycle.spec(run.projectId()), () -> {
            if (renewals.incrementAndGet() == failingRenewal) {
                throw new IllegalStateException("renewal broke");
            }
        });

        ProjectView failed = provisioning.get(user, run.projectId());
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.run().status()).isEqualTo("rolled_back");
        assertThat(failed.run().failedStep()).isEqualTo(D1CreateStep.NAME);
        assertThat(failed.run().error())
                .contains(FLARELINK_FAILED + " (IllegalStateException)", "Retry")
                .doesNotContain("renewal broke");
        assertThat(step(failed, D1CreateStep.NAME).error())
                .isEqualTo(failed.run().error());
        assertThat(neverStarted(run))
                .containsExactly(D1MigrateStep.NAME, D1ConfigStep.NAME, WorkerUploadStep.NAME, WorkersDevStep.NAME);
        assertNothingLeft();

        provisioning.retry(user, run.projectId());

        assertThat(await(run.projectId()).status()).isEqualTo("active");
        assertExactlyOneOfEach(name);
    }

    @Test
    void aRedeployWhoseStepFlarelinkFailedEndsFailedAndRetryCompletesIt() {
        ProjectView project = createAndWait("redo", "https://redo.example.com", null);
        RunRecord run = claimedRun(project.id(), "redeploy");

        engine(stepPool).execute(run, lifecycle.spec(project.id()), () -> {
            if (status(run, WorkerUploadStep.NAME).equals("running")) {
                throw new IllegalStateException("renewal broke");
            }
        });

        ProjectView failed = provisioning.get(user, project.id());
        assertThat(failed.status()).isEqualTo("active");
        assertThat(failed.run().status()).isEqualTo("failed");
        assertThat(failed.run().failedStep()).isEqualTo(WorkerUploadStep.NAME);
        assertThat(failed.run().error()).contains(FLARELINK_FAILED + " (IllegalStateException)");
        assertThat(step(failed, WorkerUploadStep.NAME).status()).isEqualTo("failed");
        assertThat(step(failed, WorkerUploadStep.NAME).error()).contains(FLARELINK_FAILED);
        assertThat(step(failed, WorkersDevStep.NAME).status()).isEqualTo("pending");
        assertThat(neverStarted(run)).containsExactly(WorkersDevStep.NAME);

        provisioning.retry(user, project.id());
        ProjectView retried = await(project.id());

        assertThat(retried.run().status()).isEqualTo("succeeded");
        assertThat(retried.run().attempt()).isEqualTo(2);
        assertThat(step(retried, WorkersDevStep.NAME).status()).isEqualTo("done");
        assertExactlyOneOfEach("redo");
    }

    @Test
    void aStepWhoseTaskThePoolRefusedFailsTheRunInsteadOfPassingForSucceeded() {
        RunRecord run = claimedRun(insertProject("refused", clock.instant()).getId(), "provision");
        AtomicInteger offered = new AtomicInteger();
        // The first task offered is d1.create's: the steps that wait for nothing are handed over in catalog order.
        Executor refusesFirst = task -> {
            if (offered.getAndIncrement() == 0) {
                throw new RejectedExecutionException("step pool shut down");
            }
            stepPool.execute(task);
        };

        engine(refusesFirst).execute(run, lifecycle.spec(run.projectId()), () -> {});

        ProjectView failed = provisioning.get(user, run.projectId());
        assertThat(failed.run().status()).isEqualTo("rolled_back");
        assertThat(failed.run().failedStep()).isEqualTo(D1CreateStep.NAME);
        assertThat(failed.run().error()).contains(FLARELINK_FAILED + " (RejectedExecutionException)");
        assertThat(neverStarted(run))
                .containsExactly(
                        D1CreateStep.NAME,
                        D1MigrateStep.NAME,
                        D1ConfigStep.NAME,
                        WorkerUploadStep.NAME,
                        WorkersDevStep.NAME);
        assertNothingLeft();

        provisioning.retry(user, run.projectId());

        assertThat(await(run.projectId()).status()).isEqualTo("active");
        assertExactlyOneOfEach("refused");
    }

    private RunEngine engine(Executor pool) {
        return new RunEngine(runs, connections, bundle.bundle(), catalog(), outcomes, pool, clock);
    }

    private StepCatalog catalog() {
        return new StepCatalog(new SecureRandom(), backfill);
    }

    /** A run of the project as this node would hold it, to hand to the engine directly. */
    private RunRecord claimedRun(UUID projectId, String kind) {
        UUID runId = UUID.randomUUID();
        List<String> steps = catalog().steps(kind, lifecycle.spec(projectId)).stream()
                .map(Step::name)
                .toList();
        runs.insertRun(runId, projectId, kind, steps, clock.instant());
        assertThat(runs.claim(runId, "this-node", clock.instant(), Duration.ofMinutes(2)))
                .isTrue();
        return runs.run(runId).orElseThrow();
    }

    private String status(RunRecord run, String step) {
        return runs.steps(run.id()).stream()
                .filter(s -> s.name().equals(step))
                .findFirst()
                .orElseThrow()
                .status();
    }

    private List<String> neverStarted(RunRecord run) {
        return runs.steps(run.id()).stream()
                .filter(s -> s.startedAt() == null)
                .map(StepRecord::name)
                .toList();
    }

    private static StepView step(ProjectView project, String name) {
        return project.run().steps().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
