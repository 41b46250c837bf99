package dev.flarelink.connect;

import java.util.UUID;

/** Cloudflare no longer accepts the connection's token; the user must replace it. */
public class ConnectionRevokedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final UUID connectionId;

    ConnectionRevokedException(UUID connectionId) {
        super("Cloudflare no longer accepts this connection's token (revoked or expired). Replace the token to go on.");
        this.connectionId = connectionId;
    }

    public UUID connectionId() {
        return connectionId;
    }
}
