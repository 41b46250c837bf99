package dev.flarelink.worker;

import java.util.Objects;

/**
 * One numbered D1 migration file, applied once and recorded by {@code name} in {@code d1_migrations}.
 *
 * @param name the file name, e.g. {@code 0001_init.sql}; this exact string is what wrangler records
 * @param sql the whole file, one or more statements separated by semicolons (the D1 query API accepts it as is)
 */
public record Migration(String name, String sql) {

    public Migration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
    }

    /** The statement that records this migration as applied; send it in the same batch as {@link #sql()}. */
    public String recordSql() {
        // Names come from our own bundle (checked to match [0-9]{4}_[a-z0-9_]+.sql), so quoting is enough.
        return "INSERT INTO d1_migrations (name) VALUES ('" + name.replace("'", "''") + "');";
    }

    /** Omits the SQL text, which is long and says nothing a log reader needs. */
    @Override
    public String toString() {
        return "Migration[" + name + "]";
    }
}
