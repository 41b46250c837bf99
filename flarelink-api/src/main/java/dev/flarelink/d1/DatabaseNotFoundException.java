package dev.flarelink.d1;

import dev.flarelink.shared.NotFoundException;

/** The database (or table, or row) is not reachable through this user's connection: same answer as missing. */
public class DatabaseNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    private DatabaseNotFoundException(String message) {
        super(message);
    }

    static DatabaseNotFoundException forDatabase(String databaseId) {
        return new DatabaseNotFoundException("No database " + databaseId);
    }

    static DatabaseNotFoundException forTable(String table) {
        return new DatabaseNotFoundException("No table " + table);
    }

    static DatabaseNotFoundException forEntry() {
        return new DatabaseNotFoundException("No such console entry");
    }

    static DatabaseNotFoundException forRow() {
        return new DatabaseNotFoundException("No such row");
    }
}
