package dev.flarelink.d1;

import java.util.List;

/**
 * An index of a table.
 *
 * @param origin {@code c} (CREATE INDEX), {@code u} (UNIQUE constraint) or {@code pk}
 */
public record IndexInfo(String name, boolean unique, String origin, boolean partial, List<String> columns) {}
