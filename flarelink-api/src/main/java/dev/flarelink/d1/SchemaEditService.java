package dev.flarelink.d1;

import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.d1.D1Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Creates tables with logical column types, adds columns and drops tables (after the name is typed). */
@Service
public class SchemaEditService {

    static final int MAX_COLUMNS = 100;

    private final D1Sessions sessions;
    private final ActivityService activity;

    SchemaEditService(D1Sessions sessions, ActivityService activity) {
        this.sessions = sessions;
        this.activity = activity;
    }

    /** @throws DatabaseProblemException for a missing or duplicate name, or D1's refusal */
    public void createTable(UUID userId, UUID connectionId, String databaseId, CreateTableCommand command) {
        // Another user's connection is not found before the input is judged, as on every other route.
        D1Session session = sessions.open(userId, connectionId, databaseId);
        checkName(command.name(), "table");
        if (command.columns().isEmpty() || command.columns().size() > MAX_COLUMNS) {
            throw DatabaseProblemException.of("A table needs 1 to " + MAX_COLUMNS + " columns (D1's limit).");
        }
        Set<String> seen = new HashSet<>();
        for (ColumnSpec column : command.columns()) {
            checkName(column.name(), "column");
            if (!seen.add(column.name().toLowerCase(Locale.ROOT))) {
                throw DatabaseProblemException.of("Two columns are named \"" + column.name() + "\". Rename one.");
            }
        }
        List<ColumnSpec> keys =
                command.columns().stream().filter(ColumnSpec::primaryKey).toList();
        StringJoiner definitions = new StringJoiner(", ");
        command.columns().forEach(c -> definitions.add(c.definition(keys.size() == 1)));
        if (keys.size() > 1) {
            StringJoiner pk = new StringJoiner(", ", "PRIMARY KEY (", ")");
            keys.forEach(k -> pk.add(SqlIdentifiers.quote(k.name())));
            definitions.add(pk.toString());
        }
        String sql = "CREATE TABLE " + SqlIdentifiers.quote(command.name()) + " (" + definitions + ")";
        session.batch(List.of(D1Statement.of(sql)));
        record(session, "table.created", "table " + command.name(), command.name());
    }

    public void addColumn(UUID userId, UUID connectionId, String databaseId, String table, ColumnSpec column) {
        checkName(column.name(), "column");
        D1Session session = sessions.open(userId, connectionId, databaseId);
        writable(session, table);
        String sql = "ALTER TABLE " + SqlIdentifiers.quote(table) + " ADD COLUMN " + column.definition(false);
        session.batch(List.of(D1Statement.of(sql)));
        record(session, "column.added", "column " + column.name() + " to table " + table, table);
    }

    /** @throws DatabaseProblemException unless {@code typedName} is exactly the table's name */
    public void dropTable(UUID userId, UUID connectionId, String databaseId, String table, String typedName) {
        D1Session session = sessions.open(userId, connectionId, databaseId);
        writable(session, table);
        if (!table.equals(typedName)) {
            throw DatabaseProblemException.of("Type the table's name exactly, as shown, to drop it.");
        }
        session.batch(List.of(D1Statement.of("DROP TABLE " + SqlIdentifiers.quote(table))));
        record(session, "table.dropped", "table " + table, table);
    }

    private static void writable(D1Session session, String table) {
        TableSchema schema = D1Sessions.schema(session, table);
        if (schema.readOnly()) {
            throw DatabaseProblemException.of(Objects.requireNonNull(schema.readOnlyReason()));
        }
    }

    private static void checkName(String name, String what) {
        if (name.isBlank() || name.length() > 100 || name.indexOf('\0') >= 0) {
            throw DatabaseProblemException.of("Give the " + what + " a name of 1 to 100 characters.");
        }
        if (name.toLowerCase(Locale.ROOT).startsWith("sqlite_") || name.startsWith("_cf_")) {
            throw DatabaseProblemException.of("Names starting with sqlite_ or _cf_ are reserved by SQLite and D1.");
        }
    }

    private void record(D1Session session, String action, String detail, String table) {
        activity.recordAction(session.action(action, "ok", detail + " in database " + session.databaseId(), table));
    }
}
