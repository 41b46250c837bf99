package dev.flarelink.d1;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Turns a D1 result row into a {@link RowView}: one cell per column and the key token for edits. */
final class RowRendering {

    private RowRendering() {}

    static RowView row(TableShape shape, Map<String, @Nullable Object> fetched) {
        Map<String, @Nullable Object> row = ConfigSecrets.maskRow(shape.name(), fetched);
        List<@Nullable Object> key = new ArrayList<>();
        shape.identityLabels().forEach(label -> key.add(SqlValues.normalise(row.get(label))));
        List<CellView> cells = shape.columns().stream()
                .map(c -> CellView.of(SqlValues.normalise(row.get(c.name()))))
                .toList();
        return new RowView(RowKeys.encode(key), cells);
    }
}
