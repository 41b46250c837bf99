package dev.flarelink.d1;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The console's history of runs (the last 50 per database) and its saved snippets, kept in Flarelink's database.
 * Everything is scoped as the console page is: the user, the connection and the D1 database (a project's console is
 * its D1 database's). An entry of another database, or of another user, is not found.
 */
@Service
public class ConsoleLibrary {

    static final int HISTORY_KEPT = 50;
    static final int MAX_NAME = 100;
    static final int MAX_SQL = 100_000;

    private final JdbcClient jdbc;
    private final D1Sessions sessions;
    private final Clock clock;

    ConsoleLibrary(JdbcClient jdbc, D1Sessions sessions, Clock clock) {
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<ConsoleEntry> history(UUID userId, UUID connectionId, String databaseId) {
        return entries(userId, connectionId, databaseId, "history");
    }

    @Transactional(readOnly = true)
    public List<ConsoleEntry> snippets(UUID userId, UUID connectionId, String databaseId) {
        return entries(userId, connectionId, databaseId, "snippet");
    }

    /** One of the user's entries of this database, to load into its console. */
    @Transactional(readOnly = true)
    public ConsoleEntry entry(UUID userId, UUID connectionId, String databaseId, UUID entryId) {
        return jdbc.sql("select id, name, sql_text, outcome, created_at from d1_console_entry where id = ? and "
                        + "user_id = ? and connection_id = ? and database_id = ?")
                .param(entryId)
                .param(userId)
                .param(connectionId)
                .param(databaseId)
                .query(ConsoleLibrary::map)
                .optional()
                .orElseThrow(DatabaseNotFoundException::forEntry);
    }

    /**
     * @throws DatabaseProblemException when the name is blank or too long, or the SQL empty or over 100 KB
     */
    @Transactional
    public ConsoleEntry saveSnippet(UUID userId, UUID connectionId, String databaseId, SaveSnippetCommand command) {
        sessions.open(userId, connectionId, databaseId); // the connection must be the user's
        String name = command.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw DatabaseProblemException.of("Give the snippet a name of 1 to " + MAX_NAME + " characters.");
        }
        if (command.sql().isBlank() || command.sql().length() > MAX_SQL) {
            throw DatabaseProblemException.of("Type the SQL to save first (at most 100,000 characters).");
        }
        return insert(userId, connectionId, databaseId, "snippet", name, command.sql(), null);
    }

    @Transactional
    public void deleteSnippet(UUID userId, UUID connectionId, String databaseId, UUID entryId) {
        int deleted = jdbc.sql("delete from d1_console_entry where id = ? and user_id = ? and connection_id = ? and "
                        + "database_id = ? and kind = 'snippet'")
                .param(entryId)
                .param(userId)
                .param(connectionId)
                .param(databaseId)
                .update();
        if (deleted == 0) {
            throw DatabaseNotFoundException.forEntry();
        }
    }

    /** Adds a run to the history and forgets runs beyond the newest {@value #HISTORY_KEPT}. */
    @Transactional
    void recordRun(UUID userId, UUID connectionId, String databaseId, String sql, String outcome) {
        String kept = sql.length() > MAX_SQL ? sql.substring(0, MAX_SQL) : sql;
        insert(userId, connectionId, databaseId, "history", null, kept, outcome);
        jdbc.sql("delete from d1_console_entry where id in (select id from d1_console_entry where user_id = ? and "
                        + "connection_id = ? and database_id = ? and kind = 'history' order by created_at desc, id "
                        + "offset ?)")
                .param(userId)
                .param(connectionId)
                .param(databaseId)
                .param(HISTORY_KEPT)
                .update();
    }

    private ConsoleEntry insert(
            UUID userId,
            UUID connectionId,
            String databaseId,
            String kind,
            @org.jspecify.annotations.Nullable String name,
            String sql,
            @org.jspecify.annotations.Nullable String outcome) {
        ConsoleEntry entry = new ConsoleEntry(UUID.randomUUID(), name, sql, outcome, clock.instant());
        jdbc.sql(
                        "insert into d1_console_entry (id, user_id, connection_id, database_id, kind, name, sql_text, outcome, "
                                + "created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        entry.id(),
                        userId,
                        connectionId,
                        databaseId,
                        kind,
                        name,
                        sql,
                        outcome,
                        Timestamp.from(entry.createdAt()))
                .update();
        return entry;
    }

    private List<ConsoleEntry> entries(UUID userId, UUID connectionId, String databaseId, String kind) {
        return jdbc.sql("select id, name, sql_text, outcome, created_at from d1_console_entry where user_id = ? and "
                        + "connection_id = ? and database_id = ? and kind = ? order by created_at desc, id limit ?")
                .param(userId)
                .param(connectionId)
                .param(databaseId)
                .param(kind)
                .param(HISTORY_KEPT)
                .query(ConsoleLibrary::map)
                .list();
    }

    private static ConsoleEntry map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ConsoleEntry(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("sql_text"),
                rs.getString("outcome"),
                rs.getTimestamp("created_at").toInstant());
    }
}
