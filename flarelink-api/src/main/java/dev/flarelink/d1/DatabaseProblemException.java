package dev.flarelink.d1;

/** A request the database cannot serve, with a plain sentence that names the cause and the fix. */
public class DatabaseProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private DatabaseProblemException(String message) {
        super(message);
    }

    static DatabaseProblemException of(String message) {
        return new DatabaseProblemException(message);
    }

    static DatabaseProblemException unknownColumn(String column) {
        return new DatabaseProblemException(
                "The table has no column named \"" + column + "\". Choose one from the list.");
    }
}
