package dev.flarelink.d1;

/** One column mapping of a foreign key, as {@code PRAGMA foreign_key_list} reports it. */
public record ForeignKeyInfo(String column, String referencedTable, String referencedColumn, String onDelete) {}
