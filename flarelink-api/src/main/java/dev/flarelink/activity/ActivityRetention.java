package dev.flarelink.activity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes events older than the retention period, per user, oldest first. Each user's removal is one transaction
 * that calls the database function {@code activity_retention_remove} (the app's role may not delete events itself),
 * which deletes a prefix of the chain and leaves a checkpoint (the hash of the last removed event, signed with a key
 * derived from the master key), from which the verifier continues. A transaction-scoped advisory lock per user keeps two nodes from doing the same work at once.
 */
@Component
public class ActivityRetention {

    private static final Logger log = LoggerFactory.getLogger(ActivityRetention.class);

    /** First key of the advisory lock (the second is the user's hash): "FLAR" in ASCII. */
    private static final int LOCK_CLASS = 0x464C4152;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ActivityRecorder recorder;
    private final ActivityProperties properties;
    private final CheckpointSigner signer;
    private final Clock clock;

    ActivityRetention(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            ActivityRecorder recorder,
            ActivityProperties properties,
            CheckpointSigner signer,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.recorder = recorder;
        this.properties = properties;
        this.signer = signer;
        this.clock = clock;
    }

    /** The daily run: removes what is older than {@code flarelink.activity.retention}. */
    @Scheduled(cron = "${flarelink.activity.retention-cron:0 17 3 * * *}", zone = "UTC")
    public void runDaily() {
        List<RetentionRun> runs = removeOlderThan(clock.instant().minus(properties.retention()));
        log.info("Activity retention removed events from {} chains", runs.size());
    }

    /** Removes, for every user, the events recorded before {@code cutoff}; returns what was removed. */
    public List<RetentionRun> removeOlderThan(Instant cutoff) {
        List<UUID> users = jdbc.sql("select user_id from activity_chain_head order by user_id")
                .query(UUID.class)
                .list();
        List<RetentionRun> runs = new ArrayList<>();
        for (UUID user : users) {
            Optional<RetentionRun> run = transactions.execute(status -> removeFor(user, cutoff));
            if (run != null && run.isPresent()) {
                runs.add(run.get());
                // Recorded after the removal committed, so the event itself lies after the checkpoint.
                recorder.append(ActivityEntry.action(
                        user,
                        "activity.retention",
                        null,
                        null,
                        "ok",
                        "removed " + run.get().removed() + " events through event "
                                + run.get().throughSeq() + " (older than " + HashChain.timestamp(cutoff) + ")"));
            }
        }
        return runs;
    }

    private Optional<RetentionRun> removeFor(UUID user, Instant cutoff) {
        Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(:class, hashtext(:user))")
                .param("class", LOCK_CLASS)
                .param("user", user.toString())
                .query(Boolean.class)
                .single();
        if (!Boolean.TRUE.equals(locked)) {
            return Optional.empty();
        }
        // Only a prefix of the chain may go: stop before the first event at or after the cutoff.
        Optional<Long> firstKept = jdbc.sql("select seq from activity_event where user_id = :user "
                        + "and occurred_at >= :cutoff order by seq limit 1")
                .param("user", user)
                .param("cutoff", Timestamp.from(cutoff))
                .query(Long.class)
                .optional();
        long through = firstKept.isPresent()
                ? firstKept.get() - 1
                : jdbc.sql("select coalesce(max(seq), 0) from activity_event where user_id = :user")
                        .param("user", user)
                        .query(Long.class)
                        .single();
        Optional<String> throughHash = jdbc.sql("select hash from activity_event where user_id = :user and seq = :seq")
                .param("user", user)
                .param("seq", through)
                .query(String.class)
                .optional();
        if (throughHash.isEmpty()) {
            return Optional.empty();
        }
        // The database function is the only way to remove events: it runs as the schema owner, checks the hash and
        // leaves the checkpoint, which carries the signature only a holder of the master key can make.
        CheckpointSigner.Signature signature = signer.sign(user, through, throughHash.get());
        long removed = jdbc.sql("select activity_retention_remove(:user, :seq, :hash, :keyId, :mac, :now)")
                .param("user", user)
                .param("seq", through)
                .param("hash", throughHash.get())
                .param("keyId", signature.keyId())
                .param("mac", signature.mac())
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        return Optional.of(new RetentionRun(user, through, removed));
    }
}
