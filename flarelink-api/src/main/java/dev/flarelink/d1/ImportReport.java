package dev.flarelink.d1;

import org.jspecify.annotations.Nullable;

/**
 * How an import went: rows 1..{@code rowsWritten} are in the table; when {@code failure} is set, the chunk starting
 * at {@code failedFromRow} was refused and nothing after it was attempted.
 */
public record ImportReport(
        int rowsWritten,
        int rowCount,
        int chunks,
        @Nullable Integer failedFromRow,
        @Nullable String failure) {

    public boolean complete() {
        return failure == null;
    }
}
