package dev.flarelink.cloudflare.sandbox;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Maps SQLite failures to D1's 400 / code 7500 errors, e.g. {@code "no such table: t: SQLITE_ERROR"}. */
final class D1Errors {

    private static final Pattern DETAIL = Pattern.compile("\\((.*)\\)\\s*$", Pattern.DOTALL);

    private D1Errors() {}

    static ApiException translate(SQLException e) {
        if (!(e instanceof SQLiteException sqlite)) {
            return ApiException.badRequest(7500, String.valueOf(e.getMessage()));
        }
        SQLiteErrorCode extended = sqlite.getResultCode();
        SQLiteErrorCode primary = SQLiteErrorCode.getErrorCode(extended.code & 0xff);
        String message = detail(String.valueOf(sqlite.getMessage())) + ": " + primary.name();
        if (extended != primary) {
            message += " (extended: " + extended.name() + ")";
        }
        return ApiException.badRequest(7500, message);
    }

    /** sqlite-jdbc wraps SQLite's text as "[CODE] description (text)"; D1 reports only the text. */
    private static String detail(String message) {
        Matcher m = DETAIL.matcher(message);
        return m.find() ? m.group(1) : message;
    }
}
