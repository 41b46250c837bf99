package dev.flarelink.d1;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the console shows after "Run": the results, a confirmation request, or the error.
 *
 * @param needsConfirmation the script writes and was not confirmed yet: nothing ran
 * @param error D1's refusal in a plain sentence, or null
 * @param failedStatement the statement that failed, when it is known
 */
public record ConsoleResult(
        SqlScript script,
        boolean needsConfirmation,
        List<Impact> impacts,
        List<StatementResult> results,
        @Nullable String error,
        @Nullable FailedStatement failedStatement) {

    static ConsoleResult failed(SqlScript script, String error) {
        return new ConsoleResult(script, false, List.of(), List.of(), error, null);
    }

    /**
     * Which statement of a failed script failed.
     *
     * @param number 1-based position in the script
     * @param of how many statements the script has
     * @param start offset of the statement in the script as run (line ends LF, surrounding whitespace stripped)
     */
    public record FailedStatement(int number, int of, String sql, int start, int end) {}

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
     * @param export every row D1 returned as CSV and JSON, or null when the result is too large to export
     */
    public record StatementResult(
            List<String> columns,
            List<List<CellView>> rows,
            int totalRows,
            @Nullable Long rowsRead,
            @Nullable Long rowsWritten,
            @Nullable Long changes,
            @Nullable Double durationMs,
            @Nullable ResultExport export) {

        public static final int MAX_ROWS = 1_000;

        public boolean truncated() {
            return totalRows > rows.size();
        }
    }
}
