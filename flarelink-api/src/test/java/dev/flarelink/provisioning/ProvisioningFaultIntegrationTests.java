package dev.flarelink.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.cloudflare.d1.D1CreateParams;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Faults at step boundaries (before and after the remote call), a rate limit mid-run and a node that died: the end
 * state is fully provisioned or fully rolled back, and the account never holds a duplicate.
 */
class ProvisioningFaultIntegrationTests extends ProvisioningTestSupport {

    private static final String D1_CREATE = "/accounts/*/d1/database";
    private static final String WORKER_UPLOAD = "/accounts/*/workers/scripts/*";

    @Test
    void aFailedD1CreateRollsBackEverythingAndRetryProvisionsOnce() {
        sandbox.switches().failNext("POST", D1_CREATE, 1, 500);

        ProjectView failed = createAndWait("faulty", "https://faulty.example.com", "faulty-files");

        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.run().status()).isEqualTo("rolled_back");
        assertThat(failed.run().failedStep()).isEqualTo("d1.create");
        assertThat(failed.run().error())
                .contains("Cloudflare had an internal error")
                .contains("Retry");
        assertNothingLeft();

        provisioning.retry(user, failed.id());
        ProjectView retried = await(failed.id());

        assertThat(retried.status()).isEqualTo("active");
        assertThat(retried.run().attempt()).isEqualTo(2);
        assertExactlyOneOfEach("faulty");
        assertThat(buckets()).hasSize(1);
    }

    @Test
    void aLostD1CreateResponseIsAdoptedNotRepeated() {
        sandbox.switches().loseResponseOfNext("POST", D1_CREATE);

        ProjectView project = createAndWait("lost", "https://lost.example.com", null);

        assertThat(project.status()).isEqualTo("active");
        assertThat(project.run().steps())
                .filteredOn(step -> step.name().equals("d1.create"))
                .singleElement()
                .satisfies(step -> assertThat(step.adopted()).isTrue());
        assertExactlyOneOfEach("lost");
    }

    @Test
    void aFailedWorkerUploadRollsBackInReverseOrderAndRetryProvisionsOnce() {
        sandbox.switches().failNext("PUT", WORKER_UPLOAD, 3, 502);

        ProjectView failed = createAndWait("upfail", "https://upfail.example.com", null);

        assertThat(failed.run().status()).isEqualTo("rolled_back");
        assertThat(failed.run().failedStep()).isEqualTo("worker.upload");
        assertThat(failed.run().steps())
                .filteredOn(
                        step -> step.name().equals("d1.create") || step.name().equals("kv.create"))
                .allSatisfy(step -> assertThat(step.status()).isEqualTo("rolled_back"));
        assertThat(failed.run().steps())
                .filteredOn(step -> step.name().equals("worker.enable"))
                .singleElement()
                .satisfies(step -> assertThat(step.status()).isEqualTo("skipped"));
        assertNothingLeft();

        provisioning.retry(user, failed.id());

        assertThat(await(failed.id()).status()).isEqualTo("active");
        assertExactlyOneOfEach("upfail");
    }

    @Test
    void aLostWorkerUploadResponseEndsFullyProvisioned() {
        sandbox.switches().loseResponseOfNext("PUT", WORKER_UPLOAD);

        ProjectView project = createAndWait("uplost", "https://uplost.example.com", null);

        if (project.status().equals("active")) {
            assertExactlyOneOfEach("uplost");
        } else {
            assertThat(project.run().status()).isEqualTo("rolled_back");
            assertNothingLeft();
            provisioning.retry(user, project.id());
            assertThat(await(project.id()).status()).isEqualTo("active");
            assertExactlyOneOfEach("uplost");
        }
    }

    @Test
    void waitsOutARateLimitMidRunAndCompletes() {
        List<Duration> waits = new CopyOnWriteArrayList<>();
        scheduler.pauseWith(duration -> {
            waits.add(duration);
            sandbox.switches().rateLimitOff(); // the window has passed
        });
        long callsSoFar = jdbc.sql("select count(*) from activity_event where user_id = :u and kind = 'call'")
                .param("u", user)
                .query(Long.class)
                .single();
        // The subdomain set-up call was made with the token too; allow four calls of the run, then 429.
        sandbox.switches().rateLimit((int) callsSoFar + 1 + 4, Duration.ofMinutes(5));

        ProjectView project = createAndWait("limited", "https://limited.example.com", null);

        assertThat(waits).isNotEmpty().allSatisfy(wait -> assertThat(wait).isPositive());
        assertThat(project.status()).isEqualTo("active");
        assertExactlyOneOfEach("limited");
    }

    @Test
    void resumesARunWhoseNodeDiedAndAdoptsWhatItHadCreated() {
        Instant now = Instant.now();
        Project project = insertProject("crashed", now);
        UUID runId = UUID.randomUUID();
        runs.insertRun(runId, project.getId(), "provision", stepNames(project), now);
        // What the dead node left: D1 created and recorded; the KV create sent, its answer never recorded.
        String d1 = cf.d1()
                .create(account.accountId(), D1CreateParams.named("flarelink-crashed-auth-db"))
                .uuid();
        runs.stepCreateAttempted(runId, "d1.create");
        runs.stepDone(runId, "d1.create", d1, false, now);
        runs.stepRunning(runId, "kv.create", now);
        runs.stepCreateAttempted(runId, "kv.create");
        cf.kv().createNamespace(account.accountId(), "flarelink-crashed-sessions");
        assertThat(runs.claim(runId, "dead-node", now.minus(Duration.ofMinutes(10)), Duration.ofMinutes(2)))
                .isTrue();

        assertThat(scheduler.recoverStale()).isGreaterThanOrEqualTo(1);
        ProjectView resumed = await(project.getId());

        assertThat(resumed.status()).isEqualTo("active");
        assertThat(resumed.d1DatabaseId()).isEqualTo(d1);
        assertThat(resumed.run().steps())
                .filteredOn(step -> step.name().equals("kv.create"))
                .singleElement()
                .satisfies(step -> assertThat(step.adopted()).isTrue());
        assertExactlyOneOfEach("crashed");
    }

    @Test
    void aNameTakenByAResourceFlarelinkDidNotCreateIsReportedAndNeverDeleted() {
        String foreign = cf.d1()
                .create(account.accountId(), D1CreateParams.named("flarelink-foreign-auth-db"))
                .uuid();

        ProjectView failed = createAndWait("foreign", "https://foreign.example.com", null);

        assertThat(failed.run().failedStep()).isEqualTo("d1.create");
        assertThat(failed.run().error()).contains("already has a D1 database named flarelink-foreign-auth-db");
        assertThat(namespaces()).isEmpty();

        provisioning.delete(user, failed.id(), "foreign");
        assertThat(await(failed.id()).status()).isEqualTo("deleted");

        assertThat(databases()).extracting(db -> db.uuid()).containsExactly(foreign);
        assertThat(workers()).isEmpty();
    }

    @Test
    void twoNodesNeverHoldTheSameRun() {
        Instant now = Instant.now();
        Project project = insertProject("claimed", now);
        UUID runId = UUID.randomUUID();
        runs.insertRun(runId, project.getId(), "provision", stepNames(project), now);

        assertThat(runs.claim(runId, "node-a", now, Duration.ofMinutes(2))).isTrue();
        assertThat(runs.claim(runId, "node-b", now.plusSeconds(60), Duration.ofMinutes(2)))
                .isFalse();
        assertThat(runs.claim(runId, "node-b", now.plusSeconds(121), Duration.ofMinutes(2)))
                .isTrue();

        runs.finish(runId, "failed", "none", "test over", now);
        assertThat(runs.claim(runId, "node-c", now.plusSeconds(600), Duration.ofMinutes(2)))
                .isFalse();
    }

    private static List<String> stepNames(Project project) {
        return new StepCatalog(new SecureRandom(), (connected, owner, projectId) -> ConfigBackfill.Result.nothingToDo())
                .steps("provision", ProjectSpec.of(project)).stream()
                        .map(Step::name)
                        .toList();
    }
}
