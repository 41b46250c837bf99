package dev.flarelink.trust;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-verifies every active project's Worker once per {@code flarelink.trust.reverify-interval} (daily by default),
 * so a change made outside Flarelink shows as a drift banner. Safe on several nodes: a project is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and its claim time moved forward in the same statement.
 */
@Component
class ReverifyJob {

    private static final Logger log = LoggerFactory.getLogger(ReverifyJob.class);

    private static final String ENROL = """
            insert into trust_reverify (project_id, claimed_at)
            select id, :never from project where status = 'active'
            on conflict (project_id) do nothing
            """;

    private static final String CLAIM = """
            update trust_reverify r set claimed_at = :now from project p
            where p.id = r.project_id and r.project_id in (
                select t.project_id from trust_reverify t join project q on q.id = t.project_id
                where q.status = 'active' and t.claimed_at < :cutoff and t.claimed_at < :now
                order by t.claimed_at limit :batch
                for update of t skip locked)
            returning r.project_id, p.user_id
            """;

    private final JdbcClient jdbc;
    private final TrustVerificationService verifier;
    private final Clock clock;
    private final Duration interval;
    private final int batchSize;

    ReverifyJob(
            JdbcClient jdbc,
            TrustVerificationService verifier,
            Clock clock,
            @Value("${flarelink.trust.reverify-interval:P1D}") Duration interval,
            @Value("${flarelink.trust.reverify-batch-size:20}") int batchSize) {
        this.jdbc = jdbc;
        this.verifier = verifier;
        this.clock = clock;
        this.interval = interval;
        this.batchSize = batchSize;
    }

    @Scheduled(
            fixedDelayString = "${flarelink.trust.reverify-check-every:PT15M}",
            initialDelayString = "${flarelink.trust.reverify-initial-delay:PT15M}")
    void reverifyDueProjects() {
        int checked = reverifyCheckedBefore(clock.instant().minus(interval));
        if (checked > 0) {
            log.info("Re-verified the Worker of {} project(s)", checked);
        }
    }

    /** Verifies every active project not picked since {@code cutoff}; returns how many it verified. */
    int reverifyCheckedBefore(Instant cutoff) {
        jdbc.sql(ENROL).param("never", Timestamp.from(Instant.EPOCH)).update();
        int total = 0;
        List<Claimed> claimed;
        do {
            claimed = jdbc.sql(CLAIM)
                    .param("now", Timestamp.from(clock.instant()))
                    .param("cutoff", Timestamp.from(cutoff))
                    .param("batch", batchSize)
                    .query((rs, n) ->
                            new Claimed(rs.getObject("project_id", UUID.class), rs.getObject("user_id", UUID.class)))
                    .list();
            claimed.forEach(this::verify);
            total += claimed.size();
        } while (claimed.size() == batchSize);
        return total;
    }

    private void verify(Claimed row) {
        try {
            verifier.verify(row.userId(), row.projectId(), "scheduled");
        } catch (RuntimeException notNow) {
            // The project was just deleted, or the database hiccupped: next round. Never fail the whole round.
            log.warn(
                    "Could not re-verify project {}: {}",
                    row.projectId(),
                    notNow.getClass().getSimpleName());
        }
    }

    private record Claimed(UUID projectId, UUID userId) {}
}
