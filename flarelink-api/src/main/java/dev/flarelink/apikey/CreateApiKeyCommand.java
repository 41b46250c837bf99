package dev.flarelink.apikey;

import org.jspecify.annotations.Nullable;

/**
 * A new key as typed on the API keys page.
 *
 * @param name what the key is for, 1–100 characters
 * @param scope {@code read_only} or {@code full}
 * @param expiresInDays days until it expires (1–3650), or null for a key that does not expire
 */
public record CreateApiKeyCommand(
        @Nullable String name,
        @Nullable String scope,
        @Nullable Integer expiresInDays) {}
