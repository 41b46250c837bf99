package dev.flarelink.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins in PostgreSQL (so every app node sees the same counts) and says when to refuse an attempt
 * without checking the password.
 *
 * <p>Three rules, chosen so that an attacker cannot lock a victim out:
 *
 * <ol>
 *   <li>one client address failing {@value #PAIR_LIMIT} times for one e-mail within 15 minutes is refused for that
 *       e-mail until the window slides past its failures;
 *   <li>one client address failing {@value #ADDRESS_LIMIT} times within 15 minutes, whatever the e-mails, is refused
 *       (credential stuffing);
 *   <li>an e-mail failing {@value #ACCOUNT_LIMIT} times within an hour from anywhere (ASVS V2.2.1) is refused, but
 *       only for addresses that have themselves failed for it: the owner, signing in from a clean address, still
 *       gets in.
 * </ol>
 *
 * Keys are the normalised e-mail, whether or not an account exists, so throttling does not reveal which exist.
 */
@Component
public class SignInThrottle {

    static final int PAIR_LIMIT = 10;
    static final int ADDRESS_LIMIT = 50;
    static final int ACCOUNT_LIMIT = 100;
    static final Duration SHORT_WINDOW = Duration.ofMinutes(15);
    static final Duration LONG_WINDOW = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    SignInThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public boolean isRefused(String email, String clientAddress) {
        Instant now = clock.instant();
        Instant shortStart = now.minus(SHORT_WINDOW);
        Instant longStart = now.minus(LONG_WINDOW);
        return jdbc.sql("""
                        select
                          count(*) filter (where email = :email and client_address = :address and failed_at > :short) >= :pair
                          or count(*) filter (where client_address = :address and failed_at > :short) >= :perAddress
                          or (count(*) filter (where email = :email) >= :perAccount
                              and count(*) filter (where email = :email and client_address = :address) > 0)
                        from sign_in_failure
                        where failed_at > :long and (email = :email or client_address = :address)
                        """)
                .param("email", email)
                .param("address", clientAddress)
                .param("short", java.sql.Timestamp.from(shortStart))
                .param("long", java.sql.Timestamp.from(longStart))
                .param("pair", PAIR_LIMIT)
                .param("perAddress", ADDRESS_LIMIT)
                .param("perAccount", ACCOUNT_LIMIT)
                .query(Boolean.class)
                .single();
    }

    @Transactional
    public void recordFailure(String email, String clientAddress) {
        jdbc.sql("insert into sign_in_failure (email, client_address, failed_at) values (:email, :address, :at)")
                .param("email", email)
                .param("address", clientAddress)
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .update();
    }

    /** Forgets failures older than the longest window; called on a schedule. */
    @Transactional
    public int purgeExpired() {
        return jdbc.sql("delete from sign_in_failure where failed_at <= :cutoff")
                .param("cutoff", java.sql.Timestamp.from(clock.instant().minus(LONG_WINDOW)))
                .update();
    }
}
