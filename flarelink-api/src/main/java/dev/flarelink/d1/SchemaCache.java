package dev.flarelink.d1;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The last seen shape of each table, so a page's rows can be asked for in the same batch that re-reads the schema
 * (one D1 round trip per page). Every page view refreshes the entry; a stale one costs one retry.
 */
@Component
class SchemaCache {

    private static final int MAX_ENTRIES = 2_000;

    private record Key(UUID connectionId, String databaseId, String table) {}

    private final Map<Key, TableShape> shapes = new ConcurrentHashMap<>();

    @Nullable
    TableShape get(UUID connectionId, String databaseId, String table) {
        return shapes.get(new Key(connectionId, databaseId, table));
    }

    void put(UUID connectionId, String databaseId, TableShape shape) {
        if (shapes.size() >= MAX_ENTRIES) {
            shapes.clear(); // crude bound: entries are cheap to rebuild
        }
        shapes.put(new Key(connectionId, databaseId, shape.name()), shape);
    }

    void remove(UUID connectionId, String databaseId, String table) {
        shapes.remove(new Key(connectionId, databaseId, table));
    }
}
