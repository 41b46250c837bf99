package dev.flarelink.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset by a link sent by e-mail: a random token, of which only the SHA-256 is kept, valid once for
 * {@link #VALID_FOR}. At most {@link #PER_WINDOW} links per account per window, so nobody can flood an inbox.
 */
@Service
public class PasswordResetService {

    public static final Duration VALID_FOR = Duration.ofMinutes(30);
    static final int PER_WINDOW = 3;

    /** A link to send: who to, and the token it carries (never stored, logged or shown anywhere else). */
    public record ResetLink(UUID userId, String email, String token) {

        @Override
        public String toString() {
            return "ResetLink[userId=" + userId + ", <redacted>]";
        }
    }

    private final JdbcClient jdbc;
    private final UserAccountRepository accounts;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PasswordResetService(
            JdbcClient jdbc,
            UserAccountRepository accounts,
            PasswordHasher hasher,
            PasswordPolicy policy,
            Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.hasher = hasher;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Makes a reset link for the account of {@code rawEmail}, if there is one and it has not had {@link #PER_WINDOW}
     * links in the last {@link #VALID_FOR}. Callers answer the same whatever this returns.
     */
    @Transactional
    public Optional<ResetLink> issue(String rawEmail) {
        Optional<UserAccount> account = accounts.findByEmail(EmailAddress.normalise(rawEmail));
        if (account.isEmpty()) {
            return Optional.empty();
        }
        UUID userId = account.get().getId();
        Instant now = clock.instant();
        long recent = jdbc.sql("select count(*) from password_reset_token where user_id = :u and created_at > :since")
                .param("u", userId)
                .param("since", Timestamp.from(now.minus(VALID_FOR)))
                .query(Long.class)
                .single();
        if (recent >= PER_WINDOW) {
            return Optional.empty();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("insert into password_reset_token (token_hash, user_id, created_at, expires_at) "
                        + "values (:h, :u, :now, :expires)")
                .param("h", sha256(token))
                .param("u", userId)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(now.plus(VALID_FOR)))
                .update();
        return Optional.of(new ResetLink(userId, account.get().getEmail(), token));
    }

    /**
     * Sets a new password with a link's token, and uses the token up (with every other link of the account).
     *
     * @return the account, whose other sessions the caller ends
     * @throws AccountProblemException naming {@code token} (expired, used or unknown) or {@code password} (refused)
     */
    @Transactional
    public AccountView reset(String token, String newPassword) {
        UUID userId = usable(token)
                .orElseThrow(() -> new AccountProblemException(
                        "token", "This link has expired or was used already. Ask for a new one."));
        UserAccount account = accounts.findById(userId).orElseThrow(() -> AccountNotFoundException.forId(userId));
        policy.problemWith(newPassword, account.getEmail()).ifPresent(problem -> {
            throw AccountProblemException.password(problem);
        });
        Instant now = clock.instant();
        int used = jdbc.sql("update password_reset_token set used_at = :now "
                        + "where token_hash = :h and used_at is null and expires_at > :now")
                .param("now", Timestamp.from(now))
                .param("h", sha256(token))
                .update();
        if (used != 1) {
            // Used by a concurrent request in the meantime.
            throw new AccountProblemException("token", "This link has expired or was used already. Ask for a new one.");
        }
        jdbc.sql("update password_reset_token set used_at = :now where user_id = :u and used_at is null")
                .param("now", Timestamp.from(now))
                .param("u", userId)
                .update();
        accounts.changePasswordHash(userId, hasher.hash(newPassword), now);
        return AccountView.of(account);
    }

    private Optional<UUID> usable(String token) {
        if (token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select user_id from password_reset_token "
                        + "where token_hash = :h and used_at is null and expires_at > :now")
                .param("h", sha256(token))
                .param("now", Timestamp.from(clock.instant()))
                .query(UUID.class)
                .optional();
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
