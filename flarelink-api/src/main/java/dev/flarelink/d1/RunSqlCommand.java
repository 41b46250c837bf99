package dev.flarelink.d1;

/**
 * SQL typed into the console.
 *
 * @param confirmed the user confirmed running a script that writes
 */
public record RunSqlCommand(String sql, boolean confirmed) {}
