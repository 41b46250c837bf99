package dev.flarelink.account;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Confirms that an account's owner reads its e-mail address (when mail is configured): a link with a random token,
 * of which only the SHA-256 is kept, valid once for {@link #VALID_FOR}; at most 3 links per account per 30 minutes.
 */
@Service
public class EmailVerificationService {

    public static final Duration VALID_FOR = Duration.ofHours(24);
    private static final Duration WINDOW = Duration.ofMinutes(30);
    private static final int PER_WINDOW = 3;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    EmailVerificationService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public boolean isVerified(UUID userId) {
        return jdbc.sql("select email_verified_at is not null from user_account where id = :u")
                .param("u", userId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** A token for a new link, unless the address is verified or had {@value #PER_WINDOW} links lately. */
    @Transactional
    public Optional<String> issue(UUID userId) {
        Instant now = clock.instant();
        long recent = jdbc.sql(
                        "select count(*) from email_verification_token where user_id = :u and created_at > :since")
                .param("u", userId)
                .param("since", Timestamp.from(now.minus(WINDOW)))
                .query(Long.class)
                .single();
        if (recent >= PER_WINDOW || isVerified(userId)) {
            return Optional.empty();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("insert into email_verification_token (token_hash, user_id, created_at, expires_at) "
                        + "values (:h, :u, :now, :expires)")
                .param("h", PasswordResetService.sha256(token))
                .param("u", userId)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(now.plus(VALID_FOR)))
                .update();
        return Optional.of(token);
    }

    /**
     * Marks the address of the token's account as verified, using the token up.
     *
     * @return the account, or empty when the token is unknown, used or expired
     */
    @Transactional
    public Optional<UUID> verify(String token) {
        if (token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<UUID> user = jdbc.sql("update email_verification_token set used_at = :now "
                        + "where token_hash = :h and used_at is null and expires_at > :now returning user_id")
                .param("now", Timestamp.from(now))
                .param("h", PasswordResetService.sha256(token))
                .query(UUID.class)
                .optional();
        user.ifPresent(id -> jdbc.sql(
                        "update user_account set email_verified_at = coalesce(email_verified_at, :now) where id = :u")
                .param("now", Timestamp.from(now))
                .param("u", id)
                .update());
        return user;
    }
}
