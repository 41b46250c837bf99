package dev.flarelink.d1;

/** One condition of the filter builder: column, operator and the (bound) value typed by the user. */
public record RowFilter(String column, FilterOperator operator, String value) {}
