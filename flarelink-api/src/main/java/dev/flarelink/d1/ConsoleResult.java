package dev.flarelink.d1;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the console shows after "Run": the results, a confirmation request, or the error.
 *
 * @param needsConfirmation the script writes and was not confirmed yet: nothing ran
 * @param error D1's refusal in a plain sentence, or null
 */
public record ConsoleResult(
        SqlScript script,
        boolean needsConfirmation,
        List<Impact> impacts,
        List<StatementResult> results,
        @Nullable String error) {

    static ConsoleResult failed(SqlScript script, String error) {
        return new ConsoleResult(script, false, List.of(), List.of(), error);
    }

    /**
     * How many rows an UPDATE or DELETE of the script will touch, counted before anything runs.
     *
     * @param rows the count, or null when it could not be counted
     */
    public record Impact(
            int statement, String kind, @Nullable Long rows) {}

    /**
     * One statement's result.
     *
     * @param rows at most {@link #MAX_ROWS} rows
     * @param totalRows how many rows D1 returned
     */
    public record StatementResult(
            List<String> columns,
            List<List<CellView>> rows,
            int totalRows,
            @Nullable Long rowsRead,
            @Nullable Long rowsWritten,
            @Nullable Long changes,
            @Nullable Double durationMs) {

        public static final int MAX_ROWS = 1_000;

        public boolean truncated() {
            return totalRows > rows.size();
        }
    }
}
