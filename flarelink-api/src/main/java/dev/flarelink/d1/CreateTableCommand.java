package dev.flarelink.d1;

import java.util.List;

/** Create a table with the given columns (at least one). */
public record CreateTableCommand(String name, List<ColumnSpec> columns) {

    public CreateTableCommand {
        columns = List.copyOf(columns);
    }
}
