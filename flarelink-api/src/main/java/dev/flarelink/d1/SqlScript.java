package dev.flarelink.d1;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A conservative reading of console SQL: the words outside strings, quoted names and comments, split into
 * statements. Any statement holding a writing keyword anywhere (even inside a CTE or trigger) counts as writing.
 */
public record SqlScript(int statements, Set<String> writeKeywords, List<String> warnings) {

    private static final Set<String> WRITES =
            Set.of("INSERT", "UPDATE", "DELETE", "DROP", "ALTER", "REPLACE", "CREATE", "VACUUM", "REINDEX", "PRAGMA");

    public boolean writes() {
        return !writeKeywords.isEmpty();
    }

    /** Reads {@code sql}; never fails, whatever the input. */
    public static SqlScript analyse(String sql) {
        List<List<String>> statements = words(sql);
        Set<String> writes = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            List<String> words = statements.get(i);
            words.stream().filter(WRITES::contains).forEach(writes::add);
            String first = words.isEmpty() ? "" : words.get(0);
            if ((first.equals("DELETE") || first.equals("UPDATE")) && !words.contains("WHERE")) {
                warnings.add("Statement " + (i + 1) + " is " + article(first) + " without WHERE: it changes every "
                        + "row of the table.");
            }
            if (words.contains("DROP")) {
                warnings.add("Statement " + (i + 1) + " drops something; only Time Travel can bring it back.");
            }
        }
        return new SqlScript(statements.size(), writes, warnings);
    }

    private static String article(String keyword) {
        return (keyword.equals("UPDATE") ? "an " : "a ") + keyword;
    }

    /** Upper-cased bare words per statement, skipping literals, quoted identifiers and comments. */
    static List<List<String>> words(String sql) {
        List<List<String>> statements = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int end = sql.indexOf(close, i + 1);
                i = end < 0 ? n : end + 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == ';' && !insideTrigger(current)) {
                if (!current.isEmpty()) {
                    statements.add(current);
                }
                current = new ArrayList<>();
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                current.add(sql.substring(start, i).toUpperCase(Locale.ROOT));
            } else {
                i++;
            }
        }
        if (!current.isEmpty()) {
            statements.add(current);
        }
        return statements;
    }

    // CREATE TRIGGER ... BEGIN ...; ...; END holds semicolons of its own.
    private static boolean insideTrigger(List<String> words) {
        return words.contains("TRIGGER")
                && words.contains("BEGIN")
                && !words.get(words.size() - 1).equals("END");
    }
}
