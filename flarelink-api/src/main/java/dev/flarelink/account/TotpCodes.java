package dev.flarelink.account;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP codes as RFC 6238 defines them and every authenticator app computes them: HMAC-SHA1, 30-second steps, six
 * digits (java-otp does the arithmetic). A code of the step before or after now is accepted too, for clock drift.
 */
public final class TotpCodes {

    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;

    private final TimeBasedOneTimePasswordGenerator generator;

    public TotpCodes() {
        this(TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1, DIGITS);
    }

    /** Another algorithm or length: RFC 6238's test vectors are eight digits, in SHA-1, SHA-256 and SHA-512. */
    public TotpCodes(String algorithm, int digits) {
        this.generator = new TimeBasedOneTimePasswordGenerator(STEP, digits, algorithm);
    }

    /** The code for {@code secret} at {@code time}, zero-padded. */
    public String codeAt(byte[] secret, Instant time) {
        try {
            return generator.generateOneTimePasswordString(
                    new SecretKeySpec(secret, generator.getAlgorithm()), time, java.util.Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("A TOTP secret of " + secret.length + " bytes was refused", e);
        }
    }

    /** The step number of {@code time} (Unix time / 30 s). */
    public static long stepOf(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP.toSeconds());
    }

    /** The step (now, one before or one after) whose code {@code typed} is, if any. */
    OptionalLong matchingStep(byte[] secret, String typed, Instant now) {
        String code = typed.replaceAll("\\s", "");
        if (!code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long current = stepOf(now);
        // All three are computed and compared in constant time, so timing does not say which step matched.
        long found = -1;
        for (long step = current - 1; step <= current + 1; step++) {
            String expected = codeAt(secret, Instant.ofEpochSecond(step * STEP.toSeconds()));
            if (java.security.MessageDigest.isEqual(
                    expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    code.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                found = step;
            }
        }
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }
}
