package dev.flarelink.d1;

/**
 * A table in the database's table list.
 *
 * @param internal a table of SQLite, D1 or a migration tool ({@code sqlite_*}, {@code _cf_*}, {@code d1_migrations})
 */
public record TableSummary(String name, int columnCount, boolean withoutRowid, boolean internal) {}
