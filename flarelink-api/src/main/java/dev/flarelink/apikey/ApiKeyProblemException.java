package dev.flarelink.apikey;

/** A key could not be created as asked; the message says what to change, and nothing was stored. */
public class ApiKeyProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    ApiKeyProblemException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The form field the problem is about. */
    public String field() {
        return field;
    }
}
