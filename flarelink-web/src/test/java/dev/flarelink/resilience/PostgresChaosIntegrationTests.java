package dev.flarelink.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.activity.ActivityService;
import dev.flarelink.activity.IntegrityReport;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL failing under the app (goal G16): backends killed mid-transaction, and the server killed without a
 * shutdown checkpoint and started again, while users record activity and a provisioning run is going on. No
 * acknowledged commit may be lost, no run may be left half done, and every user's activity chain must verify.
 */
class PostgresChaosIntegrationTests {

    private ChaosFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theClusterRunsWithProductionDurability() throws Exception {
        fixture = ChaosFixture.start();
        assertThat(fixture.postgres.setting("fsync")).isEqualTo("on");
        assertThat(fixture.postgres.setting("synchronous_commit")).isEqualTo("on");
    }

    @Test
    void killedBackendsLoseNoCommittedRowAndTheRunStillFinishesCleanly() throws Exception {
        fixture = ChaosFixture.start();
        UUID user = fixture.connectedUser();
        fixture.sandbox().switches().latency(Duration.ofMillis(150));
        String name = "kill" + UUID.randomUUID().toString().substring(0, 6);
        UUID projectId = fixture.startProject(user, name);
        ChaosFixture.Writer writer = fixture.new Writer(user);
        Thread writing = new Thread(writer, "chaos-writer");
        writing.start();

        int killed = 0;
        for (int round = 0; round < 8; round++) {
            AppNode.sleep(Duration.ofMillis(400));
            killed += fixture.postgres.terminateOtherBackends();
        }
        AppNode.sleep(Duration.ofMillis(500));
        writer.stop = true;
        writing.join();
        fixture.sandbox().switches().reset();

        assertThat(killed).as("backends were killed").isPositive();
        fixture.awaitRunEnd(projectId, Duration.ofSeconds(120));
        assertThat(fixture.runStatus(projectId)).isEqualTo("succeeded");
        assertThat(fixture.projectStatus(projectId)).isEqualTo("active");
        assertThat(fixture.unfinishedSteps(projectId)).isZero();
        fixture.assertExactlyOneOfEach(name);
        writer.assertNothingAcknowledgedIsLost();
        assertChainVerifies(user);
    }

    @Test
    void aServerCrashMidFlowLosesNoCommittedRowAndTheRunIsResumedAfterRestart() throws Exception {
        fixture = ChaosFixture.start();
        UUID user = fixture.connectedUser();
        fixture.sandbox().switches().latency(Duration.ofMillis(250));
        String name = "crash" + UUID.randomUUID().toString().substring(0, 6);
        UUID projectId = fixture.startProject(user, name);
        ChaosFixture.Writer writer = fixture.new Writer(user);
        Thread writing = new Thread(writer, "chaos-writer");
        writing.start();

        AppNode.sleep(Duration.ofMillis(1200));
        fixture.postgres.crash();
        AppNode.sleep(Duration.ofSeconds(2));
        fixture.postgres.restart();
        int before = writer.acknowledged.size();
        ChaosFixture.await(
                Duration.ofSeconds(60),
                "writes to succeed again after the restart",
                () -> writer.acknowledged.size() > before + 20);
        writer.stop = true;
        writing.join();
        fixture.sandbox().switches().reset();

        assertThat(writer.failures).as("the crash was felt by the workload").isNotEmpty();
        fixture.awaitRunEnd(projectId, Duration.ofSeconds(120));
        assertThat(fixture.runStatus(projectId)).isEqualTo("succeeded");
        assertThat(fixture.projectStatus(projectId)).isEqualTo("active");
        assertThat(fixture.unfinishedSteps(projectId)).isZero();
        fixture.assertExactlyOneOfEach(name);
        writer.assertNothingAcknowledgedIsLost();
        assertChainVerifies(user);
    }

    private void assertChainVerifies(UUID user) {
        IntegrityReport report = fixture.bean(ActivityService.class).verify(user);
        assertThat(report.intact()).as(String.valueOf(report.reason())).isTrue();
        assertThat(report.checked()).isGreaterThan(20);
    }
}
