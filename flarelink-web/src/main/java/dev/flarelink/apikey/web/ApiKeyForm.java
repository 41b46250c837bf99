package dev.flarelink.apikey.web;

import dev.flarelink.apikey.CreateApiKeyCommand;
import org.jspecify.annotations.Nullable;

/** The create-key form: a name, a scope, and an optional number of days until it expires. */
public class ApiKeyForm {

    private @Nullable String name;
    private @Nullable String scope = "read_only";
    private @Nullable String expiresInDays;

    public @Nullable String getName() {
        return name;
    }

    public void setName(@Nullable String name) {
        this.name = name;
    }

    public @Nullable String getScope() {
        return scope;
    }

    public void setScope(@Nullable String scope) {
        this.scope = scope;
    }

    public @Nullable String getExpiresInDays() {
        return expiresInDays;
    }

    public void setExpiresInDays(@Nullable String expiresInDays) {
        this.expiresInDays = expiresInDays;
    }

    /** The command, or null when the expiry is not a whole number. */
    @Nullable
    CreateApiKeyCommand toCommand() {
        String days = expiresInDays == null ? "" : expiresInDays.strip();
        if (days.isEmpty()) {
            return new CreateApiKeyCommand(name, scope, null);
        }
        if (!days.matches("\\d{1,9}")) {
            return null;
        }
        return new CreateApiKeyCommand(name, scope, Integer.valueOf(days));
    }
}
