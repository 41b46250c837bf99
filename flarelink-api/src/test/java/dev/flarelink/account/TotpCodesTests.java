package dev.flarelink.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TOTP codes against RFC 6238 appendix B, and the ±1 step window. */
class TotpCodesTests {

    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_SEED =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T={0}")
    @CsvSource({
        "59,          94287082, 46119246, 90693936",
        "1111111109,  07081804, 68084774, 25091201",
        "1111111111,  14050471, 67062674, 99943326",
        "1234567890,  89005924, 91819424, 93441116",
        "2000000000,  69279037, 90698825, 38618901",
        "20000000000, 65353130, 77737706, 47863826"
    })
    void matchesTheRfc6238TestVectors(long unixTime, String sha1, String sha256, String sha512) {
        Instant time = Instant.ofEpochSecond(unixTime);
        assertThat(new TotpCodes(TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1, 8).codeAt(SHA1_SEED, time))
                .isEqualTo(sha1);
        assertThat(new TotpCodes(TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA256, 8)
                        .codeAt(SHA256_SEED, time))
                .isEqualTo(sha256);
        assertThat(new TotpCodes(TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA512, 8)
                        .codeAt(SHA512_SEED, time))
                .isEqualTo(sha512);
    }

    @Test
    void acceptsTheStepBeforeAndAfterNowAndNothingFurther() {
        TotpCodes codes = new TotpCodes();
        Instant now = Instant.ofEpochSecond(1_111_111_111L);
        long step = TotpCodes.stepOf(now);
        for (int offset = -3; offset <= 3; offset++) {
            String code = codes.codeAt(SHA1_SEED, now.plusSeconds(30L * offset));
            if (Math.abs(offset) <= 1) {
                assertThat(codes.matchingStep(SHA1_SEED, code, now))
                        .as("offset %d", offset)
                        .hasValue(step + offset);
            } else {
                assertThat(codes.matchingStep(SHA1_SEED, code, now))
                        .as("offset %d", offset)
                        .isEmpty();
            }
        }
    }

    @Test
    void sixDigitsBySpacesAreFineAnythingElseIsNot() {
        TotpCodes codes = new TotpCodes();
        Instant now = Instant.ofEpochSecond(1_234_567_890L);
        String code = codes.codeAt(SHA1_SEED, now);
        assertThat(code).hasSize(6).containsOnlyDigits();
        assertThat(codes.matchingStep(SHA1_SEED, code.substring(0, 3) + " " + code.substring(3), now))
                .isPresent();
        assertThat(codes.matchingStep(SHA1_SEED, "", now)).isEmpty();
        assertThat(codes.matchingStep(SHA1_SEED, code + "0", now)).isEmpty();
        assertThat(codes.matchingStep(SHA1_SEED, "abcdef", now)).isEmpty();
    }
}
