package dev.flarelink.d1;

import dev.flarelink.cloudflare.d1.D1Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/** SQL for reading, inserting, updating and deleting single rows: identifiers quoted, every value bound. */
final class RowStatements {

    /** D1 binds at most 100 parameters per statement. */
    static final int MAX_PARAMS = 100;

    private RowStatements() {}

    static String selectList(TableShape shape) {
        StringJoiner list = new StringJoiner(", ");
        if (!shape.withoutRowid()) {
            list.add(shape.rowidExpression() + " AS " + SqlIdentifiers.quote(TableShape.ROWID_ALIAS));
        }
        shape.columns().forEach(c -> list.add(SqlIdentifiers.quote(c.name())));
        return list.toString();
    }

    static D1Statement select(TableShape shape, List<@Nullable Object> key) {
        List<@Nullable Object> params = new ArrayList<>();
        String sql = "SELECT " + selectList(shape) + " FROM " + SqlIdentifiers.quote(shape.name()) + " WHERE "
                + identityCondition(shape, key, params) + " LIMIT 1";
        return new D1Statement(sql, params);
    }

    /** {@code values}: column → value (null for NULL, byte[] for a BLOB); columns left out take their default. */
    static D1Statement insert(TableShape shape, Map<ColumnInfo, @Nullable Object> values) {
        String table = SqlIdentifiers.quote(shape.name());
        if (values.isEmpty()) {
            return D1Statement.of("INSERT INTO " + table + " DEFAULT VALUES");
        }
        StringJoiner columns = new StringJoiner(", ", "(", ")");
        StringJoiner placeholders = new StringJoiner(", ", "(", ")");
        List<@Nullable Object> params = new ArrayList<>();
        values.forEach((column, value) -> {
            columns.add(SqlIdentifiers.quote(column.name()));
            placeholders.add(SqlValues.placeholder(value));
            params.add(SqlValues.param(value));
        });
        return new D1Statement("INSERT INTO " + table + " " + columns + " VALUES " + placeholders, params);
    }

    /** One multi-row INSERT; the caller keeps {@code rows × columns} within {@link #MAX_PARAMS}. */
    static D1Statement insertMany(TableShape shape, List<ColumnInfo> columns, List<List<@Nullable Object>> rows) {
        StringJoiner names = new StringJoiner(", ", "(", ")");
        columns.forEach(c -> names.add(SqlIdentifiers.quote(c.name())));
        StringJoiner tuples = new StringJoiner(", ");
        List<@Nullable Object> params = new ArrayList<>();
        for (List<@Nullable Object> row : rows) {
            StringJoiner tuple = new StringJoiner(", ", "(", ")");
            for (Object value : row) {
                tuple.add(SqlValues.placeholder(value));
                params.add(SqlValues.param(value));
            }
            tuples.add(tuple.toString());
        }
        return new D1Statement(
                "INSERT INTO " + SqlIdentifiers.quote(shape.name()) + " " + names + " VALUES " + tuples, params);
    }

    static D1Statement update(TableShape shape, List<@Nullable Object> key, Map<ColumnInfo, @Nullable Object> values) {
        StringJoiner sets = new StringJoiner(", ");
        List<@Nullable Object> params = new ArrayList<>();
        values.forEach((column, value) -> {
            sets.add(SqlIdentifiers.quote(column.name()) + " = " + SqlValues.placeholder(value));
            params.add(SqlValues.param(value));
        });
        String sql = "UPDATE " + SqlIdentifiers.quote(shape.name()) + " SET " + sets + " WHERE "
                + identityCondition(shape, key, params);
        return new D1Statement(sql, params);
    }

    /** One DELETE per chunk of keys, so that no statement binds more than 100 values; run them as one batch. */
    static List<D1Statement> delete(TableShape shape, List<List<@Nullable Object>> keys) {
        int perKey = shape.identity().size();
        int chunk = Math.max(1, MAX_PARAMS / perKey);
        List<D1Statement> statements = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += chunk) {
            List<List<@Nullable Object>> part = keys.subList(from, Math.min(keys.size(), from + chunk));
            List<@Nullable Object> params = new ArrayList<>();
            StringJoiner any = new StringJoiner(" OR ");
            part.forEach(key -> any.add("(" + identityCondition(shape, key, params) + ")"));
            statements.add(
                    new D1Statement("DELETE FROM " + SqlIdentifiers.quote(shape.name()) + " WHERE " + any, params));
        }
        return statements;
    }

    private static String identityCondition(
            TableShape shape, List<@Nullable Object> key, List<@Nullable Object> params) {
        List<String> columns = shape.identity();
        StringJoiner condition = new StringJoiner(" AND ");
        for (int i = 0; i < columns.size(); i++) {
            condition.add(columns.get(i) + " IS " + SqlValues.placeholder(key.get(i)));
            params.add(SqlValues.param(key.get(i)));
        }
        return condition.toString();
    }
}
