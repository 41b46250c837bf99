package dev.flarelink.cloudflare.d1;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The result of one statement of {@code /query}: rows as column-name maps.
 *
 * @param success whether the statement succeeded
 * @param results rows (empty for DDL/DML)
 * @param meta execution metadata
 */
public record D1QueryResult(
        boolean success,
        List<Map<String, @Nullable Object>> results,
        @Nullable D1Meta meta) {

    public D1QueryResult {
        results = results == null ? List.of() : results;
    }
}
