package dev.flarelink.d1;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Opaque, URL-safe tokens naming one row: its primary key values, or its rowid. */
final class RowKeys {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RowKeys() {}

    static String encode(List<@Nullable Object> values) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(values));
    }

    /** @throws DatabaseNotFoundException when the token is malformed or has the wrong number of values */
    static List<@Nullable Object> decode(String token, int expected) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            List<?> values = JSON.readValue(json, List.class);
            if (values.size() != expected) {
                throw DatabaseNotFoundException.forRow();
            }
            List<@Nullable Object> out = new ArrayList<>();
            for (Object v : values) {
                if (v != null && !(v instanceof Number) && !(v instanceof String) && !(v instanceof List<?>)) {
                    throw DatabaseNotFoundException.forRow();
                }
                out.add(SqlValues.normalise(v));
            }
            return out;
        } catch (IllegalArgumentException | JacksonException | ClassCastException malformed) {
            throw DatabaseNotFoundException.forRow();
        }
    }
}
