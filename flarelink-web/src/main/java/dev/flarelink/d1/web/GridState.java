package dev.flarelink.d1.web;

import dev.flarelink.d1.FilterOperator;
import dev.flarelink.d1.RowFilter;
import dev.flarelink.d1.RowsQuery;
import dev.flarelink.d1.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The grid's state as it travels in the URL (table, sort, page size, filters, count mode), and the links that keep
 * it while changing one thing.
 */
public record GridState(
        UUID connectionId,
        String databaseId,
        String table,
        @Nullable String sort,
        boolean descending,
        int size,
        List<RowFilter> filters,
        boolean exactCount) {

    static GridState from(
            UUID connectionId,
            String databaseId,
            String table,
            @Nullable String sort,
            @Nullable String dir,
            @Nullable Integer size,
            @Nullable List<String> columns,
            @Nullable List<String> operators,
            @Nullable List<String> values,
            @Nullable String count) {
        List<RowFilter> filters = new ArrayList<>();
        List<String> cs = columns == null ? List.of() : columns;
        for (int i = 0; i < cs.size(); i++) {
            FilterOperator op = operator(at(operators, i));
            if (!cs.get(i).isEmpty() && op != null) {
                filters.add(new RowFilter(cs.get(i), op, at(values, i)));
            }
        }
        int pageSize = size != null && RowsQuery.PAGE_SIZES.contains(size) ? size : 50;
        String sortColumn = sort == null || sort.isEmpty() ? null : sort;
        return new GridState(
                connectionId,
                databaseId,
                table,
                sortColumn,
                "desc".equals(dir),
                pageSize,
                filters,
                "exact".equals(count));
    }

    private static String at(@Nullable List<String> list, int i) {
        return list != null && i < list.size() ? list.get(i) : "";
    }

    private static @Nullable FilterOperator operator(String name) {
        try {
            return name.isEmpty() ? null : FilterOperator.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /**
     * The columns this view sorts or filters on that have no index, each with the statement that would add one: on
     * those, every page makes D1 read (and bill) the whole table.
     */
    List<IndexHint> indexHints(TableSchema schema) {
        Map<String, String> uses = new LinkedHashMap<>();
        if (sort != null && schema.shape().column(sort).isPresent()) {
            uses.put(sort, "sorting");
        }
        for (RowFilter filter : filters) {
            if (schema.shape().column(filter.column()).isPresent()) {
                uses.merge(filter.column(), "filtering", (was, now) -> was.equals(now) ? was : "sorting and filtering");
            }
        }
        return uses.entrySet().stream()
                .filter(use -> !schema.seekable(use.getKey()))
                .map(use -> new IndexHint(use.getKey(), use.getValue(), schema.createIndexSql(use.getKey())))
                .toList();
    }

    /** A column used without an index, how it is used, and the CREATE INDEX that would fix it. */
    public record IndexHint(String column, String use, String sql) {}

    RowsQuery toQuery(@Nullable String after, @Nullable String before) {
        return new RowsQuery(table, sort, descending, filters, size, after, before, exactCount);
    }

    public String base() {
        return "/database/" + connectionId + "/" + databaseId;
    }

    /** The first page with the current sort, filters and size. */
    public String firstPage() {
        return builder(sort, descending, size, exactCount).toString();
    }

    public String page(@Nullable String after, @Nullable String before) {
        return builder(sort, descending, size, exactCount)
                .addIfPresent("after", after)
                .addIfPresent("before", before)
                .toString();
    }

    /** Sort by {@code column}: ascending first, descending when it is already the ascending sort. */
    public String sortBy(String column) {
        boolean desc = column.equals(sort) && !descending;
        return builder(column, desc, size, exactCount).toString();
    }

    public String withSize(int pageSize) {
        return builder(sort, descending, pageSize, exactCount).toString();
    }

    public String withExactCount() {
        return builder(sort, descending, size, true).toString();
    }

    public String rowPage(String key) {
        return new QueryString(base() + "/row")
                .add("table", table)
                .add("key", key)
                .toString();
    }

    /** The row page with column {@code pretty} shown as indented JSON. */
    public String rowPage(String key, int pretty) {
        return new QueryString(base() + "/row")
                .add("table", table)
                .add("key", key)
                .add("pretty", Integer.toString(pretty))
                .toString();
    }

    public String newRowPage() {
        return new QueryString(base() + "/row/new").add("table", table).toString();
    }

    public boolean sortedBy(String column) {
        return column.equals(sort);
    }

    private QueryString builder(@Nullable String sortColumn, boolean desc, int pageSize, boolean exact) {
        QueryString q = new QueryString(base() + "/table").add("name", table);
        if (sortColumn != null) {
            q.add("sort", sortColumn).add("dir", desc ? "desc" : "asc");
        }
        q.add("size", Integer.toString(pageSize));
        for (RowFilter f : filters) {
            q.add("fc", f.column())
                    .add("fo", f.operator().name().toLowerCase(Locale.ROOT))
                    .add("fv", f.value());
        }
        if (exact) {
            q.add("count", "exact");
        }
        return q;
    }
}
