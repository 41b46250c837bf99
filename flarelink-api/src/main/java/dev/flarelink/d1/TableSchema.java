package dev.flarelink.d1;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A table's schema as the table page shows it.
 *
 * @param readOnlyReason why rows cannot be changed here, or null when they can
 */
public record TableSchema(
        TableShape shape,
        List<ForeignKeyInfo> foreignKeys,
        List<IndexInfo> indexes,
        @Nullable String readOnlyReason) {

    public String name() {
        return shape.name();
    }

    public List<ColumnInfo> columns() {
        return shape.columns();
    }

    public boolean readOnly() {
        return readOnlyReason != null;
    }

    /** Whether any column is NOT NULL (the schema table leaves out a column that would be empty). */
    public boolean anyNotNull() {
        return columns().stream().anyMatch(ColumnInfo::notNull);
    }

    /** Whether any column has a default. */
    public boolean anyDefault() {
        return columns().stream().anyMatch(c -> c.defaultValue() != null);
    }

    /** Whether any column is part of the primary key. */
    public boolean anyPrimaryKey() {
        return columns().stream().anyMatch(ColumnInfo::primaryKey);
    }

    /**
     * Whether sorting or filtering on {@code column} can seek instead of reading the whole table: it leads the
     * primary key, or an index that is not partial.
     */
    public boolean seekable(String column) {
        boolean leadsKey =
                shape.column(column).map(c -> c.primaryKeyPosition() == 1).orElse(false);
        return leadsKey
                || indexes.stream()
                        .anyMatch(ix -> !ix.partial()
                                && !ix.columns().isEmpty()
                                && ix.columns().get(0).equalsIgnoreCase(column));
    }

    /** The statement that gives {@code column} an index of its own (identifiers quoted). */
    public String createIndexSql(String column) {
        return "CREATE INDEX " + SqlIdentifiers.quote("idx_" + name() + "_" + column) + " ON "
                + SqlIdentifiers.quote(name()) + " (" + SqlIdentifiers.quote(column) + ")";
    }
}
