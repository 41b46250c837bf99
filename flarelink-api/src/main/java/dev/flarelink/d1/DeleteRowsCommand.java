package dev.flarelink.d1;

import java.util.List;

/** Delete the selected rows (keys from the grid) of a table. */
public record DeleteRowsCommand(String table, List<String> keys) {

    public static final int MAX_ROWS = 500;

    public DeleteRowsCommand {
        keys = List.copyOf(keys);
    }
}
