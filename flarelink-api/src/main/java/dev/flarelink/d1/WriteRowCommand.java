package dev.flarelink.d1;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Insert a row ({@code key} null) or edit one.
 *
 * @param fields input per column index; a column left out is not touched (edit) or takes its default (insert)
 */
public record WriteRowCommand(String table, @Nullable String key, Map<Integer, FieldInput> fields) {

    public WriteRowCommand {
        fields = Map.copyOf(fields);
    }
}
