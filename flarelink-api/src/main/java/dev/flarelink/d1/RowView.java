package dev.flarelink.d1;

import java.util.List;

/**
 * One row of the grid.
 *
 * @param key opaque token identifying the row for edit and delete (primary key values, or the rowid)
 * @param cells one cell per table column, in column order
 */
public record RowView(String key, List<CellView> cells) {}
