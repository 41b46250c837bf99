package dev.flarelink.account;

import dev.flarelink.crypto.AssociatedData;
import dev.flarelink.crypto.TokenCipher;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.commons.codec.binary.Base32;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two-factor sign-in with a TOTP app: enrolment (secret, QR, first code), the second step of a sign-in, recovery
 * codes, and turning it off. Secrets are kept encrypted and bound to their owner; recovery codes only as hashes.
 */
@Service
public class TwoFactorService {

    static final String PURPOSE = "totp-secret";
    static final int SECRET_BYTES = 20;
    static final int RECOVERY_CODES = 10;
    private static final String ISSUER = "Flarelink";
    // No 0/1/8/9 lookalikes to mistype: Base32's own alphabet, in groups of five.
    private static final String RECOVERY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final JdbcClient jdbc;
    private final TokenCipher cipher;
    private final SignInThrottle throttle;
    private final Clock clock;
    private final TotpCodes codes = new TotpCodes();
    private final SecureRandom random = new SecureRandom();

    TwoFactorService(JdbcClient jdbc, TokenCipher cipher, SignInThrottle throttle, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** Whether the account's sign-in asks for a code after the password. */
    @Transactional(readOnly = true)
    public boolean isEnabled(UUID userId) {
        return jdbc.sql("select count(*) from totp_factor where user_id = :u and confirmed_at is not null")
                        .param("u", userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Recovery codes not used yet. */
    @Transactional(readOnly = true)
    public int recoveryCodesLeft(UUID userId) {
        return jdbc.sql("select count(*) from recovery_code where user_id = :u and used_at is null")
                .param("u", userId)
                .query(Integer.class)
                .single();
    }

    /**
     * Starts (or starts over) an enrolment with a fresh secret; two-factor is not on until {@link #confirm}.
     *
     * @throws AccountProblemException when two-factor is already on
     */
    @Transactional
    public TotpEnrolment start(UUID userId, String email) {
        if (isEnabled(userId)) {
            throw new AccountProblemException("code", "Two-factor sign-in is already on. Turn it off first.");
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String encrypted = cipher.encrypt(secret, aad(userId));
        jdbc.sql("""
                        insert into totp_factor (user_id, secret_encrypted, created_at) values (:u, :s, :now)
                        on conflict (user_id) do update set secret_encrypted = excluded.secret_encrypted,
                          created_at = excluded.created_at, confirmed_at = null, last_used_step = -1
                        """)
                .param("u", userId)
                .param("s", encrypted)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return enrolment(email, secret);
    }

    /** The enrolment started and not yet confirmed, to show its QR code again. */
    @Transactional(readOnly = true)
    public Optional<TotpEnrolment> pending(UUID userId, String email) {
        return jdbc.sql("select secret_encrypted from totp_factor where user_id = :u and confirmed_at is null")
                .param("u", userId)
                .query(String.class)
                .optional()
                .map(encrypted -> enrolment(email, decrypt(userId, encrypted)));
    }

    /**
     * Turns two-factor on once the user typed a right code from the app, and makes ten recovery codes.
     *
     * @return the recovery codes, to show once: only their hashes are kept
     * @throws AccountProblemException when nothing was started or the code is not right
     */
    @Transactional
    public List<String> confirm(UUID userId, String typedCode) {
        String encrypted = jdbc.sql(
                        "select secret_encrypted from totp_factor where user_id = :u and confirmed_at is null for update")
                .param("u", userId)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new AccountProblemException(
                        "code", "Start again: choose Set up two-factor to get a new QR code."));
        byte[] secret = decrypt(userId, encrypted);
        try {
            Instant now = clock.instant();
            OptionalLong step = codes.matchingStep(secret, typedCode, now);
            if (step.isEmpty()) {
                throw new AccountProblemException(
                        "code",
                        "That code is not right. Type the 6 digits your app shows now for Flarelink; "
                                + "if it keeps failing, check that the phone's clock is set automatically.");
            }
            jdbc.sql("update totp_factor set confirmed_at = :now, last_used_step = :step where user_id = :u")
                    .param("now", Timestamp.from(now))
                    .param("step", step.getAsLong())
                    .param("u", userId)
                    .update();
            return newRecoveryCodes(userId);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Checks the second step of a sign-in: a code from the app (each usable once) or an unused recovery code. A
     * wrong code counts toward the sign-in throttle like a wrong password.
     *
     * @throws SignInThrottledException when too many attempts failed recently
     */
    @Transactional
    public SecondFactorResult verify(UUID userId, String email, String typed, String clientAddress) {
        String key = EmailAddress.normalise(email);
        // Checked and recorded under the throttle's locks, as a password attempt is: parallel guesses queue up.
        // A second step is not a trusted browser yet, so it spends the account's untrusted allowance.
        throttle.lock(key, clientAddress);
        if (throttle.isRefused(key, clientAddress, null)) {
            throw new SignInThrottledException();
        }
        SecondFactorResult result = check(userId, typed);
        if (result == SecondFactorResult.REFUSED) {
            throttle.recordFailure(key, clientAddress, null);
        }
        return result;
    }

    /**
     * Turns two-factor off after a fresh code (from the app or a recovery code): secret and recovery codes are
     * deleted.
     *
     * @throws AccountProblemException when the code is not right
     */
    @Transactional
    public void disable(UUID userId, String typed) {
        if (check(userId, typed) == SecondFactorResult.REFUSED) {
            throw new AccountProblemException(
                    "code", "That code is not right. Type a current code from your app, or a recovery code.");
        }
        jdbc.sql("delete from recovery_code where user_id = :u")
                .param("u", userId)
                .update();
        jdbc.sql("delete from totp_factor where user_id = :u")
                .param("u", userId)
                .update();
    }

    private SecondFactorResult check(UUID userId, String typed) {
        Optional<String> encrypted = jdbc.sql(
                        "select secret_encrypted from totp_factor where user_id = :u and confirmed_at is not null")
                .param("u", userId)
                .query(String.class)
                .optional();
        if (encrypted.isEmpty()) {
            return SecondFactorResult.REFUSED;
        }
        byte[] secret = decrypt(userId, encrypted.get());
        try {
            OptionalLong step = codes.matchingStep(secret, typed, clock.instant());
            if (step.isPresent()) {
                // Single use: only a step later than the last one used moves the mark, atomically across nodes.
                int moved = jdbc.sql("update totp_factor set last_used_step = :step "
                                + "where user_id = :u and last_used_step < :step")
                        .param("step", step.getAsLong())
                        .param("u", userId)
                        .update();
                return moved == 1 ? SecondFactorResult.TOTP : SecondFactorResult.REFUSED;
            }
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        String normalised = normaliseRecoveryCode(typed);
        if (normalised.length() != 10) {
            return SecondFactorResult.REFUSED;
        }
        int used = jdbc.sql("update recovery_code set used_at = :now "
                        + "where user_id = :u and code_hash = :h and used_at is null")
                .param("now", Timestamp.from(clock.instant()))
                .param("u", userId)
                .param("h", sha256(normalised))
                .update();
        return used == 1 ? SecondFactorResult.RECOVERY_CODE : SecondFactorResult.REFUSED;
    }

    private List<String> newRecoveryCodes(UUID userId) {
        jdbc.sql("delete from recovery_code where user_id = :u")
                .param("u", userId)
                .update();
        List<String> shown = new ArrayList<>(RECOVERY_CODES);
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder(11);
            for (int c = 0; c < 10; c++) {
                if (c == 5) {
                    code.append('-');
                }
                code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
            }
            shown.add(code.toString());
            jdbc.sql("insert into recovery_code (user_id, code_hash) values (:u, :h)")
                    .param("u", userId)
                    .param("h", sha256(normaliseRecoveryCode(code.toString())))
                    .update();
        }
        return List.copyOf(shown);
    }

    static String normaliseRecoveryCode(String typed) {
        return typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    private TotpEnrolment enrolment(String email, byte[] secret) {
        String base32 = new Base32().encodeToString(secret).replace("=", "");
        Arrays.fill(secret, (byte) 0);
        String label = encode(ISSUER + ":" + email);
        String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + encode(ISSUER)
                + "&algorithm=SHA1&digits=6&period=30";
        return new TotpEnrolment(base32, uri);
    }

    private byte[] decrypt(UUID userId, String encrypted) {
        return cipher.decrypt(encrypted, aad(userId));
    }

    private static AssociatedData aad(UUID userId) {
        return AssociatedData.of(PURPOSE, "user", userId.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
