package dev.flarelink.d1;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.d1.D1Meta;
import dev.flarelink.cloudflare.d1.D1RawResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The SQL console: runs a script as one D1 call (atomic), after confirmation when it writes. */
@Service
public class SqlConsoleService {

    /** Keeps a pasted dump from reaching D1 in one piece (100 KB per statement, and the request must be small). */
    public static final int MAX_SCRIPT_BYTES = 1_000_000;

    private final D1Sessions sessions;
    private final ActivityService activity;

    SqlConsoleService(D1Sessions sessions, ActivityService activity) {
        this.sessions = sessions;
        this.activity = activity;
    }

    /**
     * Checks that the connection is the user's before showing its console.
     *
     * @throws dev.flarelink.connect.ConnectionNotFoundException when it is not
     */
    public void checkAccess(UUID userId, UUID connectionId, String databaseId) {
        sessions.open(userId, connectionId, databaseId);
    }

    /** Runs the script, or asks for confirmation first when it writes and was not confirmed. */
    public ConsoleResult run(UUID userId, UUID connectionId, String databaseId, RunSqlCommand command) {
        // D1 mis-splits CRLF inside compound statements (P9): send LF only.
        String sql = command.sql().replace("\r\n", "\n").strip();
        SqlScript script = SqlScript.analyse(sql);
        if (script.statements() == 0) {
            return new ConsoleResult(script, false, List.of(), "Type one or more SQL statements to run.");
        }
        if (sql.getBytes(StandardCharsets.UTF_8).length > MAX_SCRIPT_BYTES) {
            return new ConsoleResult(
                    script,
                    false,
                    List.of(),
                    "The script is over 1 MB. Import large files with "
                            + "wrangler d1 execute --file, or run the script in parts.");
        }
        D1Session session = sessions.open(userId, connectionId, databaseId);
        if (script.writes() && !command.confirmed()) {
            return new ConsoleResult(script, true, List.of(), null);
        }
        try {
            List<D1RawResult> results = session.raw(sql);
            record(session, "ok", script);
            return new ConsoleResult(
                    script,
                    false,
                    results.stream().map(SqlConsoleService::result).toList(),
                    null);
        } catch (DatabaseProblemException refused) {
            record(session, "failed", script);
            return new ConsoleResult(script, false, List.of(), refused.getMessage());
        }
    }

    private static ConsoleResult.StatementResult result(D1RawResult raw) {
        List<List<@Nullable Object>> rows = raw.results().rows();
        List<List<CellView>> shown = rows.stream()
                .limit(ConsoleResult.StatementResult.MAX_ROWS)
                .map(r ->
                        r.stream().map(v -> CellView.of(SqlValues.normalise(v))).toList())
                .toList();
        D1Meta meta = raw.meta();
        return new ConsoleResult.StatementResult(
                raw.results().columns(),
                shown,
                rows.size(),
                meta == null ? null : meta.rowsRead(),
                meta == null ? null : meta.rowsWritten(),
                meta == null ? null : meta.changes(),
                meta == null ? null : meta.duration());
    }

    // The statement text itself is in the Activity log already (the D1 call event); the action says what kind.
    private void record(D1Session session, String outcome, SqlScript script) {
        String detail = script.statements() + " statement(s)"
                + (script.writes() ? "; writes: " + String.join(", ", script.writeKeywords()) : "; read only")
                + " in database " + session.databaseId();
        activity.recordAction(
                ActivityEntry.action(session.userId(), "sql.run", session.connectionId(), null, outcome, detail));
    }
}
