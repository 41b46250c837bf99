package dev.flarelink.d1;

import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Values as D1 returns them (Long, Double, String, null, or a BLOB as a list of byte values) turned back into
 * bound parameters. JSON cannot carry bytes, so a BLOB is bound as hex and decoded by SQLite's {@code unhex(?)}.
 */
final class SqlValues {

    private SqlValues() {}

    static String placeholder(@Nullable Object value) {
        return value instanceof List<?> || value instanceof byte[] ? "unhex(?)" : "?";
    }

    static @Nullable Object param(@Nullable Object value) {
        if (value instanceof List<?> bytes) {
            return HexFormat.of().formatHex(toBytes(bytes));
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        return value;
    }

    static byte[] toBytes(List<?> values) {
        byte[] bytes = new byte[values.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = ((Number) values.get(i)).byteValue();
        }
        return bytes;
    }

    /** D1 row values normalised: JSON integers become Long. */
    static @Nullable Object normalise(@Nullable Object value) {
        return value instanceof Integer i ? Long.valueOf(i.longValue()) : value;
    }

    /** A typed filter or form value: a number for numeric columns when it reads as one, else the text as typed. */
    static Object typed(String text, Affinity affinity) {
        if (affinity == Affinity.TEXT || affinity == Affinity.BLOB) {
            return text;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException notInteger) {
            try {
                double d = Double.parseDouble(text.strip());
                return Double.isFinite(d) ? d : text;
            } catch (NumberFormatException notNumber) {
                return text;
            }
        }
    }
}
