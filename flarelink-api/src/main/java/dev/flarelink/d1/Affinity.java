package dev.flarelink.d1;

import java.util.Locale;

/** SQLite's column affinity, derived from a declared type by the rules of "Datatypes In SQLite" §3.1. */
public enum Affinity {
    INTEGER,
    TEXT,
    BLOB,
    REAL,
    NUMERIC;

    /** The affinity SQLite gives a column declared with {@code declaredType}. */
    public static Affinity of(String declaredType) {
        String type = declaredType.toUpperCase(Locale.ROOT);
        if (type.contains("INT")) {
            return INTEGER;
        }
        if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
            return TEXT;
        }
        if (type.contains("BLOB") || type.isBlank()) {
            return BLOB;
        }
        if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB")) {
            return REAL;
        }
        return NUMERIC;
    }
}
