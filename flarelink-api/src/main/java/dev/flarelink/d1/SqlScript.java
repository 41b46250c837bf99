package dev.flarelink.d1;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A conservative reading of console SQL: the words outside strings, quoted names and comments, split into
 * statements. Any statement holding a writing keyword anywhere (even inside a CTE or trigger) counts as writing.
 * For a plain single-table UPDATE or DELETE it also derives {@code SELECT count(*) FROM table WHERE same-condition},
 * to say how many rows the statement will touch before it runs.
 *
 * @param impacts the row-count queries of the script's UPDATE and DELETE statements that could be derived
 * @param parts where each statement is in the analysed SQL, in order
 */
public record SqlScript(
        int statements, Set<String> writeKeywords, List<String> warnings, List<ImpactQuery> impacts, List<Part> parts) {

    private static final Set<String> WRITES =
            Set.of("INSERT", "UPDATE", "DELETE", "DROP", "ALTER", "REPLACE", "CREATE", "VACUUM", "REINDEX", "PRAGMA");
    private static final Set<String> AFTER_WHERE = Set.of("RETURNING", "ORDER", "LIMIT");

    /**
     * How to count the rows an UPDATE or DELETE will touch.
     *
     * @param statement 1-based position of the statement in the script
     */
    public record ImpactQuery(int statement, String kind, String countSql) {}

    /**
     * One statement of the script, without the whitespace around it.
     *
     * @param start offset of its first character in the analysed SQL
     * @param end offset just after its last character (before the semicolon)
     */
    public record Part(String text, int start, int end) {}

    public boolean writes() {
        return !writeKeywords.isEmpty();
    }

    /** Reads {@code sql}; never fails, whatever the input. */
    public static SqlScript analyse(String sql) {
        List<Statement> statements = SqlTokens.split(sql);
        Set<String> writes = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        List<ImpactQuery> impacts = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            parts.add(statement.part());
            List<String> words = statement.words();
            words.stream().filter(WRITES::contains).forEach(writes::add);
            String first = words.get(0);
            if ((first.equals("DELETE") || first.equals("UPDATE")) && !words.contains("WHERE")) {
                warnings.add("Statement " + (i + 1) + " is " + article(first) + " without WHERE: it changes every "
                        + "row of the table.");
            }
            if (words.contains("DROP")) {
                warnings.add("Statement " + (i + 1) + " drops something; only Time Travel can bring it back.");
            }
            String count = countQuery(statement);
            if (count != null) {
                impacts.add(new ImpactQuery(i + 1, first, count));
            }
        }
        return new SqlScript(statements.size(), writes, warnings, impacts, parts);
    }

    private static String article(String keyword) {
        return (keyword.equals("UPDATE") ? "an " : "a ") + keyword;
    }

    /** {@code SELECT count(*) FROM <table> [WHERE <condition>]}, or null when the statement is not that simple. */
    static @Nullable String countQuery(Statement s) {
        List<SqlTokens.Token> top =
                s.tokens().stream().filter(t -> t.depth() == 0).toList();
        if (top.size() < 2) {
            return null;
        }
        int tableStart;
        int tableEnd;
        if (top.get(0).word().equals("DELETE") && top.get(1).word().equals("FROM")) {
            tableStart = top.get(1).end();
            SqlTokens.Token end = firstOf(top, 2, Set.of("WHERE", "RETURNING", "ORDER", "LIMIT"));
            tableEnd = end == null ? s.text().length() : end.start();
        } else if (top.get(0).word().equals("UPDATE")) {
            int from = top.size() > 2 && top.get(1).word().equals("OR") ? 2 : 0;
            tableStart = top.get(from).end();
            SqlTokens.Token set = firstOf(top, from + 1, Set.of("SET"));
            if (set == null || firstOf(top, 0, Set.of("FROM")) != null) {
                return null; // UPDATE … FROM joins other tables: not counted
            }
            tableEnd = set.start();
        } else {
            return null;
        }
        String table = s.text().substring(tableStart, tableEnd).strip();
        SqlTokens.Token where = firstOf(top, 0, Set.of("WHERE"));
        if (table.isEmpty()) {
            return null;
        }
        if (where == null) {
            return "SELECT count(*) AS n FROM " + table;
        }
        SqlTokens.Token after = firstOf(top, top.indexOf(where) + 1, AFTER_WHERE);
        String condition =
                s.text().substring(where.end(), after == null ? s.text().length() : after.start());
        return "SELECT count(*) AS n FROM " + table + " WHERE " + condition.strip();
    }

    private static SqlTokens.@Nullable Token firstOf(List<SqlTokens.Token> tokens, int from, Set<String> words) {
        for (int i = from; i < tokens.size(); i++) {
            if (words.contains(tokens.get(i).word())) {
                return tokens.get(i);
            }
        }
        return null;
    }

    /**
     * One statement's text and its bare words with their positions.
     *
     * @param start offset of {@code text} in the whole script
     */
    record Statement(String text, List<SqlTokens.Token> tokens, int start) {
        List<String> words() {
            return tokens.stream().map(SqlTokens.Token::word).toList();
        }

        Part part() {
            String trimmed = text.strip();
            int lead = text.length() - text.stripLeading().length();
            return new Part(trimmed, start + lead, start + lead + trimmed.length());
        }
    }

    static String upper(String word) {
        return word.toUpperCase(Locale.ROOT);
    }
}
