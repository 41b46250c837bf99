package dev.flarelink.d1;

import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.d1.D1Meta;
import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.cloudflare.d1.D1RawResult;
import dev.flarelink.cloudflare.d1.D1Statement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final ConsoleLibrary library;

    SqlConsoleService(D1Sessions sessions, ActivityService activity, ConsoleLibrary library) {
        this.sessions = sessions;
        this.activity = activity;
        this.library = library;
    }

    /**
     * Checks that the connection is the user's before showing its console.
     *
     * @throws dev.flarelink.connect.ConnectionNotFoundException when it is not
     */
    public void checkAccess(UUID userId, UUID connectionId, String databaseId) {
        sessions.open(userId, connectionId, databaseId);
    }

    /** The database's name, so the console says which database it runs on (one D1 call). */
    public String databaseName(UUID userId, UUID connectionId, String databaseId) {
        return sessions.open(userId, connectionId, databaseId).databaseName();
    }

    /** Runs the script, or asks for confirmation first when it writes and was not confirmed. */
    public ConsoleResult run(UUID userId, UUID connectionId, String databaseId, RunSqlCommand command) {
        // D1 mis-splits CRLF inside compound statements (P9): send LF only.
        String sql = command.sql().replace("\r\n", "\n").strip();
        SqlScript script = SqlScript.analyse(sql);
        if (script.statements() == 0) {
            return ConsoleResult.failed(script, "Type one or more SQL statements to run.");
        }
        if (sql.getBytes(StandardCharsets.UTF_8).length > MAX_SCRIPT_BYTES) {
            return ConsoleResult.failed(
                    script,
                    "The script is over 1 MB. Import large files with wrangler d1 "
                            + "execute --file, or run the script in parts.");
        }
        D1Session session = sessions.open(userId, connectionId, databaseId);
        if (script.writes() && !command.confirmed()) {
            return new ConsoleResult(script, true, impacts(session, script), List.of(), null, null);
        }
        try {
            List<D1RawResult> results = session.raw(sql);
            record(session, "ok", script);
            library.recordRun(userId, connectionId, databaseId, sql, "ok");
            boolean anyRows = results.stream().anyMatch(r -> !r.results().rows().isEmpty());
            ConfigSecrets secrets = anyRows ? ConfigSecrets.load(session) : ConfigSecrets.NONE;
            return new ConsoleResult(
                    script,
                    false,
                    List.of(),
                    results.stream().map(r -> result(r, secrets)).toList(),
                    null,
                    null);
        } catch (DatabaseProblemException refused) {
            String error = String.valueOf(refused.getMessage());
            ConsoleResult.FailedStatement failed = failedStatement(session, sql, script, error);
            record(session, "failed", script);
            library.recordRun(userId, connectionId, databaseId, sql, "failed");
            return failed == null
                    ? ConsoleResult.failed(script, error)
                    : new ConsoleResult(
                            script,
                            false,
                            List.of(),
                            List.of(),
                            "Statement " + failed.number() + " of " + failed.of() + " failed: " + error,
                            failed);
        }
    }

    /**
     * Runs {@code sql} with bound {@code params} as one D1 call, for the JSON API: no confirmation step (the caller
     * decided), the same limits, the same Activity action and the same per-user history as the console.
     *
     * @throws DatabaseProblemException when the script is empty, too large, or D1 refuses it
     */
    public List<D1QueryResult> query(
            UUID userId, UUID connectionId, String databaseId, String sql, List<@Nullable Object> params) {
        String script = sql.replace("\r\n", "\n").strip();
        SqlScript analysed = SqlScript.analyse(script);
        if (analysed.statements() == 0) {
            throw DatabaseProblemException.of("Send one or more SQL statements in \"sql\".");
        }
        if (script.getBytes(StandardCharsets.UTF_8).length > MAX_SCRIPT_BYTES) {
            throw DatabaseProblemException.of("The script is over 1 MB. Run it in parts.");
        }
        D1Session session = sessions.open(userId, connectionId, databaseId);
        try {
            List<D1QueryResult> results = session.query(script, params);
            record(session, "ok", analysed);
            library.recordRun(userId, connectionId, databaseId, script, "ok");
            // As in run(): the auth Worker's secrets in flarelink_config are never read back, whatever the SQL.
            boolean anyRows = results.stream().anyMatch(r -> !r.results().isEmpty());
            ConfigSecrets secrets = anyRows ? ConfigSecrets.load(session) : ConfigSecrets.NONE;
            if (secrets.isEmpty()) {
                return results;
            }
            return results.stream()
                    .map(r -> new D1QueryResult(
                            r.success(),
                            r.results().stream()
                                    .map(row -> {
                                        Map<String, @Nullable Object> masked = new LinkedHashMap<>();
                                        row.forEach((column, value) -> masked.put(column, secrets.mask(value)));
                                        return masked;
                                    })
                                    .toList(),
                            r.meta()))
                    .toList();
        } catch (DatabaseProblemException refused) {
            record(session, "failed", analysed);
            library.recordRun(userId, connectionId, databaseId, script, "failed");
            throw refused;
        }
    }

    /**
     * Which statement failed, found by {@link FailingStatementLocator}'s rolled-back probes; null when it cannot
     * tell or the script has one statement (the error is then plainly its). A timed-out script is not probed: each
     * probe could take the 30 seconds again.
     */
    private static ConsoleResult.@Nullable FailedStatement failedStatement(
            D1Session session, String sql, SqlScript script, String error) {
        if (script.parts().size() < 2 || D1ErrorTranslator.isTimeout(error)) {
            return null;
        }
        Integer number;
        try {
            number = FailingStatementLocator.locate(sql, script, error, probe -> {
                try {
                    session.raw(probe);
                    return null;
                } catch (DatabaseProblemException refused) {
                    return String.valueOf(refused.getMessage());
                }
            });
        } catch (RuntimeException probeFailed) {
            // Locating is a courtesy: if a probe cannot reach D1, the script's own error is still shown.
            return null;
        }
        if (number == null) {
            return null;
        }
        SqlScript.Part part = script.parts().get(number - 1);
        return new ConsoleResult.FailedStatement(number, script.parts().size(), part.text(), part.start(), part.end());
    }

    /** Counts, in one read-only batch, the rows each UPDATE/DELETE would touch; unknown when the count fails. */
    private static List<ConsoleResult.Impact> impacts(D1Session session, SqlScript script) {
        if (script.impacts().isEmpty()) {
            return List.of();
        }
        List<D1Statement> counts =
                script.impacts().stream().map(i -> D1Statement.of(i.countSql())).toList();
        List<@Nullable Long> rows = new ArrayList<>();
        try {
            session.batch(counts)
                    .forEach(r ->
                            rows.add(SchemaStatements.number(r.results().get(0).get("n"))));
        } catch (DatabaseProblemException notCountable) {
            counts.forEach(c -> rows.add(null));
        }
        List<ConsoleResult.Impact> impacts = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            SqlScript.ImpactQuery query = script.impacts().get(i);
            impacts.add(new ConsoleResult.Impact(query.statement(), query.kind(), rows.get(i)));
        }
        return impacts;
    }

    private static ConsoleResult.StatementResult result(D1RawResult raw, ConfigSecrets secrets) {
        List<List<@Nullable Object>> rows = secrets.isEmpty()
                ? raw.results().rows()
                : raw.results().rows().stream()
                        .map(r -> r.stream().map(secrets::mask).toList())
                        .toList();
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
                meta == null ? null : meta.duration(),
                ResultExport.of(raw.results().columns(), rows));
    }

    // The statement text itself is in the Activity log already (the D1 call event); the action says what kind.
    private void record(D1Session session, String outcome, SqlScript script) {
        String detail = script.statements() + " statement(s)"
                + (script.writes() ? "; writes: " + String.join(", ", script.writeKeywords()) : "; read only")
                + " in database " + session.databaseId();
        activity.recordAction(session.action("sql.run", outcome, detail, null));
    }
}
