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
}
