package dev.flarelink.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins in PostgreSQL (so every app node sees the same counts) and says when to refuse an attempt
 * without checking the password. Follows OWASP's "Slow Down Online Guessing Attacks with Device Cookies":
 *
 * <ul>
 *   <li>a browser that once signed in to the account carries a signed device cookie ({@link DeviceCookies}) and has
 *       an allowance of its own: {@value #DEVICE_LIMIT} failures within an hour, then that cookie alone is locked
 *       for {@link #LOCK_PERIOD};
 *   <li>every other client is untrusted, and all of them share one allowance per account: {@value #ACCOUNT_LIMIT}
 *       failures within an hour (goal G12, ASVS V2.2.1), then untrusted clients are locked out of that account for
 *       {@link #LOCK_PERIOD}, whatever their addresses; the owner's known browser still gets in;
 *   <li>untrusted clients are also limited per address: {@value #PAIR_LIMIT} failures for one e-mail and
 *       {@value #ADDRESS_LIMIT} failures in all (credential stuffing) within 15 minutes.
 * </ul>
 *
 * Check and record are atomic: {@link #lock} serialises the attempts on one e-mail and on one address until the
 * caller's transaction ends, so simultaneous guesses cannot all pass the check before any is counted. Keys are the
 * normalised e-mail, whether or not an account exists, so throttling does not reveal which exist.
 */
@Component
public class SignInThrottle {

    static final int PAIR_LIMIT = 10;
    static final int ADDRESS_LIMIT = 50;
    static final int ACCOUNT_LIMIT = 100;
    static final int DEVICE_LIMIT = 10;
    static final Duration SHORT_WINDOW = Duration.ofMinutes(15);
    static final Duration LONG_WINDOW = Duration.ofHours(1);
    static final Duration LOCK_PERIOD = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    SignInThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Holds transaction-scoped locks on the e-mail and then the address (always in that order, so two attempts cannot
     * deadlock) until the caller's transaction ends.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(String email, String clientAddress) {
        jdbc.sql("select count(*) from (select pg_advisory_xact_lock(hashtextextended(:email, 23)),"
                        + " pg_advisory_xact_lock(hashtextextended(:address, 24))) locked")
                .param("email", "email:" + email)
                .param("address", "address:" + clientAddress)
                .query(Long.class)
                .single();
    }

    /**
     * Whether to refuse the attempt unchecked.
     *
     * @param deviceNonce the nonce of a valid device cookie issued for this account, or null for an untrusted client
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean isRefused(String email, String clientAddress, @Nullable String deviceNonce) {
        Instant now = clock.instant();
        if (deviceNonce != null) {
            return lockedUntil(deviceKey(deviceNonce)) > now.toEpochMilli();
        }
        if (lockedUntil(untrustedKey(email)) > now.toEpochMilli()) {
            return true;
        }
        return jdbc.sql("""
                        select
                          count(*) filter (where email = :email and device_nonce is null) >= :pair
                          or count(*) >= :perAddress
                        from sign_in_failure
                        where client_address = :address and failed_at > :short
                        """)
                .param("email", email)
                .param("address", clientAddress)
                .param("short", Timestamp.from(now.minus(SHORT_WINDOW)))
                .param("pair", PAIR_LIMIT)
                .param("perAddress", ADDRESS_LIMIT)
                .query(Boolean.class)
                .single();
    }

    /** Counts a failure against the device cookie, or against the account's untrusted allowance, locking it when spent. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordFailure(String email, String clientAddress, @Nullable String deviceNonce) {
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into sign_in_failure (email, client_address, device_nonce, failed_at)
                        values (:email, :address, :device, :at)
                        """)
                .param("email", email)
                .param("address", clientAddress)
                .param("device", deviceNonce)
                .param("at", Timestamp.from(now))
                .update();
        String key = deviceNonce == null ? untrustedKey(email) : deviceKey(deviceNonce);
        int limit = deviceNonce == null ? ACCOUNT_LIMIT : DEVICE_LIMIT;
        // Failures from before an expired lock ended were already paid for by that lock.
        Instant since = Instant.ofEpochMilli(Math.max(now.minus(LONG_WINDOW).toEpochMilli(), lockedUntil(key)));
        long failures = jdbc.sql("""
                        select count(*) from sign_in_failure
                        where email = :email and device_nonce is not distinct from :device and failed_at > :since
                        """)
                .param("email", email)
                .param("device", deviceNonce)
                .param("since", Timestamp.from(since))
                .query(Long.class)
                .single();
        if (failures >= limit) {
            jdbc.sql("""
                            insert into sign_in_lockout (lock_key, locked_until) values (:key, :until)
                            on conflict (lock_key) do update set locked_until = excluded.locked_until
                            """)
                    .param("key", key)
                    .param("until", Timestamp.from(now.plus(LOCK_PERIOD)))
                    .update();
        }
    }

    /** Forgets failures older than the longest window and ended lockouts; called on a schedule. */
    @Transactional
    public int purgeExpired() {
        Instant now = clock.instant();
        jdbc.sql("delete from sign_in_lockout where locked_until <= :cutoff")
                .param("cutoff", Timestamp.from(now.minus(LONG_WINDOW)))
                .update();
        return jdbc.sql("delete from sign_in_failure where failed_at <= :cutoff")
                .param("cutoff", Timestamp.from(now.minus(LONG_WINDOW)))
                .update();
    }

    private long lockedUntil(String key) {
        return jdbc.sql("select locked_until from sign_in_lockout where lock_key = :key")
                .param("key", key)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::getTime)
                .orElse(Long.MIN_VALUE);
    }

    private static String untrustedKey(String email) {
        return "untrusted:" + email;
    }

    private static String deviceKey(String nonce) {
        return "device:" + nonce;
    }
}
