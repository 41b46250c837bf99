package dev.flarelink.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The context a token is bound to (a purpose plus named identifiers such as user and connection id): decryption
 * succeeds only with exactly the same purpose and fields, so a ciphertext copied to another row, user or purpose
 * fails. Values are identifiers, not secrets: like a KMS encryption context they may appear in logs.
 *
 * <p>The canonical encoding is independent of the order fields were added in (fields are sorted by name) and is
 * length-prefixed, so no two different field sets encode to the same bytes.
 */
public final class AssociatedData {

    private final String purpose;
    private final SortedMap<String, String> fields;

    private AssociatedData(String purpose, SortedMap<String, String> fields) {
        this.purpose = purpose;
        this.fields = Collections.unmodifiableSortedMap(fields);
    }

    /**
     * Builds associated data from a purpose and name/value pairs, e.g. {@code of("cloudflare-token", "user", userId,
     * "connection", connectionId)}.
     */
    public static AssociatedData of(String purpose, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Associated data needs name/value pairs, got an odd number of strings");
        }
        Builder builder = forPurpose(purpose);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.with(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    /** Starts a builder for the given purpose, e.g. {@code "cloudflare-token"}. */
    public static Builder forPurpose(String purpose) {
        return new Builder(requireText("purpose", purpose));
    }

    /** The purpose this data was built for. */
    public String purpose() {
        return purpose;
    }

    /** The named fields, sorted by name. */
    public Map<String, String> fields() {
        return fields;
    }

    /**
     * Canonical bytes: {@code "flarelink-ad-v1"}, the purpose, the field count, then each name and value, every
     * string written as a 4-byte big-endian length followed by its UTF-8 bytes.
     */
    byte[] canonicalBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        writeString(out, "flarelink-ad-v1");
        writeString(out, purpose);
        writeInt(out, fields.size());
        fields.forEach((name, value) -> {
            writeString(out, name);
            writeString(out, value);
        });
        return out.toByteArray();
    }

    static void writeString(ByteArrayOutputStream out, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeInt(out, utf8.length);
        out.write(utf8, 0, utf8.length);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(ByteBuffer.allocate(Integer.BYTES).putInt(value).array(), 0, Integer.BYTES);
    }

    private static String requireText(String what, @Nullable String value) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("Associated data " + what + " must not be empty");
        }
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(value)) {
            // An unpaired surrogate would encode as '?', making two different strings encode alike.
            throw new IllegalArgumentException("Associated data " + what + " is not well-formed Unicode");
        }
        return value;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof AssociatedData that && purpose.equals(that.purpose) && fields.equals(that.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(purpose, fields);
    }

    @Override
    public String toString() {
        return "AssociatedData[purpose=" + purpose + ", " + fields + "]";
    }

    /** Collects the named fields of an {@link AssociatedData}; names must be unique and values non-empty. */
    public static final class Builder {

        private final String purpose;
        private final SortedMap<String, String> fields = new TreeMap<>();

        private Builder(String purpose) {
            this.purpose = purpose;
        }

        /** Adds one field; a repeated name is rejected rather than silently overwritten. */
        public Builder with(String name, String value) {
            requireText("field name", name);
            requireText("value of '" + name + "'", value);
            if (fields.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("Associated data field '" + name + "' given twice");
            }
            return this;
        }

        /** Adds a numeric identifier field. */
        public Builder with(String name, long value) {
            return with(name, Long.toString(value));
        }

        public AssociatedData build() {
            return new AssociatedData(purpose, new TreeMap<>(fields));
        }
    }
}
