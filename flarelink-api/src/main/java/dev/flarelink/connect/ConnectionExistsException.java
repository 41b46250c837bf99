package dev.flarelink.connect;

import java.util.UUID;

/** The user already has a connection to this Cloudflare account: replace its token instead of adding another. */
public class ConnectionExistsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final UUID existingId;

    ConnectionExistsException(UUID existingId, String accountName) {
        super("You already connected the Cloudflare account \"" + accountName
                + "\". Replace that connection's token instead of adding a second connection.");
        this.existingId = existingId;
    }

    public UUID existingId() {
        return existingId;
    }
}
