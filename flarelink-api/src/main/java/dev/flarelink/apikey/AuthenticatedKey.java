package dev.flarelink.apikey;

import java.util.UUID;

/**
 * A presented key that is known, not revoked and not expired: whose it is and what it may do. Holds no secret.
 *
 * @param prefix the key's first characters, as the Activity log names it
 */
public record AuthenticatedKey(UUID keyId, UUID userId, String email, String name, String prefix, ApiKeyScope scope) {

    public boolean readOnly() {
        return scope == ApiKeyScope.READ_ONLY;
    }

    /** How the Activity log names the key: its name and prefix. */
    public String actor() {
        return "API key \"" + name + "\" (" + prefix + "…)";
    }
}
