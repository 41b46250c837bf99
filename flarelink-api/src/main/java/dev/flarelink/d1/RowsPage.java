package dev.flarelink.d1;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of the grid and everything the page shows, fetched in one D1 round trip.
 *
 * @param nextCursor cursor for the following page, null on the last page
 * @param previousCursor cursor for the preceding page, null on the first page
 * @param estimatedRows the table's approximate size (rowid range), null when it has no rowid
 * @param exactRows the exact number of matching rows, when asked for
 */
public record RowsPage(
        TableSchema schema,
        RowsQuery query,
        List<RowView> rows,
        @Nullable String nextCursor,
        @Nullable String previousCursor,
        @Nullable Long estimatedRows,
        @Nullable Long exactRows) {}
