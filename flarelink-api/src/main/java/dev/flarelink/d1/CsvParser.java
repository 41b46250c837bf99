package dev.flarelink.d1;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: fields separated by commas, optionally double-quoted (with {@code ""} inside), CRLF or LF rows. */
final class CsvParser {

    private CsvParser() {}

    /**
     * Parses {@code text} into records of fields; a quoted empty field and an unquoted one are both "" here (the
     * import decides per column whether empty means NULL).
     *
     * @throws DatabaseProblemException for an unterminated quoted field
     */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        while (i < text.length()) {
            char c = text.charAt(i++);
            any = true;
            if (quoted) {
                if (c == '"' && i < text.length() && text.charAt(i) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i < text.length() && text.charAt(i) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                any = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw DatabaseProblemException.of("The CSV ends inside a quoted field: a closing \" is missing.");
        }
        if (any) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
