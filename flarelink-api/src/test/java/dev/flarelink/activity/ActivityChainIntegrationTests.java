package dev.flarelink.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.support.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** The chain against a real PostgreSQL: append-only, fork-free under concurrency, every tampering detected. */
@SpringBootTest
class ActivityChainIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }

    @Autowired
    ActivityService activity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void chainsEventsInOrderAndVerifies() {
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            activity.recordAction(ActivityEntry.action(user, "test.action", null, null, "ok", "step " + i));
        }

        IntegrityReport report = activity.verify(user);

        assertThat(report.intact()).isTrue();
        assertThat(report.checked()).isEqualTo(5);
        assertThat(seqs(user)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(report.lastHash())
                .isEqualTo(jdbc.sql("select last_hash from activity_chain_head where user_id = :u")
                        .param("u", user)
                        .query(String.class)
                        .single());
    }

    @Test
    void concurrentWritersCannotForkTheChain() throws Exception {
        UUID user = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                writes.add(pool.submit(() -> activity.recordAction(
                        ActivityEntry.action(user, "test.concurrent", null, null, "ok", "write " + n))));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(seqs(user))
                .hasSize(80)
                .isSorted()
                .startsWith(1L)
                .endsWith(80L)
                .doesNotHaveDuplicates();
        assertThat(activity.verify(user).intact()).isTrue();
    }

    @Test
    void theDatabaseRefusesUpdateDeleteAndTruncate() {
        UUID user = UUID.randomUUID();
        activity.recordAction(ActivityEntry.action(user, "test.action", null, null, "ok", "original"));

        assertThatThrownBy(() -> jdbc.sql("update activity_event set detail = 'forged' where user_id = :u")
                        .param("u", user)
                        .update())
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from activity_event where user_id = :u")
                        .param("u", user)
                        .update())
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate activity_event").update())
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThat(jdbc.sql("select detail from activity_event where user_id = :u")
                        .param("u", user)
                        .query(String.class)
                        .single())
                .isEqualTo("original");
    }

    /**
     * Property: whichever single event is changed (any column), removed, or swapped with another, verification
     * fails and names a link at or before the tampered one. 60 random trials with a fixed seed.
     */
    @Test
    void detectsAnyChangedRemovedOrReorderedEvent() {
        Random random = new Random(20261128);
        String[] columns = {"detail", "action", "outcome", "occurred_at", "status", "cf_ray", "path", "hash"};
        for (int trial = 0; trial < 60; trial++) {
            UUID user = UUID.randomUUID();
            int size = 3 + random.nextInt(6);
            for (int i = 0; i < size; i++) {
                activity.recordAction(ActivityEntry.action(user, "test.property", null, null, "ok", "event " + i));
            }
            long target = 1 + random.nextInt(size);
            int mutation = random.nextInt(3);
            String column = columns[random.nextInt(columns.length)];
            tamper(() -> {
                switch (mutation) {
                    case 0 -> change(user, target, column);
                    case 1 ->
                        jdbc.sql("delete from activity_event where user_id = :u and seq = :s")
                                .param("u", user)
                                .param("s", target)
                                .update();
                    default -> swap(user, target, target == size ? target - 1 : target + 1);
                }
            });

            IntegrityReport report = activity.verify(user);

            assertThat(report.intact())
                    .as("trial %d: mutation %d at %d of %d (%s)", trial, mutation, target, size, column)
                    .isFalse();
            assertThat(report.firstBrokenSeq()).isNotNull().isLessThanOrEqualTo(Math.max(target, 1) + 1);
            assertThat(report.reason()).isNotBlank();
        }
    }

    private void change(UUID user, long seq, String column) {
        String value = switch (column) {
            case "occurred_at" -> "occurred_at + interval '1 second'";
            case "status" -> "coalesce(status, 0) + 1";
            case "hash" -> "repeat('f', 64)";
            default -> "coalesce(" + column + ", '') || 'x'";
        };
        jdbc.sql("update activity_event set " + column + " = " + value + " where user_id = :u and seq = :s")
                .param("u", user)
                .param("s", seq)
                .update();
    }

    private void swap(UUID user, long a, long b) {
        jdbc.sql("update activity_event set seq = -seq where user_id = :u and seq in (:a, :b)")
                .param("u", user)
                .param("a", a)
                .param("b", b)
                .update();
        jdbc.sql("update activity_event set seq = case when seq = -:a then :b else :a end "
                        + "where user_id = :u and seq in (-:a, -:b)")
                .param("u", user)
                .param("a", a)
                .param("b", b)
                .update();
    }

    /** What an attacker with the database owner's rights could do: switch the guard off, tamper, switch it on. */
    private void tamper(Runnable mutation) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("alter table activity_event disable trigger activity_event_append_only")
                    .update();
            mutation.run();
            jdbc.sql("alter table activity_event enable trigger activity_event_append_only")
                    .update();
        });
    }

    private List<Long> seqs(UUID user) {
        return jdbc.sql("select seq from activity_event where user_id = :u order by seq")
                .param("u", user)
                .query(Long.class)
                .list();
    }
}
