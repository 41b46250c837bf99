package dev.flarelink.d1;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What generated SQL needs to know of a table: its columns and whether it has a rowid. Rows are ordered (and pages
 * cut) by the rowid, or by the primary key of a {@code WITHOUT ROWID} table; a row is identified for edits by its
 * primary key, or by its rowid when the table has none.
 */
public record TableShape(String name, List<ColumnInfo> columns, boolean withoutRowid) {

    static final String ROWID_ALIAS = "__flarelink_rowid";

    public TableShape {
        columns = List.copyOf(columns);
    }

    public List<ColumnInfo> primaryKey() {
        return columns.stream()
                .filter(ColumnInfo::primaryKey)
                .sorted(Comparator.comparingInt(ColumnInfo::primaryKeyPosition))
                .toList();
    }

    /** Whether rows are identified by their rowid (no primary key). */
    public boolean editedByRowid() {
        return primaryKey().isEmpty();
    }

    public Optional<ColumnInfo> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** The rowid's name in SQL: {@code rowid}, or {@code _rowid_}/{@code oid} when a column shadows it. */
    String rowidExpression() {
        for (String candidate : List.of("rowid", "_rowid_", "oid")) {
            if (columns.stream().noneMatch(c -> c.name().equalsIgnoreCase(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("table shadows every rowid alias");
    }

    /** SQL expressions of the ordering key (unique and non-null). */
    List<String> orderKey() {
        if (!withoutRowid) {
            return List.of(rowidExpression());
        }
        return primaryKey().stream().map(c -> SqlIdentifiers.quote(c.name())).toList();
    }

    /** SQL expressions identifying one row for UPDATE/DELETE. */
    List<String> identity() {
        if (editedByRowid()) {
            return List.of(rowidExpression());
        }
        return primaryKey().stream().map(c -> SqlIdentifiers.quote(c.name())).toList();
    }

    /** Result-column names of {@link #orderKey()} in a rows query. */
    List<String> orderKeyLabels() {
        if (!withoutRowid) {
            return List.of(ROWID_ALIAS);
        }
        return primaryKey().stream().map(ColumnInfo::name).toList();
    }

    /** Result-column names of {@link #identity()} in a rows query. */
    List<String> identityLabels() {
        if (editedByRowid()) {
            return List.of(ROWID_ALIAS);
        }
        return primaryKey().stream().map(ColumnInfo::name).toList();
    }
}
