package dev.flarelink.d1;

import dev.flarelink.cloudflare.d1.D1Statement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Builds the grid's SQL: rows after (or before) a cursor in {@code (sort column, key)} order. It never uses OFFSET,
 * so page 10,000 costs what page 1 costs: SQLite seeks to the cursor through the rowid or primary key b-tree.
 */
final class KeysetQuery {

    static final int MAX_LIKE_BYTES = 50;

    private final TableShape shape;
    private final RowsQuery query;
    private final @Nullable ColumnInfo sort;
    private final List<@Nullable Object> params = new ArrayList<>();

    KeysetQuery(TableShape shape, RowsQuery query) {
        this.shape = shape;
        this.query = query;
        this.sort = query.sortColumn() == null
                ? null
                : shape.column(query.sortColumn())
                        .orElseThrow(() -> DatabaseProblemException.unknownColumn(query.sortColumn()));
        query.filters().forEach(this::checkFilter);
        if (query.filters().size() > RowsQuery.MAX_FILTERS) {
            throw DatabaseProblemException.of("Use at most " + RowsQuery.MAX_FILTERS + " filters at once.");
        }
    }

    /** Values in a cursor: the sort value (when sorted) then the ordering key. */
    int cursorSize() {
        return (sort == null ? 0 : 1) + shape.orderKey().size();
    }

    /**
     * The page statement; it asks for one row more than the page size, to tell whether another page follows. Each
     * condition is a row-value range, {@code (sort, key) > (?, ?)}, that SQLite answers with an index seek; where
     * the page spans the NULLs of the sort column, the two ranges are fetched separately and merged.
     */
    D1Statement rows(@Nullable List<@Nullable Object> cursor, boolean backwards) {
        params.clear();
        boolean ascending = query.descending() == backwards;
        List<String> segments = cursor == null ? List.of() : segments(cursor, ascending);
        if (segments.size() <= 1) {
            String sql = segment(segments.isEmpty() ? null : segments.get(0), ascending);
            return new D1Statement(sql, params);
        }
        String sql = "SELECT * FROM (" + segment(segments.get(0), ascending) + ") UNION ALL SELECT * FROM ("
                + segment(segments.get(1), ascending) + ") ORDER BY " + outerOrder(ascending) + " LIMIT ?";
        params.add((long) query.pageSize() + 1);
        return new D1Statement(sql, params);
    }

    private String segment(@Nullable String condition, boolean ascending) {
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(selectList())
                .append(" FROM ")
                .append(table());
        List<String> conditions = filterConditions();
        if (condition != null) {
            conditions.add(condition);
        }
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        sql.append(" ORDER BY ").append(orderBy(ascending)).append(" LIMIT ?");
        params.add((long) query.pageSize() + 1);
        return sql.toString();
    }

    /** The ranges after the cursor, in page order (NULLs sort first ascending, last descending). */
    private List<String> segments(List<@Nullable Object> cursor, boolean ascending) {
        String op = ascending ? " > " : " < ";
        if (sort == null) {
            return List.of(keyCompare(op, cursor));
        }
        String column = SqlIdentifiers.quote(sort.name());
        List<@Nullable Object> key = cursor.subList(1, cursor.size());
        if (cursor.get(0) == null) {
            String nullsAfter = column + " IS NULL AND " + keyCompare(op, key);
            return ascending ? List.of(nullsAfter, column + " IS NOT NULL") : List.of(nullsAfter);
        }
        String range = rowCompare(op, column, cursor);
        return ascending ? List.of(range) : List.of(range, column + " IS NULL");
    }

    private String rowCompare(String op, String column, List<@Nullable Object> values) {
        StringJoiner left = new StringJoiner(", ", "(", ")").add(column);
        shape.orderKey().forEach(left::add);
        StringJoiner right = new StringJoiner(", ", "(", ")");
        values.forEach(v -> right.add(bind(v)));
        return left + op + right;
    }

    private String outerOrder(boolean ascending) {
        String direction = ascending ? " ASC" : " DESC";
        StringJoiner order = new StringJoiner(", ");
        order.add(SqlIdentifiers.quote(Objects.requireNonNull(sort).name()) + direction);
        shape.orderKeyLabels().forEach(k -> order.add(SqlIdentifiers.quote(k) + direction));
        return order.toString();
    }

    /** An estimate of the table's size from the rowid range: two b-tree seeks, no scan. Null without a rowid. */
    @Nullable
    D1Statement estimate() {
        if (shape.withoutRowid()) {
            return null;
        }
        String rowid = shape.rowidExpression();
        return D1Statement.of("SELECT coalesce((SELECT max(" + rowid + ") FROM " + table() + ") - (SELECT min(" + rowid
                + ") FROM " + table() + ") + 1, 0) AS n");
    }

    /** The exact number of rows matching the filters (a full scan: only when asked). */
    D1Statement exactCount() {
        params.clear();
        List<String> conditions = filterConditions();
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return new D1Statement("SELECT count(*) AS n FROM " + table() + where, params);
    }

    private String table() {
        return SqlIdentifiers.quote(shape.name());
    }

    private String selectList() {
        StringJoiner list = new StringJoiner(", ");
        if (!shape.withoutRowid()) {
            list.add(shape.rowidExpression() + " AS " + SqlIdentifiers.quote(TableShape.ROWID_ALIAS));
        }
        shape.columns().forEach(c -> list.add(SqlIdentifiers.quote(c.name())));
        return list.toString();
    }

    private String orderBy(boolean ascending) {
        String direction = ascending ? " ASC" : " DESC";
        StringJoiner order = new StringJoiner(", ");
        if (sort != null) {
            order.add(SqlIdentifiers.quote(sort.name()) + direction);
        }
        shape.orderKey().forEach(k -> order.add(k + direction));
        return order.toString();
    }

    private List<String> filterConditions() {
        List<String> conditions = new ArrayList<>();
        for (RowFilter filter : query.filters()) {
            ColumnInfo column = shape.column(filter.column()).orElseThrow();
            conditions.add(
                    SqlIdentifiers.quote(column.name()) + filter.operator().sql());
            if (filter.operator() == FilterOperator.LIKE) {
                params.add(filter.value());
            } else if (filter.operator().takesValue()) {
                params.add(SqlValues.typed(filter.value(), column.affinity()));
            }
        }
        return conditions;
    }

    private String keyCompare(String op, List<@Nullable Object> key) {
        List<String> columns = shape.orderKey();
        if (columns.size() == 1) {
            return columns.get(0) + op + bind(key.get(0));
        }
        StringJoiner values = new StringJoiner(", ", "(", ")");
        key.forEach(v -> values.add(bind(v)));
        return "(" + String.join(", ", columns) + ")" + op + values;
    }

    private String bind(@Nullable Object value) {
        params.add(SqlValues.param(value));
        return SqlValues.placeholder(value);
    }

    private void checkFilter(RowFilter filter) {
        if (shape.column(filter.column()).isEmpty()) {
            throw DatabaseProblemException.unknownColumn(filter.column());
        }
        if (filter.operator() == FilterOperator.LIKE
                && filter.value().getBytes(StandardCharsets.UTF_8).length > MAX_LIKE_BYTES) {
            throw DatabaseProblemException.of("D1 limits LIKE patterns to " + MAX_LIKE_BYTES
                    + " bytes. Shorten the pattern, or use = for an exact match.");
        }
    }
}
