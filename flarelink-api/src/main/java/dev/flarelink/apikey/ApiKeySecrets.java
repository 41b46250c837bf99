package dev.flarelink.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Makes and hashes keys. A key is {@code flk_} and 64 hex digits (32 bytes of {@link SecureRandom}); only its SHA-256
 * is stored. A pepper (HMAC) would not add strength against guessing a 256-bit random value, and would be one more
 * secret every node must share and that could never be rotated without revoking every key.
 */
final class ApiKeySecrets {

    static final String PREFIX = "flk_";
    static final int RANDOM_BYTES = 32;
    /** {@code flk_} and 8 hex digits: shown on the page and in the Activity log to recognise a key. */
    static final int SHOWN_PREFIX_LENGTH = PREFIX.length() + 8;

    private static final Pattern SHAPE = Pattern.compile("flk_[0-9a-f]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {}

    static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + HexFormat.of().formatHex(bytes);
    }

    /** Whether {@code presented} has a key's shape; anything else is refused without touching the database. */
    static boolean wellFormed(String presented) {
        return SHAPE.matcher(presented).matches();
    }

    static String sha256(String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    static String shownPrefix(String key) {
        return key.substring(0, SHOWN_PREFIX_LENGTH);
    }
}
