package dev.flarelink.d1;

import dev.flarelink.cloudflare.d1.D1Database;
import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.cloudflare.d1.D1Statement;
import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.cloudflare.errors.TokenBudgetSpentException;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionRevokedException;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.connect.ConnectionView;
import dev.flarelink.shared.TokenBudgetMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The table editor's reading side: databases, tables, schemas and pages of rows, each through the user's token. */
@Service
public class DatabaseService {

    private final ConnectionService connections;
    private final D1Sessions sessions;
    private final SchemaCache cache;

    DatabaseService(ConnectionService connections, D1Sessions sessions, SchemaCache cache) {
        this.connections = connections;
        this.sessions = sessions;
        this.cache = cache;
    }

    /** The D1 databases of each of the user's active connections. */
    public List<DatabaseSummary> databases(UUID userId) {
        List<DatabaseSummary> out = new ArrayList<>();
        for (ConnectionView connection : connections.connectionsOf(userId)) {
            if (!connection.active()) {
                out.add(new DatabaseSummary(
                        connection.id(),
                        connection.accountName(),
                        List.of(),
                        "This connection's token was revoked or has expired. Reconnect it to see its databases."));
                continue;
            }
            out.add(databasesOf(userId, connection));
        }
        return out;
    }

    /** The D1 databases of one of the user's connections (the JSON API's active connection). */
    public DatabaseSummary databasesOn(UUID userId, UUID connectionId) {
        ConnectionView connection = connections.get(userId, connectionId);
        if (!connection.active()) {
            return new DatabaseSummary(
                    connection.id(),
                    connection.accountName(),
                    List.of(),
                    "This connection's token was revoked or has expired. Reconnect it to see its databases.");
        }
        return databasesOf(userId, connection);
    }

    private DatabaseSummary databasesOf(UUID userId, ConnectionView connection) {
        try {
            ConnectedAccount account = connections.open(userId, connection.id(), null);
            List<D1Database> list = account.call(api ->
                    api.d1().list(account.accountId()).autoPager().stream().toList());
            return new DatabaseSummary(
                    connection.id(),
                    connection.accountName(),
                    list.stream()
                            .map(d -> new DatabaseSummary.Database(d.uuid(), d.name()))
                            .toList(),
                    null);
        } catch (TokenBudgetSpentException spent) {
            return new DatabaseSummary(
                    connection.id(), connection.accountName(), List.of(), TokenBudgetMessage.of(spent));
        } catch (CloudflareException | ConnectionRevokedException failed) {
            return new DatabaseSummary(
                    connection.id(),
                    connection.accountName(),
                    List.of(),
                    "Cloudflare did not list the D1 databases of this account. Check that the token has "
                            + "\"D1: Edit\", then reload.");
        }
    }

    /** The tables of a database, internal ones only when asked for. */
    public TableList tables(UUID userId, UUID connectionId, String databaseId, boolean showInternal) {
        D1Session session = sessions.open(userId, connectionId, databaseId);
        String name = session.databaseName();
        Map<String, TableShape> shapes = SchemaStatements.parseAll(
                session.batch(List.of(SchemaStatements.allTables())).get(0));
        List<TableSummary> tables = new ArrayList<>();
        int hidden = 0;
        for (TableShape shape : shapes.values()) {
            cache.put(connectionId, databaseId, shape);
            boolean internal = SchemaStatements.internal(shape.name());
            if (internal && !showInternal) {
                hidden++;
                continue;
            }
            tables.add(new TableSummary(shape.name(), shape.columns().size(), shape.withoutRowid(), internal));
        }
        return new TableList(databaseId, name, tables, hidden);
    }

    /** A table's schema (one round trip). */
    public TableSchema schema(UUID userId, UUID connectionId, String databaseId, String table) {
        TableSchema schema = D1Sessions.schema(sessions.open(userId, connectionId, databaseId), table);
        cache.put(connectionId, databaseId, schema.shape());
        return schema;
    }

