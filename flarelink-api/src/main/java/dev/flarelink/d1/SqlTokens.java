package dev.flarelink.d1;

import java.util.ArrayList;
import java.util.List;

/** Splits SQL into statements of bare words, skipping literals, quoted identifiers and comments. */
final class SqlTokens {

    /**
     * A bare word of a statement.
     *
     * @param start offset in the statement's text
     * @param depth parenthesis depth (0 = top level)
     */
    record Token(String word, int start, int end, int depth) {}

    private SqlTokens() {}

    static List<SqlScript.Statement> split(String sql) {
        List<SqlScript.Statement> statements = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        int begin = 0;
        int depth = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`' || c == '[') {
                int end = sql.indexOf(c == '[' ? ']' : c, i + 1);
                i = end < 0 ? n : end + 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == ';' && !insideTrigger(tokens)) {
                add(statements, sql.substring(begin, i), tokens, begin);
                tokens = new ArrayList<>();
                begin = ++i;
                depth = 0;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n
                        && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(new Token(SqlScript.upper(sql.substring(start, i)), start, i, depth));
            } else {
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                i++;
            }
        }
        add(statements, sql.substring(begin), tokens, begin);
        return statements;
    }

    private static void add(List<SqlScript.Statement> out, String text, List<Token> tokens, int offset) {
        if (tokens.isEmpty()) {
            return;
        }
        List<Token> local = tokens.stream()
                .map(t -> new Token(t.word(), t.start() - offset, t.end() - offset, t.depth()))
                .toList();
        out.add(new SqlScript.Statement(text, local, offset));
    }

    // CREATE TRIGGER ... BEGIN ...; ...; END holds semicolons of its own.
    private static boolean insideTrigger(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return false;
        }
        List<String> words = tokens.stream().map(Token::word).toList();
        return words.contains("TRIGGER")
                && words.contains("BEGIN")
                && !words.get(words.size() - 1).equals("END");
    }
}
