package dev.flarelink.d1;

import java.util.Locale;

/**
 * The column types the "new table" form offers, each mapped to a SQLite type plus a CHECK that keeps the stored
 * values honest (NULL always passes a CHECK, so nullable columns stay nullable).
 */
public enum LogicalType {
    TEXT("Text", "TEXT", null),
    INTEGER("Integer", "INTEGER", null),
    REAL("Real", "REAL", null),
    BOOLEAN("Boolean", "BOOLEAN", "%s IN (0, 1)"),
    UUID("UUID", "TEXT", "length(%s) = 36 AND %<s NOT GLOB '*[^0-9a-fA-F-]*'"),
    JSON("JSON", "TEXT", "json_valid(%s)"),
    DATETIME("DateTime", "TEXT", "datetime(%s) IS NOT NULL"),
    EMAIL("Email", "TEXT", "%s LIKE '%%_@_%%._%%'"),
    URL("URL", "TEXT", "%s LIKE 'http://%%' OR %<s LIKE 'https://%%'");

    private final String label;
    private final String sqlType;
    private final String check;

    LogicalType(String label, String sqlType, @org.jspecify.annotations.Nullable String check) {
        this.label = label;
        this.sqlType = sqlType;
        this.check = check == null ? "" : check;
    }

    public String label() {
        return label;
    }

    String sqlType() {
        return sqlType;
    }

    /** The CHECK constraint for a column (its quoted name filled in), or empty. */
    String check(String quotedColumn) {
        return check.isEmpty() ? "" : " CHECK (" + String.format(Locale.ROOT, check, quotedColumn) + ")";
    }

    /** The DEFAULT clause for a typed default, as a literal (DDL cannot bind parameters). */
    String defaultClause(String value) {
        String v = value.strip();
        if (this == DATETIME && v.equalsIgnoreCase("now")) {
            return " DEFAULT CURRENT_TIMESTAMP";
        }
        if (this == INTEGER || this == BOOLEAN) {
            try {
                return " DEFAULT " + Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw DatabaseProblemException.of("The default of a whole-number column must be a whole number.");
            }
        }
        if (this == REAL) {
            try {
                double d = Double.parseDouble(v);
                if (Double.isFinite(d)) {
                    return " DEFAULT " + d;
                }
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
            throw DatabaseProblemException.of("The default of a Real column must be a number.");
        }
        return " DEFAULT " + SqlIdentifiers.literal(value);
    }
}
