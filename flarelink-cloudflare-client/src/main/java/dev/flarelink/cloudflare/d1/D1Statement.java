package dev.flarelink.cloudflare.d1;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One SQL statement with positional parameters ({@code ?} / {@code ?NNN}); at most 100 parameters and 100 KB of
 * SQL per statement (P8).
 *
 * @param sql the statement (may hold several, joined by semicolons)
 * @param params bound values: strings, numbers, booleans or nulls
 */
public record D1Statement(String sql, List<@Nullable Object> params) {

    public D1Statement {
        if (sql.isBlank()) {
            throw new IllegalArgumentException("sql must not be blank");
        }
        params = Collections.unmodifiableList(new java.util.ArrayList<>(params));
    }

    public static D1Statement of(String sql, @Nullable Object... params) {
        return new D1Statement(sql, Arrays.asList(params));
    }

    @Override
    public String toString() {
        // Bound values may be user data: keep them out of logs.
        return "D1Statement[sql=" + sql + ", params=" + params.size() + "]";
    }
}
