package dev.flarelink.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What a project's methods change is what the next read finds, and two changes at once both land. */
class ProjectRepositoryIntegrationTests extends ProvisioningTestSupport {

    @Autowired
    PlatformTransactionManager transactions;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Test
    void everyChangeIsWrittenAndReadBackAndOnlyItsOwnerFindsIt() {
        Project project = insertProject("roundtrip", now);
        Instant later = now.plusSeconds(60);

        projects.change(project.getId(), changed -> {
            changed.provisioned(
                    new ProvisionedResources(
                            "d1-id", "kv-id", "https://roundtrip.example.workers.dev", "0.6.0", "ab12"),
                    later);
            changed.customDomain("app.example.com", "domain-id", later);
            changed.wantEmailBinding(later);
            changed.newServiceKeyHash("c".repeat(64), later);
            changed.newTrustedOrigins(List.of("https://a.example.com", "https://b.example.com"), later);
        });

        Project read = projects.findByIdAndUserId(project.getId(), user).orElseThrow();
        assertThat(read.getStatus()).isEqualTo("active");
        assertThat(read.getD1DatabaseId()).isEqualTo("d1-id");
        assertThat(read.getKvNamespaceId()).isEqualTo("kv-id");
        assertThat(read.getWorkersDevUrl()).isEqualTo("https://roundtrip.example.workers.dev");
        assertThat(read.getDeployedVersion()).isEqualTo("0.6.0");
        assertThat(read.getDeployedSha256()).isEqualTo("ab12");
        assertThat(read.getCustomDomain()).isEqualTo("app.example.com");
        assertThat(read.getCustomDomainId()).isEqualTo("domain-id");
        assertThat(read.isEmailBinding()).isTrue();
        assertThat(read.getServiceKeySha256()).isEqualTo("c".repeat(64));
        assertThat(read.trustedOrigins()).containsExactly("https://a.example.com", "https://b.example.com");
        assertThat(read.getUpdatedAt()).isEqualTo(later);
        assertThat(read.getCreatedAt()).isEqualTo(now);
        assertThat(read.getName()).isEqualTo("roundtrip");
        assertThat(read.getWorkerName()).isEqualTo(project.getWorkerName());
        assertThat(read.getConnectionId()).isEqualTo(connectionId);

        projects.change(project.getId(), changed -> changed.customDomain(null, null, later));
        assertThat(projects.findById(project.getId()).orElseThrow().getCustomDomain())
                .isNull();
        assertThat(projects.findByIdAndUserId(project.getId(), newUser())).isEmpty();
    }

    @Test
    void aChangeWaitsForTheOneBeforeItAndKeepsWhatItWrote() throws Exception {
        UUID id = insertProject("twochanges", now).getId();
        CountDownLatch firstChanged = new CountDownLatch(1);
        TransactionTemplate tx = new TransactionTemplate(transactions);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
            projects.change(id, project -> project.customDomain("app.example.com", "domain-id", now));
            firstChanged.countDown();
            awaitAnotherSessionWaitingForALock();
        }));
        assertThat(firstChanged.await(10, TimeUnit.SECONDS)).isTrue();
        projects.change(id, project -> project.wantEmailBinding(now));
        first.get(10, TimeUnit.SECONDS);

        Project read = projects.findById(id).orElseThrow();
        assertThat(read.getCustomDomain()).isEqualTo("app.example.com");
        assertThat(read.isEmailBinding()).isTrue();
    }

    /** Holds the first change's transaction open until the second change is seen waiting for it in PostgreSQL. */
    private void awaitAnotherSessionWaitingForALock() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            // Within a transaction PostgreSQL keeps showing the first snapshot of the activity view; ask for a new one.
            jdbc.sql("select pg_stat_clear_snapshot()").query().singleRow();
            long waiting = jdbc.sql("select count(*) from pg_stat_activity"
                            + " where wait_event_type = 'Lock' and datname = current_database()")
                    .query(Long.class)
                    .single();
            if (waiting > 0) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the second change never waited for the first one's lock");
    }
}
