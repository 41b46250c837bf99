package dev.flarelink.cloudflare.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits D1's multi-statement {@code sql} on top-level semicolons, respecting quotes, comments and the
 * {@code BEGIN … END} body of {@code CREATE TRIGGER} (and {@code CASE … END}); blank statements are dropped.
 */
final class SqlSplitter {

    private SqlSplitter() {}

    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean content = false;
        int depth = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int end = skip(sql, i);
            if (end > i) {
                current.append(sql, i, end);
                content |= c != '-' && c != '/';
                i = end;
                continue;
            }
            if (Character.isLetter(c)) {
                int wordEnd = i;
                while (wordEnd < sql.length()
                        && (Character.isLetterOrDigit(sql.charAt(wordEnd)) || sql.charAt(wordEnd) == '_')) {
                    wordEnd++;
                }
                String word = sql.substring(i, wordEnd).toUpperCase(Locale.ROOT);
                depth += depthChange(word, current);
                current.append(sql, i, wordEnd);
                content = true;
                i = wordEnd;
                continue;
            }
            if (c == ';' && depth <= 0) {
                add(statements, current, content);
                current.setLength(0);
                content = false;
                depth = 0;
            } else {
                current.append(c);
                content |= !Character.isWhitespace(c);
            }
            i++;
        }
        add(statements, current, content);
        return statements;
    }

    private static int depthChange(String word, StringBuilder current) {
        if (word.equals("CASE")) {
            return 1;
        }
        if (word.equals("END")) {
            return -1;
        }
        if (word.equals("BEGIN")) {
            String head = current.toString()
                    .toUpperCase(Locale.ROOT)
                    .replaceAll("\\s+", " ")
                    .trim();
            return head.startsWith("CREATE TRIGGER")
                            || head.startsWith("CREATE TEMP TRIGGER")
                            || head.startsWith("CREATE TEMPORARY TRIGGER")
                    ? 1
                    : 0;
        }
        return 0;
    }

    /** Index after a quoted string or comment starting at {@code i}, or {@code i} when there is none. */
    private static int skip(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
            int j = i + 1;
            while (j < sql.length()) {
                if (sql.charAt(j) == c) {
                    if (j + 1 < sql.length() && sql.charAt(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return sql.length();
        }
        if (c == '[') {
            int close = sql.indexOf(']', i);
            return close < 0 ? sql.length() : close + 1;
        }
        if (sql.startsWith("--", i)) {
            int newline = sql.indexOf('\n', i);
            return newline < 0 ? sql.length() : newline + 1;
        }
        if (sql.startsWith("/*", i)) {
            int close = sql.indexOf("*/", i + 2);
            return close < 0 ? sql.length() : close + 2;
        }
        return i;
    }

    private static void add(List<String> statements, StringBuilder current, boolean content) {
        if (content) {
            statements.add(current.toString().trim());
        }
    }
}
