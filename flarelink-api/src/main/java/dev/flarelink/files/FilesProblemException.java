package dev.flarelink.files;

/**
 * Input the Files page refuses, or a Cloudflare answer explained; {@link #field()} names the form field the message
 * belongs next to. Nothing was changed when this is thrown.
 */
public class FilesProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public FilesProblemException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The form field the message belongs to, e.g. {@code name} or {@code origins}. */
    public String field() {
        return field;
    }
}
