package dev.flarelink.d1;

import java.util.List;

/**
 * The tables of one database.
 *
 * @param hiddenCount internal tables left out because the user did not ask for them
 */
public record TableList(String databaseId, String databaseName, List<TableSummary> tables, int hiddenCount) {}
