package dev.flarelink.d1;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds which statement of a failed script failed. D1 runs a script as one transaction, rolls all of it back on a
 * failure, and its error does not say which statement failed. So prefixes of the script run again, each followed by
 * a sentinel statement that always fails (a SELECT from a table that does not exist): D1 rolls every probe back, so
 * nothing a probe does stays. The sentinel's "no such table" means the prefix ran cleanly; the script's own error
 * means the failure is inside the prefix. A binary search needs ceil(log2 n) probes, and only after a failure.
 */
final class FailingStatementLocator {

    /** A statement number D1 itself puts in its message ("in statement 3"; defensive: today's messages have none). */
    private static final Pattern NAMED = Pattern.compile("(?i)\\b(?:in|at) statement\\s+#?(\\d{1,6})\\b");

    /** Runs SQL as one D1 call and returns its error message, or null when it succeeded. */
    @FunctionalInterface
    interface Runner {
        @Nullable
        String failure(String sql);
    }

    private FailingStatementLocator() {}

    /**
     * @param sql the script exactly as it was sent (the offsets of {@code script} point into it)
     * @param error the script's error, as {@code runner} reports errors (D1's message is quoted in it)
     * @return the 1-based number of the failing statement, or null when the probes cannot tell
     */
    static @Nullable Integer locate(String sql, SqlScript script, String error, Runner runner) {
        List<SqlScript.Part> parts = script.parts();
        int n = parts.size();
        if (n <= 1) {
            return n == 1 ? 1 : null;
        }
        Matcher named = NAMED.matcher(error);
        // Words the script itself contains (a table named "in statement 2") are the user's, not D1's.
        if (named.find() && !sql.toLowerCase(Locale.ROOT).contains(named.group().toLowerCase(Locale.ROOT))) {
            int number = Integer.parseInt(named.group(1));
            if (number >= 1 && number <= n) {
                return number;
            }
        }
        String sentinelTable =
                "__flarelink_probe_" + UUID.randomUUID().toString().replace("-", "");
        String sentinel = "SELECT * FROM " + SqlIdentifiers.quote(sentinelTable);
        int low = 1; // the first statement that may fail
        int high = n; // the whole script fails, so the failing statement is at most n
        while (low < high) {
            int mid = (low + high) >>> 1;
            // A newline before the semicolon ends a trailing line comment of the prefix.
            String probe = sql.substring(0, parts.get(mid - 1).end()) + "\n;\n" + sentinel;
            String failure = runner.failure(probe);
            if (failure == null) {
                return null; // the sentinel cannot succeed; something else is going on
            }
            if (failure.contains(sentinelTable)) {
                low = mid + 1;
            } else if (failure.equals(error)) {
                high = mid;
            } else {
                return null; // a different error (a transient one, say): the probe proves nothing
            }
        }
        return low;
    }
}
