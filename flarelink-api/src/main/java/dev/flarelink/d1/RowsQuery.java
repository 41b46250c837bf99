package dev.flarelink.d1;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the rows grid asks for.
 *
 * @param sortColumn column to sort by, or null for the table's key order
 * @param after cursor of the last row of the previous page (next page), or null
 * @param before cursor of the first row of the following page (previous page), or null
 * @param exactCount whether to count the matching rows exactly (a full scan) instead of estimating
 */
public record RowsQuery(
        String table,
        @Nullable String sortColumn,
        boolean descending,
        List<RowFilter> filters,
        int pageSize,
        @Nullable String after,
        @Nullable String before,
        boolean exactCount) {

    public static final Set<Integer> PAGE_SIZES = Set.of(50, 100, 500);
    public static final int MAX_FILTERS = 20;

    public RowsQuery {
        filters = List.copyOf(filters);
        if (!PAGE_SIZES.contains(pageSize)) {
            pageSize = 50;
        }
    }

    public static RowsQuery firstPage(String table) {
        return new RowsQuery(table, null, false, List.of(), 50, null, null, false);
    }
}
