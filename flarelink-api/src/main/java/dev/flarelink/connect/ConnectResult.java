package dev.flarelink.connect;

import dev.flarelink.cloudflare.accounts.Account;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a connect attempt: connected, or the token sees several accounts and the user must choose one.
 *
 * @param connection the new connection, or null when a choice is needed
 * @param accounts the accounts to choose from, empty when connected
 */
public record ConnectResult(@Nullable ConnectionView connection, List<AccountChoice> accounts) {

    static ConnectResult connected(ConnectionView connection) {
        return new ConnectResult(connection, List.of());
    }

    static ConnectResult chooseAmong(List<Account> accounts) {
        return new ConnectResult(
                null,
                accounts.stream().map(a -> new AccountChoice(a.id(), a.name())).toList());
    }

    public boolean needsAccountChoice() {
        return connection == null;
    }

    /** An account the token can see. */
    public record AccountChoice(String id, String name) {}
}