    /**
     * One page of rows with the table's schema and a row estimate (or exact count), in one D1 round trip once the
     * table's shape is known.
     */
    public RowsPage rows(UUID userId, UUID connectionId, String databaseId, RowsQuery query) {
        D1Session session = sessions.open(userId, connectionId, databaseId);
        TableShape cached = cache.get(connectionId, databaseId, query.table());
        if (cached != null) {
            try {
                RowsPage page = page(session, cached, query);
                if (page.schema().shape().equals(cached)) {
                    return page;
                }
                return page(session, page.schema().shape(), query);
            } catch (DatabaseProblemException possiblyStale) {
                cache.remove(connectionId, databaseId, query.table());
            }
        }
        TableShape fresh = D1Sessions.schema(session, query.table()).shape();
        return page(session, fresh, query);
    }

    private RowsPage page(D1Session session, TableShape shape, RowsQuery query) {
        KeysetQuery keyset = new KeysetQuery(shape, query);
        boolean backwards = query.before() != null && query.after() == null;
        List<@Nullable Object> cursor = RowCursor.decode(
                backwards ? query.before() : query.after(),
                query.sortColumn(),
                query.descending(),
                keyset.cursorSize());
        List<D1Statement> statements = new ArrayList<>(SchemaStatements.forTable(shape.name()));
        statements.add(keyset.rows(cursor, backwards && cursor != null));
        D1Statement count = query.exactCount() ? keyset.exactCount() : keyset.estimate();
        if (count != null) {
            statements.add(count);
        }
        List<D1QueryResult> results = session.batch(statements);
        TableSchema schema = SchemaStatements.parse(shape.name(), results);
        if (schema == null) {
            cache.remove(session.connectionId(), session.databaseId(), shape.name());
            throw DatabaseNotFoundException.forTable(shape.name());
        }
        cache.put(session.connectionId(), session.databaseId(), schema.shape());
        Long counted = count == null
                ? null
                : SchemaStatements.number(
                        results.get(SchemaStatements.COUNT + 1).results().get(0).get("n"));
        return assemble(
                schema,
                query,
                results.get(SchemaStatements.COUNT).results(),
                cursor,
                backwards && cursor != null,
                query.exactCount() ? null : counted,
                query.exactCount() ? counted : null);
    }

    private static RowsPage assemble(
            TableSchema schema,
            RowsQuery query,
            List<Map<String, @Nullable Object>> fetched,
            @Nullable List<@Nullable Object> cursor,
            boolean backwards,
            @Nullable Long estimate,
            @Nullable Long exact) {
        boolean more = fetched.size() > query.pageSize();
        List<Map<String, @Nullable Object>> rows =
                new ArrayList<>(fetched.subList(0, Math.min(fetched.size(), query.pageSize())));
        if (backwards) {
            Collections.reverse(rows);
        }
        String next = null;
        String previous = null;
        if (!rows.isEmpty()) {
            String first = cursorOf(schema.shape(), query, rows.get(0));
            String last = cursorOf(schema.shape(), query, rows.get(rows.size() - 1));
            next = backwards || more ? last : null;
            previous = backwards ? (more ? first : null) : (cursor != null ? first : null);
        }
        List<RowView> views =
                rows.stream().map(r -> RowRendering.row(schema.shape(), r)).toList();
        return new RowsPage(schema, query, views, next, previous, estimate, exact);
    }

    private static String cursorOf(TableShape shape, RowsQuery query, Map<String, @Nullable Object> row) {
        List<@Nullable Object> values = new ArrayList<>();
        if (query.sortColumn() != null) {
            values.add(row.get(query.sortColumn()));
        }
        shape.orderKeyLabels().forEach(label -> values.add(row.get(label)));
        return RowCursor.encode(query.sortColumn(), query.descending(), values);
    }

    /** One row in full, for the edit form and "show all". */
    public RowDetail row(UUID userId, UUID connectionId, String databaseId, String table, String key) {
        D1Session session = sessions.open(userId, connectionId, databaseId);
        TableSchema schema = D1Sessions.schema(session, table);
        List<@Nullable Object> values =
                RowKeys.decode(key, schema.shape().identity().size());
        List<D1QueryResult> results = session.batch(List.of(RowStatements.select(schema.shape(), values)));
        if (results.get(0).results().isEmpty()) {
            throw DatabaseNotFoundException.forRow();
        }
        return new RowDetail(
                schema,
                RowRendering.row(schema.shape(), results.get(0).results().get(0)));
    }
}
