package dev.flarelink.cloudflare.core;

import org.jspecify.annotations.Nullable;

/**
 * The {@code result_info} of a list response, covering both page-based and cursor-based styles.
 *
 * @param page 1-based page number (page style)
 * @param perPage page size
 * @param count items on this page
 * @param totalCount items in all pages (page style)
 * @param totalPages number of pages (page style)
 * @param cursor cursor of the next page (cursor style); empty or absent on the last page
 * @param cursors newer {@code cursors.after} form of the cursor (audit logs v2)
 */
public record ResultInfo(
        @Nullable Integer page,
        @Nullable Integer perPage,
        @Nullable Integer count,
        @Nullable Integer totalCount,
        @Nullable Integer totalPages,
        @Nullable String cursor,
        @Nullable Cursors cursors) {

    /** The next-page cursor from either form, or {@code null} when there is none. */
    public @Nullable String nextCursor() {
        if (cursor != null && !cursor.isEmpty()) {
            return cursor;
        }
        if (cursors != null && cursors.after() != null && !cursors.after().isEmpty()) {
            return cursors.after();
        }
        return null;
    }

    /** The {@code cursors} object of audit logs v2. */
    public record Cursors(@Nullable String after) {}
}
