package dev.flarelink.apikey;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What a key may do: read only, or everything its user may do on the pages. */
public enum ApiKeyScope {
    READ_ONLY("read_only", "Read only"),
    FULL("full", "Full access");

    private final String stored;
    private final String label;

    ApiKeyScope(String stored, String label) {
        this.stored = stored;
        this.label = label;
    }

    /** The value kept in the database and shown in JSON. */
    public String stored() {
        return stored;
    }

    public String label() {
        return label;
    }

    /** The scope named {@code value} ({@code read_only} or {@code full}), or null when it is neither. */
    public static @Nullable ApiKeyScope parse(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (ApiKeyScope scope : values()) {
            if (scope.stored.equals(wanted)) {
                return scope;
            }
        }
        return null;
    }
}
