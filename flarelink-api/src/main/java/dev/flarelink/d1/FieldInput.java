package dev.flarelink.d1;

/**
 * What the row form says for one column.
 *
 * @param mode {@link Mode#VALUE} (use {@code text}), {@link Mode#NULL} or {@link Mode#DEFAULT} (insert only)
 */
public record FieldInput(Mode mode, String text) {

    /** How a field's value is chosen. */
    public enum Mode {
        VALUE,
        NULL,
        DEFAULT
    }
}
