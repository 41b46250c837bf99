package dev.flarelink.d1;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A position in a sorted table: the sort value and key values of one row, URL-safe. A cursor made for another sort
 * is ignored (the grid starts again at the first page) rather than misread.
 */
final class RowCursor {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RowCursor() {}

    static String encode(@Nullable String sortColumn, boolean descending, List<@Nullable Object> values) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("s", sortColumn);
        body.put("d", descending);
        body.put("v", values);
        byte[] json = JSON.writeValueAsBytes(body);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    /** The cursor's values, or null when it is malformed or belongs to another sort or key. */
    static @Nullable List<@Nullable Object> decode(
            @Nullable String cursor, @Nullable String sortColumn, boolean descending, int expectedValues) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(cursor);
            Map<?, ?> body = JSON.readValue(new String(json, StandardCharsets.UTF_8), Map.class);
            if (!Objects.equals(body.get("s"), sortColumn)
                    || !Objects.equals(body.get("d"), descending)
                    || !(body.get("v") instanceof List<?> values)
                    || values.size() != expectedValues
                    || !values.stream().allMatch(RowCursor::bindable)) {
                return null;
            }
            List<@Nullable Object> out = new ArrayList<>();
            values.forEach(v -> out.add(SqlValues.normalise(v)));
            return out;
        } catch (IllegalArgumentException | JacksonException malformed) {
            return null;
        }
    }

    private static boolean bindable(@Nullable Object value) {
        if (value instanceof List<?> bytes) {
            return bytes.stream().allMatch(b -> b instanceof Integer);
        }
        return value == null || value instanceof Number || value instanceof String;
    }
}
