package dev.flarelink.cloudflare;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Cloudflare API token secret; it never appears in {@code toString()}, logs or exception messages.
 */
public final class ApiToken {

    private final String value;

    private ApiToken(String value) {
        this.value = value;
    }

    /** Wraps a token value; surrounding whitespace (a common copy-paste accident) is removed. */
    @JsonCreator
    public static ApiToken of(String value) {
        Objects.requireNonNull(value, "value");
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("API token must not be blank");
        }
        return new ApiToken(trimmed);
    }

    /**
     * The secret value, for the Authorization header or for encrypting at rest only. Deliberately not a Jackson
     * {@code @JsonValue}: serialising a result that holds a token must not write the secret.
     */
    public String reveal() {
        return value;
    }

    /** The token kind told by its documented prefix ({@code cfut_} user, {@code cfat_} account). */
    public Kind kind() {
        if (value.startsWith("cfut_")) {
            return Kind.USER;
        }
        if (value.startsWith("cfat_")) {
            return Kind.ACCOUNT;
        }
        return Kind.UNKNOWN;
    }

    /**
     * A stable, non-reversible identifier (SHA-256 prefix) used to key per-token state such as the rate limiter.
     */
    public String fingerprint() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * The S3 secret access key R2 derives from this token: lowercase hex SHA-256 of the value (reference §8.8).
     */
    public String r2SecretAccessKey() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiToken token
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), token.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "ApiToken[redacted]";
    }

    /** What the token's prefix says about who owns it. */
    public enum Kind {
        USER,
        ACCOUNT,
        UNKNOWN
    }
}
