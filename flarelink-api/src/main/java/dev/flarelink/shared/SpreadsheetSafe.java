package dev.flarelink.shared;

import org.jspecify.annotations.Nullable;

/** The one rule every CSV export of Flarelink uses against CSV formula injection (CWE-1236). */
public final class SpreadsheetSafe {

    private SpreadsheetSafe() {}

    /**
     * A spreadsheet runs a cell that starts with {@code = + - @}, tab or carriage return. Such text values get a
     * leading {@code '}; so do values already starting with {@code '}, which keeps the rule reversible: remove one
     * leading {@code '} from any text value that starts with one to get the stored value. Other values are returned
     * unchanged.
     */
    public static @Nullable Object neutralise(@Nullable Object value) {
        if (!(value instanceof String text) || text.isEmpty()) {
            return value;
        }
        char first = text.charAt(0);
        boolean risky = first == '='
                || first == '+'
                || first == '-'
                || first == '@'
                || first == '\t'
                || first == '\r'
                || first == '\'';
        return risky ? "'" + text : text;
    }
}
