package dev.flarelink.connect;

/**
 * A new token for an existing connection; it must reach the same Cloudflare account.
 *
 * @param token the token exactly as pasted; never logged (see {@link #toString()})
 */
public record ReplaceTokenCommand(String token) {

    @Override
    public String toString() {
        return "ReplaceTokenCommand[token=<redacted>]";
    }
}
