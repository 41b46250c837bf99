package dev.flarelink.d1.web;

import dev.flarelink.d1.CellView;
import dev.flarelink.d1.ColumnInfo;
import dev.flarelink.d1.FieldInput;
import dev.flarelink.d1.WriteRowCommand;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * The row form: per column index a mode ({@code value}, {@code null}, {@code default}) and a text. Fields are named
 * by column index ({@code mode_3}, {@code value_3}), never by column name.
 */
public final class RowForm {

    private final Map<Integer, String> modes = new HashMap<>();
    private final Map<Integer, String> values = new HashMap<>();

    static RowForm fromRequest(List<ColumnInfo> columns, MultiValueMap<String, String> params) {
        RowForm form = new RowForm();
        for (ColumnInfo column : columns) {
            int i = column.index();
            String mode = params.getFirst("mode_" + i);
            form.modes.put(i, mode == null ? "value" : mode.toLowerCase(Locale.ROOT));
            String value = params.getFirst("value_" + i);
            form.values.put(i, value == null ? "" : value);
        }
        return form;
    }

    /** A blank insert form: columns with a default (or the rowid alias) start on "default". */
    static RowForm blank(List<ColumnInfo> columns) {
        RowForm form = new RowForm();
        for (ColumnInfo column : columns) {
            boolean rowidAlias = column.primaryKey() && column.declaredType().equalsIgnoreCase("INTEGER");
            form.modes.put(column.index(), column.defaultValue() != null || rowidAlias ? "default" : "value");
            form.values.put(column.index(), "");
        }
        return form;
    }

    static RowForm of(List<ColumnInfo> columns, List<CellView> cells) {
        RowForm form = new RowForm();
        for (ColumnInfo column : columns) {
            CellView cell = cells.get(column.index());
            form.modes.put(column.index(), cell.isNull() ? "null" : "value");
            form.values.put(column.index(), cell.full());
        }
        return form;
    }

    WriteRowCommand toCommand(String table, @Nullable String key) {
        Map<Integer, FieldInput> fields = new HashMap<>();
        modes.forEach((i, mode) -> fields.put(i, new FieldInput(mode(mode), values.getOrDefault(i, ""))));
        return new WriteRowCommand(table, key, fields);
    }

    private static FieldInput.Mode mode(String mode) {
        return switch (mode) {
            case "null" -> FieldInput.Mode.NULL;
            case "default" -> FieldInput.Mode.DEFAULT;
            default -> FieldInput.Mode.VALUE;
        };
    }

    public String mode(int index) {
        return modes.getOrDefault(index, "value");
    }

    public String value(int index) {
        return values.getOrDefault(index, "");
    }
}
