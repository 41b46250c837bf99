package dev.flarelink.d1;

/** A request the database cannot serve, with a plain sentence that names the cause and the fix. */
public class DatabaseProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private DatabaseProblemException(String message, Throwable cause) {
        super(message, cause);
    }

    private DatabaseProblemException(String message) {
        super(message);
    }

    static DatabaseProblemException of(String message) {
        return new DatabaseProblemException(message);
    }

    /** Keeps what Cloudflare refused as the cause, so a caller can still tell a spent budget (429) from bad SQL. */
    static DatabaseProblemException of(String message, Throwable cause) {
        return new DatabaseProblemException(message, cause);
    }

    static DatabaseProblemException unknownColumn(String column) {
        return new DatabaseProblemException(
                "The table has no column named \"" + column + "\". Choose one from the list.");
    }
}
