package dev.flarelink.d1;

import java.util.List;

/**
 * What a CSV would write, checked before anything is written.
 *
 * @param header the CSV's column names (all of them columns of the table)
 * @param sample the first rows, as parsed
 * @param rowCount data rows in the file
 * @param problems what must be fixed before importing (empty when the file can be imported)
 */
public record ImportPreview(
        TableSchema schema, List<String> header, List<List<String>> sample, int rowCount, List<String> problems) {

    public boolean importable() {
        return problems.isEmpty();
    }
}
