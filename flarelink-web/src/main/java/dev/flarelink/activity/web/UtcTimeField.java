package dev.flarelink.activity.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.Errors;

/** The one way the Activity forms read a UTC time field, with the one message for a bad one. */
final class UtcTimeField {

    private UtcTimeField() {}

    /** The time typed in {@code field}, or null when it is empty or unreadable (then the error is on the field). */
    static @Nullable Instant parse(String field, @Nullable String value, Errors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.rejectValue(field, "invalid", "Write the time in UTC as 2026-01-31T14:05.");
            return null;
        }
    }
}
