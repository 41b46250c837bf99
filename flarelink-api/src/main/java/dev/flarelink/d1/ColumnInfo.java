package dev.flarelink.d1;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One column of a table, as {@code PRAGMA table_info} reports it.
 *
 * @param index position in the table (0-based)
 * @param declaredType the type as written in {@code CREATE TABLE} (may be empty)
 * @param defaultValue the default as SQL text, if any
 * @param primaryKeyPosition 1-based position in the primary key, 0 when not part of it
 */
public record ColumnInfo(
        int index,
        String name,
        String declaredType,
        boolean notNull,
        @Nullable String defaultValue,
        int primaryKeyPosition) {

    public Affinity affinity() {
        return Affinity.of(declaredType);
    }

    public boolean primaryKey() {
        return primaryKeyPosition > 0;
    }

    /** A declared BOOLEAN/BOOL column (SQLite stores 0/1): the form offers a yes/no choice. */
    public boolean booleanLike() {
        return declaredType.toUpperCase(Locale.ROOT).startsWith("BOOL");
    }

    /** The kind of form input suited to this column: {@code number}, {@code decimal}, {@code boolean},
     * {@code hex} or {@code text}. */
    public String inputKind() {
        if (booleanLike()) {
            return "boolean";
        }
        return switch (affinity()) {
            case INTEGER -> "number";
            case REAL, NUMERIC -> "decimal";
            case BLOB -> declaredType.isBlank() ? "text" : "hex";
            case TEXT -> "text";
        };
    }
}
