package dev.flarelink.d1;

/** The one way a table or column name enters generated SQL: as a double-quoted SQLite identifier. */
public final class SqlIdentifiers {

    private SqlIdentifiers() {}

    /**
     * Quotes {@code name} so SQLite reads it as exactly that identifier, whatever it contains: inner double quotes
     * are doubled, so no character can end the identifier early.
     *
     * @throws IllegalArgumentException for an empty name or one holding a NUL character (SQLite cannot store it)
     */
    public static String quote(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a usable SQLite identifier");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * A text literal for the few places SQL cannot take a bound value (a column DEFAULT in DDL): single quotes
     * doubled, so the text cannot end the literal.
     */
    public static String literal(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a usable SQLite text literal");
        }
        return "'" + text.replace("'", "''") + "'";
    }
}
