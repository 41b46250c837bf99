package dev.flarelink.d1;

import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.shared.SpreadsheetSafe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Streams a whole table as CSV in key order, 500 rows per D1 call (keyset-chunked, so the last chunk costs what the
 * first does and memory stays constant). NULL is an empty field, the empty string a quoted {@code ""}; BLOBs are hex.
 */
@Service
public class CsvExport {

    static final int CHUNK = 500;

    private final D1Sessions sessions;
    private final ActivityService activity;

    CsvExport(D1Sessions sessions, ActivityService activity) {
        this.sessions = sessions;
        this.activity = activity;
    }

    /**
     * Writes the table to {@code out} and returns how many rows were written.
     *
     * @throws DatabaseNotFoundException when the table or database is not reachable (nothing is written then)
     */
    public long exportTable(UUID userId, UUID connectionId, String databaseId, String table, Writer out) {
        return exportTable(userId, connectionId, databaseId, table, () -> out);
    }

    /**
     * As {@link #exportTable(UUID, UUID, String, String, Writer)}, asking for the writer only once the table is found,
     * so that a web caller sets its download headers only for a table that exists.
     */
    public long exportTable(UUID userId, UUID connectionId, String databaseId, String table, Supplier<Writer> opener) {
        D1Session session = sessions.open(userId, connectionId, databaseId);
        TableShape shape = D1Sessions.schema(session, table).shape();
        Writer out = opener.get();
        KeysetQuery keyset =
                new KeysetQuery(shape, new RowsQuery(table, null, false, List.of(), CHUNK, null, null, false));
        long written = 0;
        try {
            writeLine(out, shape.columns().stream().map(c -> (Object) c.name()).toList());
            List<@Nullable Object> cursor = null;
            while (true) {
                D1QueryResult chunk =
                        session.batch(List.of(keyset.rows(cursor, false))).get(0);
                List<Map<String, @Nullable Object>> rows = chunk.results();
                for (Map<String, @Nullable Object> fetched : rows.subList(0, Math.min(rows.size(), CHUNK))) {
                    Map<String, @Nullable Object> row = ConfigSecrets.maskRow(shape.name(), fetched);
                    List<@Nullable Object> values = new ArrayList<>();
                    shape.columns().forEach(c -> values.add(row.get(c.name())));
                    writeLine(out, values);
                    written++;
                }
                if (rows.size() <= CHUNK) {
                    break;
                }
                Map<String, @Nullable Object> last = rows.get(CHUNK - 1);
                cursor = new ArrayList<>();
                for (String label : shape.orderKeyLabels()) {
                    cursor.add(SqlValues.normalise(last.get(label)));
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        activity.recordAction(session.action(
                "table.exported", "ok", written + " row(s) of table " + table + " in database " + databaseId, table));
        return written;
    }

    private static void writeLine(Writer out, List<@Nullable Object> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(values.get(i)));
        }
        out.write("\r\n");
    }

    /**
     * One CSV field. Text that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or CR) gets a
     * leading {@code '}, as the Activity export does (and so does text starting with {@code '}, so the rule can be
     * undone); numbers and BLOB hex are written as they are. JSON exports keep exact values.
     */
    static String field(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof List<?> bytes
                ? java.util.HexFormat.of().formatHex(SqlValues.toBytes(bytes))
                : String.valueOf(value instanceof String ? SpreadsheetSafe.neutralise(value) : value);
        boolean quote = text.isEmpty() || text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
