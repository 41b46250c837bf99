package dev.flarelink.activity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The chain's hash: SHA-256 (hex) over the previous hash and a canonical encoding of the event. Plain SHA-256, no
 * secret key, so anyone holding an export can recompute it (docs/activity-log.md describes it byte by byte).
 *
 * <p>Encoding: the fields in a fixed order, each written as {@code <length>:<value>;} where the length counts the
 * UTF-8 bytes of the value, and an absent value is written as {@code -;}. The length prefix keeps the encoding
 * unambiguous whatever the values contain.
 */
final class HashChain {

    /** The previous hash of a user's first event. */
    static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ISO_INSTANT;

    private HashChain() {}

    static String hash(String previousHash, ActivityEntry e) {
        StringBuilder canonical = new StringBuilder(512);
        field(canonical, previousHash);
        field(canonical, e.userId().toString());
        field(canonical, Long.toString(e.seq()));
        field(canonical, timestamp(e.occurredAt()));
        field(canonical, e.kind());
        field(canonical, e.action());
        field(canonical, e.connectionId() == null ? null : e.connectionId().toString());
        field(canonical, e.projectId() == null ? null : e.projectId().toString());
        field(canonical, e.method());
        field(canonical, e.path());
        field(canonical, e.resourceIds());
        field(canonical, e.status() == null ? null : e.status().toString());
        field(canonical, e.errorCodes());
        field(canonical, e.cfRay());
        field(canonical, e.durationMs() == null ? null : e.durationMs().toString());
        field(canonical, e.attempt() == null ? null : e.attempt().toString());
        field(canonical, e.outcome());
        field(canonical, e.detail());
        return sha256Hex(canonical.toString());
    }

    /** The time as it is hashed (and exported): ISO-8601 UTC, truncated to microseconds. */
    static String timestamp(java.time.Instant when) {
        return MICROS.format(when.truncatedTo(ChronoUnit.MICROS));
    }

    private static void field(StringBuilder out, @Nullable String value) {
        if (value == null) {
            out.append("-;");
            return;
        }
        out.append(value.getBytes(StandardCharsets.UTF_8).length)
                .append(':')
                .append(value)
                .append(';');
    }

    private static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
