package dev.flarelink.d1;

import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One value as the grid shows it: NULL apart from the empty string, BLOBs as size and hex preview, long text cut
 * with the full length noted, JSON recognised so it can be pretty-printed on demand.
 *
 * @param kind {@code null}, {@code integer}, {@code real}, {@code text} or {@code blob}
 * @param display what the cell shows (possibly cut)
 * @param full the whole value as text (hex for a BLOB)
 * @param length characters of text, or bytes of a BLOB
 */
public record CellView(String kind, String display, String full, int length, boolean truncated, boolean json) {

    public static final int PREVIEW_CHARS = 120;
    static final int HEX_PREVIEW_BYTES = 16;

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    static CellView of(@Nullable Object value) {
        if (value == null) {
            return new CellView("null", "NULL", "", 0, false, false);
        }
        if (value instanceof List<?> bytes) {
            return blob(SqlValues.toBytes(bytes));
        }
        if (value instanceof Long || value instanceof Integer) {
            return new CellView("integer", value.toString(), value.toString(), 0, false, false);
        }
        if (value instanceof Number n) {
            return new CellView("real", n.toString(), n.toString(), 0, false, false);
        }
        String text = value.toString();
        boolean cut = text.length() > PREVIEW_CHARS;
        String display = cut ? text.substring(0, PREVIEW_CHARS) + "…" : text;
        return new CellView("text", display, text, text.length(), cut, looksLikeJson(text));
    }

    private static CellView blob(byte[] bytes) {
        int shown = Math.min(bytes.length, HEX_PREVIEW_BYTES);
        String preview = HexFormat.of().formatHex(bytes, 0, shown) + (bytes.length > shown ? "…" : "");
        String display = "BLOB " + bytes.length + " B: " + preview;
        return new CellView(
                "blob", display, HexFormat.of().formatHex(bytes), bytes.length, bytes.length > shown, false);
    }

    /**
     * The cell's CSS classes, built here once: the grid renders thousands of cells a page, and each expression a
     * template evaluates per cell is resolved by reflection (most of a page's CPU under load, issue 24).
     */
    public String cssClass() {
        return "cell cell-" + kind;
    }

    /** {@code null}, {@code empty} (the empty string) or {@code value}: which of the three ways the cell is shown. */
    public String shape() {
        if (isNull()) {
            return "null";
        }
        return isEmptyText() ? "empty" : "value";
    }

    /** Whether the cell links to its row page (cut text, a BLOB beyond its preview, or JSON). */
    public boolean linked() {
        return truncated || json;
    }

    public boolean isNull() {
        return "null".equals(kind);
    }

    public boolean isEmptyText() {
        return "text".equals(kind) && full.isEmpty();
    }

    /** The JSON value indented, or the text unchanged when it is not JSON. */
    public String pretty() {
        if (!json) {
            return full;
        }
        try {
            return JSON.writeValueAsString(JSON.readTree(full));
        } catch (JacksonException notJson) {
            return full;
        }
    }

    private static boolean looksLikeJson(String text) {
        String t = text.strip();
        if (!(t.startsWith("{") && t.endsWith("}")) && !(t.startsWith("[") && t.endsWith("]"))) {
            return false;
        }
        try {
            JSON.readTree(t);
            return true;
        } catch (JacksonException notJson) {
            return false;
        }
    }
}
