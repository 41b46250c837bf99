package dev.flarelink.activity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends events to a user's chain. Each append runs in its own transaction: a Cloudflare call that happened is
 * recorded even when the work around it fails and rolls back.
 */
@Component
public class ActivityRecorder {

    private final JdbcClient jdbc;
    private final Clock clock;

    ActivityRecorder(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Places {@code draft} at the end of its user's chain and stores it; returns it as stored. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public ActivityEntry append(ActivityEntry draft) {
        UUID user = draft.userId();
        Head head = lockedHead(user).orElseGet(() -> {
            jdbc.sql("insert into activity_chain_head (user_id, last_seq, last_hash) values (:user, 0, :genesis) "
                            + "on conflict (user_id) do nothing")
                    .param("user", user)
                    .param("genesis", HashChain.GENESIS)
                    .update();
            return lockedHead(user).orElseThrow();
        });
        // Calls carry the time they started; actions are stamped now.
        Instant when = draft.kind().equals("call") ? draft.occurredAt() : clock.instant();
        Instant now = when.truncatedTo(ChronoUnit.MICROS);
        ActivityEntry entry = draft.placedAt(head.seq() + 1, now);
        String hash = HashChain.hash(head.hash(), entry);
        insertAndAdvance(entry, head.hash(), hash);
        return entry;
    }

    /** The sequence number of the user's newest event, 0 before the first. */
    public long lastSeq(UUID user) {
        return jdbc.sql("select last_seq from activity_chain_head where user_id = :user")
                .param("user", user)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /**
     * The head of the user's chain, locked: the row lock serialises writers of one user's chain, across threads and
     * nodes alike. Empty before the user's first event.
     */
    private Optional<Head> lockedHead(UUID user) {
        return jdbc.sql("select last_seq, last_hash from activity_chain_head where user_id = :user for update")
                .param("user", user)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    /**
     * Stores the event and moves the head onto it in one statement (a data-modifying CTE always runs), so an append
     * costs two round trips once the chain exists: the locking read and this.
     */
    private void insertAndAdvance(ActivityEntry e, String previousHash, String hash) {
        jdbc.sql("""
                        with stored as (
                            insert into activity_event (user_id, seq, occurred_at, kind, action, connection_id,
                                project_id, method, path, resource_ids, status, error_codes, cf_ray, duration_ms,
                                attempt, outcome, detail, prev_hash, hash)
                            values (:user, :seq, :at, :kind, :action, :connection, :project, :method, :path, :ids,
                                :status, :codes, :ray, :duration, :attempt, :outcome, :detail, :prev, :hash))
                        update activity_chain_head set last_seq = :seq, last_hash = :hash where user_id = :user
                        """)
                .param("user", e.userId())
                .param("seq", e.seq())
                .param("at", Timestamp.from(e.occurredAt()))
                .param("kind", e.kind())
                .param("action", e.action())
                .param("connection", e.connectionId())
                .param("project", e.projectId())
                .param("method", e.method())
                .param("path", e.path())
                .param("ids", e.resourceIds())
                .param("status", e.status())
                .param("codes", e.errorCodes())
                .param("ray", e.cfRay())
                .param("duration", e.durationMs())
                .param("attempt", e.attempt())
                .param("outcome", e.outcome())
                .param("detail", e.detail())
                .param("prev", previousHash)
                .param("hash", hash)
                .update();
    }

    private record Head(long seq, String hash) {}
}
