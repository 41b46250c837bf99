package dev.flarelink.d1;

/** One row in full (no cut text) with its table's schema: the edit form and the "show all" view. */
public record RowDetail(TableSchema schema, RowView row) {}
