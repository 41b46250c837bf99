package dev.flarelink.cloudflare.core;

import java.nio.charset.StandardCharsets;

/** SQL text helpers for observation: statements are reported truncated to 4 KB of UTF-8. */
final class Sql {

    static final int MAX_BYTES = 4096;

    private Sql() {}

    static String truncate(String sql) {
        if (sql.length() * 3 <= MAX_BYTES || sql.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return sql;
        }
        int bytes = 0;
        int end = 0;
        while (end < sql.length()) {
            int cp = sql.codePointAt(end);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_BYTES) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return sql.substring(0, end);
    }
}
