package dev.flarelink.d1;

/** The comparisons the filter builder offers; the SQL is fixed here, the value is always bound. */
public enum FilterOperator {
    EQ("=", " = ?"),
    NE("!=", " != ?"),
    LT("<", " < ?"),
    GT(">", " > ?"),
    LE("<=", " <= ?"),
    GE(">=", " >= ?"),
    LIKE("LIKE", " LIKE ?"),
    IS_NULL("IS NULL", " IS NULL"),
    IS_NOT_NULL("IS NOT NULL", " IS NOT NULL");

    private final String label;
    private final String sql;

    FilterOperator(String label, String sql) {
        this.label = label;
        this.sql = sql;
    }

    public String label() {
        return label;
    }

    /** The SQL after the quoted column, with one {@code ?} when the operator takes a value. */
    String sql() {
        return sql;
    }

    public boolean takesValue() {
        return this != IS_NULL && this != IS_NOT_NULL;
    }
}
