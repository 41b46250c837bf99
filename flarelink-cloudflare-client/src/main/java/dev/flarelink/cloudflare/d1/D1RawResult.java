package dev.flarelink.cloudflare.d1;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of one statement of {@code /raw}: column names and row arrays (keeps duplicate column names).
 *
 * @param success whether the statement succeeded
 * @param results columns and rows
 * @param meta execution metadata
 */
public record D1RawResult(
        boolean success, Rows results, @Nullable D1Meta meta) {

    public D1RawResult {
        results = results == null ? new Rows(List.of(), List.of()) : results;
    }

    /**
     * Column-ordered rows.
     *
     * @param columns column names
     * @param rows one list of values per row
     */
    public record Rows(List<String> columns, List<List<@Nullable Object>> rows) {
        public Rows {
            columns = columns == null ? List.of() : columns;
            rows = rows == null ? List.of() : rows;
        }
    }
}
