package dev.flarelink.d1;

import java.util.Set;

/**
 * Import CSV text into a table.
 *
 * @param emptyAsNull CSV column names whose empty fields become NULL (the others store the empty string)
 */
public record ImportCommand(String table, String csv, Set<String> emptyAsNull) {

    public ImportCommand {
        emptyAsNull = Set.copyOf(emptyAsNull);
    }
}
