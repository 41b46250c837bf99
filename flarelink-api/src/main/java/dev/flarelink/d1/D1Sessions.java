package dev.flarelink.d1;

import dev.flarelink.activity.ResourceProjects;
import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.connect.ConnectionService;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Opens a database through the signed-in user's own connection (another user's connection answers 404). */
@Component
class D1Sessions {

    private final ConnectionService connections;
    private final ResourceProjects projects;

    D1Sessions(ConnectionService connections, ResourceProjects projects) {
        this.connections = connections;
        this.projects = projects;
    }

    /** The session's calls and actions carry the project whose database this is, when there is one. */
    D1Session open(UUID userId, UUID connectionId, String databaseId) {
        UUID project = projects.forDatabase(userId, connectionId, databaseId);
        return new D1Session(userId, connections.open(userId, connectionId, project), databaseId, project);
    }

    /** A table's shape read directly through an API view (benchmarks and tools without a signed-in user). */
    static TableShape schemaOf(
            dev.flarelink.cloudflare.CloudflareApi api, String accountId, String databaseId, String table) {
        TableSchema schema =
                SchemaStatements.parse(table, api.d1().batch(accountId, databaseId, SchemaStatements.forTable(table)));
        if (schema == null) {
            throw DatabaseNotFoundException.forTable(table);
        }
        return schema.shape();
    }

    /** Reads a table's schema in its own round trip. */
    static TableSchema schema(D1Session session, String table) {
        List<D1QueryResult> results = session.batch(SchemaStatements.forTable(table));
        TableSchema schema = SchemaStatements.parse(table, results);
        if (schema == null) {
            throw DatabaseNotFoundException.forTable(table);
        }
        return schema;
    }
}
