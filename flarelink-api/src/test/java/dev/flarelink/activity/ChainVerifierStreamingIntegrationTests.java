package dev.flarelink.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.support.TestPostgres;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Verify integrity in constant memory: the walk reads the chain a batch at a time (asserted by what it holds, not by
 * how long it takes), records its progress, and an interrupted run resumes from its last verified link. The
 * 1,000,000-event run with a 256 MB heap is the on-demand {@link VerifyIntegrityHarness}.
 */
@SpringBootTest
class ChainVerifierStreamingIntegrationTests {

    private static final int EVENTS = 20_000;
    private static final int BATCH = 1_000;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CheckpointSigner signer;

    @Autowired
    ActivityService activity;

    @Test
    void walksTwentyThousandEventsNeverHoldingMoreThanOneBatch() throws Exception {
        UUID user = UUID.randomUUID();
        String last = ChainSeed.seed(dataSource, user, EVENTS);
        List<Integer> batches = new ArrayList<>();
        List<Long> progress = new ArrayList<>();

        IntegrityReport report = verifier().verify(user, (checked, total, batch) -> {
            batches.add(batch);
            progress.add(checked);
            assertThat(total).isEqualTo(EVENTS);
        });

        assertThat(report.intact()).isTrue();
        assertThat(report.checked()).isEqualTo(EVENTS);
        assertThat(report.lastHash()).isEqualTo(last);
        assertThat(report.resumedAfterSeq()).isNull();
        assertThat(batches).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(BATCH));
        assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(EVENTS);
        assertThat(progress).isSorted().endsWith((long) EVENTS);
        assertThat(activity.verificationInProgress(user)).isEmpty();
        // The service's own verifier (default batch size) agrees.
        assertThat(activity.verify(user).lastHash()).isEqualTo(last);
    }

    @Test
    void anInterruptedRunShowsItsProgressAndTheNextRunResumesFromItsLastVerifiedLink() throws Exception {
        UUID user = UUID.randomUUID();
        String last = ChainSeed.seed(dataSource, user, EVENTS);

        assertThatThrownBy(() -> verifier().verify(user, (checked, total, batch) -> {
                    if (checked >= 5 * BATCH) {
                        throw new IllegalStateException("the node went away");
                    }
                }))
                .hasMessageContaining("went away");

        assertThat(activity.verificationInProgress(user)).hasValueSatisfying(running -> {
            assertThat(running.checked()).isEqualTo(5 * BATCH);
            assertThat(running.total()).isEqualTo(EVENTS);
            assertThat(running.percent()).isEqualTo(25);
        });

        List<Integer> batches = new ArrayList<>();
        IntegrityReport resumed = verifier().verify(user, (checked, total, batch) -> batches.add(batch));

        assertThat(resumed.intact()).isTrue();
        assertThat(resumed.resumedAfterSeq()).isEqualTo(5L * BATCH);
        assertThat(resumed.checked()).isEqualTo(EVENTS);
        assertThat(resumed.lastHash()).isEqualTo(last);
        assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(EVENTS - 5 * BATCH);
        assertThat(activity.verificationInProgress(user)).isEmpty();

        // A finished run is not resumed: the next one walks the whole chain again.
        assertThat(verifier().verify(user).resumedAfterSeq()).isNull();
    }

    @Test
    void aBrokenLinkInALaterBatchIsFoundAndNotResumedPast() throws Exception {
        UUID user = UUID.randomUUID();
        ChainSeed.seed(dataSource, user, 5 * BATCH);
        jdbc.sql("alter table activity_event disable trigger activity_event_append_only")
                .update();
        try {
            jdbc.sql("update activity_event set detail = 'rewritten' where user_id = :u and seq = 3456")
                    .param("u", user)
                    .update();
        } finally {
            jdbc.sql("alter table activity_event enable trigger activity_event_append_only")
                    .update();
        }

        IntegrityReport report = verifier().verify(user);

        assertThat(report.intact()).isFalse();
        assertThat(report.firstBrokenSeq()).isEqualTo(3456L);
        assertThat(report.checked()).isEqualTo(3455L);
        assertThat(activity.verificationInProgress(user)).isEmpty();
    }

    private ChainVerifier verifier() {
        return new ChainVerifier(jdbc, signer, Clock.systemUTC(), BATCH);
    }
}
