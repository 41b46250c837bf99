package dev.flarelink.d1;

import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.d1.D1Statement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * CSV import: a preview with a validation report first, then chunked writes — each INSERT binds at most 100 values
 * (D1's limit) and each D1 call carries at most {@value #STATEMENTS_PER_CALL} of them. The import stops at the first
 * refused call and reports which rows were written.
 */
@Service
public class CsvImport {

    public static final int MAX_BYTES = 1_000_000;
    static final int SAMPLE_ROWS = 10;
    static final int MAX_PROBLEMS = 20;
    static final int STATEMENTS_PER_CALL = 20;

    private final D1Sessions sessions;
    private final ActivityService activity;

    CsvImport(D1Sessions sessions, ActivityService activity) {
        this.sessions = sessions;
        this.activity = activity;
    }

    /** Checks the file against the table without writing anything. */
    public ImportPreview preview(UUID userId, UUID connectionId, String databaseId, String table, String csv) {
        TableSchema schema = D1Sessions.schema(sessions.open(userId, connectionId, databaseId), table);
        List<String> problems = new ArrayList<>();
        List<List<String>> records = records(csv, problems);
        List<String> header = records.isEmpty() ? List.of() : records.get(0);
        List<List<String>> data = records.isEmpty() ? List.of() : records.subList(1, records.size());
        if (problems.isEmpty()) {
            convert(schema, header, data, null, problems);
        }
        if (schema.readOnly()) {
            problems.add(0, Objects.requireNonNull(schema.readOnlyReason()));
        }
        List<List<String>> sample = data.subList(0, Math.min(SAMPLE_ROWS, data.size()));
        return new ImportPreview(schema, header, List.copyOf(sample), data.size(), List.copyOf(problems));
    }

    /**
     * Writes the rows, chunk by chunk.
     *
     * @throws DatabaseProblemException when the file does not validate (nothing is written)
     */
    public ImportReport importRows(UUID userId, UUID connectionId, String databaseId, ImportCommand command) {
        D1Session session = sessions.open(userId, connectionId, databaseId);
        TableSchema schema = D1Sessions.schema(session, command.table());
        List<String> problems = new ArrayList<>();
        if (schema.readOnly()) {
            problems.add(Objects.requireNonNull(schema.readOnlyReason()));
        }
        List<List<String>> records = records(command.csv(), problems);
        List<String> header = records.isEmpty() ? List.of() : records.get(0);
        List<List<String>> data = records.isEmpty() ? List.of() : records.subList(1, records.size());
        List<List<@Nullable Object>> rows =
                problems.isEmpty() ? convert(schema, header, data, command, problems) : List.of();
        if (!problems.isEmpty()) {
            throw DatabaseProblemException.of("Nothing was imported: " + String.join(" ", problems));
        }
        List<ColumnInfo> columns =
                header.stream().map(h -> schema.shape().column(h).orElseThrow()).toList();
        ImportReport report = write(session, schema.shape(), columns, rows);
        activity.recordAction(session.action(
                "rows.imported",
                report.complete() ? "ok" : "failed",
                report.rowsWritten() + " of " + report.rowCount() + " row(s) into table " + command.table()
                        + " in database " + databaseId,
                command.table()));
        return report;
    }

    private static ImportReport write(
            D1Session session, TableShape shape, List<ColumnInfo> columns, List<List<@Nullable Object>> rows) {
        int perStatement = Math.max(1, RowStatements.MAX_PARAMS / columns.size());
        int perCall = perStatement * STATEMENTS_PER_CALL;
        int written = 0;
        int calls = 0;
        while (written < rows.size()) {
            List<List<@Nullable Object>> chunk = rows.subList(written, Math.min(rows.size(), written + perCall));
            List<D1Statement> statements = new ArrayList<>();
            for (int from = 0; from < chunk.size(); from += perStatement) {
                statements.add(RowStatements.insertMany(
                        shape, columns, chunk.subList(from, Math.min(chunk.size(), from + perStatement))));
            }
            try {
                session.batch(statements);
            } catch (DatabaseProblemException refused) {
                return new ImportReport(written, rows.size(), calls, written + 1, refused.getMessage());
            }
            written += chunk.size();
            calls++;
        }
        return new ImportReport(written, rows.size(), calls, null, null);
    }

    private static List<List<String>> records(String csv, List<String> problems) {
        if (csv.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            problems.add("The file is over 1 MB. Split it, or import it with wrangler d1 execute --file.");
            return List.of();
        }
        try {
            List<List<String>> records = CsvParser.parse(csv);
            if (records.isEmpty() || records.get(0).stream().allMatch(String::isBlank)) {
                problems.add("The file is empty. Its first line must name the columns.");
                return List.of();
            }
            return records;
        } catch (DatabaseProblemException malformed) {
            problems.add(String.valueOf(malformed.getMessage()));
            return List.of();
        }
    }

    /** Converts every row as the row form would; with no command (preview) empty fields count as valid. */
    private static List<List<@Nullable Object>> convert(
            TableSchema schema,
            List<String> header,
            List<List<String>> data,
            @Nullable ImportCommand command,
            List<String> problems) {
        TableShape shape = schema.shape();
        for (String name : header) {
            if (shape.column(name).isEmpty()) {
                problems.add("The column \"" + name + "\" is not in the table. Rename it in the first line.");
            }
        }
        if (!problems.isEmpty()) {
            return List.of();
        }
        List<List<@Nullable Object>> rows = new ArrayList<>();
        for (int r = 0; r < data.size() && problems.size() < MAX_PROBLEMS; r++) {
            List<String> record = data.get(r);
            if (record.size() != header.size()) {
                problems.add("Row " + (r + 1) + " has " + record.size() + " fields; the first line names "
                        + header.size() + ".");
                continue;
            }
            Map<Integer, FieldInput> fields = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                ColumnInfo column = shape.column(header.get(i)).orElseThrow();
                String text = record.get(i);
                boolean nullIt = text.isEmpty()
                        && (command == null || command.emptyAsNull().contains(column.name()));
                fields.put(
                        column.index(),
                        nullIt && command != null
                                ? new FieldInput(FieldInput.Mode.NULL, "")
                                : new FieldInput(nullIt ? FieldInput.Mode.DEFAULT : FieldInput.Mode.VALUE, text));
            }
            try {
                Map<ColumnInfo, @Nullable Object> values = RowValues.convert(shape, fields, true);
                List<@Nullable Object> row = new ArrayList<>();
                header.forEach(h -> row.add(values.get(shape.column(h).orElseThrow())));
                rows.add(row);
            } catch (RowValidationException invalid) {
                int row = r + 1;
                invalid.fieldErrors()
                        .forEach((index, message) -> problems.add("Row " + row + ", column \""
                                + shape.columns().get(index).name() + "\": " + message));
            }
        }
        return rows;
    }
}
