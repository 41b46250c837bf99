package dev.flarelink.d1;

import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.cloudflare.d1.D1Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The statements that read a table's schema (the table name is always a bound value of the pragma functions) and
 * the parsing of their results. They go in the same batch as the page's rows.
 */
public final class SchemaStatements {

    /** Tables of the Flarelink auth Worker, which only the Worker (and the Users page) should change. */
    static final Set<String> AUTH_TABLES =
            Set.of("user", "account", "verification", "flarelink_config", "flarelink_auth_event", "flarelink_ticket");

    /** The auth tables about users, whose grid links to the project's Users page. */
    public static final Set<String> USER_TABLES = Set.of("user", "account", "verification", "flarelink_auth_event");

    static final int COUNT = 5;

    private static final Pattern WITHOUT_ROWID =
            Pattern.compile("\\)\\s*(STRICT\\s*,\\s*)?WITHOUT\\s+ROWID[\\s,A-Z]*$", Pattern.CASE_INSENSITIVE);

    private SchemaStatements() {}

    static List<D1Statement> forTable(String table) {
        return List.of(
                D1Statement.of("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table),
                D1Statement.of(
                        "SELECT cid, name, type, \"notnull\" AS nn, dflt_value, pk FROM pragma_table_info(?)", table),
                D1Statement.of(
                        "SELECT \"from\" AS col, \"table\" AS tbl, \"to\" AS ref, on_delete FROM "
                                + "pragma_foreign_key_list(?) ORDER BY id, seq",
                        table),
                D1Statement.of(
                        "SELECT il.name AS name, il.\"unique\" AS uniq, il.origin AS origin, il.partial AS partial, "
                                + "ii.name AS col FROM pragma_index_list(?) il "
                                + "LEFT JOIN pragma_index_info(il.name) ii ORDER BY il.seq, ii.seqno",
                        table),
                D1Statement.of(
                        "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'flarelink_config'"));
    }

    /** Every table with its columns, in one statement. */
    static D1Statement allTables() {
        return D1Statement.of("SELECT m.name AS tbl, m.sql AS sql, p.cid AS cid, p.name AS name, p.type AS type, "
                + "p.\"notnull\" AS nn, p.dflt_value AS dflt_value, p.pk AS pk "
                + "FROM sqlite_master m JOIN pragma_table_info(m.name) p "
                + "WHERE m.type = 'table' ORDER BY m.name, p.cid");
    }

    /** The schema from the first {@link #COUNT} results, or null when the table does not exist. */
    static @Nullable TableSchema parse(String table, List<D1QueryResult> results) {
        if (results.get(0).results().isEmpty()) {
            return null;
        }
        String sql = text(results.get(0).results().get(0).get("sql"));
        List<ColumnInfo> columns =
                results.get(1).results().stream().map(SchemaStatements::column).toList();
        TableShape shape = new TableShape(table, columns, withoutRowid(sql));
        boolean authDatabase = number(results.get(4).results().get(0).get("n")) > 0;
        String readOnly = authDatabase && AUTH_TABLES.contains(table)
                ? "This is a table of the auth Worker (it holds users, sessions and its configuration). Change it "
                        + "through the auth service, so its rules and hashes stay consistent."
                : null;
        return new TableSchema(shape, foreignKeys(results.get(2)), indexes(results.get(3)), readOnly);
    }

    static Map<String, TableShape> parseAll(D1QueryResult result) {
        Map<String, List<ColumnInfo>> columns = new LinkedHashMap<>();
        Map<String, Boolean> withoutRowid = new LinkedHashMap<>();
        for (Map<String, @Nullable Object> row : result.results()) {
            String table = text(row.get("tbl"));
            columns.computeIfAbsent(table, t -> new ArrayList<>()).add(column(row));
            withoutRowid.putIfAbsent(table, withoutRowid(text(row.get("sql"))));
        }
        Map<String, TableShape> shapes = new LinkedHashMap<>();
        columns.forEach((table, cols) -> shapes.put(table, new TableShape(table, cols, withoutRowid.get(table))));
        return shapes;
    }

    static boolean withoutRowid(String createSql) {
        return WITHOUT_ROWID.matcher(createSql.strip()).find();
    }

    static boolean internal(String table) {
        String lower = table.toLowerCase(Locale.ROOT);
        return lower.startsWith("sqlite_") || lower.startsWith("_cf_") || lower.equals("d1_migrations");
    }

    private static ColumnInfo column(Map<String, @Nullable Object> row) {
        Object dflt = row.get("dflt_value");
        return new ColumnInfo(
                (int) number(row.get("cid")),
                text(row.get("name")),
                text(row.get("type")),
                number(row.get("nn")) != 0,
                dflt == null ? null : dflt.toString(),
                (int) number(row.get("pk")));
    }

    private static List<ForeignKeyInfo> foreignKeys(D1QueryResult result) {
        return result.results().stream()
                .map(r -> new ForeignKeyInfo(
                        text(r.get("col")), text(r.get("tbl")), text(r.get("ref")), text(r.get("on_delete"))))
                .toList();
    }

    private static List<IndexInfo> indexes(D1QueryResult result) {
        Map<String, IndexInfo> byName = new LinkedHashMap<>();
        for (Map<String, @Nullable Object> r : result.results()) {
            String name = text(r.get("name"));
            IndexInfo index = byName.computeIfAbsent(
                    name,
                    n -> new IndexInfo(
                            n,
                            number(r.get("uniq")) != 0,
                            text(r.get("origin")),
                            number(r.get("partial")) != 0,
                            new ArrayList<>()));
            if (r.get("col") != null) {
                index.columns().add(text(r.get("col")));
            }
        }
        return byName.values().stream()
                .map(i -> new IndexInfo(i.name(), i.unique(), i.origin(), i.partial(), List.copyOf(i.columns())))
                .toList();
    }

    static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }

    static long number(@Nullable Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
