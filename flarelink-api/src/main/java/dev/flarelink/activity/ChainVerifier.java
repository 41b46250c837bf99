package dev.flarelink.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes a user's chain from the latest retention checkpoint (or the genesis hash) and reports the first link
 * that does not hold: a changed event (its hash differs), a removed one (a gap in the sequence, or a previous hash
 * that does not match), or reordered ones (both).
 */
@Component
class ChainVerifier {

    private final JdbcClient jdbc;
    private final CheckpointSigner signer;

    ChainVerifier(JdbcClient jdbc, CheckpointSigner signer) {
        this.jdbc = jdbc;
        this.signer = signer;
    }

    @Transactional(readOnly = true)
    IntegrityReport verify(UUID user) {
        Checkpoint checkpoint = jdbc.sql("select through_seq, through_hash, key_id, mac from activity_checkpoint "
                        + "where user_id = :user order by through_seq desc limit 1")
                .param("user", user)
                .query((rs, n) -> new Checkpoint(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional()
                .orElse(null);
        if (checkpoint != null) {
            String forged = signer.problem(
                    user, checkpoint.seq(), checkpoint.hash(), checkpoint.keyId(), checkpoint.mac());
            if (forged != null) {
                return IntegrityReport.broken(0, checkpoint.seq(), forged);
            }
        }
        Start start =
                checkpoint == null ? new Start(0, HashChain.GENESIS) : new Start(checkpoint.seq(), checkpoint.hash());
        Walk walk = new Walk(start.seq(), start.hash());
        jdbc.sql("select * from activity_event where user_id = :user order by seq")
                .param("user", user)
                .query(rs -> {
                    if (walk.broken == null) {
                        walk.check(read(rs), rs.getString("prev_hash"), rs.getString("hash"));
                    }
                });
        if (walk.broken != null) {
            return IntegrityReport.broken(walk.checked, walk.brokenSeq, walk.broken);
        }
        // The walk ends where the events end; the head says where the chain ends. Events removed from the end show
        // up only here.
        Start head = jdbc.sql("select last_seq, last_hash from activity_chain_head where user_id = :user")
                .param("user", user)
                .query((rs, n) -> new Start(rs.getLong(1), rs.getString(2)))
                .optional()
                .orElse(start);
        if (head.seq() != walk.expectedSeq - 1 || !head.hash().equals(walk.expectedPrevious)) {
            return IntegrityReport.broken(
                    walk.checked,
                    walk.expectedSeq,
                    "the chain should end at event " + head.seq() + " but the stored events end at event "
                            + (walk.expectedSeq - 1) + " (events were removed from the end)");
        }
        return IntegrityReport.intact(walk.checked, walk.expectedPrevious);
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

    private record Start(long seq, String hash) {}

    private record Checkpoint(long seq, String hash, @Nullable String keyId, @Nullable String mac) {}

    private static final class Walk {
        private long expectedSeq;
        private String expectedPrevious;
        private long checked;
        private long brokenSeq;
        private @Nullable String broken;

        Walk(long throughSeq, String throughHash) {
            this.expectedSeq = throughSeq + 1;
            this.expectedPrevious = throughHash;
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
