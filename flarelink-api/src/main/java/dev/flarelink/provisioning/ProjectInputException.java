package dev.flarelink.provisioning;

import java.util.Map;

/** Wizard input that cannot be used, with one message per field saying what is wrong and how to fix it. */
public class ProjectInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> fieldErrors;

    ProjectInputException(Map<String, String> fieldErrors) {
        super("Invalid project input: " + fieldErrors.keySet());
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    /** Field name ({@code name}, {@code trustedOrigins}, {@code r2Bucket}, {@code connectionId}) to message. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
