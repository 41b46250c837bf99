package dev.flarelink.connect;

import org.jspecify.annotations.Nullable;

/**
 * A pasted token, and the account to connect when the token sees several (null on the first try).
 *
 * @param token the token exactly as pasted; never logged (see {@link #toString()})
 */
public record ConnectCommand(String token, @Nullable String accountId) {

    @Override
    public String toString() {
        return "ConnectCommand[token=<redacted>, accountId=" + accountId + "]";
    }
}
