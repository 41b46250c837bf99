package dev.flarelink.apikey;

/**
 * A key just created: its record, and the key itself, which exists only here and is shown once.
 *
 * @param secret the whole key ({@code flk_…}); never stored, logged or shown again
 */
public record CreatedApiKey(ApiKeyView key, String secret) {

    @Override
    public String toString() {
        return "CreatedApiKey[key=" + key + ", secret=<redacted>]";
    }
}
