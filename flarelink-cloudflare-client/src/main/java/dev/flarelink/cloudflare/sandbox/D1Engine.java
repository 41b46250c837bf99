package dev.flarelink.cloudflare.sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Runs D1 queries against one real SQLite file per database. A call (one statement, a multi-statement
 * {@code sql} or a {@code batch}) runs in a single transaction: any failure rolls the whole call back. Each database
 * has its own lock, so queries run outside the sandbox lock and only queries on the same database wait for each
 * other (a SQLite connection serves one statement at a time).
 */
final class D1Engine {

    static final int MAX_STATEMENT_BYTES = 100_000;
    static final int MAX_BOUND_PARAMETERS = 100;

    /** One statement to run with its bound parameters. */
    record Query(String sql, JsonNode params) {}

    private final StateStore store;
    private final Map<String, Connection> connections = new HashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final java.util.Set<String> dropped = ConcurrentHashMap.newKeySet();

    D1Engine(StateStore store) {
        this.store = store;
    }

    ArrayNode execute(String uuid, List<Query> queries, boolean raw) {
        for (Query query : queries) {
            checkLimits(query);
        }
        ReentrantLock lock = lock(uuid);
        lock.lock();
        try {
            return executeLocked(connection(uuid), uuid, queries, raw);
        } finally {
            lock.unlock();
        }
    }

    private ArrayNode executeLocked(Connection connection, String uuid, List<Query> queries, boolean raw) {
        try {
            connection.setAutoCommit(false);
            ArrayNode results = Json.array();
            for (Query query : queries) {
                runQuery(connection, uuid, query, raw, results);
            }
            connection.commit();
            return results;
        } catch (SQLException e) {
            rollback(connection);
            throw D1Errors.translate(e);
        } catch (RuntimeException e) {
            rollback(connection);
            throw e;
        }
    }

    private static void checkLimits(Query query) {
        if (query.params().size() > MAX_BOUND_PARAMETERS) {
            throw ApiException.badRequest(7500, "too many SQL variables: SQLITE_ERROR");
        }
        for (String statement : SqlSplitter.split(query.sql())) {
            if (statement.getBytes(StandardCharsets.UTF_8).length > MAX_STATEMENT_BYTES) {
                throw ApiException.badRequest(7500, "statement too long: SQLITE_TOOBIG");
            }
        }
    }

    private void runQuery(Connection connection, String uuid, Query query, boolean raw, ArrayNode results)
            throws SQLException {
        List<String> statements = SqlSplitter.split(query.sql());
        int nextParam = 0;
        for (String sql : statements) {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                int count = ps.getParameterMetaData().getParameterCount();
                if (nextParam + count > query.params().size()) {
                    throw ApiException.badRequest(7500, "Wrong number of parameter bindings for SQL query.");
                }
                for (int i = 0; i < count; i++) {
                    D1Values.bind(ps, i + 1, query.params().get(nextParam++));
                }
                results.add(D1Results.run(connection, ps, raw, size(connection)));
            }
        }
        if (nextParam != query.params().size()) {
            throw ApiException.badRequest(7500, "Wrong number of parameter bindings for SQL query.");
        }
    }

    static long size(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA page_count")) {
            long pages = rs.next() ? rs.getLong(1) : 0;
            try (ResultSet ps = s.executeQuery("PRAGMA page_size")) {
                return pages * (ps.next() ? ps.getLong(1) : 4096);
            }
        }
    }

    int tableCount(String uuid) {
        ReentrantLock lock = lock(uuid);
        lock.lock();
        try (Statement s = connection(uuid).createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw D1Errors.translate(e);
        } finally {
            lock.unlock();
        }
    }

    long fileSize(String uuid) {
        ReentrantLock lock = lock(uuid);
        lock.lock();
        try {
            return size(connection(uuid));
        } catch (SQLException e) {
            throw D1Errors.translate(e);
        } finally {
            lock.unlock();
        }
    }

    private ReentrantLock lock(String uuid) {
        return locks.computeIfAbsent(uuid, id -> new ReentrantLock());
    }

    synchronized Connection connection(String uuid) {
        Connection existing = connections.get(uuid);
        if (existing != null) {
            return existing;
        }
        if (dropped.contains(uuid)) {
            // a query that found the database just before it was deleted must not bring its file back
            throw ApiException.notFound(7404, "Not Found");
        }
        try {
            Path file = store.d1File(uuid);
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA foreign_keys = ON"); // D1 enforces foreign keys
            }
            connections.put(uuid, connection);
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open D1 database file", e);
        }
    }

    /** Waits for a query running on the database, then closes and deletes it. */
    void drop(String uuid) {
        ReentrantLock lock = lock(uuid);
        lock.lock();
        try {
            synchronized (this) {
                close(connections.remove(uuid));
                dropped.add(uuid);
            }
            Files.deleteIfExists(store.d1File(uuid));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    /** Closes every database, each once a query running on it has finished. */
    void closeAll() {
        for (String uuid : java.util.Set.copyOf(locks.keySet())) {
            ReentrantLock lock = lock(uuid);
            lock.lock();
            try {
                synchronized (this) {
                    close(connections.remove(uuid));
                }
            } finally {
                lock.unlock();
            }
        }
        synchronized (this) {
            connections.values().forEach(D1Engine::close);
            connections.clear();
        }
    }

    private static void close(@Nullable Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a SQLite handle only fails if it is already unusable
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // nothing more to undo
        }
    }
}
