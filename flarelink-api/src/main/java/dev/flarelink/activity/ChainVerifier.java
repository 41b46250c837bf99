package dev.flarelink.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Recomputes a user's chain from the latest retention checkpoint (or the genesis hash) and reports the first link
 * that does not hold: a changed event (its hash differs), a removed one (a gap in the sequence, or a previous hash
 * that does not match), or reordered ones (both).
 *
 * <p>Constant memory whatever the chain's length: the walk reads {@link #BATCH} events at a time by keyset ({@code
 * seq > last}, on the {@code (user_id, seq)} key), so no query ever holds more than one batch, and it records after
 * each batch how far it got ({@code activity_verification}, V17). That record is the run's progress for the page,
 * and an interrupted run is resumed from it: its verified prefix was checked link by link, so the next run starts
 * after it. A run that finished starts again from the checkpoint.
 */
@Component
class ChainVerifier {

    static final int BATCH = 5_000;

    private static final String EVENTS = "select * from activity_event where user_id = :user and seq > :after "
            + "and seq <= :through order by seq limit :batch";

    private final JdbcClient jdbc;
    private final CheckpointSigner signer;
    private final Clock clock;
    private final int batchSize;

    @Autowired
    ChainVerifier(JdbcClient jdbc, CheckpointSigner signer, Clock clock) {
        this(jdbc, signer, clock, BATCH);
    }

