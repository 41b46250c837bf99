package dev.flarelink.d1;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Checks row form input against each column's type and turns it into values to bind, or reports what is wrong. */
final class RowValues {

    private RowValues() {}

    /** @throws RowValidationException naming every field that cannot be stored */
    static Map<ColumnInfo, @Nullable Object> convert(
            TableShape shape, Map<Integer, FieldInput> fields, boolean insert) {
        Map<ColumnInfo, @Nullable Object> values = new LinkedHashMap<>();
        Map<Integer, String> errors = new HashMap<>();
        for (ColumnInfo column : shape.columns()) {
            FieldInput input = fields.get(column.index());
            if (input == null || (input.mode() == FieldInput.Mode.DEFAULT && insert)) {
                continue;
            }
            if (input.mode() == FieldInput.Mode.DEFAULT) {
                errors.put(column.index(), "Only a new row can take the default. Enter a value or choose NULL.");
            } else if (input.mode() == FieldInput.Mode.NULL) {
                if (column.notNull()) {
                    errors.put(column.index(), "This column does not accept NULL. Enter a value.");
                } else {
                    values.put(column, null);
                }
            } else {
                try {
                    values.put(column, value(column, input.text()));
                } catch (IllegalArgumentException wrong) {
                    errors.put(column.index(), wrong.getMessage());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw RowValidationException.of(errors);
        }
        return values;
    }

    private static Object value(ColumnInfo column, String text) {
        return switch (column.inputKind()) {
            case "boolean" -> booleanValue(text);
            case "number" -> integer(text);
            case "decimal" -> decimal(text);
            case "hex" -> hex(text);
            default -> text;
        };
    }

    private static Object booleanValue(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true", "yes" -> 1L;
            case "0", "false", "no" -> 0L;
            default -> throw new IllegalArgumentException("Choose true or false, or NULL.");
        };
    }

    private static Object integer(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Enter a whole number such as 42, or choose NULL.");
        }
    }

    private static Object decimal(String text) {
        Object typed = SqlValues.typed(text, Affinity.REAL);
        if (typed instanceof String) {
            throw new IllegalArgumentException("Enter a number such as 3.14, or choose NULL.");
        }
        return typed;
    }

    private static Object hex(String text) {
        String hex = text.strip().replace(" ", "");
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Enter the bytes as hexadecimal, two digits per byte (e.g. 0a1b), " + "or choose NULL.");
        }
    }
}
