package dev.flarelink.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Limits sign-ups per client address ({@code flarelink.sign-up.limit-per-address}, default 20 an hour), counted in
 * PostgreSQL under a lock per address so simultaneous sign-ups cannot pass the limit together. Every sign-up counts,
 * whether or not the address was new, so the limit says nothing about which accounts exist.
 */
@Component
public class SignUpThrottle {

    static final Duration WINDOW = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int limit;

    SignUpThrottle(JdbcClient jdbc, Clock clock, @Value("${flarelink.sign-up.limit-per-address:20}") int limit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.limit = limit;
    }

    /** Counts a sign-up from the address; false (and nothing counted) when the address has used its allowance. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean tryAcquire(String clientAddress) {
        Instant now = clock.instant();
        jdbc.sql("select count(*) from (select pg_advisory_xact_lock(hashtextextended(:key, 25))) locked")
                .param("key", "sign-up:" + clientAddress)
                .query(Long.class)
                .single();
        long recent = jdbc.sql(
                        "select count(*) from sign_up_attempt where client_address = :address and attempted_at > :since")
                .param("address", clientAddress)
                .param("since", Timestamp.from(now.minus(WINDOW)))
                .query(Long.class)
                .single();
        if (recent >= limit) {
            return false;
        }
        jdbc.sql("insert into sign_up_attempt (client_address, attempted_at) values (:address, :at)")
                .param("address", clientAddress)
                .param("at", Timestamp.from(now))
                .update();
        return true;
    }

    @Transactional
    public int purgeExpired() {
        return jdbc.sql("delete from sign_up_attempt where attempted_at <= :cutoff")
                .param("cutoff", Timestamp.from(clock.instant().minus(WINDOW)))
                .update();
    }
}