    ChainVerifier(JdbcClient jdbc, CheckpointSigner signer, Clock clock, int batchSize) {
        this.jdbc = jdbc;
        this.signer = signer;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    IntegrityReport verify(UUID user) {
        return verify(user, (checked, total, batch) -> {});
    }

    IntegrityReport verify(UUID user, BatchListener listener) {
        Checkpoint stored = jdbc.sql("select through_seq, through_hash, key_id, mac from activity_checkpoint "
                        + "where user_id = :user order by through_seq desc limit 1")
                .param("user", user)
                .query((rs, n) -> new Checkpoint(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional()
                .orElse(null);
        if (stored != null) {
            // A checkpoint that Flarelink did not sign could hide removed events: nothing after it can be trusted.
            String forged = signer.problem(user, stored.seq(), stored.hash(), stored.keyId(), stored.mac());
            if (forged != null) {
                return IntegrityReport.broken(0, stored.seq(), forged, null);
            }
        }
        Link checkpoint = stored == null ? new Link(0, HashChain.GENESIS) : new Link(stored.seq(), stored.hash());
        // The head is read first: events appended while the walk runs are left to the next run.
        Link head = jdbc.sql("select last_seq, last_hash from activity_chain_head where user_id = :user")
                .param("user", user)
                .query((rs, n) -> new Link(rs.getLong(1), rs.getString(2)))
                .optional()
                .orElse(checkpoint);
        Resume resume = unfinishedRun(user, checkpoint, head).orElse(null);
        Link from = resume == null ? checkpoint : resume.through();
        Long resumedAfter = resume == null ? null : resume.through().seq();
        Walk walk = new Walk(from.seq(), from.hash(), resume == null ? 0 : resume.checked());
        long total = Math.max(0, head.seq() - checkpoint.seq());
        start(user, resume, checkpoint, from, head, walk.checked);

        int read;
        do {
            long before = walk.checked;
            BatchReader batch = new BatchReader(walk);
            jdbc.sql(EVENTS)
                    .param("user", user)
                    .param("after", walk.expectedSeq - 1)
                    .param("through", head.seq())
                    .param("batch", batchSize)
                    .query(batch);
            read = batch.count;
            if (walk.broken == null) {
                progress(user, walk);
            }
            listener.batchVerified(walk.checked, total, (int) (walk.checked - before));
        } while (walk.broken == null && read == batchSize);

        IntegrityReport report;
        if (walk.broken != null) {
            report = IntegrityReport.broken(walk.checked, walk.brokenSeq, walk.broken, resumedAfter);
        } else if (head.seq() != walk.expectedSeq - 1 || !head.hash().equals(walk.expectedPrevious)) {
            // The walk ends where the events end; the head says where the chain ends. Events removed from the end
            // show up only here.
            report = IntegrityReport.broken(
                    walk.checked,
                    walk.expectedSeq,
                    "the chain should end at event " + head.seq() + " but the stored events end at event "
                            + (walk.expectedSeq - 1) + " (events were removed from the end)",
                    resumedAfter);
        } else {
            report = IntegrityReport.intact(walk.checked, walk.expectedPrevious, resumedAfter);
        }
        finish(user);
        return report;
    }

    /** The running (or interrupted) verification of this user, if there is one. */
    Optional<VerificationProgress> running(UUID user) {
        return jdbc.sql("select checked, target_seq - from_seq, started_at, updated_at from activity_verification "
                        + "where user_id = :user and finished_at is null")
                .param("user", user)
                .query((rs, n) -> new VerificationProgress(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant()))
                .optional();
    }

    /**
     * An interrupted run of the same stretch of chain: it must have started from the current checkpoint (retention
     * has not moved it since) and stopped inside the current chain.
     */
    private Optional<Resume> unfinishedRun(UUID user, Link checkpoint, Link head) {
        return jdbc.sql(
                        "select through_seq, through_hash, checked from activity_verification where user_id = :user "
                                + "and finished_at is null and from_seq = :from and through_seq > :from and through_seq <= :head")
                .param("user", user)
                .param("from", checkpoint.seq())
                .param("head", head.seq())
                .query((rs, n) -> new Resume(new Link(rs.getLong(1), rs.getString(2)), rs.getLong(3)))
                .optional();
    }

    private void start(UUID user, @Nullable Resume resume, Link checkpoint, Link from, Link head, long checked) {
        Timestamp now = Timestamp.from(clock.instant());
        if (resume != null) {
            jdbc.sql("update activity_verification set updated_at = :now, target_seq = :target where user_id = :user")
                    .param("now", now)
                    .param("target", head.seq())
                    .param("user", user)
                    .update();
            return;
        }
        jdbc.sql("""
                        insert into activity_verification (user_id, started_at, updated_at, from_seq, through_seq,
                            through_hash, target_seq, checked, finished_at)
                        values (:user, :now, :now, :from, :through, :hash, :target, :checked, null)
                        on conflict (user_id) do update set started_at = excluded.started_at,
                            updated_at = excluded.updated_at, from_seq = excluded.from_seq,
                            through_seq = excluded.through_seq, through_hash = excluded.through_hash,
                            target_seq = excluded.target_seq, checked = excluded.checked, finished_at = null
                        """)
                .param("user", user)
                .param("now", now)
                .param("from", checkpoint.seq())
                .param("through", from.seq())
                .param("hash", from.hash())
                .param("target", head.seq())
                .param("checked", checked)
                .update();
    }

    private void progress(UUID user, Walk walk) {
        jdbc.sql("update activity_verification set through_seq = :through, through_hash = :hash, checked = :checked, "
                        + "updated_at = :now where user_id = :user")
                .param("through", walk.expectedSeq - 1)
                .param("hash", walk.expectedPrevious)
                .param("checked", walk.checked)
                .param("now", Timestamp.from(clock.instant()))
                .param("user", user)
                .update();
    }

    private void finish(UUID user) {
        jdbc.sql("update activity_verification set finished_at = :now, updated_at = :now where user_id = :user")
                .param("now", Timestamp.from(clock.instant()))
                .param("user", user)
                .update();
    }

    /** Told after each batch: events verified so far (all runs of this walk), the walk's total, this batch's size. */
    @FunctionalInterface
    interface BatchListener {
        void batchVerified(long checked, long total, int batch);
    }

    private static final class BatchReader implements RowCallbackHandler {
        private final Walk walk;
        private int count;

        BatchReader(Walk walk) {
            this.walk = walk;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            count++;
            if (walk.broken == null) {
                walk.check(read(rs), rs.getString("prev_hash"), rs.getString("hash"));
            }
        }
    }

    static ActivityEntry read(ResultSet rs) throws SQLException {
        return new ActivityEntry(
                rs.getObject("user_id", UUID.class),
                rs.getLong("seq"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("kind"),
                rs.getString("action"),
                rs.getObject("connection_id", UUID.class),
                rs.getObject("project_id", UUID.class),
                rs.getString("method"),
                rs.getString("path"),
                rs.getString("resource_ids"),
                (Integer) rs.getObject("status"),
                rs.getString("error_codes"),
                rs.getString("cf_ray"),
                (Integer) rs.getObject("duration_ms"),
                (Integer) rs.getObject("attempt"),
                rs.getString("outcome"),
                rs.getString("detail"));
    }

    private record Link(long seq, String hash) {}

    private record Checkpoint(
            long seq,
            String hash,
            @Nullable String keyId,
            @Nullable String mac) {}

    private record Resume(Link through, long checked) {}

    private static final class Walk {
        private long expectedSeq;
        private String expectedPrevious;
        private long checked;
        private long brokenSeq;
        private @Nullable String broken;

        Walk(long throughSeq, String throughHash, long alreadyChecked) {
            this.expectedSeq = throughSeq + 1;
            this.expectedPrevious = throughHash;
            this.checked = alreadyChecked;
        }

        void check(ActivityEntry entry, String storedPrevious, String storedHash) {
            if (entry.seq() != expectedSeq) {
                fail(
                        expectedSeq,
                        "event " + expectedSeq + " is missing (the next stored event is " + entry.seq() + ")");
            } else if (!storedPrevious.equals(expectedPrevious)) {
                fail(
                        entry.seq(),
                        "event " + entry.seq() + " does not follow event " + (entry.seq() - 1)
                                + ": its previous hash differs (an event was removed, replaced or reordered)");
            } else if (!HashChain.hash(storedPrevious, entry).equals(storedHash)) {
                fail(
                        entry.seq(),
                        "event " + entry.seq() + " was changed after it was recorded: its hash does not match");
            } else {
                checked++;
                expectedSeq++;
                expectedPrevious = storedHash;
            }
        }

        private void fail(long seq, String reason) {
            brokenSeq = seq;
            broken = reason;
        }
    }
}
