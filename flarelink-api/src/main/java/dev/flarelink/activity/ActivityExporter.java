package dev.flarelink.activity;

import dev.flarelink.shared.SpreadsheetSafe;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a user's filtered events, oldest first, as CSV or JSON Lines, one event at a time: memory stays constant
 * however long the export. Every row carries {@code seq}, {@code prev_hash} and {@code hash}, and the fields needed
 * to recompute the hash offline (docs/activity-log.md).
 */
@Component
class ActivityExporter {

    /** The exported columns, in order; the same names are the JSON keys. */
    static final List<String> COLUMNS = List.of(
            "seq",
            "occurred_at",
            "user_id",
            "kind",
            "action",
            "connection_id",
            "project_id",
            "method",
            "path",
            "resource_ids",
            "status",
            "error_codes",
            "cf_ray",
            "duration_ms",
            "attempt",
            "outcome",
            "detail",
            "prev_hash",
            "hash");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ActivityQueries queries;

    ActivityExporter(ActivityQueries queries) {
        this.queries = queries;
    }

    void export(UUID user, ActivityFilter filter, ActivityExportFormat format, OutputStream out) {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        try {
            if (format == ActivityExportFormat.CSV) {
                writeCsv(user, filter, writer);
            } else {
                writeJsonLines(user, filter, writer);
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeCsv(UUID user, ActivityFilter filter, Writer writer) throws IOException {
        // Nulls are written as nothing, present values always quoted: "" is an empty value, an empty field is null.
        CSVFormat csv = CSVFormat.RFC4180
                .builder()
                .setHeader(COLUMNS.toArray(String[]::new))
                .setQuoteMode(QuoteMode.ALL_NON_NULL)
                .setNullString("")
                .get();
        CSVPrinter printer = new CSVPrinter(writer, csv);
        queries.forEach(user, filter, event -> {
            try {
                printer.printRecord(Arrays.stream(values(event)).map(ActivityExporter::neutralise));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        printer.flush();
    }

    private void writeJsonLines(UUID user, ActivityFilter filter, Writer writer) {
        queries.forEach(user, filter, event -> {
            Object[] values = values(event);
            Map<String, @Nullable Object> row = new LinkedHashMap<>();
            for (int i = 0; i < COLUMNS.size(); i++) {
                row.put(COLUMNS.get(i), values[i]);
            }
            try {
                writer.write(JSON.writeValueAsString(row));
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static @Nullable Object[] values(ActivityEventView event) {
        ActivityEntry e = event.entry();
        return new @Nullable Object[] {
            e.seq(),
            event.occurredAtText(),
            e.userId().toString(),
            e.kind(),
            e.action(),
            e.connectionId() == null ? null : e.connectionId().toString(),
            e.projectId() == null ? null : e.projectId().toString(),
            e.method(),
            e.path(),
            e.resourceIds(),
            e.status(),
            e.errorCodes(),
            e.cfRay(),
            e.durationMs(),
            e.attempt(),
            e.outcome(),
            e.detail(),
            event.prevHash(),
            event.hash()
        };
    }

    /** CSV formula injection (CWE-1236): see {@link SpreadsheetSafe#neutralise}. */
    static @Nullable Object neutralise(@Nullable Object value) {
        return SpreadsheetSafe.neutralise(value);
    }
}
