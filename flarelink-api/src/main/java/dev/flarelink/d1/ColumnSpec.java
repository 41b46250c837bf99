package dev.flarelink.d1;

import org.jspecify.annotations.Nullable;

/**
 * A column to create.
 *
 * @param defaultValue a default typed as the user would write it ({@code now} for a DateTime), or null
 */
public record ColumnSpec(
        String name,
        LogicalType type,
        boolean notNull,
        boolean primaryKey,
        @Nullable String defaultValue) {

    /** The column's definition in CREATE TABLE / ADD COLUMN. */
    String definition(boolean inlinePrimaryKey) {
        String column = SqlIdentifiers.quote(name);
        StringBuilder sql = new StringBuilder(column).append(' ').append(type.sqlType());
        if (primaryKey && inlinePrimaryKey) {
            sql.append(" PRIMARY KEY");
        }
        if (notNull) {
            sql.append(" NOT NULL");
        }
        if (defaultValue != null && !defaultValue.isBlank()) {
            sql.append(type.defaultClause(defaultValue));
        }
        return sql.append(type.check(column)).toString();
    }
}
