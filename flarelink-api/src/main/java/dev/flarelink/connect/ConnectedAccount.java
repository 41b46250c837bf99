package dev.flarelink.connect;

import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.errors.AuthenticationException;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A connection opened for work: its Cloudflare account id and an API view bound to its token, whose every call is
 * recorded in the Activity log. Use {@link #call} so that a token Cloudflare no longer accepts marks the connection
 * revoked.
 */
public final class ConnectedAccount {

    private final UUID connectionId;
    private final String accountId;
    private final CloudflareApi api;
    private final Consumer<UUID> onRevoked;

    ConnectedAccount(UUID connectionId, String accountId, CloudflareApi api, Consumer<UUID> onRevoked) {
        this.connectionId = connectionId;
        this.accountId = accountId;
        this.api = api;
        this.onRevoked = onRevoked;
    }

    public UUID connectionId() {
        return connectionId;
    }

    public String accountId() {
        return accountId;
    }

    /**
     * Runs Cloudflare calls with this connection's token.
     *
     * @throws ConnectionRevokedException when Cloudflare rejects the token itself (the connection is marked revoked)
     */
    public <T> T call(Function<CloudflareApi, T> work) {
        try {
            return work.apply(api);
        } catch (AuthenticationException rejected) {
            // Code 10000 also answers a missing permission; only a token that fails verification is revoked.
            if (tokenStillValid()) {
                throw rejected;
            }
            onRevoked.accept(connectionId);
            throw new ConnectionRevokedException(connectionId);
        }
    }

    private boolean tokenStillValid() {
        try {
            return api.tokens().verify().isActive();
        } catch (AuthenticationException invalid) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "ConnectedAccount[connection=" + connectionId + ", account=" + accountId + "]";
    }
}
