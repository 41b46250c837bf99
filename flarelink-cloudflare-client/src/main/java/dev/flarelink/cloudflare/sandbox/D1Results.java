package dev.flarelink.cloudflare.sandbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Executes one prepared statement and shapes its D1 result: rows (objects or columns/rows) and {@code meta}. */
final class D1Results {

    private D1Results() {}

    static ObjectNode run(Connection connection, PreparedStatement ps, boolean raw, long sizeBefore)
            throws SQLException {
        long totalBefore = counters(connection)[0];
        long started = System.nanoTime();
        boolean hasRows = ps.execute();
        ArrayNode rows = Json.array();
        ArrayNode columns = Json.array();
        int rowCount = hasRows ? read(ps.getResultSet(), raw, rows, columns) : 0;
        double durationMs = (System.nanoTime() - started) / 1_000_000.0;
        long[] after = counters(connection);
        long changes = after[0] - totalBefore;
        ObjectNode result = Json.object();
        result.put("success", true);
        if (raw) {
            result.set(
                    "results", Json.object().<ObjectNode>set("columns", columns).set("rows", rows));
        } else {
            result.set("results", rows);
        }
        result.set("meta", meta(connection, durationMs, changes, after[1], rowCount, sizeBefore));
        return result;
    }

    private static int read(ResultSet rs, boolean raw, ArrayNode rows, ArrayNode columns) throws SQLException {
        try (rs) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            for (int i = 1; i <= n; i++) {
                columns.add(md.getColumnLabel(i));
            }
            int count = 0;
            while (rs.next()) {
                count++;
                if (raw) {
                    ArrayNode row = rows.addArray();
                    for (int i = 1; i <= n; i++) {
                        row.add(D1Values.column(rs, i));
                    }
                } else {
                    ObjectNode row = rows.addObject();
                    for (int i = 1; i <= n; i++) {
                        row.set(md.getColumnLabel(i), D1Values.column(rs, i));
                    }
                }
            }
            return count;
        }
    }

    /** {@code [total_changes(), last_insert_rowid()]} of the connection. */
    private static long[] counters(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT total_changes(), last_insert_rowid()")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static ObjectNode meta(
            Connection connection, double durationMs, long changes, long lastRowId, int rowsReturned, long sizeBefore)
            throws SQLException {
        long sizeAfter = D1Engine.size(connection);
        ObjectNode meta = Json.object();
        meta.put("served_by", "sandbox");
        meta.put("served_by_region", "WEUR");
        meta.put("served_by_primary", true);
        meta.put("served_by_colo", "AMS");
        meta.put("duration", durationMs);
        meta.put("changes", changes);
        meta.put("last_row_id", lastRowId);
        meta.put("changed_db", changes > 0 || sizeAfter != sizeBefore);
        meta.put("size_after", sizeAfter);
        meta.put("rows_read", Math.max(rowsReturned, changes));
        meta.put("rows_written", changes);
        meta.set("timings", Json.object().put("sql_duration_ms", durationMs));
        return meta;
    }
}
