package dev.flarelink.d1;

import java.util.Map;

/** Row form input that cannot be stored: a message per column index; nothing was written. */
public class RowValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Map<Integer, String> fieldErrors;

    private RowValidationException(Map<Integer, String> fieldErrors) {
        super("row input rejected for " + fieldErrors.size() + " field(s)");
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    static RowValidationException of(Map<Integer, String> fieldErrors) {
        return new RowValidationException(fieldErrors);
    }

    /** Message per column index. */
    public Map<Integer, String> fieldErrors() {
        return fieldErrors;
    }
}
