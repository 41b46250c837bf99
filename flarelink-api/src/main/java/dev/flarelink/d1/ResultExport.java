package dev.flarelink.d1;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A console result as CSV and as JSON, made once when the result is rendered: exporting never runs the statement
 * again (it may have written), and the data never goes to Flarelink's database. Both hold every row D1 returned,
 * columns in D1's order. CSV follows the table export: NULL is an empty field, the empty string a quoted {@code ""},
 * a BLOB its hex. JSON is an array of objects: NULL is {@code null}, numbers stay numbers, a BLOB is D1's array of
 * byte values, and a repeated column name gets " (2)", " (3)" so no value is lost.
 */
public record ResultExport(String csv, String json) {

    /** Results larger than this are not offered for export: the page carries the files inline. */
    public static final int MAX_ROWS = 10_000;

    public static final int MAX_CHARS = 2_000_000;

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** The CSV as base64 of its UTF-8 bytes: an HTML attribute would turn its CR LF line ends into LF. */
    public String csvBase64() {
        return Base64.getEncoder().encodeToString(csv.getBytes(StandardCharsets.UTF_8));
    }

    public String jsonBase64() {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The export of a result, or null when it has more than {@value #MAX_ROWS} rows or either file is too long. */
    static @Nullable ResultExport of(List<String> columns, List<List<@Nullable Object>> rows) {
        if (rows.size() > MAX_ROWS) {
            return null;
        }
        String csv = csv(columns, rows);
        if (csv == null) {
            return null;
        }
        String json = json(columns, rows);
        return json.length() > MAX_CHARS ? null : new ResultExport(csv, json);
    }

    private static @Nullable String csv(List<String> columns, List<List<@Nullable Object>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, new ArrayList<@Nullable Object>(columns));
        for (List<@Nullable Object> row : rows) {
            line(out, row);
            if (out.length() > MAX_CHARS) {
                return null;
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<@Nullable Object> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(CsvExport.field(values.get(i)));
        }
        out.append("\r\n");
    }

    private static String json(List<String> columns, List<List<@Nullable Object>> rows) {
        List<String> names = uniqueNames(columns);
        ArrayNode array = JSON.createArrayNode();
        for (List<@Nullable Object> row : rows) {
            ObjectNode object = array.addObject();
            for (int i = 0; i < names.size(); i++) {
                @Nullable Object value = i < row.size() ? row.get(i) : null;
                if (value == null) {
                    object.putNull(names.get(i));
                } else {
                    object.set(names.get(i), JSON.valueToTree(SqlValues.normalise(value)));
                }
            }
        }
        return JSON.writeValueAsString(array);
    }

    static List<String> uniqueNames(List<String> columns) {
        Set<String> taken = new HashSet<>(columns);
        Set<String> used = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (String column : columns) {
            String name = column;
            // A renamed duplicate never takes a name a real column of the result has.
            for (int k = 2; used.contains(name) || (!name.equals(column) && taken.contains(name)); k++) {
                name = column + " (" + k + ")";
            }
            used.add(name);
            names.add(name);
        }
        return names;
    }
}
