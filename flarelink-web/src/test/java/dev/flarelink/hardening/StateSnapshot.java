package dev.flarelink.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A digest of everything the app keeps: each PostgreSQL table (row count and a checksum of its rows) and the
 * sandbox's Cloudflare state (its state file, its row store, D1 files and R2 objects). Two snapshots that are equal mean nothing
 * changed. Sessions and sign-in throttling are left out: visiting a page is allowed to touch those.
 */
final class StateSnapshot {

    private static final Set<String> NOT_STATE = Set.of(
            "spring_session",
            "spring_session_attributes",
            "sign_in_failure",
            "sign_in_lockout",
            "sign_up_attempt",
            "flyway_schema_history");

    /**
     * The Activity log records reads too: every Cloudflare call, and the reads worth auditing (a presigned
     * download link handed out, a table exported, a reconciliation run). A GET may append those; any other row is a
     * change.
     */
    static final String READ_AUDITS = "'object.download_signed', 'table.exported', 'activity.reconciled'";

    /** What a snapshot leaves out, for the checks where some change is expected. */
    record Scope(@Nullable UUID exceptUser, boolean exceptCallLog) {

        static final Scope EVERYTHING = new Scope(null, false);
    }

    private final JdbcClient jdbc;
    private final Path sandboxDirectory;
    private final Map<String, Boolean> userTables = new HashMap<>();

    StateSnapshot(JdbcClient jdbc, Path sandboxDirectory) {
        this.jdbc = jdbc;
        this.sandboxDirectory = sandboxDirectory;
    }

    /** Table name (or sandbox part) → digest. */
    Map<String, String> take(Scope scope) {
        Map<String, String> digests = new TreeMap<>();
        List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = 'public' "
                        + "and table_type = 'BASE TABLE'")
                .query(String.class)
                .list();
        for (String table : tables) {
            if (NOT_STATE.contains(table) || (scope.exceptCallLog() && table.equals("activity_chain_head"))) {
                continue;
            }
            digests.put(table, digest(table, scope));
        }
        digests.putAll(sandbox());
        return digests;
    }

    private String digest(String table, Scope scope) {
        String where = "true";
        if (scope.exceptUser() != null && hasUserColumn(table)) {
            where = "user_id is distinct from '" + scope.exceptUser() + "'::uuid";
        }
        if (scope.exceptCallLog() && table.equals("activity_event")) {
            where += " and kind <> 'call' and action not in (" + READ_AUDITS + ")";
        }
        return jdbc.sql(
                        "select count(*) || ':' || coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '')"
                                + " from \"" + table + "\" t where " + where)
                .query(String.class)
                .single();
    }

    private boolean hasUserColumn(String table) {
        return userTables.computeIfAbsent(
                table,
                t -> jdbc.sql("select count(*) from information_schema.columns where table_schema = 'public' "
                                        + "and table_name = :t and column_name = 'user_id'")
                                .param("t", t)
                                .query(Long.class)
                                .single()
                        > 0);
    }

    /** The emulator's state, without its audit log (which records every call, reads included, like Cloudflare's). */
    private Map<String, String> sandbox() {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sandboxDirectory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = "sandbox:" + sandboxDirectory.relativize(file);
                String fileName = file.getFileName().toString();
                if (fileName.equals("state.json")) {
                    ObjectNode state = (ObjectNode) JsonMapper.shared().readTree(Files.readAllBytes(file));
                    state.remove("audit");
                    digests.put(name, sha256(JsonMapper.shared().writeValueAsBytes(state)));
                } else if (fileName.equals("state.sqlite")) {
                    digests.put(name, sha256(rows(file).getBytes(StandardCharsets.UTF_8)));
                } else if (!fileName.endsWith(".tmp") && !fileName.startsWith("state.sqlite-")) {
                    digests.put(name, sha256(Files.readAllBytes(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return digests;
    }

    /**
     * The sandbox's row store without its audit table, read through SQLite (its bytes, and its WAL's, change with
     * every call's audit record).
     */
    private static String rows(Path file) {
        StringBuilder rows = new StringBuilder();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            for (String query : List.of(
                    "SELECT account, namespace, key, hex(value), expiration, metadata FROM kv ORDER BY 1, 2, 3",
                    "SELECT account, bucket, key, object FROM r2_object ORDER BY 1, 2, 3",
                    "SELECT seq, message FROM outbox ORDER BY seq")) {
                try (ResultSet rs = statement.executeQuery(query)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            rows.append(rs.getString(i)).append('\t');
                        }
                        rows.append('\n');
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sandbox's state.sqlite", e);
        }
        return rows.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
