package dev.flarelink.connect;

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
 * Re-verifies active tokens that nobody used for a while, so a token revoked in Cloudflare shows up as revoked even
 * when nobody is clicking. Safe on several nodes: each node claims its rows with {@code FOR UPDATE SKIP LOCKED} and
 * stamps them checked in the same statement, so no two nodes verify the same token in one round.
 */
@Component
class StaleConnectionCheck {

    private static final Logger log = LoggerFactory.getLogger(StaleConnectionCheck.class);

    private static final String CLAIM = """
            update cloudflare_connection set checked_at = :now
            where id in (select id from cloudflare_connection
                         where status = 'active' and checked_at < :cutoff
                         order by checked_at limit :batch
                         for update skip locked)
            returning id, user_id
            """;

    private final JdbcClient jdbc;
    private final ConnectionService connections;
    private final Clock clock;
    private final Duration interval;
    private final int batchSize;

    StaleConnectionCheck(
            JdbcClient jdbc,
            ConnectionService connections,
            Clock clock,
            @Value("${flarelink.connect.check-interval:PT3H}") Duration interval,
            @Value("${flarelink.connect.check-batch-size:50}") int batchSize) {
        this.jdbc = jdbc;
        this.connections = connections;
        this.clock = clock;
        this.interval = interval;
        this.batchSize = batchSize;
    }

    @Scheduled(
            fixedDelayString = "${flarelink.connect.check-interval:PT3H}",
            initialDelayString = "${flarelink.connect.check-initial-delay:PT10M}")
    void checkStaleConnections() {
        int checked = checkConnectionsCheckedBefore(clock.instant().minus(interval));
        if (checked > 0) {
            log.info("Re-verified {} Cloudflare connection(s)", checked);
        }
    }

    /** Verifies every active connection last checked before {@code cutoff}; returns how many it verified. */
    int checkConnectionsCheckedBefore(Instant cutoff) {
        int total = 0;
        List<Claimed> claimed;
        do {
            claimed = claim(cutoff);
            claimed.forEach(this::verify);
            total += claimed.size();
        } while (claimed.size() == batchSize);
        return total;
    }

    // One statement, so the row locks last only as long as the claim: the Cloudflare calls run without them.
    private List<Claimed> claim(Instant cutoff) {
        return jdbc.sql(CLAIM)
                .param("now", Timestamp.from(clock.instant()))
                .param("cutoff", Timestamp.from(cutoff))
                .param("batch", batchSize)
                .query((rs, n) -> new Claimed(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class)))
                .list();
    }

    private void verify(Claimed row) {
        try {
            String status = connections.reverify(row.userId(), row.connectionId());
            if (!"active".equals(status)) {
                log.info("Connection {} is now {}: Cloudflare rejected its token", row.connectionId(), status);
            }
        } catch (RuntimeException notNow) {
            // Cloudflare unreachable, or the row just deleted: try again next round, never fail the whole round.
            // Only the class name is logged: no message can carry anything secret.
            log.warn(
                    "Could not re-verify connection {}: {}",
                    row.connectionId(),
                    notNow.getClass().getSimpleName());
        }
    }

    private record Claimed(UUID connectionId, UUID userId) {}
}
