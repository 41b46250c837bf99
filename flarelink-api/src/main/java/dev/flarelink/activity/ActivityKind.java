package dev.flarelink.activity;

import java.util.List;
import java.util.Optional;

/**
 * What an event is about, for the Activity "Kind" filter: each kind is a set of action-name prefixes (the part
 * before the first dot), covering both the Cloudflare calls and the dashboard actions on that kind of resource.
 */
public enum ActivityKind {
    DATABASE("database", "D1 databases, tables, rows and SQL", List.of("d1", "sql", "row", "rows", "table", "column")),
    FILES("files", "R2 buckets, files, CORS and keys", List.of("r2", "bucket", "object", "cors", "key")),
    WORKER("worker", "Workers and domains", List.of("workers", "worker")),
    KV("kv", "KV namespaces", List.of("kv")),
    PROJECT("project", "Projects and their configuration", List.of("project", "config")),
    CONNECTION("connection", "Connections and tokens", List.of("connection", "tokens", "accounts", "zones")),
    LOG("log", "The log itself: verify, reconcile, retention, trust", List.of("activity", "trust", "audit"));

    private final String value;
    private final String label;
    private final List<String> prefixes;

    ActivityKind(String value, String label, List<String> prefixes) {
        this.value = value;
        this.label = label;
        this.prefixes = prefixes;
    }

    /** The value a filter link carries, e.g. {@code database}. */
    public String value() {
        return value;
    }

    /** What the filter's choice says. */
    public String label() {
        return label;
    }

    /** The action-name prefixes (before the first dot) of this kind. */
    public List<String> prefixes() {
        return prefixes;
    }

    public static Optional<ActivityKind> of(String value) {
        for (ActivityKind kind : values()) {
            if (kind.value.equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
