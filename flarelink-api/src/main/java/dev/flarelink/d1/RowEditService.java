package dev.flarelink.d1;

import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.cloudflare.d1.D1Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The table editor's writing side: insert, edit and delete rows, each recorded as an Activity action. */
@Service
public class RowEditService {

    private final D1Sessions sessions;
    private final ActivityService activity;

    RowEditService(D1Sessions sessions, ActivityService activity) {
        this.sessions = sessions;
        this.activity = activity;
    }

    /** @throws RowValidationException when a field cannot be stored (nothing is written) */
    public void insertRow(UUID userId, UUID connectionId, String databaseId, WriteRowCommand command) {
        D1Session session = sessions.open(userId, connectionId, databaseId);
        TableShape shape = writable(session, command.table());
        Map<ColumnInfo, @Nullable Object> values = RowValues.convert(shape, command.fields(), true);
        session.batch(List.of(RowStatements.insert(shape, values)));
        record(session, "row.inserted", "1 row into table " + shape.name(), shape.name());
    }

    /** @throws RowValidationException when a field cannot be stored (nothing is written) */
    public void updateRow(UUID userId, UUID connectionId, String databaseId, WriteRowCommand command) {
        D1Session session = sessions.open(userId, connectionId, databaseId);
        TableShape shape = writable(session, command.table());
        List<@Nullable Object> key = RowKeys.decode(
                Objects.requireNonNull(command.key()), shape.identity().size());
        Map<ColumnInfo, @Nullable Object> values = RowValues.convert(shape, command.fields(), false);
        if (values.isEmpty()) {
            return;
        }
        List<D1QueryResult> results = session.batch(List.of(RowStatements.update(shape, key, values)));
        if (changes(results) == 0) {
            throw DatabaseNotFoundException.forRow();
        }
        record(session, "row.updated", "1 row of table " + shape.name(), shape.name());
    }

    /** Deletes the selected rows in one atomic batch and says how many went. */
    public long deleteRows(UUID userId, UUID connectionId, String databaseId, DeleteRowsCommand command) {
        if (command.keys().isEmpty()) {
            throw DatabaseProblemException.of("Select at least one row to delete.");
        }
        if (command.keys().size() > DeleteRowsCommand.MAX_ROWS) {
            throw DatabaseProblemException.of("Delete at most " + DeleteRowsCommand.MAX_ROWS + " rows at once.");
        }
        D1Session session = sessions.open(userId, connectionId, databaseId);
        TableShape shape = writable(session, command.table());
        List<List<@Nullable Object>> keys = new ArrayList<>();
        command.keys().forEach(k -> keys.add(RowKeys.decode(k, shape.identity().size())));
        List<D1Statement> statements = RowStatements.delete(shape, keys);
        long deleted = changes(session.batch(statements));
        record(session, "row.deleted", deleted + " row(s) of table " + shape.name(), shape.name());
        return deleted;
    }

    private static TableShape writable(D1Session session, String table) {
        TableSchema schema = D1Sessions.schema(session, table);
        if (schema.readOnly()) {
            throw DatabaseProblemException.of(Objects.requireNonNull(schema.readOnlyReason()));
        }
        return schema.shape();
    }

    private static long changes(List<D1QueryResult> results) {
        return results.stream()
                .mapToLong(r -> r.meta() == null || r.meta().changes() == null
                        ? 0
                        : r.meta().changes())
                .sum();
    }

    // Only the table and how many rows: values never go into the Activity log.
    private void record(D1Session session, String action, String detail, String table) {
        activity.recordAction(session.action(action, "ok", detail + " in database " + session.databaseId(), table));
    }
}
